package io.jobgrid.shell.support;

import io.jobgrid.shell.JobgridShell;
import io.jobgrid.shell.runner.CommandRunner;
import io.jobgrid.shell.runner.LineParser;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.test.ShellTestClient;

/**
 * The console's real Spring Boot application, started in the test JVM without a runner (mode
 * "none"), pointed at a node. Built by hand rather than with {@code @SpringBootTest}: Spring
 * Framework 7's JUnit extension needs JUnit 6, and the project is on JUnit 5.
 */
public final class ShellApp implements AutoCloseable {
    private final ConfigurableApplicationContext context;

    private ShellApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static ShellApp start(String url, String token) {
        return startWith(url, token == null ? new String[0] : new String[]{"jobgrid.token=" + token});
    }

    /** With more properties, e.g. {@code jobgrid.trust-store=/path/node.p12}. */
    public static ShellApp startWith(String url, String... properties) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(JobgridShell.class)
                .web(WebApplicationType.NONE).lazyInitialization(true)
                .properties("jobgrid.url=" + url, "jobgrid.console=none").properties(properties);
        return new ShellApp(builder.run());
    }

    /** Spring Shell's test client over the console's own parser and commands. */
    public ShellTestClient client() {
        return new ShellTestClient(context.getBean(LineParser.class), context.getBean(CommandRegistry.class));
    }

    public Console console() {
        return new Console(context.getBean(CommandRunner.class));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
