package io.jobgrid.node;

import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.JobGrid;
import io.jobgrid.api.NodeConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/** {@code jobgrid node [...]}: runs one node in the foreground until SIGTERM or SIGINT. */
@Command(name = "jobgrid", mixinStandardHelpOptions = true, subcommands = Main.NodeCommand.class,
        description = "A masterless compute grid on an embedded Hazelcast cluster.")
public final class Main implements Runnable {
    static {
        // Before the first logger: the jar keeps its Logback config off the class path's root (see LogFormat).
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LogFormat.TEXT.resource());
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    public static void main(String[] args) {
        System.setProperty("hazelcast.logging.type", "slf4j");
        if (System.getProperty("jdk.lang.Process.launchMechanism") == null
                && System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            // vfork execs the job directly; the default goes through the jspawnhelper binary first,
            // one more exec per job, and starting processes is most of what a node does
            System.setProperty("jdk.lang.Process.launchMechanism", "VFORK");
        }
        // With a common pool of parallelism 1 (any 2-core machine) Hazelcast runs async callbacks
        // on a new thread each; a larger common pool keeps them on pooled threads.
        if (System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism") == null) {
            System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism",
                    Integer.toString(Math.max(4, Runtime.getRuntime().availableProcessors())));
        }
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    @Command(name = "node", mixinStandardHelpOptions = true, description = "Run a node in the foreground.")
    static final class NodeCommand implements Callable<Integer> {
        @Option(names = "--config", description = "node settings (jobgrid.yaml)")
        Path config;
        @Option(names = "--name", description = "node name, unique in the cluster")
        String name;
        @Option(names = "--http-port", description = "REST port (default 8080; 0: any free port, -1: no REST)")
        Integer httpPort;
        @Option(names = "--http-bind", description = "REST bind address (default 127.0.0.1)")
        String httpBind;
        @Option(names = "--token", description = "REST bearer token (or env JOBGRID_TOKEN)")
        String token;
        @Option(names = "--read-only-token",
                description = "REST bearer token that may only read (or env JOBGRID_READ_ONLY_TOKEN)")
        String readOnlyToken;
        @Option(names = "--data-dir", description = "where this node keeps its files")
        Path dataDir;
        @Option(names = "--slots", description = "jobs run at once (default: cores)")
        Integer slots;
        @Option(names = "--task-slots", description = "Java tasks run at once, apart from --slots (default: cores)")
        Integer taskSlots;
        @Option(names = "--classpath", split = ":", description = "jars and directories of Java tasks and named task "
                + "types (META-INF/services/io.jobgrid.api.TaskType) this node runs; repeatable, or ':'-separated")
        List<Path> taskClasspath;
        @Option(names = "--tag", description = "node tag k=v (repeatable)")
        Map<String, String> tags;
        @Option(names = "--member-port", description = "first Hazelcast member port to try (default 5701)")
        Integer memberPort;
        @Option(names = "--hazelcast-config", description = "Hazelcast member config (YAML or XML) for discovery, "
                + "ports and interfaces, e.g. config/hazelcast-multicast.yaml; overrides hazelcastConfig of --config")
        Path hazelcastConfig;
        @Option(names = "--members", split = ",", description = "TCP-IP members to join, host[:port]")
        List<String> members;
        @Option(names = "--cluster-name", description = "Hazelcast cluster name (default jobgrid)")
        String clusterName;
        @Option(names = "--log-format", description = "text (default) or json: one JSON object per line")
        String logFormat;
        @Option(names = "--tls-keystore", description = "PKCS#12 keystore: serve REST over HTTPS "
                + "(password from env JOBGRID_TLS_KEYSTORE_PASSWORD or the config file)")
        Path tlsKeystore;
        @Option(names = "--allow-command", description = "regex a job's program (argv[0], /bin/sh for shell "
                + "jobs) must match; repeatable; none means any")
        List<String> allowedCommands;

        @Override
        public Integer call() throws InterruptedException {
            NodeConfig node;
            try {
                if (logFormat != null) {
                    LogFormat.parse(logFormat).apply();
                }
                node = settings();
            } catch (InvalidInputException e) {
                System.err.println("jobgrid: " + e.getMessage());
                return 2;
            }
            GridNode grid = (GridNode) JobGrid.start(node);
            CountDownLatch stopped = new CountDownLatch(1);
            grid.hazelcast().getLifecycleService().addLifecycleListener(e -> {
                if (e.getState() == com.hazelcast.core.LifecycleEvent.LifecycleState.SHUTDOWN) {
                    stopped.countDown(); // drained through the API, or the member was shut down
                }
            });
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                LOG.info("node {} stopping on a signal: draining", node.name());
                grid.drain(); // SIGTERM drains: running jobs finish or are handed back, then the node leaves
            }, "jobgrid-shutdown"));
            System.out.println("jobgrid node " + node.name() + " ready" + (grid.url() == null ? "" : " at " + grid.url()));
            stopped.await();
            LOG.info("node {} has left the cluster", node.name());
            return 0;
        }

        /** The config file (if any) with every option given on the command line or in the environment laid over it. */
        NodeConfig settings() {
            NodeConfig.Builder b = config == null ? NodeConfig.builder() : NodeConfig.read(config);
            if (b.httpPort == null) {
                b.httpPort(NodeConfig.COMMAND_LINE_HTTP_PORT); // an embedded node has no REST unless asked; a CLI node has
            }
            ifGiven(name, b::name);
            ifGiven(httpPort, b::httpPort);
            ifGiven(httpBind, b::httpBind);
            ifGiven(token != null ? token : System.getenv("JOBGRID_TOKEN"), b::token);
            ifGiven(readOnlyToken != null ? readOnlyToken : System.getenv("JOBGRID_READ_ONLY_TOKEN"), b::readOnlyToken);
            ifGiven(dataDir, b::dataDir);
            ifGiven(slots, b::slots);
            ifGiven(taskSlots, b::taskSlots);
            if (taskClasspath != null) {
                List<String> all = new java.util.ArrayList<>(b.taskClasspath == null ? List.of() : b.taskClasspath);
                taskClasspath.forEach(p -> all.add(p.toAbsolutePath().normalize().toString()));
                b.taskClasspath(all);
            }
            if (tags != null) {
                Map<String, String> all = new java.util.LinkedHashMap<>(b.tags == null ? Map.of() : b.tags);
                all.putAll(tags);
                b.tags(all);
            }
            ifGiven(memberPort, b::memberPort);
            // relative to where the command runs, as any path given on a command line
            ifGiven(hazelcastConfig == null ? null : hazelcastConfig.toAbsolutePath().normalize(), b::hazelcastConfig);
            ifGiven(members, b::members);
            ifGiven(clusterName, b::clusterName);
            ifGiven(tlsKeystore, b::tlsKeystore);
            ifGiven(System.getenv("JOBGRID_TLS_KEYSTORE_PASSWORD"), b::tlsKeystorePassword);
            ifGiven(allowedCommands, b::allowedCommands);
            return b.build();
        }

        /** Lays {@code value} over the builder, unless it was not given (null), so the config file's value stays. */
        private static <T> void ifGiven(T value, Consumer<T> setter) {
            if (value != null) {
                setter.accept(value);
            }
        }
    }
}
