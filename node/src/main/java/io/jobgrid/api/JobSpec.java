package io.jobgrid.api;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What to run and how. Exactly one of {@code command} (an argv list), {@code shell} (a script
 * for {@code /bin/sh -c}) and {@code task} (Java code, see {@link Task}) is given. Every field is
 * checked here, so a spec that exists is valid and bounded in size; a bad one is refused naming the field and the value.
 *
 * @param timeout      wall-clock limit per attempt; null means none
 * @param maxAttempts  attempts in all, counting the first (1 means no retry)
 * @param constraints  node tags that must all match for a node to be eligible
 * @param dependsOn    jobs that must succeed before this one is queued
 * @param array        the job's array and index when it is one of a job array ({@link Jobs#submitArray}); else null
 * @param priority     0 to 100, higher starts first among the queued jobs a node may run (see
 *                     {@link #queueRank(java.time.Instant)}); null means {@value #DEFAULT_PRIORITY}
 * @param concurrencyKey the key whose cluster-wide limit this job counts against (see
 *                     {@link Limits}); null when it has none
 * @param startWithin  queue deadline: a job that has not started this long after its submission
 *                     (still WAITING or QUEUED) is CANCELLED with the error "not started within
 *                     ..." instead of running; null means no deadline. Only the first start counts:
 *                     a retry is not held to it. Between 1 second and {@link #MAX_START_WITHIN}
 */
public record JobSpec(
        List<String> command,
        String shell,
        Map<String, String> env,
        String workdir,
        Duration timeout,
        int maxAttempts,
        Backoff backoff,
        Map<String, String> constraints,
        String name,
        String idempotencyKey,
        List<JobId> dependsOn,
        TaskSpec task,
        ArrayMember array,
        Integer priority,
        String concurrencyKey,
        Duration startWithin) implements Serializable {

    public static final int MAX_ARGS = 1024;
    public static final int MAX_TEXT_BYTES = 128 * 1024;
    public static final int MAX_ENV_ENTRIES = 256;
    public static final int MAX_CONSTRAINTS = 32;
    public static final int MAX_DEPENDENCIES = 10_000;
    public static final int MAX_ATTEMPTS = 100;
    public static final Duration MAX_TIMEOUT = Duration.ofDays(30);
    public static final Duration MIN_START_WITHIN = Duration.ofSeconds(1);
    public static final Duration MAX_START_WITHIN = Duration.ofDays(30);
    public static final int MIN_PRIORITY = 0;
    public static final int MAX_PRIORITY = 100;
    public static final int DEFAULT_PRIORITY = 50;
    /**
     * Aging: one point of priority is worth this much time in the queue. A job is ranked as if it
     * had been submitted {@code priority} minutes earlier, so a job of 40 is taken before jobs of
     * 90 submitted more than 50 minutes after it: no job waits for ever behind a stream of
     * higher-priority ones.
     */
    public static final Duration AGING_PER_POINT = Duration.ofMinutes(1);

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-/]{0,62}");
    /** What a concurrency key may look like: it travels inside queue items, so no colon or slash. */
    private static final Pattern CONCURRENCY_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,127}");
    private static final Pattern TAG_VALUE = Pattern.compile("[A-Za-z0-9_.\\-/:]{0,128}");

    public JobSpec {
        boolean hasCommand = command != null && !command.isEmpty();
        boolean hasShell = shell != null && !shell.isBlank();
        checkExactlyOneProgram(hasCommand, hasShell, task != null);
        command = hasCommand ? checkCommand(command) : List.of();
        shell = hasShell ? checkText("shell", shell, MAX_TEXT_BYTES) : null;
        env = checkEnv(env);
        checkWorkdir(workdir);
        checkTimeout(timeout);
        checkMaxAttempts(maxAttempts);
        backoff = backoff == null ? Backoff.DEFAULT : backoff;
        constraints = checkConstraints(constraints);
        if (name != null) {
            checkText("name", name, 256);
        }
        checkIdempotencyKey(idempotencyKey);
        dependsOn = checkDependencies(dependsOn);
        priority = checkPriority(priority);
        if (concurrencyKey != null) {
            checkConcurrencyKey("concurrencyKey", concurrencyKey);
        }
        checkStartWithin(startWithin);
    }

    /** A spec without a concurrency key or a queue deadline. */
    public JobSpec(List<String> command, String shell, Map<String, String> env, String workdir, Duration timeout,
                   int maxAttempts, Backoff backoff, Map<String, String> constraints, String name,
                   String idempotencyKey, List<JobId> dependsOn, TaskSpec task, ArrayMember array, Integer priority) {
        this(command, shell, env, workdir, timeout, maxAttempts, backoff, constraints, name, idempotencyKey,
                dependsOn, task, array, priority, null, null);
    }

    /**
     * Checks a concurrency key: 1 to 128 letters, digits, '_', '.' or '-', starting with a letter
     * or digit.
     *
     * @param field the field named by the error
     * @return the key
     */
    public static String checkConcurrencyKey(String field, String key) {
        if (key == null || !CONCURRENCY_KEY.matcher(key).matches()) {
            throw new InvalidInputException(field, field + " must be 1 to 128 letters, digits, '_', '.' or '-', "
                    + "starting with a letter or digit, but was " + (key == null ? "missing" : "'" + key + "'"));
        }
        return key;
    }

    /** A spec of no job array, without a priority (the default, {@value #DEFAULT_PRIORITY}). */
    public JobSpec(List<String> command, String shell, Map<String, String> env, String workdir, Duration timeout,
                   int maxAttempts, Backoff backoff, Map<String, String> constraints, String name,
                   String idempotencyKey, List<JobId> dependsOn, TaskSpec task) {
        this(command, shell, env, workdir, timeout, maxAttempts, backoff, constraints, name, idempotencyKey,
                dependsOn, task, null, null, null, null);
    }

    /** A spec without a priority (the default, {@value #DEFAULT_PRIORITY}). */
    public JobSpec(List<String> command, String shell, Map<String, String> env, String workdir, Duration timeout,
                   int maxAttempts, Backoff backoff, Map<String, String> constraints, String name,
                   String idempotencyKey, List<JobId> dependsOn, TaskSpec task, ArrayMember array) {
        this(command, shell, env, workdir, timeout, maxAttempts, backoff, constraints, name, idempotencyKey,
                dependsOn, task, array, null, null, null);
    }

    /** A spec of no job array. */
    public JobSpec(List<String> command, String shell, Map<String, String> env, String workdir, Duration timeout,
                   int maxAttempts, Backoff backoff, Map<String, String> constraints, String name,
                   String idempotencyKey, List<JobId> dependsOn, TaskSpec task, Integer priority) {
        this(command, shell, env, workdir, timeout, maxAttempts, backoff, constraints, name, idempotencyKey,
                dependsOn, task, null, priority, null, null);
    }

    /** A spec running {@code script} with {@code /bin/sh -c} and every other field at its default. */
    public static JobSpec shell(String script) {
        return builder().shell(script).build();
    }

    /** A spec running {@code argv} directly, no shell in between. */
    public static JobSpec command(String... argv) {
        return builder().command(List.of(argv)).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().command(command.isEmpty() ? null : command).shell(shell).env(env).workdir(workdir)
                .timeout(timeout).maxAttempts(maxAttempts).backoff(backoff).constraints(constraints).name(name)
                .idempotencyKey(idempotencyKey).dependsOn(dependsOn).task(task).array(array).priority(priority)
                .concurrencyKey(concurrencyKey).startWithin(startWithin);
    }

    /** The same spec (its priority too) as job {@code index} of array {@code arrayId}. */
    public JobSpec inArray(JobId arrayId, int index) {
        return new JobSpec(command.isEmpty() ? null : command, shell, env, workdir, timeout, maxAttempts, backoff,
                constraints, name, idempotencyKey, dependsOn, task, new ArrayMember(arrayId, index), priority,
                concurrencyKey, startWithin);
    }

    /** The state a job of this spec starts in: WAITING while it has parents to wait for, else QUEUED. */
    public JobState initialState() {
        return dependsOn.isEmpty() ? JobState.QUEUED : JobState.WAITING;
    }

    /**
     * Where a job created at {@code createdAt} stands among queued jobs: lower is taken first. It is
     * the creation time in epoch milliseconds less {@link #AGING_PER_POINT} per point of priority,
     * so a higher priority goes first, equal priorities go in creation order, and a job that has
     * waited long enough goes before higher ones submitted later (aging). It never changes while
     * the job waits, so a queue ordered by it stays ordered.
     */
    public long queueRank(java.time.Instant createdAt) {
        return createdAt.toEpochMilli() - priority * AGING_PER_POINT.toMillis();
    }

    /** True for a Java task (see {@link Task}); false for a command or shell job. */
    public boolean hasTask() {
        return task != null;
    }

    /** The argv the runner executes: the command, or {@code /bin/sh -c script}; empty for a Java task. */
    public List<String> argv() {
        return shell != null ? List.of("/bin/sh", "-c", shell) : command;
    }

    /** True when every constraint is among {@code tags} with the same value. */
    public boolean eligibleOn(Map<String, String> tags) {
        for (Map.Entry<String, String> c : constraints.entrySet()) {
            if (!c.getValue().equals(tags.get(c.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static void checkExactlyOneProgram(boolean hasCommand, boolean hasShell, boolean hasTask) {
        int given = (hasCommand ? 1 : 0) + (hasShell ? 1 : 0) + (hasTask ? 1 : 0);
        if (given != 1) {
            String field = hasTask ? "task" : hasCommand ? "shell" : "command";
            throw new InvalidInputException(field,
                    "a job needs exactly one of 'command' (argv list), 'shell' (script) or 'task' (Java), but was "
                            + (given == 0 ? "neither" : given == 2 && !hasTask ? "both" : "more than one"));
        }
    }

    private static void checkWorkdir(String workdir) {
        if (workdir != null) {
            checkText("workdir", workdir, 4096);
            if (!workdir.startsWith("/")) {
                throw new InvalidInputException("workdir", "workdir must be an absolute path, but was '" + workdir + "'");
            }
        }
    }

    private static void checkTimeout(Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0)) {
            throw new InvalidInputException("timeoutSeconds", "timeoutSeconds must be between 1 and "
                    + MAX_TIMEOUT.toSeconds() + ", but was " + timeout.toMillis() / 1000.0);
        }
    }

    private static void checkStartWithin(Duration startWithin) {
        if (startWithin != null && (startWithin.compareTo(MIN_START_WITHIN) < 0
                || startWithin.compareTo(MAX_START_WITHIN) > 0)) {
            throw new InvalidInputException("startWithin", "startWithin must be between " + MIN_START_WITHIN + " and "
                    + MAX_START_WITHIN + " (an ISO-8601 duration such as PT10M), but was " + startWithin);
        }
    }

    /**
     * When a job created at {@code createdAt} must have started by, or null when it has no queue
     * deadline ({@link #startWithin}).
     */
    public java.time.Instant startBy(java.time.Instant createdAt) {
        return startWithin == null ? null : createdAt.plus(startWithin);
    }

    private static void checkMaxAttempts(int maxAttempts) {
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
            throw new InvalidInputException("maxAttempts",
                    "maxAttempts must be between 1 and " + MAX_ATTEMPTS + ", but was " + maxAttempts);
        }
    }

    private static int checkPriority(Integer priority) {
        if (priority == null) {
            return DEFAULT_PRIORITY;
        }
        if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
            throw new InvalidInputException("priority", "priority must be between " + MIN_PRIORITY + " and "
                    + MAX_PRIORITY + ", but was " + priority);
        }
        return priority;
    }

    private static void checkIdempotencyKey(String idempotencyKey) {
        if (idempotencyKey != null) {
            checkText("idempotencyKey", idempotencyKey, 256);
            if (idempotencyKey.isBlank()) {
                throw new InvalidInputException("idempotencyKey", "idempotencyKey must not be blank, but was '"
                        + idempotencyKey + "'");
            }
        }
    }

    private static List<String> checkCommand(List<String> command) {
        if (command.size() > MAX_ARGS) {
            throw new TooLargeException("command", "command may have at most " + MAX_ARGS
                    + " arguments, but had " + command.size());
        }
        long total = 0;
        for (int i = 0; i < command.size(); i++) {
            String arg = command.get(i);
            if (arg == null) {
                throw new InvalidInputException("command[" + i + "]", "command[" + i + "] must be a string, but was null");
            }
            if (arg.indexOf('\0') >= 0) {
                throw new InvalidInputException("command[" + i + "]", "command[" + i + "] must not contain NUL");
            }
            total += arg.getBytes(StandardCharsets.UTF_8).length;
        }
        if (command.get(0).isBlank()) {
            throw new InvalidInputException("command[0]", "command[0] must name a program, but was blank");
        }
        if (total > MAX_TEXT_BYTES) {
            throw new TooLargeException("command", "command may total at most " + MAX_TEXT_BYTES
                    + " bytes, but was " + total);
        }
        return List.copyOf(command);
    }

    private static String checkText(String field, String text, int maxBytes) {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw new TooLargeException(field, field + " may be at most " + maxBytes + " bytes, but was " + bytes);
        }
        if (text.indexOf('\0') >= 0) {
            throw new InvalidInputException(field, field + " must not contain NUL");
        }
        return text;
    }

    private static Map<String, String> checkEnv(Map<String, String> env) {
        if (env == null || env.isEmpty()) {
            return Map.of();
        }
        if (env.size() > MAX_ENV_ENTRIES) {
            throw new TooLargeException("env", "env may have at most " + MAX_ENV_ENTRIES
                    + " entries, but had " + env.size());
        }
        long total = 0;
        Map<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> e : env.entrySet()) {
            String key = e.getKey();
            if (key == null || !ENV_NAME.matcher(key).matches()) {
                throw new InvalidInputException("env", "env names must match " + ENV_NAME + ", but was '" + key + "'");
            }
            if (key.startsWith("JOBGRID_")) {
                throw new InvalidInputException("env." + key, "env names starting JOBGRID_ are set by the grid, but was '"
                        + key + "'");
            }
            String value = e.getValue();
            if (value == null) {
                throw new InvalidInputException("env." + key, "env." + key + " must be a string, but was null");
            }
            checkText("env." + key, value, MAX_TEXT_BYTES);
            total += key.length() + value.getBytes(StandardCharsets.UTF_8).length;
            copy.put(key, value);
        }
        if (total > MAX_TEXT_BYTES) {
            throw new TooLargeException("env", "env may total at most " + MAX_TEXT_BYTES + " bytes, but was " + total);
        }
        return java.util.Collections.unmodifiableMap(copy);
    }

    private static Map<String, String> checkConstraints(Map<String, String> constraints) {
        if (constraints == null || constraints.isEmpty()) {
            return Map.of();
        }
        if (constraints.size() > MAX_CONSTRAINTS) {
            throw new TooLargeException("constraints", "constraints may have at most " + MAX_CONSTRAINTS
                    + " entries, but had " + constraints.size());
        }
        Map<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> c : constraints.entrySet()) {
            if (c.getKey() == null || !TAG.matcher(c.getKey()).matches()) {
                throw new InvalidInputException("constraints", "constraint names must match " + TAG
                        + ", but was '" + c.getKey() + "'");
            }
            if (c.getValue() == null || !TAG_VALUE.matcher(c.getValue()).matches()) {
                throw new InvalidInputException("constraints." + c.getKey(), "constraint values must match "
                        + TAG_VALUE + ", but was '" + c.getValue() + "'");
            }
            copy.put(c.getKey(), c.getValue());
        }
        return java.util.Collections.unmodifiableMap(copy);
    }

    private static List<JobId> checkDependencies(List<JobId> dependsOn) {
        if (dependsOn == null || dependsOn.isEmpty()) {
            return List.of();
        }
        if (dependsOn.size() > MAX_DEPENDENCIES) {
            throw new TooLargeException("dependsOn", "dependsOn may name at most " + MAX_DEPENDENCIES
                    + " jobs, but named " + dependsOn.size());
        }
        LinkedHashSet<JobId> unique = new LinkedHashSet<>();
        for (JobId id : dependsOn) {
            if (id == null) {
                throw new InvalidInputException("dependsOn", "dependsOn must hold job ids, but held null");
            }
            if (!unique.add(id)) {
                throw new InvalidInputException("dependsOn", "dependsOn names job " + id + " twice");
            }
        }
        return List.copyOf(new ArrayList<>(unique));
    }

    /** Builds a spec; {@link #build()} checks it. */
    public static final class Builder {
        private List<String> command;
        private String shell;
        private Map<String, String> env;
        private String workdir;
        private Duration timeout;
        private int maxAttempts = 1;
        private Backoff backoff;
        private Map<String, String> constraints;
        private String name;
        private String idempotencyKey;
        private List<JobId> dependsOn;
        private TaskSpec task;
        private ArrayMember array;
        private Integer priority;
        private String concurrencyKey;
        private Duration startWithin;

        public Builder command(List<String> v) { this.command = v; return this; }
        public Builder shell(String v) { this.shell = v; return this; }
        public Builder env(Map<String, String> v) { this.env = v; return this; }
        public Builder workdir(String v) { this.workdir = v; return this; }
        public Builder timeout(Duration v) { this.timeout = v; return this; }
        public Builder maxAttempts(int v) { this.maxAttempts = v; return this; }
        public Builder backoff(Backoff v) { this.backoff = v; return this; }
        public Builder constraints(Map<String, String> v) { this.constraints = v; return this; }
        public Builder name(String v) { this.name = v; return this; }
        public Builder idempotencyKey(String v) { this.idempotencyKey = v; return this; }
        public Builder dependsOn(List<JobId> v) { this.dependsOn = v; return this; }
        public Builder task(TaskSpec v) { this.task = v; return this; }
        public Builder array(ArrayMember v) { this.array = v; return this; }
        public Builder priority(Integer v) { this.priority = v; return this; }
        public Builder concurrencyKey(String v) { this.concurrencyKey = v; return this; }

        public Builder startWithin(Duration v) { this.startWithin = v; return this; }

        public JobSpec build() {
            return new JobSpec(command, shell, env, workdir, timeout, maxAttempts, backoff, constraints, name,
                    idempotencyKey, dependsOn, task, array, priority, concurrencyKey, startWithin);
        }
    }
}
