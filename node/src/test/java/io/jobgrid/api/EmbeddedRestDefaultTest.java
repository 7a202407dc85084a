package io.jobgrid.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A node embedded in an app serves REST only when its config asks for it. */
class EmbeddedRestDefaultTest {
    @TempDir
    Path dir;

    @Test
    void aConfigBuiltInCodeServesNoRestUnlessItSetsAPort() {
        assertThat(NodeConfig.builder().build().httpPort()).isEqualTo(-1);
        assertThat(NodeConfig.defaults().httpPort()).isEqualTo(-1);
        assertThat(NodeConfig.builder().httpPort(0).build().httpPort()).isZero();
    }

    @Test
    void aConfigFileWithoutHttpPortServesNoRestAndOneWithItDoes() throws Exception {
        Path silent = dir.resolve("silent.yaml");
        Files.writeString(silent, "name: embedded\n");
        Path serving = dir.resolve("serving.yaml");
        Files.writeString(serving, "httpPort: 8085\n");

        assertThat(NodeConfig.load(silent).httpPort()).isEqualTo(-1);
        assertThat(NodeConfig.load(serving).httpPort()).isEqualTo(8085);
        assertThat(NodeConfig.load(Path.of("../config/jobgrid.yaml")).httpPort())
                .isEqualTo(NodeConfig.COMMAND_LINE_HTTP_PORT);
    }

    @Test
    void anUnsetPortSurvivesACopyOfTheBuilder() {
        NodeConfig copy = NodeConfig.builder().name("a").build().toBuilder().build();

        assertThat(copy.httpPort()).isEqualTo(-1);
    }
}
