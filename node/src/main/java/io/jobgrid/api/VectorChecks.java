package io.jobgrid.api;

import java.util.regex.Pattern;

/**
 * The input rules of the vector API (names, finite scalars), shared by its types and the engine;
 * each error names the field and the bad value.
 */
public final class VectorChecks {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private VectorChecks() {
    }

    /** Scalars must be finite: NaN or infinity in would silently poison every element. */
    public static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidInputException(field, field + " must be a finite number, but was " + value);
        }
        return value;
    }

    /** A vector name: 1-128 letters, digits, dots, underscores or dashes, starting with a letter or digit. */
    public static String name(String field, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException(field, field
                    + " must be 1-128 characters of letters, digits, '.', '_' or '-', starting with a letter or digit, but was "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }
}
