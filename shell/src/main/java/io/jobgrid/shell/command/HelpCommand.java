package io.jobgrid.shell.command;

import io.jobgrid.shell.ShellException;
import io.jobgrid.client.JobgridClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.completion.CompletionContext;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code help [COMMAND]}: the command list by group, or one command's usage, options and examples.
 * Replaces Spring Shell's built-in help, which has no place for examples.
 */
@Component
public class HelpCommand extends GridCommand {
    static final List<String> GROUP_ORDER = List.of(CommandDoc.JOBS, CommandDoc.GRID, "DAG", "Vector",
            CommandDoc.CONSOLE);
    private final ObjectProvider<CommandRegistry> registry;

    public HelpCommand(Session session, JobgridClient grid, ObjectProvider<CommandRegistry> registry) {
        super(new CommandDoc("help", CommandDoc.CONSOLE, "List commands, or show one command's options and examples",
                "help [COMMAND]", List.of("help", "help submit", "submit --help")), session, grid);
        this.registry = registry; // a provider: the registry is built from the command beans, this one included
    }

    @Override
    protected void run(Invocation in) {
        String name = String.join(" ", in.args());
        if (!name.isEmpty()) {
            Command command = registry.getObject().getCommandByName(name);
            if (command == null) {
                throw new ShellException(ShellException.USAGE, "There is no command '" + name + "'; 'help' lists them");
            }
            if (in.json() && command instanceof GridCommand g) {
                in.printJson(describe(g));
            } else {
                in.screen().println(command instanceof GridCommand ? command.getHelp()
                        : command.getName() + " - " + command.getDescription());
            }
            return;
        }
        if (in.json()) {
            in.printJson(visible().stream().filter(c -> c instanceof GridCommand)
                    .sorted(Comparator.comparingInt((Command c) -> rank(c.getGroup())).thenComparing(Command::getName))
                    .map(c -> describe((GridCommand) c)).toList());
            return;
        }
        in.screen().println(overview(in));
    }

    private String overview(Invocation in) {
        Map<String, List<Command>> groups = new TreeMap<>(Comparator.comparingInt(HelpCommand::rank)
                .thenComparing(Comparator.naturalOrder()));
        for (Command c : visible()) {
            String group = c instanceof GridCommand ? c.getGroup() : CommandDoc.CONSOLE;
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(c);
        }
        StringBuilder sb = new StringBuilder();
        int width = visible().stream().mapToInt(c -> c.getName().length()).max().orElse(8);
        groups.forEach((group, commands) -> {
            sb.append(in.screen().style().bold(group)).append('\n');
            commands.sort(Comparator.comparing(Command::getName));
            for (Command c : commands) {
                sb.append("  ").append(String.format("%-" + width + "s", c.getName())).append("  ")
                        .append(c.getDescription()).append('\n');
            }
            sb.append('\n');
        });
        sb.append("'help COMMAND' shows its options and examples. Connected to ").append(grid.target().url())
                .append(" (--url, --token, --trust-store; or JOBGRID_URL, JOBGRID_TOKEN, JOBGRID_TRUST_STORE).\n");
        sb.append("Every command takes --output json. Exit codes: 0 ok, 1 failed, 2 usage, 3 node unreachable,"
                + " 4 token or certificate refused, 5 not found.");
        return sb.toString();
    }

    private List<Command> visible() {
        List<Command> commands = new ArrayList<>();
        for (Command c : registry.getObject().getCommands()) {
            if (!c.isHidden() && !"script".equals(c.getName()) && !"version".equals(c.getName())) {
                commands.add(c);
            }
        }
        return commands;
    }

    private static int rank(String group) {
        int i = GROUP_ORDER.indexOf(group);
        return i < 0 ? GROUP_ORDER.size() - 1 : i;
    }

    private static Map<String, Object> describe(GridCommand c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.doc().name());
        m.put("group", c.doc().group());
        m.put("summary", c.doc().summary());
        m.put("usage", c.doc().usage());
        m.put("options", c.opts().stream().map(Opt::label).toList());
        m.put("examples", c.doc().examples());
        return m;
    }

    @Override
    protected List<String> candidates(String option, CompletionContext context) {
        return option != null ? List.of() : visible().stream().map(Command::getName).sorted().toList();
    }
}
