package io.jobgrid.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobgrid.testkit.LoopbackPorts;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example app as a user runs it: {@code bin/jobgrid up} starts a cluster (ports, cluster name and run
 * dir of its own), the app runs in a JVM of its own with only its run-time class path (the node and
 * slf4j-simple, no Logback, Javalin or picocli), joins that cluster from the shipped jobgrid.yaml, and its
 * jobs succeed; the cluster's own REST API then reads the same records.
 */
class EmbeddedAppIT {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path ROOT = MODULE.getParent().getParent();
    private static final Path RUN_DIR = MODULE.resolve("target/it-run");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static int httpBase;
    private static int memberBase;

    @BeforeAll
    static void up() throws Exception {
        httpBase = LoopbackPorts.forHttp(2);
        memberBase = LoopbackPorts.forMembers(25, httpBase);
        Files.createDirectories(RUN_DIR);
        Result up = binJobgrid("up", "2", "--http-port", String.valueOf(httpBase), "--member-port",
                String.valueOf(memberBase), "--cluster-name", "example-" + ProcessHandle.current().pid(),
                "--run-dir", RUN_DIR.toString(), "--classpath", MODULE.resolve("target/jobgrid-embedded-app.jar").toString());
        assertThat(up.exitCode()).as(up.output()).isZero();
    }

    @AfterAll
    static void down() throws Exception {
        binJobgrid("down", "--run-dir", RUN_DIR.toString());
    }

    @Test
    void theAppJoinsTheClusterOfBinJobgridUpAndItsJobsSucceed() throws Exception {
        Result app = runApp(3);

        assertThat(app.exitCode()).as(app.output()).isZero();
        assertThat(app.output()).contains("done: 3 of 3 SUCCEEDED");
        List<String> ids = new ArrayList<>();
        Matcher line = Pattern.compile("(?m)^job (\\S+) SUCCEEDED node=(\\S+) exit=0 output=job (\\d) ran on (\\S+)$")
                .matcher(app.output());
        while (line.find()) {
            ids.add(line.group(1));
            assertThat(line.group(4)).isEqualTo(line.group(2));
        }
        assertThat(ids).as(app.output()).hasSize(3);
        for (String id : ids) {
            JsonNode record = JSON.readTree(get("/api/v1/jobs/" + id));
            assertThat(record.get("state").asText()).isEqualTo("SUCCEEDED");
        }
        assertTasksRanOnTheClusterNodes(app.output());
    }

    /** The app's own task class ran on the nodes given its jar with --classpath (the app has no task slots). */
    private static void assertTasksRanOnTheClusterNodes(String output) throws Exception {
        assertThat(output).contains("tasks: 3 of 3 SUCCEEDED");
        Matcher task = Pattern.compile("(?m)^task (\\S+) SUCCEEDED node=(\\S+) words=(\\d)$").matcher(output);
        int n = 0;
        while (task.find()) {
            n++;
            assertThat(task.group(2)).startsWith("node-");
            assertThat(task.group(3)).isEqualTo(String.valueOf(n));
            JsonNode record = JSON.readTree(get("/api/v1/jobs/" + task.group(1)));
            assertThat(record.get("spec").get("task").asText()).isEqualTo(WordCount.class.getName());
            assertThat(record.get("result").get("value").asInt()).isEqualTo(n);
        }
        assertThat(n).as(output).isEqualTo(3);
    }

    @Test
    void theNodesRunTheNamedTaskTypeOfTheJarOverRest() throws Exception {
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpBase + "/api/v1/jobs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"task\":\"word-count\",\"args\":{\"text\":\"to be or not\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();

        JsonNode done = Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> JSON.readTree(get("/api/v1/jobs/" + id)),
                        r -> r.get("state").asText().matches("SUCCEEDED|FAILED|TIMED_OUT|CANCELLED|SKIPPED"));
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("result").get("value").asInt()).isEqualTo(4);
    }

    @Test
    void theAppsClassPathHoldsNoLoggingBindingWebServerOrCommandLineOfTheNode() throws IOException {
        try (Stream<Path> jars = Files.list(MODULE.resolve("target/lib"))) {
            List<String> names = jars.map(p -> p.getFileName().toString()).toList();

            assertThat(names).anyMatch(n -> n.startsWith("jobgrid-node")).anyMatch(n -> n.startsWith("slf4j-simple"));
            assertThat(names).noneMatch(n -> n.startsWith("logback-") || n.startsWith("javalin")
                    || n.startsWith("jetty-") || n.startsWith("picocli"));
        }
    }

    /** The example's own jobgrid.yaml, pointed at this test's cluster instead of bin/jobgrid up's defaults. */
    private static Result runApp(int jobs) throws IOException, InterruptedException {
        String shipped = Files.readString(MODULE.resolve("jobgrid.yaml"));
        assertThat(shipped).contains("clusterName: jobgrid\n", "memberPort: 5701\n").doesNotContainPattern("(?m)^httpPort:");
        Path config = RUN_DIR.resolve("embedded-app.yaml");
        Files.writeString(config, shipped.replace("clusterName: jobgrid\n", "clusterName: example-"
                + ProcessHandle.current().pid() + "\n").replace("memberPort: 5701\n", "memberPort: " + memberBase + "\n"));
        String classPath = MODULE.resolve("target/jobgrid-embedded-app.jar") + File.pathSeparator
                + MODULE.resolve("target/lib") + File.separator + "*";
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx512m", "-cp", classPath,
                EmbeddedApp.class.getName(), config.toString(), String.valueOf(jobs));
        builder.environment().put("JOBGRID_DATA_DIR", RUN_DIR.resolve("data").toString());
        return run(builder, RUN_DIR.resolve("embedded-app.out"));
    }

    private static Result binJobgrid(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/jobgrid").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JOBGRID_NO_BUILD", "1"); // the jars Maven just packaged
        builder.environment().remove("JOBGRID_RUN_DIR");
        return run(builder, RUN_DIR.resolve("bin-jobgrid-" + args[0] + ".out"));
    }

    /** Runs a process to its end (3 minutes at most), its output in {@code out} so no pipe can block. */
    private static Result run(ProcessBuilder builder, Path out) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(builder.command() + " did not finish within 3 minutes:\n" + Files.readString(out));
        }
        return new Result(process.exitValue(), Files.readString(out));
    }

    private static String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpBase + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** Exit code and combined output of one process. */
    private record Result(int exitCode, String output) {
    }
}
