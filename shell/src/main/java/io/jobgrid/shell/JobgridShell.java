package io.jobgrid.shell;

import io.jobgrid.client.JobgridClientException;
import io.jobgrid.shell.runner.Launcher;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.shell.core.autoconfigure.SpringShellAutoConfiguration;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar jobgrid-shell.jar [--url URL] [--token T] [--trust-store FILE] [COMMAND ...]}: the console when no
 * command is given, else that one command with its exit code. Started lean for speed: no banner,
 * no web server, lazy beans, no command-line property parsing.
 */
@SpringBootConfiguration
@ComponentScan
// Only Spring Shell's auto-configuration: evaluating every auto-configuration's conditions costs
// more start time than the rest of the console's wiring.
@ImportAutoConfiguration(SpringShellAutoConfiguration.class)
public class JobgridShell {

    public static void main(String[] args) {
        int code;
        try {
            Launch launch = Launch.parse(List.of(args), System.getenv());
            if (launch.target().url().startsWith("https://")) {
                launch.trust().check();
            }
            code = run(launch);
        } catch (ShellException e) {
            new PrintStream(System.err, true, StandardCharsets.UTF_8).println("Error: " + e.getMessage());
            code = e.exitCode();
        } catch (JobgridClientException e) {
            new PrintStream(System.err, true, StandardCharsets.UTF_8).println("Error: " + e.getMessage());
            code = ShellException.exitCode(e.kind());
        }
        System.exit(code);
    }

    static int run(Launch launch) {
        // Boot warms up Jackson, validation and more on a second thread; on two cores the console's
        // own start needs that core more.
        System.setProperty("spring.backgroundpreinitializer.ignore", "true");
        SpringApplication app = new SpringApplication(JobgridShell.class);
        app.setBannerMode(Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        app.setAddCommandLineProperties(false);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setLazyInitialization(true);
        app.setDefaultProperties(properties(launch));
        ConfigurableApplicationContext context = app.run(launch.command().toArray(String[]::new));
        return SpringApplication.exit(context);
    }

    static Map<String, Object> properties(Launch launch) {
        boolean interactive = launch.command().isEmpty();
        Map<String, Object> p = new HashMap<>();
        p.put(Launcher.MODE, interactive ? "interactive" : "command");
        p.put("jobgrid.url", launch.target().url());
        if (launch.target().token() != null) {
            p.put("jobgrid.token", launch.target().token());
        }
        if (launch.trust().configured()) {
            p.put("jobgrid.trust-store", launch.trust().file().toString());
            if (launch.trust().password() != null) {
                p.put("jobgrid.trust-store-password", launch.trust().password());
            }
        }
        p.put("spring.shell.interactive.enabled", interactive);
        return p;
    }
}
