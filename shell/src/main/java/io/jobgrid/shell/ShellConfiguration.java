package io.jobgrid.shell;

import io.jobgrid.client.GridTarget;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.TrustStore;
import io.jobgrid.shell.command.Session;
import io.jobgrid.shell.command.Suggestions;
import io.jobgrid.shell.runner.CommandRunner;
import io.jobgrid.shell.runner.ConsoleRunner;
import io.jobgrid.shell.runner.Launcher;
import io.jobgrid.shell.runner.LineParser;
import jakarta.validation.Validator;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.convert.support.ConfigurableConversionService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.shell.core.autoconfigure.TerminalCustomizer;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.annotation.support.CommandFactoryBean;
import org.springframework.util.ReflectionUtils;

import java.lang.reflect.Method;
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

    /**
     * Every command: the {@code @Command} methods of the console's beans, made into commands by
     * Spring Shell's {@link CommandFactoryBean} (looked up among the beans rather than by Spring
     * Shell's class-path scan, which costs start time), and Spring Shell's own command beans.
     * Filled here, since lazy beans never see Spring's "all singletons ready" callback.
     */
    @Bean
    CommandRegistry commandRegistry(ApplicationContext context, List<Command> programmatic) {
        CommandRegistry registry = new CommandRegistry();
        programmatic.forEach(registry::registerCommand);
        for (String name : context.getBeanDefinitionNames()) {
            Class<?> type = context.getType(name);
            if (type == null || !type.getPackageName().startsWith(JobgridShell.class.getPackageName())) {
                continue;
            }
            for (Method method : MethodIntrospector.selectMethods(type, (ReflectionUtils.MethodFilter) m ->
                    AnnotatedElementUtils.hasAnnotation(m, org.springframework.shell.core.command.annotation.Command.class))) {
                CommandFactoryBean factory = new CommandFactoryBean(method);
                factory.setApplicationContext(context);
                registry.registerCommand(factory.getObject());
            }
        }
        return registry;
    }

    /**
     * One conversion service for the options of every command; without it Spring Shell builds a
     * new one per command, on the console's start path.
     */
    @Bean
    ConfigurableConversionService shellConversionService() {
        return new DefaultConversionService();
    }

    /** The commands check their own options; see {@link NoBeanValidation}. */
    @Bean
    Validator validator() {
        return new NoBeanValidation();
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
