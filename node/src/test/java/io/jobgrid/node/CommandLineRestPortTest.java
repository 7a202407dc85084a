package io.jobgrid.node;

import io.jobgrid.api.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bin/jobgrid node} serves REST on 8080 unless told otherwise, although an embedded node's default is off. */
class CommandLineRestPortTest {
    @TempDir
    Path dir;

    @Test
    void aNodeStartedFromTheCommandLineServesRestOn8080ByDefault() throws Exception {
        Path silent = dir.resolve("jobgrid.yaml");
        Files.writeString(silent, "name: cli\n");

        assertThat(settings("--name", "cli").httpPort()).isEqualTo(8080);
        assertThat(settings("--config", silent.toString()).httpPort()).isEqualTo(8080);
        assertThat(NodeConfig.load(silent).httpPort()).isEqualTo(-1);
    }

    @Test
    void theConfigFileAndTheFlagStillChooseThePort() throws Exception {
        Path off = dir.resolve("off.yaml");
        Files.writeString(off, "httpPort: -1\n");

        assertThat(settings("--config", off.toString()).httpPort()).isEqualTo(-1);
        assertThat(settings("--config", off.toString(), "--http-port", "9090").httpPort()).isEqualTo(9090);
    }

    private static NodeConfig settings(String... args) {
        Main.NodeCommand command = new Main.NodeCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }
}
