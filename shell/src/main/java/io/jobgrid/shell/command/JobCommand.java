package io.jobgrid.shell.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.client.JobView;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.Json;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import java.util.List;

/** {@code job ID}: everything the grid knows about one job, with its attempts. */
@Component
public class JobCommand {
    private final Session session;
    private final JobgridClient grid;

    public JobCommand(Session session, JobgridClient grid) {
        this.session = session;
        this.grid = grid;
    }

    @Command(name = "job", group = "Jobs",
            description = "Show one job: state, node, times, attempts",
            help = """
                    job - Show one job: state, node, times, attempts

                    USAGE
                      job ID [--output json]

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      job 0HBXQ4K7M2N9P
                      job 0HBXQ4K7M2N9P --output json""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void job(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        Output out = Output.of(session, context, output);
        JsonNode body = grid.jobJson(Inputs.arg(args, 0, "job", "a job id"));
        JobView job = Json.view(body, JobView.class);
        session.saw(job.id());
        if (out.json()) {
            out.printJson(body);
            return;
        }
        for (String line : Views.job(job, session.clock().instant(), out.screen().style(), out.screen().width())) {
            out.screen().out().println(line);
        }
        out.screen().out().flush();
    }

}

