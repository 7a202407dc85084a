package io.jobgrid.grid;

import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.core.HazelcastInstance;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobQuery;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.NodeConfig;
import io.jobgrid.api.StoreConfig;
import io.jobgrid.core.Daemons;
import io.jobgrid.core.JobStore;
import io.jobgrid.grid.internal.Internals;
import io.jobgrid.history.JdbcJobArchive;
import io.jobgrid.history.JobArchive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A node's durable history, when its config turns it on: the archive, the map stores that connect
 * the grid to it, and the member's share of trimming and retention.
 *
 * <p>What survives what: one member's death loses nothing (synchronous backups, including the
 * backups of the write-behind queue); every member dying at once loses what changed in the last
 * {@code writeDelaySeconds} (zero: nothing acknowledged); a clean stop flushes everything first.
 */
public final class Persistence implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Persistence.class);

    private final StoreConfig settings;
    private final JobArchive archive;
    private final String where;
    private final ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            Daemons.named("jobgrid-history"));

    private Persistence(StoreConfig settings, JobArchive archive, String where) {
        this.settings = settings;
        this.archive = archive;
        this.where = where;
    }

    /** The persistence the config asks for; null when it is off. */
    public static Persistence open(NodeConfig node) {
        StoreConfig store = node.store();
        StoreConfig.Type type = store.effectiveType(node.dataDir() != null);
        if (type == StoreConfig.Type.NONE) {
            return null;
        }
        String url = store.url();
        if (url == null) {
            try {
                Files.createDirectories(node.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data dir " + node.dataDir(), e);
            }
            url = JdbcJobArchive.h2Url(node.dataDir());
        }
        JobArchive archive = JdbcJobArchive.open(url, store.user(), store.password());
        String where = url.contains(";") ? url.substring(0, url.indexOf(';')) : url;
        LOG.info("job history in {} (write {}, finished jobs kept in memory {}s / {} per member, retention {})",
                where, store.writeDelay().isZero() ? "through" : "behind by " + store.writeDelay().toSeconds() + "s",
                store.keepFinished().toSeconds(), store.maxFinishedInMemory(), store.retention());
        return new Persistence(store, archive, where);
    }

    public JobArchive archive() {
        return archive;
    }

    /** Connects the job and output maps to the archive. */
    public void configure(MapConfig jobs, MapConfig logs) {
        jobs.setMapStoreConfig(storeConfig(new JobMapStore(archive)));
        logs.setMapStoreConfig(storeConfig(new LogMapStore(archive)));
    }

    /**
     * Connects the schedule map to the archive, writing through whatever the jobs' delay: a fire's record of
     * what it fired is stored before the next fire is looked at.
     */
    public void configureSchedules(MapConfig schedules) {
        schedules.setMapStoreConfig(new MapStoreConfig().setEnabled(true).setImplementation(new ScheduleMapStore(archive))
                .setWriteDelaySeconds(0).setInitialLoadMode(MapStoreConfig.InitialLoadMode.EAGER));
    }

    private MapStoreConfig storeConfig(Object implementation) {
        // Hazelcast's own initial load finds no keys (see awaitLoaded); EAGER runs it when the map
        // is first made, so the partitions are marked loaded before any operation needs them.
        return new MapStoreConfig().setEnabled(true).setImplementation(implementation)
                .setWriteDelaySeconds((int) settings.writeDelay().toSeconds())
                .setWriteBatchSize(settings.writeBatchSize())
                .setWriteCoalescing(true)
                .setInitialLoadMode(MapStoreConfig.InitialLoadMode.EAGER);
    }

    /**
     * Brings the unfinished jobs and every schedule of the archive into memory, where they are not
     * already; recovery must not sweep before, or it would miss the QUEUED jobs (which then would
     * wait for a queue item that nobody offers), and the schedule sweeper fires only the schedules
     * in memory. A member joining a running cluster finds them all there and reads nothing but
     * their ids; the first member of a cluster started afresh loads them.
     *
     * <p>Per partition it is one operation of that partition's owner ({@link Internals#loadMissing}):
     * it reads from the store only what memory lacks and puts it in, with its backups, before any
     * other operation on those records runs. Hazelcast's bulk loaders ({@code loadAll}, the initial
     * load) are not used: they check what memory holds, read the store on another thread, then put
     * what they read, so a record that changed in between got its older stored copy back (a claim
     * lost while a member joined a running cluster, seen in a rolling restart).
     */
    public void awaitLoaded(HazelcastInstance hz) {
        long start = System.nanoTime();
        List<String> jobs = archive.unfinishedIds().stream().map(JobId::value).toList();
        int loadedJobs = loadMissing(hz, GridNames.JOBS, jobs);
        List<String> schedules = archive.scheduleIds();
        int loadedSchedules = loadMissing(hz, GridNames.SCHEDULES, schedules);
        // the deadlines map lives in memory only: a member that brought jobs back notes theirs again
        int deadlines = loadedJobs == 0 ? 0 : new StartDeadlines(hz).rebuild();
        LOG.info("{} unfinished jobs and {} schedules in {}: {} and {} brought into memory, the rest there already"
                + "; {} queue deadlines noted ({} ms)", jobs.size(), schedules.size(), where, loadedJobs, loadedSchedules,
                deadlines,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** One {@link Internals#loadMissing} per partition of the keys, all at once; how many it loaded. */
    private static int loadMissing(HazelcastInstance hz, String map, List<String> keys) {
        Map<Integer, List<String>> byPartition = new HashMap<>();
        for (String key : keys) {
            byPartition.computeIfAbsent(hz.getPartitionService().getPartition(key).getPartitionId(),
                    p -> new ArrayList<>()).add(key);
        }
        Internals internals = Internals.of(hz);
        List<CompletableFuture<Integer>> loads = new ArrayList<>();
        byPartition.forEach((partition, inIt) -> loads.add(internals.loadMissing(map, partition, inIt)));
        return loads.stream().mapToInt(CompletableFuture::join).sum();
    }

    /** The newest job {@code schedule} fired that the archive holds (see {@code GridSchedules.catchUp}). */
    public Optional<JobRecord> newestFiredBy(String schedule) {
        return archive.page(new JobQuery(null, null, 1).firedBy(schedule)).stream().findFirst();
    }

    /** The job store to use: listings include the archived history. */
    public JobStore store(HazelcastInstance hz, JobStore memory) {
        return new ArchivedJobStore(hz, memory, archive);
    }

    /** Starts this member's trimming and retention, on a thread of their own. */
    public void start(HazelcastInstance hz, Clock clock) {
        new HistoryKeeper(hz, archive, settings, clock).start(timer);
    }

    /** Writes every pending change now; called before a clean stop. */
    public void flush(HazelcastInstance hz) {
        try {
            hz.getMap(GridNames.JOBS).flush();
            hz.getMap(GridNames.LOGS).flush();
        } catch (RuntimeException e) {
            LOG.warn("could not flush job history to {} before leaving: {}", where, e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        archive.close();
    }
}
