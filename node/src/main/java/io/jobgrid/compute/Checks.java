package io.jobgrid.compute;

import io.jobgrid.api.InvalidInputException;
import java.util.regex.Pattern;

/** Input checks shared by the vector types; each error names the field and the bad value. */
final class Checks {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private Checks() {
    }

    /** Scalars must be finite: NaN or infinity in would silently poison every element. */
    static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidInputException(field, field + " must be a finite number, but was " + value);
        }
        return value;
    }

    static String name(String field, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException(field, field
                    + " must be 1-128 characters of letters, digits, '.', '_' or '-', starting with a letter or digit, but was "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }
}
