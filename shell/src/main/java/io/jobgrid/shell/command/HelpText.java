package io.jobgrid.shell.command;

import java.util.List;

/** The text of {@code help NAME} and {@code NAME --help}: summary, usage, options, examples. */
final class HelpText {
    private HelpText() {
    }

    static String of(CommandDoc doc, List<Opt> opts) {
        StringBuilder sb = new StringBuilder();
        sb.append(doc.name()).append(" - ").append(doc.summary()).append("\n\n");
        sb.append("USAGE\n  ").append(doc.usage()).append("\n");
        if (!opts.isEmpty()) {
            sb.append("\nOPTIONS\n");
            int width = opts.stream().mapToInt(o -> o.label().length()).max().orElse(0);
            for (Opt o : opts) {
                sb.append("  ").append(pad(o.label(), width)).append("  ").append(o.description()).append("\n");
            }
        }
        sb.append("\nEXAMPLES\n");
        for (String example : doc.examples()) {
            sb.append("  ").append(example).append("\n");
        }
        return sb.toString().stripTrailing();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
