package io.jobgrid.grid;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import io.jobgrid.api.JobRecord;
import io.jobgrid.core.Daemons;
import io.jobgrid.core.QueueItem;
import io.jobgrid.core.WorkQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The distributed work queues: one for jobs without constraints and one per distinct set of
 * constraints, so a node only ever takes work it is allowed to run and never has to hand an item
 * back. The queues are hints; the job record is the truth (see {@link QueueItem}). Each is a
 * Hazelcast priority queue ordered by {@link QueueRank} (the job's priority with aging, then
 * creation), and a node serving several takes the best of their heads.
 */
public final class HzWorkQueues implements WorkQueue, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HzWorkQueues.class);
    private static final int BATCH = 1000;
    /** The queue-key entry naming a Java task's route. */
    static final String ROUTE = "#task";
    /** While a node also serves constrained queues, it waits at most this long on the shared one. */
    private static final Duration CONSTRAINED_TURN = Duration.ofMillis(50);
    /** A poll answered within this found its item already waiting: there may be more. */
    private static final Duration WAITING = Duration.ofMillis(2);
    private final HazelcastInstance hz;
    private final IMap<String, HashMap<String, String>> registry;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;
    /**
     * Refreshes the constrained queues a node serves; a thread of its own, so that a refresh never
     * waits behind a delayed retry whose offer waits for a departed member's partition.
     */
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
            Daemons.named("jobgrid-queue-refresh"));
    private final Clock clock;

    /** Retries waiting out their backoff are offered from a thread of this adapter's own. */
    public HzWorkQueues(HazelcastInstance hz, Clock clock) {
        this.hz = hz;
        this.registry = hz.getMap(GridNames.QUEUE_REGISTRY);
        this.timer = Executors.newSingleThreadScheduledExecutor(Daemons.named("jobgrid-backoff"));
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

    private IQueue<String> any() {
        return hz.getQueue(GridNames.QUEUE_ANY);
    }

    /** Queues the job's current attempt; a retry waiting out its backoff is queued when that ends. */
    @Override
    public void offer(JobRecord job) {
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
    @Override
    public void offerAll(List<JobRecord> jobs) {
        Map<String, List<String>> byQueue = new HashMap<>();
        for (JobRecord job : jobs) {
            if (job.notBefore() != null && job.notBefore().isAfter(clock.instant())) {
                offer(job);
                continue;
            }
            String name = register(job);
            byQueue.computeIfAbsent(name, n -> new ArrayList<>()).add(QueueRank.text(job));
        }
        byQueue.forEach((name, items) -> {
            IQueue<String> queue = hz.getQueue(name);
            for (int from = 0; from < items.size(); from += BATCH) {
                queue.addAll(items.subList(from, Math.min(items.size(), from + BATCH)));
            }
        });
    }

    private String register(JobRecord job) {
        Map<String, String> key = queueKey(job);
        String name = nameFor(key);
        if (!key.isEmpty() && registered.add(name)) {
            registry.putIfAbsent(name, new HashMap<>(key));
        }
        return name;
    }

    /**
     * What decides a job's queue: its constraints and, for a Java task, its route under
     * {@link #ROUTE}, a key no node tag can have (tags start with a letter or digit). So shell
     * takers never match a task queue, and a task queue is served only by nodes with its route.
     */
    static Map<String, String> queueKey(JobRecord job) {
        if (!job.spec().hasTask()) {
            return job.spec().constraints();
        }
        Map<String, String> key = new java.util.TreeMap<>(job.spec().constraints());
        key.put(ROUTE, job.spec().task().route());
        return key;
    }

    private void offerNow(JobRecord job) {
        hz.<String>getQueue(register(job)).offer(QueueRank.text(job));
    }

    @Override
    public Taker takerFor(Map<String, String> tags) {
        return new ConstrainedTaker(tags, key -> !key.containsKey(ROUTE), true);
    }

    @Override
    public Taker taskTakerFor(Map<String, String> tags, Predicate<String> hasRoute) {
        return new ConstrainedTaker(tags, key -> key.containsKey(ROUTE) && hasRoute.test(key.get(ROUTE)), false);
    }

    /** Stops offering delayed retries; recovery queues them again from their records. */
    @Override
    public void close() {
        timer.shutdownNow();
        refresher.shutdownNow();
    }

    /**
     * Takes from the constrained queues a node may serve (checked without waiting) and then from
     * the shared one. The list of constrained queues is refreshed whenever a new constraint set
     * appears anywhere in the cluster, and every 30 s besides: a refresh that failed (the registry
     * was briefly unreadable while a member left) must not leave a queue unserved until the next
     * new constraint set.
     */
    private final class ConstrainedTaker implements Taker {
        private final Map<String, String> tags;
        private final Predicate<Map<String, String>> serves;
        private final boolean shared;
        private volatile List<IQueue<String>> constrained = List.of();
        private int turn;

        /** {@code serves}: which queue keys it takes from; {@code shared}: whether it serves the unconstrained queue. */
        ConstrainedTaker(Map<String, String> tags, Predicate<Map<String, String>> serves, boolean shared) {
            this.tags = Map.copyOf(tags);
            this.serves = serves;
            this.shared = shared;
            refresh();
            // not on the event thread: it reads the grid
            onNewQueue(() -> refresher.execute(this::refresh));
            refresher.scheduleWithFixedDelay(this::refresh, 30, 30, TimeUnit.SECONDS);
        }

        private void refresh() {
            try {
                constrained = eligible(tags, serves);
            } catch (RuntimeException e) {
                if (!hz.getLifecycleService().isRunning()) {
                    return; // shutting down
                }
                LOG.warn("constrained queues not refreshed ({}); trying again in 1 s", e.toString());
                refresher.schedule(this::refresh, 1, TimeUnit.SECONDS);
            }
        }

        @Override
        public QueueItem poll(Duration wait) throws InterruptedException {
            List<QueueItem> one = take(1, wait);
            return one.isEmpty() ? null : one.get(0);
        }

        /**
         * Takes the best-ranked items of the queues this node serves without waiting, then, if
         * there were none, waits on the shared queue for the first. Only when that came at once
         * (items were waiting: a backlog) does it poll more from the shared queue; under light
         * load an item arrives during the wait and a second poll would come back empty.
         *
         * <p>Never {@code drainTo} with a limit: on a priority queue Hazelcast 5.7 hands back the
         * first items of the heap's array but removes the first by priority, losing some items and
         * duplicating others (hazelcast#26344). Polls take the head, one round trip each.
         */
        @Override
        public List<QueueItem> take(int max, Duration wait) throws InterruptedException {
            List<IQueue<String>> mine = constrained;
            List<String> got = mine.isEmpty() ? new ArrayList<>(max) : best(mine, max);
            if (got.isEmpty() && !shared) {
                QueueItem one = waitOnOne(mine, wait);
                return one == null ? List.of() : List.of(one);
            }
            if (got.isEmpty()) {
                Duration turn = mine.isEmpty() || wait.compareTo(CONSTRAINED_TURN) < 0 ? wait : CONSTRAINED_TURN;
                long start = System.nanoTime();
                String first = any().poll(turn.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    return List.of();
                }
                got.add(first);
                if (max > 1 && System.nanoTime() - start < WAITING.toNanos()) {
                    pollMore(any(), got, max);
                }
            }
            List<QueueItem> out = new ArrayList<>(got.size());
            got.forEach(text -> out.add(QueueItem.parse(text)));
            return out;
        }

        /**
         * Up to {@code max} items of the constrained queues (and the shared one, if it serves it),
         * without waiting, best rank first across all of them: each queue is ordered, so the best
         * item is the best of their heads. A head another node takes between the look and the
         * poll is simply replaced by that queue's next item.
         */
        private List<String> best(List<IQueue<String>> mine, int max) {
            List<IQueue<String>> queues = new ArrayList<>(mine);
            if (shared) {
                queues.add(any());
            }
            if (queues.size() == 1) { // nothing to compare: its own order, one poll per item
                List<String> got = new ArrayList<>(max);
                pollMore(queues.get(0), got, max);
                return got;
            }
            String[] heads = new String[queues.size()];
            for (int i = 0; i < heads.length; i++) {
                heads[i] = queues.get(i).peek();
            }
            List<String> got = new ArrayList<>(max);
            try {
                while (got.size() < max) {
                    int at = bestHead(heads);
                    if (at < 0) {
                        break;
                    }
                    String item = queues.get(at).poll();
                    if (item != null) {
                        got.add(item);
                    }
                    heads[at] = item == null ? null : queues.get(at).peek();
                }
            } catch (RuntimeException e) {
                if (got.isEmpty()) {
                    throw e;
                }
                LOG.warn("taking from the constrained queues failed; claiming the {} items taken: {}", got.size(),
                        e.toString());
            }
            return got;
        }

        private static int bestHead(String[] heads) {
            int at = -1;
            for (int i = 0; i < heads.length; i++) {
                if (heads[i] != null && (at < 0 || QueueRank.ORDER.compare(heads[i], heads[at]) < 0)) {
                    at = i;
                }
            }
            return at;
        }

        /**
         * Polls until {@code max} items are taken or the queue is empty. Items taken before a
         * failure are kept and claimed: dropping them would lose them from the queue; a failure
         * before any is thrown.
         */
        private void pollMore(IQueue<String> q, List<String> got, int max) {
            try {
                while (got.size() < max) {
                    String item = q.poll();
                    if (item == null) {
                        return;
                    }
                    got.add(item);
                }
            } catch (RuntimeException e) {
                if (got.isEmpty()) {
                    throw e; // nothing taken: the caller's failure to handle
                }
                LOG.warn("polling {} failed; claiming the {} items taken: {}", q.getName(), got.size(), e.toString());
            }
        }

        /** Without a shared queue: waits on each of its queues in turn, a share of {@code wait} each. */
        private QueueItem waitOnOne(List<IQueue<String>> mine, Duration wait) throws InterruptedException {
            if (mine.isEmpty()) {
                TimeUnit.MILLISECONDS.sleep(Math.min(wait.toMillis(), CONSTRAINED_TURN.toMillis()));
                return null;
            }
            IQueue<String> q = mine.get(Math.floorMod(turn++, mine.size()));
            long share = Math.max(CONSTRAINED_TURN.toMillis() / 5, wait.toMillis() / mine.size());
            String item = q.poll(share, TimeUnit.MILLISECONDS);
            return item == null ? null : QueueItem.parse(item);
        }
    }

    /** The constrained shell queues a node with {@code tags} may serve. */
    List<IQueue<String>> eligible(Map<String, String> tags) {
        return eligible(tags, key -> !key.containsKey(ROUTE));
    }

    private List<IQueue<String>> eligible(Map<String, String> tags, Predicate<Map<String, String>> serves) {
        List<IQueue<String>> out = new ArrayList<>();
        for (Map.Entry<String, HashMap<String, String>> e : registry.entrySet()) {
            Map<String, String> constraints = new HashMap<>(e.getValue());
            if (!serves.test(constraints)) {
                continue;
            }
            constraints.remove(ROUTE);
            if (matches(constraints, tags)) {
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
