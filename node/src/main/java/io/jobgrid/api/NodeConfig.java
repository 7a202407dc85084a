package io.jobgrid.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * How one node runs. Immutable and checked as it is built: a bad value is refused naming the
 * setting, so a node never starts half-configured.
 *
 * @param hazelcastConfig a Hazelcast YAML/XML file (discovery, ports); null means TCP-IP on loopback
 * @param httpPort        REST port; 0 picks a free one, -1 turns REST off. Off unless set: an embedded node
 *                        ({@link #builder()}, {@link #load(Path)}) serves no REST unless asked to; the command
 *                        line ({@code bin/jobgrid node}) gives {@link #COMMAND_LINE_HTTP_PORT} when neither its
 *                        config file nor {@code --http-port} sets one
 * @param token           bearer token for REST; required when {@code httpBind} is not loopback
 * @param slots           jobs run at once on this node
 * @param logTailBytes    output kept in the grid per attempt; older bytes are dropped
 * @param backupCount     synchronous backups of job records, queues and logs (1 to 6)
 * @param heartbeatTimeout how long a silent member is kept before it is declared dead
 * @param drainGrace      how long a draining node lets running jobs finish before handing them back
 * @param minimumClusterSize members a node must see to run jobs; 0 means a strict majority of the
 *                        members it has seen, less those that left on purpose
 * @param allowedCommands regexes a job's program (argv[0], or /bin/sh for shell jobs) must match in
 *                        full on this node; empty means any program
 * @param tlsKeystore     PKCS#12 keystore with the REST server's key and certificate; null means plain HTTP
 * @param tlsKeystorePassword password of {@code tlsKeystore} (and of the key in it)
 * @param store           where job records and output are kept beyond memory (the {@code store:} section)
 * @param readOnlyToken   a second REST bearer token that may read (GET) everything and change nothing;
 *                        needs {@code token}, and must differ from it
 * @param taskSlots       Java tasks run at once on this node (the pool of its task executor service),
 *                        apart from the shell slots; default one per core, 0 runs none
 * @param taskClasspath   jars and directories whose task classes and named task types
 *                        ({@code META-INF/services/io.jobgrid.api.TaskType}) this node runs
 * @param taskTypes       named task types given in code (an embedding app), besides those found on the class path
 */
public record NodeConfig(
        String name,
        String clusterName,
        Path hazelcastConfig,
        List<String> members,
        int memberPort,
        String memberBind,
        int httpPort,
        String httpBind,
        String token,
        Path dataDir,
        int slots,
        Map<String, String> tags,
        int logTailBytes,
        int backupCount,
        boolean inheritEnv,
        Duration killGrace,
        Duration heartbeatTimeout,
        Duration drainGrace,
        List<String> allowedCommands,
        Path tlsKeystore,
        String tlsKeystorePassword,
        int minimumClusterSize,
        StoreConfig store,
        String readOnlyToken,
        int taskSlots,
        List<Path> taskClasspath,
        List<TaskType<?>> taskTypes) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,62}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-/]{0,62}");

    public NodeConfig {
        name = orIfBlank(name, defaultName());
        checkName(name);
        clusterName = orIfBlank(clusterName, "jobgrid");
        members = members == null || members.isEmpty() ? List.of("127.0.0.1") : List.copyOf(members);
        checkMemberPort(memberPort);
        memberBind = orIfBlank(memberBind, "127.0.0.1");
        checkHttpPort(httpPort);
        httpBind = orIfBlank(httpBind, "127.0.0.1");
        token = orIfBlank(token, null);
        checkToken(token, httpPort, httpBind);
        readOnlyToken = orIfBlank(readOnlyToken, null);
        checkReadOnlyToken(readOnlyToken, token);
        slots = slots == 0 ? Runtime.getRuntime().availableProcessors() : slots;
        checkSlots(slots);
        tags = checkTags(tags);
        logTailBytes = logTailBytes == 0 ? 1024 * 1024 : logTailBytes;
        checkLogTailBytes(logTailBytes);
        checkBackupCount(backupCount);
        killGrace = killGrace == null ? Duration.ofSeconds(5) : killGrace;
        checkKillGrace(killGrace);
        checkMinimumClusterSize(minimumClusterSize);
        drainGrace = drainGrace == null ? Duration.ofSeconds(20) : drainGrace;
        checkDrainGrace(drainGrace);
        heartbeatTimeout = heartbeatTimeout == null ? Duration.ofSeconds(5) : heartbeatTimeout;
        checkHeartbeatTimeout(heartbeatTimeout);
        allowedCommands = checkPatterns(allowedCommands);
        checkTls(tlsKeystore, tlsKeystorePassword);
        store = store == null ? StoreConfig.defaults() : store;
        checkStore(store, dataDir);
        taskSlots = taskSlots < 0 ? Runtime.getRuntime().availableProcessors() : taskSlots;
        require(taskSlots <= 4096, "taskSlots", "taskSlots must be between 0 and 4096, but was " + taskSlots);
        taskClasspath = checkClasspath(taskClasspath);
        taskTypes = taskTypes == null ? List.of() : List.copyOf(taskTypes);
    }

    private static List<Path> checkClasspath(List<Path> entries) {
        if (entries == null) {
            return List.of();
        }
        for (Path p : entries) {
            require(p != null && Files.exists(p), "taskClasspath", "taskClasspath entries must exist, but '" + p
                    + "' does not");
        }
        return List.copyOf(entries);
    }

    /** Like the record's own, with the token and the keystore password left out, so they never reach a log. */
    @Override
    public String toString() {
        return "NodeConfig[name=" + name + ", clusterName=" + clusterName + ", httpBind=" + httpBind + ", httpPort="
                + httpPort + ", memberBind=" + memberBind + ", memberPort=" + memberPort + ", slots=" + slots
                + ", tags=" + tags + ", token=" + (token == null ? "none" : "(set)")
                + ", readOnlyToken=" + (readOnlyToken == null ? "none" : "(set)") + ", tls=" + tls()
                + ", allowedCommands=" + allowedCommands + ", inheritEnv=" + inheritEnv + ", dataDir=" + dataDir
                + ", store=" + store + "]";
    }

    /** True when REST is served over TLS. */
    public boolean tls() {
        return tlsKeystore != null;
    }

    /** The REST port of a node started from the command line whose config does not set one. */
    public static final int COMMAND_LINE_HTTP_PORT = 8080;

    /** Every setting at its default: TCP-IP on loopback, no REST (set {@code httpPort} for it), one slot per core. */
    public static NodeConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.clusterName = clusterName;
        b.hazelcastConfig = hazelcastConfig;
        b.members = members;
        b.memberPort = memberPort;
        b.memberBind = memberBind;
        b.httpPort = httpPort;
        b.httpBind = httpBind;
        b.token = token;
        b.readOnlyToken = readOnlyToken;
        b.dataDir = dataDir;
        b.slots = slots;
        b.tags = tags;
        b.logTailBytes = logTailBytes;
        b.backupCount = backupCount;
        b.inheritEnv = inheritEnv;
        b.killGraceSeconds = killGrace.toMillis() / 1000.0;
        b.heartbeatTimeoutSeconds = heartbeatTimeout.toMillis() / 1000.0;
        b.drainGraceSeconds = drainGrace.toMillis() / 1000.0;
        b.minimumClusterSize = minimumClusterSize;
        b.allowedCommands = allowedCommands;
        b.tlsKeystore = tlsKeystore;
        b.tlsKeystorePassword = tlsKeystorePassword;
        b.store = store.toBuilder();
        b.taskSlots = taskSlots;
        b.taskClasspath = taskClasspath.stream().map(Path::toString).toList();
        b.taskTypes = taskTypes;
        return b;
    }

    /**
     * Reads {@code jobgrid.yaml}. A relative {@code hazelcastConfig} is resolved against the
     * file's folder. Unknown keys are refused, so a typo does not silently fall back to a default.
     * {@code ${NAME}} in a string value is replaced by the environment variable {@code NAME} (an unset
     * one is refused), so the file can name secrets that the environment holds.
     */
    public static NodeConfig load(Path file) {
        try {
            return read(file).build();
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.field(), file + ": " + e.getMessage());
        }
    }

    /**
     * Reads {@code jobgrid.yaml} into a builder, unchecked, so that command-line values can be laid
     * over it before {@link Builder#build()} checks the whole.
     */
    public static Builder read(Path file) {
        return read(file, System::getenv);
    }

    /**
     * Like {@link #read(Path)}, with {@code ${NAME}} in string values taken from {@code env} instead of the
     * process environment (an application that keeps its secrets elsewhere, or a test).
     */
    public static Builder read(Path file, UnaryOperator<String> env) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            JsonNode tree = Files.size(file) == 0 ? null : yaml.readTree(file.toFile());
            Builder b = null;
            if (tree != null && !tree.isMissingNode() && !tree.isNull()) {
                EnvPlaceholders.resolve(tree, "", env);
                b = yaml.treeToValue(tree, Builder.class);
            }
            if (b == null) {
                b = new Builder();
            }
            Path dir = file.toAbsolutePath().getParent();
            if (b.hazelcastConfig != null && !b.hazelcastConfig.isAbsolute()) {
                b.hazelcastConfig = dir.resolve(b.hazelcastConfig).normalize();
            }
            if (b.tlsKeystore != null && !b.tlsKeystore.isAbsolute()) {
                b.tlsKeystore = dir.resolve(b.tlsKeystore).normalize();
            }
            return b;
        } catch (IOException e) {
            throw new InvalidInputException("config", "cannot read node config " + file + ": " + e.getMessage());
        }
    }

    public static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String defaultName() {
        return "node-" + ProcessHandle.current().pid();
    }

    /** {@code value}, or {@code fallback} when it is null or blank. */
    private static String orIfBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void checkName(String name) {
        require(NAME.matcher(name).matches(), "name", "name must match " + NAME + ", but was '" + name + "'");
    }

    private static void checkMemberPort(int memberPort) {
        require(memberPort >= 0 && memberPort <= 65535, "memberPort",
                "memberPort must be between 0 and 65535, but was " + memberPort);
    }

    private static void checkHttpPort(int httpPort) {
        require(httpPort >= -1 && httpPort <= 65535, "httpPort",
                "httpPort must be between -1 (off) and 65535, but was " + httpPort);
    }

    /** A read-only token is a second, weaker door: only beside a full token, as long, and not the same. */
    private static void checkReadOnlyToken(String readOnly, String token) {
        if (readOnly == null) {
            return;
        }
        require(readOnly.length() >= 16, "readOnlyToken",
                "readOnlyToken must be at least 16 characters, but was " + readOnly.length());
        require(token != null, "readOnlyToken", "readOnlyToken needs a token beside it, but no token was given");
        require(!readOnly.equals(token), "readOnlyToken", "readOnlyToken must differ from token, but was the same");
    }

    /** A token must be long enough to guess hard, and REST served beyond loopback must have one. */
    private static void checkToken(String token, int httpPort, String httpBind) {
        require(token == null || token.length() >= 16, "token",
                "token must be at least 16 characters, but was " + (token == null ? 0 : token.length()));
        require(httpPort == -1 || isLoopback(httpBind) || token != null, "token",
                "httpBind " + httpBind + " is not loopback, so a token is required, but none was given");
    }

    private static void checkSlots(int slots) {
        require(slots >= 1 && slots <= 4096, "slots", "slots must be between 1 and 4096, but was " + slots);
    }

    private static void checkLogTailBytes(int logTailBytes) {
        require(logTailBytes >= 1024 && logTailBytes <= 64 * 1024 * 1024, "logTailBytes",
                "logTailBytes must be between 1024 and 67108864, but was " + logTailBytes);
    }

    private static void checkBackupCount(int backupCount) {
        require(backupCount >= 1 && backupCount <= 6, "backupCount",
                "backupCount must be between 1 and 6, but was " + backupCount);
    }

    private static void checkKillGrace(Duration killGrace) {
        require(!killGrace.isNegative() && killGrace.compareTo(Duration.ofMinutes(5)) <= 0, "killGraceSeconds",
                "killGraceSeconds must be between 0 and 300, but was " + killGrace.toSeconds());
    }

    private static void checkMinimumClusterSize(int minimumClusterSize) {
        require(minimumClusterSize >= 0 && minimumClusterSize <= 1000, "minimumClusterSize",
                "minimumClusterSize must be between 0 (a majority of the members seen) and 1000, but was "
                        + minimumClusterSize);
    }

    private static void checkDrainGrace(Duration drainGrace) {
        require(!drainGrace.isNegative() && drainGrace.compareTo(Duration.ofDays(1)) <= 0, "drainGraceSeconds",
                "drainGraceSeconds must be between 0 and 86400, but was " + drainGrace.toSeconds());
    }

    private static void checkHeartbeatTimeout(Duration heartbeatTimeout) {
        require(heartbeatTimeout.compareTo(Duration.ofSeconds(2)) >= 0
                        && heartbeatTimeout.compareTo(Duration.ofMinutes(10)) <= 0, "heartbeatTimeoutSeconds",
                "heartbeatTimeoutSeconds must be between 2 and 600, but was " + heartbeatTimeout.toSeconds());
    }

    /** An h2 store keeps its files somewhere: in the data dir, or where its URL says. */
    private static void checkStore(StoreConfig store, Path dataDir) {
        require(store.effectiveType(dataDir != null) != StoreConfig.Type.H2 || dataDir != null || store.url() != null,
                "store.type", "store.type h2 needs a dataDir (--data-dir) or a store.url, but neither was given");
    }

    private static Map<String, String> checkTags(Map<String, String> tags) {
        Map<String, String> copy = new LinkedHashMap<>();
        copy.put("os", System.getProperty("os.name", "unknown").toLowerCase(java.util.Locale.ROOT));
        if (tags != null) {
            for (Map.Entry<String, String> t : tags.entrySet()) {
                require(t.getKey() != null && TAG.matcher(t.getKey()).matches(), "tags",
                        "tag names must match " + TAG + ", but was '" + t.getKey() + "'");
                require(t.getValue() != null && t.getValue().length() <= 128, "tags." + t.getKey(),
                        "tag values must be at most 128 characters, but was '" + t.getValue() + "'");
                copy.put(t.getKey(), t.getValue());
            }
        }
        return Map.copyOf(copy);
    }

    private static List<String> checkPatterns(List<String> patterns) {
        if (patterns == null) {
            return List.of();
        }
        for (int i = 0; i < patterns.size(); i++) {
            String p = patterns.get(i);
            String field = "allowedCommands[" + i + "]";
            require(p != null && !p.isEmpty(), field, field + " must be a regular expression, but was empty");
            try {
                Pattern.compile(p);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new InvalidInputException(field, field + " must be a valid regular expression, but was '" + p
                        + "': " + e.getDescription());
            }
        }
        return List.copyOf(patterns);
    }

    private static void checkTls(Path keystore, String password) {
        if (keystore == null) {
            return;
        }
        require(Files.isRegularFile(keystore) && Files.isReadable(keystore), "tlsKeystore",
                "tlsKeystore must be a readable PKCS#12 file, but was " + keystore);
        require(password != null, "tlsKeystorePassword",
                "tlsKeystorePassword is required with tlsKeystore, but none was given");
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new InvalidInputException(field, message);
        }
    }

    /** Mutable holder for YAML and command-line values; {@link #build()} checks them. */
    public static final class Builder {
        public String name;
        public String clusterName;
        public Path hazelcastConfig;
        public List<String> members;
        public int memberPort = 5701;
        public String memberBind;
        /** Null until set: then REST is off ({@code -1}). */
        public Integer httpPort;
        public String httpBind;
        public String token;
        public String readOnlyToken;
        public Path dataDir;
        public int slots;
        public Map<String, String> tags;
        public int logTailBytes;
        public int backupCount = 1;
        public boolean inheritEnv;
        public Double killGraceSeconds;
        public Double heartbeatTimeoutSeconds;
        public Double drainGraceSeconds;
        public int minimumClusterSize;
        public List<String> allowedCommands;
        public Path tlsKeystore;
        public String tlsKeystorePassword;
        public StoreConfig.Builder store;
        /** Null until set: one per core. */
        public Integer taskSlots;
        public List<String> taskClasspath;
        private List<TaskType<?>> taskTypes;

        public Builder name(String v) { name = v; return this; }
        public Builder clusterName(String v) { clusterName = v; return this; }
        public Builder hazelcastConfig(Path v) { hazelcastConfig = v; return this; }
        public Builder members(List<String> v) { members = v; return this; }
        public Builder memberPort(int v) { memberPort = v; return this; }
        public Builder memberBind(String v) { memberBind = v; return this; }
        public Builder httpPort(int v) { httpPort = v; return this; }
        public Builder httpBind(String v) { httpBind = v; return this; }
        public Builder token(String v) { token = v; return this; }
        public Builder readOnlyToken(String v) { readOnlyToken = v; return this; }
        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder slots(int v) { slots = v; return this; }
        public Builder tags(Map<String, String> v) { tags = v; return this; }
        public Builder logTailBytes(int v) { logTailBytes = v; return this; }
        public Builder backupCount(int v) { backupCount = v; return this; }
        public Builder inheritEnv(boolean v) { inheritEnv = v; return this; }
        public Builder killGraceSeconds(double v) { killGraceSeconds = v; return this; }
        public Builder heartbeatTimeoutSeconds(double v) { heartbeatTimeoutSeconds = v; return this; }
        public Builder drainGraceSeconds(double v) { drainGraceSeconds = v; return this; }
        public Builder minimumClusterSize(int v) { minimumClusterSize = v; return this; }
        public Builder allowedCommands(List<String> v) { allowedCommands = v; return this; }
        public Builder tlsKeystore(Path v) { tlsKeystore = v; return this; }
        public Builder tlsKeystorePassword(String v) { tlsKeystorePassword = v; return this; }
        public Builder store(StoreConfig.Builder v) { store = v; return this; }
        public Builder taskSlots(int v) { taskSlots = v; return this; }
        public Builder taskClasspath(List<String> v) { taskClasspath = v; return this; }
        public Builder taskTypes(List<TaskType<?>> v) { taskTypes = v; return this; }

        public NodeConfig build() {
            return new NodeConfig(name, clusterName, hazelcastConfig, members, memberPort, memberBind,
                    httpPort == null ? -1 : httpPort,
                    httpBind, token, dataDir, slots, tags, logTailBytes, backupCount, inheritEnv,
                    seconds(killGraceSeconds), seconds(heartbeatTimeoutSeconds), seconds(drainGraceSeconds),
                    allowedCommands, tlsKeystore, tlsKeystorePassword, minimumClusterSize,
                    store == null ? null : store.build(), readOnlyToken, taskSlots == null ? -1 : taskSlots,
                    taskClasspath == null ? null : taskClasspath.stream().map(Path::of).toList(), taskTypes);
        }

        private static Duration seconds(Double s) {
            return s == null ? null : Duration.ofMillis((long) (s * 1000));
        }
    }
}
