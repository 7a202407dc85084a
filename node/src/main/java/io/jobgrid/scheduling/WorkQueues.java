package io.jobgrid.scheduling;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import io.jobgrid.api.JobRecord;
import io.jobgrid.cluster.GridNames;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The distributed work queues: one for jobs without constraints and one per distinct set of
 * constraints, so a node only ever takes work it is allowed to run and never has to hand an item
 * back. The queues are hints; the job record is the truth (see {@link QueueItem}).
 */
final class WorkQueues {
    private static final int BATCH = 1000;
    private final HazelcastInstance hz;
    private final IMap<String, HashMap<String, String>> registry;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;
    private final Clock clock;

    WorkQueues(HazelcastInstance hz, ScheduledExecutorService timer, Clock clock) {
        this.hz = hz;
        this.registry = hz.getMap(GridNames.QUEUE_REGISTRY);
        this.timer = timer;
        this.clock = clock;
    }

    static String nameFor(Map<String, String> constraints) {
        if (constraints.isEmpty()) {
            return GridNames.QUEUE_ANY;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(new java.util.TreeMap<>(constraints).toString().getBytes(StandardCharsets.UTF_8));
            return GridNames.QUEUE_PREFIX + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    IQueue<String> any() {
        return hz.getQueue(GridNames.QUEUE_ANY);
    }

    /** Queues the job's current attempt; a retry waiting out its backoff is queued when that ends. */
    void offer(JobRecord job) {
        Duration wait = job.notBefore() == null ? Duration.ZERO : Duration.between(clock.instant(), job.notBefore());
        if (wait.isNegative() || wait.isZero()) {
            offerNow(job);
        } else {
            timer.schedule(() -> offerNow(job), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Queues many jobs, one {@code addAll} per queue and batch instead of a round trip per job:
     * a DAG with thousands of roots is queued in a few operations.
     */
    void offerAll(List<JobRecord> jobs) {
        Map<String, List<String>> byQueue = new HashMap<>();
        for (JobRecord job : jobs) {
            if (job.notBefore() != null && job.notBefore().isAfter(clock.instant())) {
                offer(job);
                continue;
            }
            String name = register(job);
            byQueue.computeIfAbsent(name, n -> new ArrayList<>()).add(new QueueItem(job.id(), job.attempt()).text());
        }
        byQueue.forEach((name, items) -> {
            IQueue<String> queue = hz.getQueue(name);
            for (int from = 0; from < items.size(); from += BATCH) {
                queue.addAll(items.subList(from, Math.min(items.size(), from + BATCH)));
            }
        });
    }

    private String register(JobRecord job) {
        String name = nameFor(job.spec().constraints());
        if (!job.spec().constraints().isEmpty() && registered.add(name)) {
            registry.putIfAbsent(name, new HashMap<>(job.spec().constraints()));
        }
        return name;
    }

    private void offerNow(JobRecord job) {
        hz.<String>getQueue(register(job)).offer(new QueueItem(job.id(), job.attempt()).text());
    }

    /** The constrained queues a node with {@code tags} may serve. */
    List<IQueue<String>> eligible(Map<String, String> tags) {
        List<IQueue<String>> out = new ArrayList<>();
        for (Map.Entry<String, HashMap<String, String>> e : registry.entrySet()) {
            if (matches(e.getValue(), tags)) {
                out.add(hz.getQueue(e.getKey()));
            }
        }
        return out;
    }

    /** Calls {@code onNew} whenever a new constraint set appears anywhere in the cluster. */
    void onNewQueue(Runnable onNew) {
        registry.addEntryListener((EntryAddedListener<String, HashMap<String, String>>) (EntryEvent<String,
                HashMap<String, String>> e) -> onNew.run(), false);
    }

    private static boolean matches(Map<String, String> constraints, Map<String, String> tags) {
        for (Map.Entry<String, String> c : constraints.entrySet()) {
            if (!c.getValue().equals(tags.get(c.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
