package io.jobgrid.bench;

import io.jobgrid.client.GridTarget;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.JobgridClientException;
import io.jobgrid.testkit.NetworkNamespaces;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The member processes of the chaos benchmark, numbered 1..n: started from the built node jar,
 * each in its own network namespace when {@link NetworkNamespaces} are given (else on loopback),
 * and killed, paused, resumed and started again on demand. A restarted member keeps its name, address
 * and ports; its log goes on in the same file.
 */
final class ChaosMembers implements AutoCloseable {
    static final String TOKEN = "chaos-bench-token-0123456789abcdef";
    private static final int HTTP_BASE = 18180;
    private static final int MEMBER_BASE = 15800;

    private final int count;
    private final int slots;
    private final NetworkNamespaces lab;
    private final Path dir;
    private final String cluster = "jobgrid-chaos-" + ProcessHandle.current().pid();
    private final Process[] processes;
    private final JobgridClient[] clients;

    ChaosMembers(int count, int slots, NetworkNamespaces lab, Path dir) {
        this.count = count;
        this.slots = slots;
        this.lab = lab;
        this.dir = dir;
        NodeProcess.jar(); // refuses to go on without the built node
        this.processes = new Process[count + 1];
        this.clients = new JobgridClient[count + 1];
        clients[1] = new JobgridClient(new GridTarget(url(1), TOKEN));
        for (int i = 2; i <= count; i++) {
            clients[i] = clients[1].at(url(i)); // one HttpClient for all
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "chaos-members-stop"));
    }

    int count() {
        return count;
    }

    String name(int member) {
        return "chaos-" + member;
    }

    String address(int member) {
        return lab == null ? "127.0.0.1" : lab.address(member);
    }

    String url(int member) {
        return "http://" + address(member) + ":" + (HTTP_BASE + member);
    }

    /** The member's REST API, with the token; one HttpClient is shared by every member's client. */
    JobgridClient client(int member) {
        return clients[member];
    }

    long pid(int member) {
        return processes[member].pid();
    }

    boolean alive(int member) {
        return processes[member] != null && processes[member].isAlive();
    }

    /** Starts member {@code member}; returns at once (see {@link #awaitWhole}). */
    void launch(int member) throws IOException {
        Path config = dir.resolve(name(member) + ".yaml");
        List<String> seeds = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            seeds.add("\"" + address(i) + ":" + (MEMBER_BASE + i) + "\"");
        }
        Files.writeString(config, String.join("\n",
                "clusterName: " + cluster,
                "members: [" + String.join(", ", seeds) + "]",
                "memberPort: " + (MEMBER_BASE + member),
                "memberBind: " + address(member),
                "httpPort: " + (HTTP_BASE + member),
                "httpBind: " + address(member),
                "token: " + TOKEN,
                "slots: " + slots,
                "") + System.getProperty("chaos.nodeYaml", "").replace("\\n", "\n"));
        List<String> jvm = new ArrayList<>(List.of("-XX:+UseParallelGC"));
        String extra = System.getProperty("chaos.nodeJvmArgs", "");
        if (!extra.isBlank()) {
            jvm.addAll(List.of(extra.trim().split("[,\\s]+"))); // commas survive bin/bench word splitting
        }
        List<String> cmd = new ArrayList<>(lab == null ? List.of() : lab.exec(member));
        cmd.addAll(NodeProcess.command(member, System.getProperty("chaos.heap", "384m"), jvm));
        cmd.addAll(List.of("--config", config.toString(), "--name", name(member)));
        processes[member] = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name(member) + ".log").toFile()))
                .start();
    }

    void kill(int member) {
        processes[member].destroyForcibly(); // SIGKILL
    }

    void pause(int member) throws IOException {
        signal(member, "STOP");
    }

    void resume(int member) throws IOException {
        signal(member, "CONT");
    }

    private void signal(int member, String sig) throws IOException {
        Process p = new ProcessBuilder("kill", "-" + sig, Long.toString(pid(member))).inheritIO().start();
        try {
            if (p.waitFor() != 0) {
                throw new IOException("kill -" + sig + " " + pid(member) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Kills (if needed) and starts the member again, under the same name and address. */
    void restart(int member) throws IOException, InterruptedException {
        if (alive(member)) {
            kill(member);
            processes[member].waitFor(10, TimeUnit.SECONDS);
        }
        launch(member);
    }

    /** Waits until every member is up and sees all {@code count} members; false on timeout. */
    boolean awaitWhole(Duration within) throws InterruptedException {
        long until = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < until) {
            if (whole()) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        return false;
    }

    /**
     * Waits until every member's {@code /health} says {@code clusterSafe}: no partition migrating,
     * every backup in place and in sync. Whole is not enough: right after a member joined, left or
     * merged back, Hazelcast is still copying partitions, and a death then can take a partition's
     * only up-to-date copy with it. False on timeout.
     */
    boolean awaitSafe(Duration within) throws InterruptedException {
        long until = System.nanoTime() + within.toNanos();
        while (!safe()) {
            if (System.nanoTime() >= until) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        return true;
    }

    /** Whether every member's {@code /health} says {@code clusterSafe} now. */
    boolean safe() {
        for (int i = 1; i <= count; i++) {
            try {
                if (!client(i).getJson("/health", Duration.ofSeconds(5)).path("clusterSafe").asBoolean()) {
                    return false;
                }
            } catch (JobgridClientException notYet) {
                return false;
            }
        }
        return true;
    }

    private boolean whole() {
        for (int i = 1; i <= count; i++) {
            try {
                if (client(i).nodes().size() != count) {
                    return false;
                }
            } catch (JobgridClientException notYet) {
                return false;
            }
        }
        return true;
    }

    Path dir() {
        return dir;
    }

    @Override
    public synchronized void close() {
        for (int i = 1; i <= count; i++) {
            Process p = processes[i];
            if (p != null && p.isAlive()) {
                try {
                    resume(i); // a paused JVM cannot run its shutdown hook
                } catch (IOException ignored) {
                    // gone already
                }
                p.destroyForcibly();
            }
        }
    }
}
