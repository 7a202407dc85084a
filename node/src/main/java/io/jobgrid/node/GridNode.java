package io.jobgrid.node;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.jobgrid.api.Events;
import io.jobgrid.api.JobGrid;
import io.jobgrid.api.Jobs;
import io.jobgrid.api.NodeConfig;
import io.jobgrid.api.Nodes;
import io.jobgrid.api.Schedules;
import io.jobgrid.api.Vectors;
import io.jobgrid.core.Daemons;
import io.jobgrid.core.GridSchedules;
import io.jobgrid.core.FinishedCounts;
import io.jobgrid.core.JobEvents;
import io.jobgrid.core.JobStore;
import io.jobgrid.core.LocalNode;
import io.jobgrid.core.Ports;
import io.jobgrid.core.Scheduler;
import io.jobgrid.core.TaskSettings;
import io.jobgrid.core.TaskTypes;
import io.jobgrid.events.EventHub;
import io.jobgrid.events.EventPublisher;
import io.jobgrid.execution.CommandPolicy;
import io.jobgrid.execution.ProcessRunner;
import io.jobgrid.grid.ClusterSafety;
import io.jobgrid.grid.HzIds;
import io.jobgrid.grid.HzJobStore;
import io.jobgrid.grid.HzPermits;
import io.jobgrid.grid.HzLogStore;
import io.jobgrid.grid.HzMembership;
import io.jobgrid.grid.HzRemoteControl;
import io.jobgrid.grid.HzScheduleStore;
import io.jobgrid.grid.HzTaskExecutor;
import io.jobgrid.grid.HzWorkQueues;
import io.jobgrid.grid.OwnedJobs;
import io.jobgrid.grid.StateCounts;
import io.jobgrid.grid.Persistence;
import io.jobgrid.membership.DrainTask;
import io.jobgrid.membership.LoadPublisher;
import io.jobgrid.membership.Quorum;
import io.jobgrid.metrics.ClusterJobGauges;
import io.jobgrid.metrics.EventStreamMeters;
import io.jobgrid.metrics.GridMetrics;
import io.jobgrid.metrics.RestMeters;
import io.jobgrid.vectors.HzVectors;
import io.jobgrid.web.EventRoutes;
import io.jobgrid.web.RestServer;
import io.jobgrid.web.LimitRoutes;
import io.jobgrid.web.ScheduleRoutes;
import io.jobgrid.web.TlsConnector;
import io.jobgrid.web.VectorRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A jobgrid node: a Hazelcast member (Jet on) plus the scheduler, the load publisher and, when
 * asked, the REST server. All nodes are equal; none is a master.
 */
public final class GridNode implements JobGrid {
    private static final Logger LOG = LoggerFactory.getLogger(GridNode.class);

