package io.jobgrid.shell.command;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.completion.CompletionContext;
import org.springframework.shell.core.command.completion.CompletionProposal;
import org.springframework.shell.core.command.completion.CompletionProvider;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The values Tab offers after a command's option or for its arguments, for every command (each
 * names this provider: {@code completionProvider = Completions.BEAN}); Spring Shell itself completes
 * command and option names. The values come from {@link Suggestions}: recent and newest job ids,
 * node and vector names, job states; YAML files for {@code dag submit}.
 */
@Component(Completions.BEAN)
public class Completions implements CompletionProvider {
    public static final String BEAN = "completions";

    private final Suggestions suggestions;
    private final ObjectProvider<CommandRegistry> registry;

    public Completions(Suggestions suggestions, ObjectProvider<CommandRegistry> registry) {
        this.suggestions = suggestions;
        this.registry = registry; // a provider: the registry is built from the commands, which name this bean
    }

    @Override
    public List<CompletionProposal> apply(CompletionContext context) {
        CommandOption option = context.getCommandOption();
        // after a flag (--follow) the word being typed is an argument, not the flag's value
        boolean flag = option != null && (option.type() == boolean.class || option.type() == Boolean.class);
        String name = option == null || flag ? null : option.longName();
        String command = context.getCommand() == null ? "" : context.getCommand().getName();
        List<String> values = Output.OPTION.equals(name) ? List.of("table", "json") : values(command, name);
        return values.stream().map(CompletionProposal::new).toList();
    }

    /** Values for {@code --option} of {@code command} (option is the long name), or for its arguments (option null). */
    private List<String> values(String command, String option) {
        if (command.startsWith("vector ")) {
            return option == null ? suggestions.vectorNames() : List.of();
        }
        return switch (command) {
            case "job", "logs", "cancel", "wait" -> option == null ? suggestions.jobIds() : List.of();
            case "submit" -> "after".equals(option) ? suggestions.jobIds() : List.of();
            case "jobs" -> "state".equals(option) ? Suggestions.STATES
                    : "node".equals(option) ? suggestions.nodeNames() : List.of();
            case "watch" -> "state".equals(option) ? Suggestions.STATES
                    : "job".equals(option) ? suggestions.jobIds() : List.of();
            case "dag" -> option == null ? dagArguments() : List.of();
            case "dag submit" -> option == null ? yamlFiles() : List.of();
            case "help" -> option == null ? commandNames() : List.of();
            default -> List.of();
        };
    }

    private List<String> dagArguments() {
        List<String> values = new ArrayList<>(suggestions.jobIds());
        values.add(0, "submit");
        return values;
    }

    private List<String> commandNames() {
        return registry.getObject().getCommands().stream().filter(c -> !c.isHidden()).map(Command::getName)
                .filter(n -> !"script".equals(n) && !"version".equals(n)).sorted().toList();
    }

    /** YAML files up to three directories below the working directory, build output and dot-files left out. */
    private static List<String> yamlFiles() {
        Path here = Path.of("").toAbsolutePath();
        try (Stream<Path> files = Files.find(here, 3, (p, a) -> a.isRegularFile()
                && (p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")))) {
            return files.map(p -> here.relativize(p).toString()).filter(p -> !p.contains("/target/")
                    && !p.startsWith(".")).sorted().limit(50).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
