package io.jobgrid.deploy;

import io.jobgrid.api.NodeConfig;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml and the node config it starts with fit together: every node stores its history in
 * the PostgreSQL service with that service's database, user and password, starts after the database is
 * healthy, and is health checked on /health. (CI checks the file's syntax with {@code docker-compose config -q};
 * SnakeYAML resolves its {@code <<} merge keys as compose does.)
 */
class ComposeFileTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void everyNodeKeepsItsHistoryInThePostgresServiceOnceItIsHealthy() throws IOException {
        Map<String, Object> services = map(compose().get("services"));
        Map<String, Object> postgres = map(services.get("postgres"));
        Map<String, Object> db = map(postgres.get("environment"));

        assertThat(map(postgres.get("healthcheck")).get("test").toString()).contains("pg_isready");
        assertThat((List<?>) postgres.get("volumes")).anyMatch(v -> v.toString().startsWith("pgdata:"));
        assertThat(map(compose().get("volumes"))).containsKey("pgdata");
        for (String name : List.of("node-1", "node-2", "node-3")) {
            Map<String, Object> node = map(services.get(name));
            Map<String, Object> env = map(node.get("environment"));
            NodeConfig config = NodeConfig.read(ROOT.resolve("config/docker/jobgrid.yaml"), k -> (String) env.get(k))
                    .httpBind("0.0.0.0").token("a-token-of-some-length").build();

            assertThat(map(map(node.get("depends_on")).get("postgres"))).containsEntry("condition", "service_healthy");
            assertThat(config.store().url()).isEqualTo("jdbc:postgresql://postgres:5432/" + db.get("POSTGRES_DB"));
            assertThat(config.store().user()).isEqualTo(db.get("POSTGRES_USER"));
            assertThat(config.store().password()).isEqualTo(db.get("POSTGRES_PASSWORD"));
            assertThat(map(node.get("healthcheck")).get("test").toString()).contains("curl", "/health");
            assertThat(env).containsKey("JOBGRID_TOKEN");
            assertThat(node.get("command").toString()).contains("--name, " + name);
        }
    }

    @Test
    void theConsoleServiceRunsTheShellLauncherThatTheImageCarries() throws IOException {
        Map<String, Object> shell = map(map(compose().get("services")).get("shell"));
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));

        // the entrypoint names the command, so that `docker-compose run --rm shell submit -- ...` runs the console's
        assertThat(shell.get("entrypoint")).isEqualTo(List.of("/opt/jobgrid/bin/jobgrid", "shell"));
        assertThat(shell.get("command")).isEqualTo(List.of());
        assertThat(map(shell.get("environment"))).containsKeys("JOBGRID_URL", "JOBGRID_TOKEN");
        assertThat(Files.readString(ROOT.resolve("bin/jobgrid"))).contains("shell/jobgrid-shell.sh");
        assertThat(dockerfile).contains("COPY shell/jobgrid-shell.sh shell/");
    }

    private static Map<String, Object> compose() throws IOException {
        // ${VAR:-default} stays as text; the defaults are what a user without the variable gets.
        String text = Files.readString(ROOT.resolve("docker-compose.yml"))
                .replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1");
        return new Yaml().load(text);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
