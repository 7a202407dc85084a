package io.jobgrid.shell.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.client.JobgridClient;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** {@code summary}: how many jobs are in each state, cluster-wide, from the nodes' own counts. */
@Component
public class SummaryCommand {
    private final Session session;
    private final JobgridClient grid;

    public SummaryCommand(Session session, JobgridClient grid) {
        this.session = session;
        this.grid = grid;
    }

    @Command(name = "summary", group = "Jobs",
            description = "How many jobs are in each state, cluster-wide",
            help = """
                    summary - How many jobs are in each state, cluster-wide

                    USAGE
                      summary [--output json]

                    Pending (WAITING, QUEUED), running and finished jobs at a glance, then every state.
                    The nodes keep these counts as jobs change, so asking is cheap at any size.

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      summary
                      summary --output json""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void summary(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            CommandContext context) {
        Output out = Output.of(session, context, output);
        JsonNode counts = grid.summaryJson();
        if (out.json()) {
            out.printJson(counts);
            return;
        }
        long pending = counts.path("WAITING").asLong() + counts.path("QUEUED").asLong();
        long finished = 0;
        for (String state : JobsCommand.TERMINAL) {
            finished += counts.path(state).asLong();
        }
        out.screen().println("pending " + pending + "   running " + counts.path("RUNNING").asLong()
                + "   finished " + finished);
        StringBuilder line = new StringBuilder();
        for (String state : Suggestions.STATES) {
            line.append(line.isEmpty() ? "" : "   ").append(out.screen().style().state(state)).append(' ')
                    .append(counts.path(state).asLong());
        }
        out.screen().println(line.toString());
    }
}
