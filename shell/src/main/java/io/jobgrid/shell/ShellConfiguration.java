package io.jobgrid.shell;

import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.GridTarget;
import io.jobgrid.client.TrustStore;
import io.jobgrid.shell.command.Session;
import io.jobgrid.shell.command.Suggestions;
import io.jobgrid.shell.command.VectorCommands;
import io.jobgrid.shell.runner.CommandRunner;
import io.jobgrid.shell.runner.ConsoleRunner;
import io.jobgrid.shell.runner.Launcher;
import io.jobgrid.shell.runner.LineParser;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.core.autoconfigure.TerminalCustomizer;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandRegistry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * The console's beans. Spring Shell supplies the terminal, line reader, completer and highlighter;
 * the console supplies the command registry (filled here, since lazy beans never see Spring's
 * "all singletons ready" callback), the parser, and the runners.
 */
@Configuration(proxyBeanMethods = false)
public class ShellConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    JobgridClient gridClient(@Value("${jobgrid.url:" + GridTarget.DEFAULT_URL + "}") String url,
                          @Value("${jobgrid.token:}") String token,
                          @Value("${jobgrid.trust-store:}") String trustStore,
                          @Value("${jobgrid.trust-store-password:}") String trustStorePassword) {
        return new JobgridClient(new GridTarget(url, token), TrustStore.of(trustStore, trustStorePassword));
    }

    @Bean
    Session session(ObjectProvider<Terminal> terminal, Clock clock) {
        return new Session(terminal, clock);
    }

    @Bean
    Suggestions suggestions(JobgridClient grid, Session session) {
        return new Suggestions(grid, session);
    }

    @Bean
    CommandRegistry commandRegistry(List<Command> commands, VectorCommands vectors) {
        CommandRegistry registry = new CommandRegistry();
        commands.forEach(registry::registerCommand);
        vectors.commands().forEach(registry::registerCommand);
        return registry;
    }

    @Bean
    LineParser commandParser(CommandRegistry registry) {
        return new LineParser(registry);
    }

    @Bean
    CommandRunner commandRunner(LineParser parser, CommandRegistry registry, Session session) {
        return new CommandRunner(parser, registry, session);
    }

    @Bean
    ConsoleRunner consoleRunner(LineReader reader, CommandRunner runner, Session session, JobgridClient grid) {
        return new ConsoleRunner(reader, runner, session, grid);
    }

    @Bean
    Launcher launcher(@Value("${" + Launcher.MODE + ":none}") String mode, ObjectProvider<ConsoleRunner> console,
                      CommandRunner runner, Session session) {
        return new Launcher(mode, console, runner, session);
    }

    /** UTF-8 on the terminal whatever the locale, so tables' "…" and bars' "█" show. */
    @Bean
    TerminalCustomizer utf8Terminal() {
        return builder -> builder.encoding(StandardCharsets.UTF_8);
    }
}
