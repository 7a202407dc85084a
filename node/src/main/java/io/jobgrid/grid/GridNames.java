package io.jobgrid.grid;

/** Every distributed object jobgrid creates, named in one place. */
public final class GridNames {
    /** Job records by id: the truth about every job. */
    public static final String JOBS = "jobgrid.jobs";
    /** Idempotency key to the id of the first job submitted with it. */
    public static final String IDEMPOTENCY = "jobgrid.idempotency";
    /** Recurring schedules by id; the owner of an entry fires it. */
    public static final String SCHEDULES = "jobgrid.schedules";
    /** Queue deadlines of the jobs that have one, by job id (see grid.StartDeadlines). */
    public static final String START_DEADLINES = "jobgrid.start-deadlines";
    /** Output tails, by job id and attempt. */
    public static final String LOGS = "jobgrid.logs";
    /** What each member last published about itself, by member uuid. */
    public static final String NODES = "jobgrid.nodes";
    /** Prefix of the work queues; one queue per distinct set of constraints. */
    public static final String QUEUE_PREFIX = "jobgrid.queue.";
    /** The queue of jobs without constraints. */
    public static final String QUEUE_ANY = QUEUE_PREFIX + "any";
    /** Constraint sets seen so far, by queue name, so nodes know which queues they may serve. */
    public static final String QUEUE_REGISTRY = "jobgrid.queues";
    /** Members that announced a planned leave, so the others do not mistake it for a cut. */
    public static final String LEAVING = "jobgrid.leaving";
    /** Cluster-unique, time-ordered job ids. */
    public static final String JOB_IDS = "jobgrid.job-ids";
    /** Executor for node-to-node commands: kill a process, report local state. */
    public static final String EXECUTOR = "jobgrid.executor";
    /** Executor service that runs Java tasks, each on the member that claimed it; its pool is the task slots. */
    public static final String TASK_EXECUTOR = "jobgrid.tasks";
    /** Job state changes as one-line JSON, published by the member that made each one (see io.jobgrid.events). */
    public static final String EVENTS = "jobgrid.events";
    /** Vector chunks, by vector name and chunk index. */
    public static final String VECTOR_CHUNKS = "jobgrid.vector-chunks";
    /** Vector metadata (size, chunk size, version), by vector name. */
    public static final String VECTORS = "jobgrid.vectors";
    /** Results of vector pipelines, by operation id; each is removed as soon as it is read. */
    public static final String VECTOR_RESULTS = "jobgrid.vector-results";
    /** Executor that asks every member for its free heap before a vector is created. */
    public static final String VECTOR_PROBE = "jobgrid.vector-probe";
    /** Executor that hands each member its share of a vector reduction (io.jobgrid.vectors.LocalScan). */
    public static final String VECTOR_SCAN = "jobgrid.vector-scan";
    /** Concurrency permits by key: the limit, the jobs holding a permit, the items parked (core.KeyPermits). */
    public static final String PERMITS = "jobgrid.permits";
    /** Member attribute: the node's jobgrid name. */
    public static final String MEMBER_NAME = "jobgrid.name";
    /** Member attribute: the node's job slots. */
    public static final String MEMBER_SLOTS = "jobgrid.slots";
    /** Prefix of the member attributes that carry the node's tags. */
    public static final String MEMBER_TAG_PREFIX = "tag.";

    private GridNames() {
    }
}