    private final NodeConfig config;
    private final HazelcastInstance hz;
    private final Scheduler scheduler;
    private final GridSchedules schedules;
    private final LoadPublisher load;
    private final GridMetrics metrics;
    private final RestServer rest;
    private final EventHub events;
    private final Vectors vectors;
    private final String url;
    private final Persistence persistence;
    private final HzWorkQueues queues;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Daemons.named("jobgrid-load"));
    private final StateCounts stateCounts;
    private volatile boolean open = true;
    private volatile boolean draining;
    private Quorum quorum;

    private GridNode(NodeConfig config, Function<Config, HazelcastInstance> members, Clock clock) {
        this.config = config;
        this.persistence = Persistence.open(config);
        this.hz = startMember(members, config, persistence);
        if (persistence != null) {
            persistence.awaitLoaded(hz); // before recovery sweeps: it must see every unfinished job
        }
        this.metrics = new GridMetrics(clock);
        ProcessRunner.Settings run = new ProcessRunner.Settings(config.inheritEnv(), config.killGrace(),
                config.logTailBytes(), CommandPolicy.of(config.allowedCommands()), config.name());
        this.events = new EventHub(hz, config.name(), clock).start();
        AtomicReference<String> base = new AtomicReference<>();
        LocalNode self = new LocalNode(config.name(), () -> hz.getCluster().getLocalMember().getUuid().toString(),
                config.tags(), config.slots(), base::get, config.token());
        JobStore store = new HzJobStore(hz);
        this.stateCounts = new StateCounts(hz).start(timer);
        FinishedCounts finished = new FinishedCounts(clock);
        this.queues = new HzWorkQueues(hz, clock);
        HzIds ids = new HzIds(hz);
        Ports ports = new Ports(persistence == null ? store : persistence.store(hz, store),
                new HzLogStore(hz, config.logTailBytes()), queues, ids, ids, new HzRemoteControl(hz),
                new HzMembership(hz), JobEvents.of(metrics, new EventPublisher(hz, config.name(), clock), finished),
                new HzPermits(hz));
        TaskTypes taskTypes = TaskTypes.load(taskLoader(config), config.taskTypes());
        AtomicReference<LoadPublisher> published = new AtomicReference<>();
        TaskSettings tasks = new TaskSettings(config.taskSlots(), taskTypes, new HzTaskExecutor(hz),
                () -> published.get().clusterTaskTypes(), TaskSettings.DEFAULT_MAX_RESULT_BYTES);
        this.scheduler = new Scheduler(ports, self, run, tasks, clock);
        HzRemoteControl.serve(hz, scheduler);
        this.schedules = new GridSchedules(new HzScheduleStore(hz), scheduler.jobs(), clock,
                () -> open && quorum != null && quorum.majorityNow()); // a terminated member fires nothing
        this.vectors = new HzVectors(hz);
        this.load = new LoadPublisher(hz, config.name(), config.tags(), config.slots(), base::get,
                scheduler::running, () -> draining, clock)
                .withTasks(config.taskSlots(), scheduler::runningTasks, taskTypes.names())
                .withThroughput(finished::snapshot);
        published.set(load);
        DrainTask.serve(hz, () -> {
            if (!draining) {
                drain();
            }
        });
        this.rest = startRestIfEnabled(base);
        this.url = base.get();
        scheduler.start();
        if (persistence != null) {
            persistence.start(hz, clock);
        }
        this.quorum = new Quorum(hz, config.minimumClusterSize(), timer);
        quorum.onChange(scheduler::quorum);
        scheduler.recoverOnlyWhen(quorum::majorityNow);
        quorum.start();
        startSchedules();
        bindMeters();
        load.publish();
        timer.scheduleWithFixedDelay(this::publishLoad, 1, 1, TimeUnit.SECONDS);
        watchMembers();
        logStarted(taskTypes);
    }

    private void logStarted(TaskTypes taskTypes) {
        LOG.info("node {} up: member {} of {}, {} slots, {} task slots, task types {}, REST {}", config.name(),
                hz.getCluster().getLocalMember().getUuid(), hz.getCluster().getMembers().size(), config.slots(),
                config.taskSlots(), taskTypes.names(), url == null ? "off" : url);
    }

    /**
     * The REST server, when {@code httpPort} asks for one (null otherwise), its base URL set in {@code base}.
     * A server that cannot start shuts the member down again, so no half-started node stays in the cluster.
     * Javalin (an optional dependency) is touched only here and below: an embedded node without REST runs
     * without it on its class path.
     */
    private RestServer startRestIfEnabled(AtomicReference<String> base) {
        RestServer server = null;
        try {
            if (config.httpPort() >= 0) {
                server = startRest();
                base.set((config.tls() ? "https://" : "http://") + hostFor(config.httpBind()) + ":" + server.port());
            }
        } catch (RuntimeException e) {
            hz.shutdown();
            throw e;
        }
        return server;
    }

    /**
     * The class loader Java tasks are read with: the app's (the thread context's, when embedded),
     * with the jars and directories of {@code taskClasspath} on top.
     */
    private static ClassLoader taskLoader(NodeConfig config) {
        ClassLoader parent = Thread.currentThread().getContextClassLoader();
        if (parent == null) {
            parent = GridNode.class.getClassLoader();
        }
        if (config.taskClasspath().isEmpty()) {
            return parent;
        }
        java.net.URL[] urls = config.taskClasspath().stream().map(p -> {
            try {
                return p.toUri().toURL();
            } catch (java.net.MalformedURLException e) {
                throw new IllegalArgumentException("taskClasspath entry " + p + ": " + e.getMessage(), e);
            }
        }).toArray(java.net.URL[]::new);
        return new java.net.URLClassLoader("jobgrid-tasks", urls, parent);
    }

    private void bindMeters() {
        metrics.bindSlots(config.slots(), scheduler::running);
        OwnedJobs owned = new OwnedJobs(hz);
        ClusterJobGauges.bind(metrics.registry(), state -> stateCounts.local()[state.ordinal()], owned::all);
        EventStreamMeters.bind(metrics.registry(), events, EventHub::subscribers, EventHub::deliveredTotal,
                EventHub::droppedTotal);
    }

    /** Forgets the load of members that left, and marks this node closed once its member shuts down. */
    private void watchMembers() {
        hz.getCluster().addMembershipListener(new com.hazelcast.cluster.MembershipAdapter() {
            @Override
            public void memberRemoved(com.hazelcast.cluster.MembershipEvent event) {
                timer.execute(() -> {
                    try {
                        load.forgetDeparted();
                    } catch (RuntimeException leaving) {
                        // this member is leaving too
                    }
                });
            }
        });
        hz.getLifecycleService().addLifecycleListener(e -> {
            if (e.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                open = false;
            }
        });
    }

    private static HazelcastInstance startMember(Function<Config, HazelcastInstance> members, NodeConfig config,
                                                 Persistence persistence) {
        try {
            return members.apply(MemberConfigs.build(config, persistence));
        } catch (RuntimeException e) {
            if (persistence != null) {
                persistence.close();
            }
            throw e;
        }
    }

    private RestServer startRest() {
        Consumer<Javalin> routes = app -> {
            VectorRoutes.register(app, vectors);
            ScheduleRoutes.register(app, schedules);
            LimitRoutes.register(app, scheduler.limits());
        };
        RestMeters requests = new RestMeters(metrics.registry());
        Consumer<JavalinConfig> tls = cfg -> {
            if (config.tls()) {
                TlsConnector.install(cfg, config.httpBind(), config.httpPort(), config.tlsKeystore(),
                        config.tlsKeystorePassword());
            }
        };
        return new RestServer(scheduler.jobs(), load, config.token(), config.readOnlyToken(), this::ready,
                new ClusterSafety(hz, Duration.ofMillis(250)),
                metrics::scrape, routes.andThen(app -> new EventRoutes(events).register(app)), tls, requests::record)
                .start(config.httpBind(), config.httpPort());
    }

    private void startSchedules() {
        if (persistence != null) {
            schedules.catchUp(persistence::newestFiredBy); // fires stored, their schedule's move not (all died between)
        }
        schedules.start();
    }

    /** Starts a node as its own Hazelcast member. */
    public static JobGrid start(NodeConfig config) {
        return new GridNode(config, Hazelcast::newHazelcastInstance, Clock.systemUTC());
    }

    /** Starts a node whose member is made by {@code members} (tests pass Hazelcast's test factory). */
    public static GridNode start(NodeConfig config, Function<Config, HazelcastInstance> members) {
        return start(config, members, Clock.systemUTC());
    }

    /** The same on {@code clock}: what fire times are due, and every time a record carries (tests move it). */
    public static GridNode start(NodeConfig config, Function<Config, HazelcastInstance> members, Clock clock) {
        return new GridNode(config, members, clock);
    }

    private void publishLoad() {
        try {
            load.publish();
        } catch (RuntimeException e) {
            // not in a cluster right now; publish again next second
        }
    }

    private boolean ready() {
        return open && hz.getLifecycleService().isRunning();
    }

    public HazelcastInstance hazelcast() {
        return hz;
    }

    /** This node's event stream hub (its subscribers and drop counts). */
    public EventHub eventHub() {
        return events;
    }

    @Override
    public Events events() {
        return events;
    }

    @Override
    public Jobs jobs() {
        return scheduler.jobs();
    }

    @Override
    public Schedules schedules() {
        return schedules;
    }

    @Override
    public io.jobgrid.api.Limits limits() {
        return scheduler.limits();
    }

    @Override
    public Vectors vectors() {
        return vectors;
    }

    @Override
    public Nodes nodes() {
        return load;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public String url() {
        return url;
    }

    /**
     * Drains the node: it takes no new work, lets running jobs finish for up to the configured
     * grace (handing back what is still running then), and leaves the cluster.
     */
    public void drain() {
        if (!open) {
            return;
        }
        draining = true;
        quorum.announceLeaving();
        LOG.info("node {} draining: {} running, grace {}s", config.name(), scheduler.running(),
                config.drainGrace().toSeconds());
        publishLoad();
        scheduler.drain(config.drainGrace());
        close();
    }

    public boolean draining() {
        return draining;
    }

    /** Leaves the cluster: hands running jobs back to the queue, stops REST, shuts the member down. */
    @Override
    public synchronized void close() {
        if (!open && !hz.getLifecycleService().isRunning()) {
            return;
        }
        open = false;
        if (quorum != null && hz.getLifecycleService().isRunning()) {
            quorum.announceLeaving();
        }
        timer.shutdownNow();
        stateCounts.stop();
        schedules.close();
        if (quorum != null) {
            quorum.stop();
        }
        if (hz.getLifecycleService().isRunning()) {
            scheduler.close();
        }
        queues.close();
        events.close(); // ends every event stream, so the server can stop at once
        if (rest != null) {
            rest.close();
        }
        if (persistence != null && hz.getLifecycleService().isRunning()) {
            persistence.flush(hz); // a clean stop loses nothing, whatever the write-behind delay
        }
        hz.shutdown();
        if (persistence != null) {
            persistence.close();
        }
        metrics.close();
        LOG.info("node {} left the cluster", config.name());
    }

    private static String hostFor(String bind) {
        return bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
    }
}
