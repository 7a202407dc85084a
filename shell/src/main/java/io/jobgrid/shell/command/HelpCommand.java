package io.jobgrid.shell.command;

import io.jobgrid.client.JobgridClient;
import io.jobgrid.shell.UsageException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code help [COMMAND]}: the commands by group, or one command's help text (usage, options,
 * examples: the {@code help} of its {@code @Command}, which {@code COMMAND --help} prints too).
 * Replaces Spring Shell's built-in help, which lists commands alphabetically without groups in
 * order and renders one command's options without the examples.
 */
@Component
public class HelpCommand {
    static final List<String> GROUP_ORDER = List.of("Jobs", "Schedule", "Grid", "DAG", "Vector", "Console");

    private final Session session;
    private final JobgridClient grid;
    private final ObjectProvider<CommandRegistry> registry;

    public HelpCommand(Session session, JobgridClient grid, ObjectProvider<CommandRegistry> registry) {
        this.session = session;
        this.grid = grid;
        this.registry = registry; // a provider: the registry is built from the commands, this one included
    }

    @org.springframework.shell.core.command.annotation.Command(name = "help", group = "Console",
            description = "List commands, or show one command's options and examples",
            help = """
                    help - List commands, or show one command's options and examples

                    USAGE
                      help [COMMAND]

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      help
                      help submit
                      submit --help""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void help(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        Output out = Output.of(session, context, output);
        String name = String.join(" ", Inputs.args(args));
        if (name.isEmpty()) {
            overview(out);
            return;
        }
        Command command = registry.getObject().getCommandByName(name);
        if (command == null) {
            throw new UsageException("There is no command '" + name + "'; 'help' lists them");
        }
        if (out.json()) {
            out.printJson(describe(command));
        } else {
            out.screen().println(command.getHelp());
        }
    }

    private void overview(Output out) {
        List<Command> visible = visible();
        if (out.json()) {
            out.printJson(visible.stream().filter(HelpCommand::ours)
                    .sorted(Comparator.comparingInt((Command c) -> rank(c.getGroup()))
                    .thenComparing(Command::getName)).map(HelpCommand::describe).toList());
            return;
        }
        Map<String, List<Command>> groups = new TreeMap<>(Comparator.comparingInt(HelpCommand::rank)
                .thenComparing(Comparator.naturalOrder()));
        // Spring Shell's own commands (clear, history) are listed with the console's
        visible.forEach(c -> groups.computeIfAbsent(ours(c) ? c.getGroup() : "Console", g -> new ArrayList<>()).add(c));
        StringBuilder sb = new StringBuilder();
        int width = visible.stream().mapToInt(c -> c.getName().length()).max().orElse(8);
        groups.forEach((group, commands) -> {
            sb.append(out.screen().style().bold(group)).append('\n');
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
        out.screen().println(sb.toString());
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

    /** True for the console's own commands, whose groups are those of {@link #GROUP_ORDER}. */
    static boolean ours(Command c) {
        return GROUP_ORDER.contains(c.getGroup());
    }

    private static int rank(String group) {
        int i = GROUP_ORDER.indexOf(group);
        return i < 0 ? GROUP_ORDER.size() - 1 : i;
    }

    /** A command as {@code help --output json} gives it: the sections of its help text as fields. */
    static Map<String, Object> describe(Command c) {
        HelpSections help = HelpSections.parse(c.getHelp());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.getName());
        m.put("group", c.getGroup());
        m.put("summary", c.getDescription());
        m.put("usage", help.usage());
        m.put("options", help.options());
        m.put("examples", help.examples());
        return m;
    }
}
