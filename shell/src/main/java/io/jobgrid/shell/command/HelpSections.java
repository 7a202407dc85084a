package io.jobgrid.shell.command;

import java.util.ArrayList;
import java.util.List;

/**
 * A command's help text read back into its sections, for {@code help --output json} and for the
 * test that every declared option is documented. The text is the {@code help} of a command's
 * {@code @Command}: a "name - summary" line, then USAGE, OPTIONS and EXAMPLES, each line of a
 * section indented by two spaces.
 *
 * @param options the option labels as shown, e.g. {@code -t, --timeout DURATION} or {@code     --name NAME}
 */
public record HelpSections(String usage, List<String> options, List<String> examples) {
    public HelpSections {
        options = List.copyOf(options);
        examples = List.copyOf(examples);
    }

    public static HelpSections parse(String help) {
        String usage = "";
        List<String> options = new ArrayList<>();
        List<String> examples = new ArrayList<>();
        String section = "";
        for (String line : (help == null ? "" : help).split("\n")) {
            if (!line.isEmpty() && !line.startsWith(" ")) {
                section = line.strip();
            } else if (line.startsWith("  ") && section.equals("USAGE")) {
                usage = line.strip();
            } else if (line.startsWith("  ") && section.equals("OPTIONS")) {
                int gap = line.indexOf("  ", line.indexOf("--"));
                options.add((gap < 0 ? line.substring(2) : line.substring(2, gap)).stripTrailing());
            } else if (line.startsWith("  ") && section.equals("EXAMPLES")) {
                examples.add(line.strip());
            }
        }
        return new HelpSections(usage, options, examples);
    }
}
