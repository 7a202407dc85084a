package io.jobgrid.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobgrid.e2e.ComposeFile.Service;
import io.jobgrid.testkit.NetworkNamespaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The project's {@code docker-compose.yml}, run as its topology without containers: no Docker
 * engine runs here and no registry is reachable for the Dockerfile's base images. Each service
 * gets a network namespace of its own on one bridge (its own address, its own UTS namespace with
 * the compose {@code hostname}, its own hosts file naming every service, given to its JVM as
 * {@code -Djdk.net.hosts.file}, in place of Docker's DNS) and is started with the entrypoint,
 * command and environment that {@code docker-compose config} resolves for it, image paths mapped
 * to the repository. PostgreSQL is Debian's server honouring the postgres image's
 * {@code POSTGRES_*} contract, its data in a directory standing for the {@code pgdata} volume; the
 * nodes start once its compose health check passes, and count as up once theirs does.
 *
 * <p>Then, as a user of the compose file would: jobs through each node; a job that submits a child
 * through {@code JOBGRID_URL} and {@code JOBGRID_TOKEN}; the console service's one-shot command;
 * SIGKILL of every process of one node's "container", whose jobs finish on the others; a full stop
 * and start on the same {@code pgdata}, after which every job is found, finished ones read from
 * the shared PostgreSQL history and a job still queued brought back from it. Needs root,
 * iproute2, docker-compose and PostgreSQL's binaries; otherwise it is skipped, loudly. It does not
 * build the image.
 */
class ComposeTopologyIT {
    private static final String TOKEN = "compose-topology-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern SUBMITTED = Pattern.compile("\\b([0-9A-Z]{13})\\b"); // only the id when not on a terminal
    private static final Pattern JOB_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9A-Z]{13})\"");

    private static Path root;
    private static Path dir;
    private static Path pgdata;
    private static String pgBin;
    private static ComposeFile compose;
    private static NetworkNamespaces net;
    private static final List<String> ORDER = new ArrayList<>();
    private static final Map<String, Process> RUNNING = new LinkedHashMap<>();
    private static final Set<String> HEALTHY = new HashSet<>();
    private static int generation;
    private static boolean launcherTraining;

    @BeforeAll
    static void topology() throws Exception {
        String why = whyNotRunnable();
        if (why != null) {
            System.err.println("*** ComposeTopologyIT SKIPPED: " + why + " ***");
        }
        assumeTrue(why == null, "ComposeTopologyIT skipped: " + why);
        root = repoRoot();
        dir = Files.createDirectories(root.resolve("shell/target/e2e-run/ComposeTopologyIT"));
        compose = ComposeFile.resolve(root, Map.of("JOBGRID_TOKEN", TOKEN));
        ORDER.addAll(compose.services().keySet());
        net = NetworkNamespaces.create("jgk", ORDER.size(), 193);
        for (String name : ORDER) {
            Service s = compose.services().get(name);
            StringBuilder hosts = new StringBuilder("127.0.0.1 localhost\n");
            for (String other : ORDER) {
                hosts.append(address(other)).append(' ').append(other).append(' ')
                        .append(compose.services().get(other).hostname()).append('\n');
            }
            Files.writeString(hostsFile(s), hosts);
        }
        pgdata = Files.createTempDirectory("jobgrid-compose-pgdata");
        run(List.of("chown", "postgres", pgdata.toString()));
    }

    @AfterAll
    static void down() throws IOException {
        RUNNING.values().forEach(Process::destroyForcibly);
        RUNNING.clear();
        if (launcherTraining) {
            // the console launcher records its class-data archive in the background, holding a lock
            // directory: killed with the namespace, it would leave the lock and no archive for later runs
            Path lock = root.resolve("shell/target/cds.lock");
            try {
                await("the console launcher's archive recorded").atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(500)).until(() -> !Files.exists(lock));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                System.err.println("ComposeTopologyIT: " + e.getMessage() + "; killing it with the namespaces");
            }
        }
        if (net != null) {
            net.close(); // kills whatever still runs in the namespaces
        }
        if (pgdata != null) {
            try (Stream<Path> files = Files.walk(pgdata)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theComposeTopologyRunsJobsSurvivesALostNodeAndAFullRestartWithItsHistory() throws Exception {
        up();
        List<String> ids = new ArrayList<>();
        for (String node : nodes()) {
            ids.add(submit(node, Map.of("shell", "echo hello from $(hostname)")));
        }
        for (String id : ids) {
            awaitState(nodes().get(0), id, "SUCCEEDED");
            String ranOn = job(nodes().get(0), id).path("node").asText();
            assertThat(get(url(ranOn), "/api/v1/jobs/" + id + "/logs").body()).as("the compose hostname of %s", ranOn)
                    .contains("hello from " + compose.services().get(ranOn).hostname());
        }
        ids.addAll(parentSubmitsAChild());
        ids.add(consoleSubmits());
        ids.addAll(jobsOfAKilledNodeFinishElsewhere());
        // unfinished across the restart: no node has the tag, so it waits in its queue
        String waiting = submit(nodes().get(1), Map.of("shell", "echo never", "constraints", Map.of("zone", "nowhere")));
        assertThat(job(nodes().get(0), waiting).path("state").asText()).isEqualTo("QUEUED");

        stopAll();
        assertThat(RUNNING).isEmpty();
        up();
        for (String node : nodes()) {
            for (String id : ids) {
                assertThat(job(node, id).path("state").asText()).as("job %s read from %s after the restart", id, node)
                        .isEqualTo("SUCCEEDED");
            }
            assertThat(job(node, waiting).path("state").asText()).as("the unfinished job read from %s", node)
                    .isEqualTo("QUEUED");
        }
    }

    /** A job that posts a child job to its own node with the token it was given; both succeed. */
    private static List<String> parentSubmitsAChild() throws Exception {
        String node = nodes().get(1);
        String parent = submit(node, Map.of("shell", "curl -fsS -X POST -H \"Authorization: Bearer $JOBGRID_TOKEN\""
                + " -H 'Content-Type: application/json' -d '{\"shell\":\"echo child\"}' \"$JOBGRID_URL/api/v1/jobs\""));
        awaitState(node, parent, "SUCCEEDED");
        String log = get(url(node), "/api/v1/jobs/" + parent + "/logs").body();
        Matcher child = JOB_ID.matcher(log);
        assertThat(child.find()).as("the child's id in the parent's output: %s", log).isTrue();
        awaitState(nodes().get(2), child.group(1), "SUCCEEDED");
        return List.of(parent, child.group(1));
    }

    /** {@code docker-compose run --rm shell submit -- echo ...}: the console service's one-shot form. */
    private static String consoleSubmits() throws Exception {
        Service shell = compose.services().get("shell");
        assertThat(shell.dependsOn()).containsEntry("node-1", "service_healthy");
        awaitHealthy(compose.services().get("node-1"));
        Path out = dir.resolve("shell-" + generation + ".log");
        launcherTraining = !Files.exists(root.resolve("shell/target/cds.lock"));
        Process p = start(shell, List.of("submit", "--", "echo", "from-the-console"), out);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the console finished (%s)", out).isTrue();
        RUNNING.remove("shell");
        String text = Files.readString(out).replaceAll("\u001B\\[[;\\d]*m", "");
        assertThat(p.exitValue()).as(text).isZero();
        Matcher id = SUBMITTED.matcher(text);
        assertThat(id.find()).as("the console's output: %s", text).isTrue();
        awaitState(nodes().get(0), id.group(1), "SUCCEEDED");
        return id.group(1);
    }

    /** SIGKILL of every process of one node's namespace, as a killed container; its jobs run again elsewhere. */
    private static List<String> jobsOfAKilledNodeFinishElsewhere() throws Exception {
        String victim = nodes().get(2);
        String survivor = nodes().get(0);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(submit(victim, Map.of("shell", "sleep 6", "timeoutSeconds", 120)));
        }
        List<String> onVictim = await("a job running on " + victim).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).until(() -> ids.stream().filter(id -> {
                    JsonNode job = jobOrNull(survivor, id);
                    return victim.equals(job.path("node").asText()) && "RUNNING".equals(job.path("state").asText());
                }).toList(), running -> !running.isEmpty());
        for (String pid : run(List.of("ip", "netns", "pids", net.namespace(member(victim)))).split("\\s+")) {
            if (!pid.isBlank()) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        RUNNING.remove(victim).waitFor(20, TimeUnit.SECONDS);
        HEALTHY.remove(victim);
        for (String id : ids) {
            await(id + " SUCCEEDED without " + victim).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> "SUCCEEDED".equals(jobOrNull(survivor, id).path("state").asText()));
            assertThat(job(survivor, id).path("node").asText()).as(id).isNotEqualTo(victim);
        }
        for (String id : onVictim) {
            assertThat(job(survivor, id).path("attempt").asInt()).as("%s ran again after %s was killed", id, victim)
                    .isGreaterThanOrEqualTo(2);
        }
        return ids;
    }

    /** {@code docker-compose up -d}: every service without a profile, each once its dependencies are healthy. */
    private static void up() throws Exception {
        generation++;
        List<Service> toStart = ORDER.stream().map(compose.services()::get).filter(s -> !s.name().equals("shell"))
                .sorted(Comparator.comparing(s -> s.dependsOn().size())).toList();
        for (Service s : toStart) {
            for (Map.Entry<String, String> dep : s.dependsOn().entrySet()) {
                assertThat(dep.getValue()).as("%s depends on %s", s.name(), dep.getKey()).isEqualTo("service_healthy");
                awaitHealthy(compose.services().get(dep.getKey()));
            }
            if (s.name().equals("postgres")) {
                startPostgres(s);
            } else {
                start(s, null, dir.resolve(s.name() + "-" + generation + ".log"));
            }
        }
        for (Service s : toStart) {
            awaitHealthy(s);
        }
        for (String node : nodes()) {
            await(node + " lists 3 nodes").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> JSON.readTree(get(url(node), "/api/v1/nodes").body()).size() == 3);
        }
    }

    /** {@code docker-compose stop}: SIGTERM, nodes before what they depend on; SIGKILL after the grace. */
    private static void stopAll() throws Exception {
        List<String> names = new ArrayList<>(RUNNING.keySet());
        names.sort(Comparator.comparing((String n) -> compose.services().get(n).dependsOn().size()).reversed());
        for (String name : names) {
            Process p = RUNNING.remove(name);
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            HEALTHY.remove(name);
        }
    }

    /**
     * The postgres image's start: on an empty volume, initdb with POSTGRES_USER as the superuser,
     * POSTGRES_PASSWORD as its password, password logins from the network, then POSTGRES_DB; then
     * the server, listening on every address of its namespace, as the postgres user.
     */
    private static void startPostgres(Service s) throws Exception {
        assertThat(s.volumes()).as("the data volume").anyMatch(v -> v.startsWith("pgdata:/var/lib/postgresql/data"));
        Map<String, String> env = s.environment();
        boolean fresh = !Files.exists(pgdata.resolve("PG_VERSION"));
        if (fresh) {
            Path pw = Files.createTempFile("pgpass-", ".txt");
            Files.writeString(pw, env.get("POSTGRES_PASSWORD"));
            run(List.of("chown", "postgres", pw.toString()));
            run(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", pgBin + "/initdb", "-D",
                    pgdata.toString(), "-U", env.get("POSTGRES_USER"), "--pwfile=" + pw, "--auth-local=trust",
                    "--auth-host=scram-sha-256", "--no-sync"));
            Files.delete(pw);
            Files.writeString(pgdata.resolve("pg_hba.conf"), "host all all all scram-sha-256\n",
                    java.nio.file.StandardOpenOption.APPEND);
        }
        List<String> cmd = new ArrayList<>(net.exec(member(s.name())));
        cmd.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", pgBin + "/postgres",
                "-D", pgdata.toString(), "-c", "listen_addresses=*", "-p", "5432", "-k", pgdata.toString(),
                "-c", "fsync=off"));
        RUNNING.put(s.name(), new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("postgres-" + generation + ".log").toFile()).start());
        if (fresh) {
            await("postgres accepts connections").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> healthy(s));
            run(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", pgBin + "/psql", "-h",
                    pgdata.toString(), "-U", env.get("POSTGRES_USER"), "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c",
                    "CREATE DATABASE \"" + env.get("POSTGRES_DB") + "\""));
        }
    }

    /**
     * The container of {@code s}: its process (entrypoint and command, or {@code override} as
     * {@code docker-compose run} gives it) in its namespace, under its hostname, with the image's and
     * the service's environment and nothing of this JVM's, its JVM resolving names by its hosts file.
     */
    private static Process start(Service s, List<String> override, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(net.exec(member(s.name())));
        cmd.addAll(List.of("unshare", "--uts", "--", "sh", "-c", "hostname \"$0\" && exec \"$@\"", s.hostname()));
        cmd.addAll(compose.processOf(s, override));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(compose.workdir().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", dir.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.putAll(compose.environmentOf(s));
        env.put("JOBGRID_JAVA_OPTS", (env.getOrDefault("JOBGRID_JAVA_OPTS", "") + " -Djdk.net.hosts.file="
                + hostsFile(s)).trim());
        Process p = pb.start();
        RUNNING.put(s.name(), p);
        return p;
    }

    private static void awaitHealthy(Service s) {
        if (HEALTHY.contains(s.name())) {
            return;
        }
        await(s.name() + " healthy by `" + String.join(" ", s.healthcheck()) + "`").atMost(s.healthBudget())
                .pollInterval(Duration.ofMillis(500)).until(() -> healthy(s));
        HEALTHY.add(s.name());
    }

    /** The service's compose health check, run in its namespace. */
    private static boolean healthy(Service s) throws Exception {
        Process running = RUNNING.get(s.name());
        assertThat(running).as("%s runs", s.name()).isNotNull();
        assertThat(running.isAlive()).as("%s is alive (logs in %s)", s.name(), dir).isTrue();
        List<String> test = s.healthcheck();
        assertThat(test.get(0)).isEqualTo("CMD");
        List<String> cmd = new ArrayList<>(net.exec(member(s.name())));
        cmd.addAll(List.of("env", "PATH=" + pgBin + ":/usr/bin:/bin", "PGHOST=" + pgdata));
        cmd.addAll(test.subList(1, test.size()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(3, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }

    private static List<String> nodes() {
        return ORDER.stream().filter(n -> n.startsWith("node-")).toList();
    }

    private static int member(String service) {
        return ORDER.indexOf(service) + 1;
    }

    private static String address(String service) {
        return net.address(member(service));
    }

    private static Path hostsFile(Service s) {
        return dir.resolve("hosts-" + s.name());
    }

    private static String url(String node) {
        return "http://" + address(node) + ":8080";
    }

    private static String submit(String node, Map<String, Object> spec) throws Exception {
        HttpResponse<String> r = HTTP.send(request(url(node) + "/api/v1/jobs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(spec))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get("id").asText();
    }

    private static void awaitState(String node, String id, String state) {
        await(id + " " + state).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> state.equals(jobOrNull(node, id).path("state").asText()));
    }

    private static JsonNode job(String node, String id) throws Exception {
        HttpResponse<String> r = get(url(node), "/api/v1/jobs/" + id);
        assertThat(r.statusCode()).as("%s from %s: %s", id, node, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** The job's record, or an empty node while the node cannot answer. */
    private static JsonNode jobOrNull(String node, String id) {
        try {
            return JSON.readTree(get(url(node), "/api/v1/jobs/" + id).body());
        } catch (Exception notNow) {
            return JSON.createObjectNode();
        }
    }

    private static HttpResponse<String> get(String url, String path) throws Exception {
        return HTTP.send(request(url + path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + TOKEN);
    }

    /** Runs a short command in the root namespace; its output, or the test fails. */
    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", cmd)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }

    private static String whyNotRunnable() throws IOException {
        String why = NetworkNamespaces.whyNotUsable();
        if (why != null) {
            return why;
        }
        if (Stream.of("/usr/bin/docker-compose", "/usr/local/bin/docker-compose")
                .noneMatch(p -> Files.isExecutable(Path.of(p)))) {
            return "no docker-compose (Debian's package) to resolve docker-compose.yml";
        }
        if (!Files.readString(Path.of("/etc/passwd")).contains("\npostgres:")) {
            return "no postgres user (.ci/postgres makes one)";
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            pgBin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("postgres")))
                    .map(Path::toString).max(Comparator.naturalOrder()).orElse(null);
        } catch (java.nio.file.NoSuchFileException none) {
            pgBin = null;
        }
        if (pgBin == null) {
            return "no PostgreSQL server binaries under /usr/lib/postgresql (.ci/postgres installs them)";
        }
        return Files.exists(repoRoot().resolve("shell/target/jobgrid-shell.jar")) ? null
                : "no shell/target/jobgrid-shell.jar (run the package phase)";
    }

    /** The repository root: Maven runs failsafe in shell/. */
    private static Path repoRoot() {
        return Stream.iterate(Path.of("").toAbsolutePath(), d -> d != null, Path::getParent)
                .filter(d -> Files.exists(d.resolve("docker-compose.yml"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no docker-compose.yml above the working directory"));
    }
}
