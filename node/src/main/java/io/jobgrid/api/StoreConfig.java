package io.jobgrid.api;

import java.time.Duration;
import java.util.Locale;

/**
 * Where job records and output tails are kept beyond the memory of the members, so that a
 * restart of the whole cluster loses nothing (see the README, "Durable job history").
 *
 * @param type               {@code none}, {@code h2} (embedded, files in the node's data dir, shared by the
 *                           nodes of one machine) or {@code postgres}; {@code auto} (the default) is h2 when the
 *                           node has a data dir and none otherwise
 * @param url                JDBC URL; required for postgres, null for h2 means {@code <dataDir>/jobgrid}
 * @param user               database user (postgres)
 * @param password           database password (postgres)
 * @param writeDelay         write-behind delay; zero writes through (each change stored before it is acknowledged)
 * @param writeBatchSize     records per batch written to the database
 * @param keepFinished       how long a finished job stays in member memory after it finished
 * @param maxFinishedInMemory finished jobs each member keeps in memory at most (its primary copies)
 * @param retention          finished jobs and their output are deleted this long after they finished
 */
public record StoreConfig(
        Type type,
        String url,
        String user,
        String password,
        Duration writeDelay,
        int writeBatchSize,
        Duration keepFinished,
        int maxFinishedInMemory,
        Duration retention) {

    /** The kinds of store. */
    public enum Type {
        AUTO, NONE, H2, POSTGRES;

        static Type parse(String text) {
            if (text == null || text.isBlank()) {
                return AUTO;
            }
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("store.type", "store.type must be one of auto, none, h2, postgres, "
                        + "but was '" + text + "'");
            }
        }
    }

    public StoreConfig {
        type = type == null ? Type.AUTO : type;
        writeDelay = writeDelay == null ? Duration.ofSeconds(1) : writeDelay;
        checkWriteDelay(writeDelay);
        writeBatchSize = writeBatchSize == 0 ? 1000 : writeBatchSize;
        checkWriteBatchSize(writeBatchSize);
        keepFinished = keepFinished == null ? Duration.ofMinutes(5) : keepFinished;
        checkKeepFinished(keepFinished);
        maxFinishedInMemory = maxFinishedInMemory == 0 ? 20_000 : maxFinishedInMemory;
        checkMaxFinishedInMemory(maxFinishedInMemory);
        retention = retention == null ? Duration.ofDays(7) : retention;
        checkRetention(retention);
        checkUrl(type, url);
    }

    /** Persistence off. */
    public static StoreConfig none() {
        return new Builder().type("none").build();
    }

    public static StoreConfig defaults() {
        return new Builder().build();
    }

    /** The type this node uses: {@code auto} resolved against whether it has a data dir. */
    public Type effectiveType(boolean hasDataDir) {
        if (type != Type.AUTO) {
            return type;
        }
        return hasDataDir ? Type.H2 : Type.NONE;
    }

    /** Like the record's own, without the password. */
    @Override
    public String toString() {
        return "StoreConfig[type=" + type + ", url=" + url + ", user=" + user + ", writeDelay=" + writeDelay
                + ", keepFinished=" + keepFinished + ", maxFinishedInMemory=" + maxFinishedInMemory + ", retention="
                + retention + "]";
    }

    private static void checkWriteDelay(Duration writeDelay) {
        require(!writeDelay.isNegative() && writeDelay.compareTo(Duration.ofMinutes(10)) <= 0, "store.writeDelaySeconds",
                "store.writeDelaySeconds must be between 0 (write-through) and 600, but was " + writeDelay.toSeconds());
        require(writeDelay.toMillis() % 1000 == 0, "store.writeDelaySeconds",
                "store.writeDelaySeconds must be a whole number, but was " + writeDelay.toMillis() / 1000.0);
    }

    private static void checkWriteBatchSize(int writeBatchSize) {
        require(writeBatchSize >= 1 && writeBatchSize <= 100_000, "store.writeBatchSize",
                "store.writeBatchSize must be between 1 and 100000, but was " + writeBatchSize);
    }

    private static void checkKeepFinished(Duration keepFinished) {
        require(!keepFinished.isNegative() && keepFinished.compareTo(Duration.ofDays(30)) <= 0,
                "store.keepFinishedSeconds", "store.keepFinishedSeconds must be between 0 and 2592000, but was "
                        + keepFinished.toSeconds());
    }

    private static void checkMaxFinishedInMemory(int maxFinishedInMemory) {
        require(maxFinishedInMemory >= 1 && maxFinishedInMemory <= 10_000_000, "store.maxFinishedInMemory",
                "store.maxFinishedInMemory must be between 1 and 10000000, but was " + maxFinishedInMemory);
    }

    private static void checkRetention(Duration retention) {
        require(retention.compareTo(Duration.ofSeconds(1)) >= 0 && retention.compareTo(Duration.ofDays(36_500)) <= 0,
                "store.retentionDays", "store.retentionDays must be between 1 second and 36500 days, but was "
                        + retention);
    }

    /** postgres needs a postgres URL; h2 may go without one (then it lives in the data dir), but not with another's. */
    private static void checkUrl(Type type, String url) {
        if (type == Type.POSTGRES) {
            require(url != null && url.startsWith("jdbc:postgresql:"), "store.url",
                    "store.url must be a jdbc:postgresql: URL for store.type postgres, but was " + url);
        }
        if (type == Type.H2 && url != null) {
            require(url.startsWith("jdbc:h2:"), "store.url", "store.url must be a jdbc:h2: URL for store.type h2, "
                    + "but was " + url);
        }
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new InvalidInputException(field, message);
        }
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.type = type.name().toLowerCase(Locale.ROOT);
        b.url = url;
        b.user = user;
        b.password = password;
        b.writeDelaySeconds = (double) writeDelay.toSeconds();
        b.writeBatchSize = writeBatchSize;
        b.keepFinishedSeconds = keepFinished.toMillis() / 1000.0;
        b.maxFinishedInMemory = maxFinishedInMemory;
        b.retentionDays = retention.toMillis() / 86_400_000.0;
        return b;
    }

    /** The {@code store:} section of jobgrid.yaml, unchecked until {@link #build()}. */
    public static final class Builder {
        public String type;
        public String url;
        public String user;
        public String password;
        public Double writeDelaySeconds;
        public int writeBatchSize;
        public Double keepFinishedSeconds;
        public int maxFinishedInMemory;
        public Double retentionDays;

        public Builder type(String v) { type = v; return this; }
        public Builder url(String v) { url = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder password(String v) { password = v; return this; }
        public Builder writeDelaySeconds(double v) { writeDelaySeconds = v; return this; }
        public Builder writeBatchSize(int v) { writeBatchSize = v; return this; }
        public Builder keepFinishedSeconds(double v) { keepFinishedSeconds = v; return this; }
        public Builder maxFinishedInMemory(int v) { maxFinishedInMemory = v; return this; }
        public Builder retentionDays(double v) { retentionDays = v; return this; }

        public StoreConfig build() {
            return new StoreConfig(Type.parse(type), blankToNull(url), blankToNull(user), password,
                    millis(writeDelaySeconds, 1000), writeBatchSize, millis(keepFinishedSeconds, 1000),
                    maxFinishedInMemory, millis(retentionDays, 86_400_000));
        }

        private static Duration millis(Double value, long unit) {
            return value == null ? null : Duration.ofMillis((long) (value * unit));
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }
}
