package io.jobgrid.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's {@code docker-compose.yml} as docker-compose itself resolves it: the output of
 * {@code docker-compose --profile console config} (anchors, merge keys and {@code ${VAR:-default}}
 * resolved), plus the image's ENTRYPOINT, CMD, WORKDIR and ENV from the Dockerfile. Paths of the image
 * ({@code /opt/jobgrid/...}) are mapped to the repository root, which holds the same layout.
 */
final class ComposeFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One service: what compose would run in its container, and how it checks it. */
    record Service(String name, String hostname, List<String> entrypoint, List<String> command,
                   Map<String, String> environment, List<String> healthcheck, Duration healthBudget,
                   Map<String, String> dependsOn, List<String> volumes) {
    }

    private final Path root;
    private final String imageRoot;
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Map<String, String> imageEnv = new LinkedHashMap<>();
    private List<String> imageEntrypoint = List.of();
    private List<String> imageCmd = List.of();

    private ComposeFile(Path root, String imageRoot) {
        this.root = root;
        this.imageRoot = imageRoot;
    }

    /** Runs {@code docker-compose config} on {@code root/docker-compose.yml} with {@code env} added. */
    static ComposeFile resolve(Path root, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("docker-compose", "-f", "docker-compose.yml", "--profile", "console",
                "config").directory(root.toFile());
        pb.environment().remove("JOBGRID_DB_PASSWORD"); // the defaults of the file, not this machine's
        pb.environment().putAll(env);
        Path err = Files.createTempFile("compose-config-", ".err");
        Process p = pb.redirectError(err.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("docker-compose config failed: " + Files.readString(err));
        }
        Files.deleteIfExists(err);
        String dockerfile = Files.readString(root.resolve("Dockerfile"));
        Matcher workdir = Pattern.compile("(?m)^WORKDIR (\\S+)\\s*$").matcher(dockerfile.substring(
                dockerfile.lastIndexOf("\nFROM ")));
        if (!workdir.find()) {
            throw new IllegalStateException("the Dockerfile's runtime stage has no WORKDIR");
        }
        ComposeFile file = new ComposeFile(root, workdir.group(1));
        file.readDockerfile(dockerfile);
        JsonNode config = new YAMLMapper().readTree(new String(out, StandardCharsets.UTF_8));
        config.get("services").fields().forEachRemaining(e -> file.services.put(e.getKey(), file.service(e)));
        return file;
    }

    private void readDockerfile(String dockerfile) throws IOException {
        String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
        for (String line : runtime.split("\n")) {
            if (line.startsWith("ENTRYPOINT ")) {
                imageEntrypoint = strings(JSON.readTree(line.substring("ENTRYPOINT ".length())));
            } else if (line.startsWith("CMD ")) {
                imageCmd = strings(JSON.readTree(line.substring("CMD ".length())));
            } else if (line.startsWith("ENV ")) {
                String[] kv = line.substring("ENV ".length()).trim().split("=", 2);
                imageEnv.put(kv[0], kv[1]);
            }
        }
    }

    private Service service(Map.Entry<String, JsonNode> e) {
        JsonNode s = e.getValue();
        Map<String, String> env = new LinkedHashMap<>();
        s.path("environment").fields().forEachRemaining(v -> env.put(v.getKey(), v.getValue().asText()));
        Map<String, String> deps = new LinkedHashMap<>();
        s.path("depends_on").fields().forEachRemaining(d -> deps.put(d.getKey(), d.getValue().path("condition").asText()));
        JsonNode health = s.path("healthcheck");
        Duration budget = duration(health.path("start_period").asText("0s"))
                .plus(duration(health.path("interval").asText("30s")).multipliedBy(health.path("retries").asInt(3)));
        return new Service(e.getKey(), s.path("hostname").asText(e.getKey()),
                s.has("entrypoint") ? strings(s.get("entrypoint")) : null,
                s.has("command") ? strings(s.get("command")) : null, env, strings(health.path("test")), budget, deps,
                strings(s.path("volumes")));
    }

    Map<String, Service> services() {
        return services;
    }

    /** The container's process for {@code service} (its command replaced by {@code override} if given), mapped. */
    List<String> processOf(Service service, List<String> override) {
        List<String> argv = new ArrayList<>(service.entrypoint() != null ? service.entrypoint() : imageEntrypoint);
        if (override != null) {
            argv.addAll(override);
        } else {
            argv.addAll(service.command() != null ? service.command() : imageCmd);
        }
        return argv.stream().map(this::mapped).toList();
    }

    /** The image's ENV, then the service's environment, paths mapped. */
    Map<String, String> environmentOf(Service service) {
        Map<String, String> env = new LinkedHashMap<>(imageEnv);
        env.putAll(service.environment());
        env.replaceAll((k, v) -> mapped(v));
        return env;
    }

    /** The image's working directory, on this machine. */
    Path workdir() {
        return Path.of(mapped(imageRoot));
    }

    private String mapped(String arg) {
        return arg.startsWith(imageRoot) ? root + arg.substring(imageRoot.length()) : arg;
    }

    /** {@code 5s}, {@code 1m}, {@code 1m30s}, {@code 1h}: as docker-compose config writes them. */
    static Duration duration(String text) {
        Matcher m = Pattern.compile("(\\d+)(h|ms|m|s)").matcher(text);
        Duration d = Duration.ZERO;
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "ms" -> Duration.ofMillis(n);
                default -> Duration.ofSeconds(n);
            });
        }
        return d;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
