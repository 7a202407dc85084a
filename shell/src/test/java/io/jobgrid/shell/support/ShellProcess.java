package io.jobgrid.shell.support;

import io.jobgrid.shell.JobgridShell;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The console as a separate process, as {@code bin/jobgrid shell ...} runs it: its real main, its
 * real exit code, stdout and stderr apart. Uses the test classpath, so no packaged jar is needed.
 */
public final class ShellProcess {
    private ShellProcess() {
    }

    /** The command line that starts the console's main with this JVM's java and classpath. */
    public static List<String> javaCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), JobgridShell.class.getName()));
    }

    public static Console.Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = javaCommand();
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("JOBGRID_URL");
        pb.environment().remove("JOBGRID_TOKEN");
        pb.environment().putAll(env);
        File out = Files.createTempFile("shell-out", ".txt").toFile();
        File err = Files.createTempFile("shell-err", ".txt").toFile();
        pb.redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the console did not end within 90s: " + command);
        }
        try {
            return new Console.Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                    Files.readString(err.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out.toPath());
            Files.deleteIfExists(err.toPath());
        }
    }
}
