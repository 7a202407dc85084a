package io.jobgrid.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code store:} section of jobgrid.yaml: defaults, checks, and the shipped example file. */
class StoreConfigTest {
    @TempDir
    Path dir;

    @Test
    void theShippedConfigLoadsWithPersistenceDecidedByTheDataDir() {
        NodeConfig shipped = NodeConfig.load(Path.of("../config/jobgrid.yaml"));

        assertThat(shipped.store().type()).isEqualTo(StoreConfig.Type.AUTO);
        assertThat(shipped.store().effectiveType(false)).isEqualTo(StoreConfig.Type.NONE);
        assertThat(shipped.store().effectiveType(true)).isEqualTo(StoreConfig.Type.H2);
        assertThat(shipped.store().writeDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(shipped.store().retention()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void readsEveryStoreKey() throws Exception {
        Path file = dir.resolve("jobgrid.yaml");
        Files.writeString(file, """
                store:
                  type: postgres
                  url: jdbc:postgresql://db:5432/jobgrid
                  user: grid
                  password: secret
                  writeDelaySeconds: 0
                  writeBatchSize: 50
                  keepFinishedSeconds: 30
                  maxFinishedInMemory: 100
                  retentionDays: 0.5
                """);

        StoreConfig store = NodeConfig.load(file).store();

        assertThat(store.type()).isEqualTo(StoreConfig.Type.POSTGRES);
        assertThat(store.url()).isEqualTo("jdbc:postgresql://db:5432/jobgrid");
        assertThat(store.user()).isEqualTo("grid");
        assertThat(store.writeDelay()).isZero();
        assertThat(store.writeBatchSize()).isEqualTo(50);
        assertThat(store.keepFinished()).isEqualTo(Duration.ofSeconds(30));
        assertThat(store.maxFinishedInMemory()).isEqualTo(100);
        assertThat(store.retention()).isEqualTo(Duration.ofHours(12));
        assertThat(store.toString()).doesNotContain("secret");
    }

    @Test
    void takesPlaceholdersFromTheEnvironmentAndRefusesAnUnsetOne() throws Exception {
        Path file = dir.resolve("jobgrid.yaml");
        Files.writeString(file, """
                store:
                  type: postgres
                  url: jdbc:postgresql://${DB_HOST}:5432/jobgrid
                  user: ${DB_USER}
                  password: ${DB_PASSWORD}
                tags: {note: "costs $${NOT_A_VARIABLE}"}
                """);
        Map<String, String> env = Map.of("DB_HOST", "db", "DB_USER", "grid", "DB_PASSWORD", "p$ss\\word");

        NodeConfig config = NodeConfig.read(file, env::get).build();

        assertThat(config.store().url()).isEqualTo("jdbc:postgresql://db:5432/jobgrid");
        assertThat(config.store().user()).isEqualTo("grid");
        assertThat(config.store().password()).isEqualTo("p$ss\\word");
        assertThat(config.tags()).containsEntry("note", "costs ${NOT_A_VARIABLE}");
        assertThatThrownBy(() -> NodeConfig.read(file, Map.of("DB_HOST", "db")::get))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("store.user names the environment variable DB_USER, but it is not set");
    }

    @Test
    void refusesBadValuesNamingTheKey() {
        assertThatThrownBy(() -> new StoreConfig.Builder().type("mongo").build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("store.type").hasMessageContaining("mongo");
        assertThatThrownBy(() -> new StoreConfig.Builder().writeDelaySeconds(-1).build())
                .hasMessageContaining("store.writeDelaySeconds").hasMessageContaining("but was -1");
        assertThatThrownBy(() -> new StoreConfig.Builder().type("postgres").build())
                .hasMessageContaining("store.url").hasMessageContaining("but was null");
        assertThatThrownBy(() -> NodeConfig.builder().store(new StoreConfig.Builder().type("h2")).build())
                .hasMessageContaining("needs a dataDir");
    }

    @Test
    void refusesUnknownStoreKeys() throws Exception {
        Path file = dir.resolve("jobgrid.yaml");
        Files.writeString(file, "store:\n  writeDelay: 3\n");

        assertThatThrownBy(() -> NodeConfig.load(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("writeDelay");
    }
}
