package io.jobgrid.client;

import java.util.Locale;
import java.util.regex.Pattern;

/** Job ids as the node writes them: 13 characters of Crockford base32, any case typed. */
public final class JobIds {
    private static final Pattern FORMAT = Pattern.compile("[0-9A-HJKMNP-TV-Z]{13}");

    private JobIds() {
    }

    /** The id in canonical (upper) case; a {@link JobgridClientException} (INVALID) naming the bad value. */
    public static String check(String id) {
        String canonical = id == null ? "" : id.strip().toUpperCase(Locale.ROOT);
        if (!FORMAT.matcher(canonical).matches()) {
            throw new JobgridClientException(JobgridClientException.Kind.INVALID,
                    "a job id is 13 characters of Crockford base32 (like 0HBXQ4K7M2N9P), but was '" + id + "'");
        }
        return canonical;
    }
}
