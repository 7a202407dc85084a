package io.jobgrid.node;

import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The task settings of {@code bin/jobgrid node}: {@code --task-slots}, {@code --classpath}, and the same in the config file. */
class TaskOptionsTest {
    @TempDir
    Path dir;

    @Test
    void theCommandLineAddsClasspathEntriesToThoseOfTheConfigFile() throws Exception {
        Path jar = Files.createFile(dir.resolve("tasks.jar"));
        Path classes = Files.createDirectory(dir.resolve("classes"));
        Path more = Files.createDirectory(dir.resolve("more"));
        Path file = dir.resolve("jobgrid.yaml");
        Files.writeString(file, "taskSlots: 3\ntaskClasspath: [ " + jar + " ]\n");

        NodeConfig config = settings("--config", file.toString(), "--classpath", classes + ":" + more);

        assertThat(config.taskSlots()).isEqualTo(3);
        assertThat(config.taskClasspath()).containsExactly(jar, classes, more);
        assertThat(settings("--task-slots", "0").taskSlots()).isZero();
        assertThat(settings().taskSlots()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void aMissingClasspathEntryIsRefusedNamingIt() {
        Path missing = dir.resolve("nope.jar");

        assertThatThrownBy(() -> settings("--classpath", missing.toString()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("taskClasspath");
                    assertThat(e.getMessage()).contains(missing.toString());
                });
    }

    private static NodeConfig settings(String... args) {
        Main.NodeCommand command = new Main.NodeCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }
}
