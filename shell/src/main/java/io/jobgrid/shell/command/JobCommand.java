package io.jobgrid.shell.command;

import io.jobgrid.client.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.JobView;
import org.springframework.shell.core.command.completion.CompletionContext;
import org.springframework.stereotype.Component;

import java.util.List;

/** {@code job ID}: everything the grid knows about one job, with its attempts. */
@Component
public class JobCommand extends GridCommand {
    private final Suggestions suggestions;

    public JobCommand(Session session, JobgridClient grid, Suggestions suggestions) {
        super(new CommandDoc("job", CommandDoc.JOBS, "Show one job: state, node, times, attempts",
                "job ID [--output json]", List.of("job 0HBXQ4K7M2N9P", "job 0HBXQ4K7M2N9P --output json")),
                session, grid);
        this.suggestions = suggestions;
    }

    @Override
    protected void run(Invocation in) {
        JsonNode body = grid.jobJson(in.arg(0, "a job id"));
        JobView job = Json.view(body, JobView.class);
        session.saw(job.id());
        if (in.json()) {
            in.printJson(body);
            return;
        }
        for (String line : Views.job(job, session.clock().instant(), in.screen().style(), in.screen().width())) {
            in.screen().out().println(line);
        }
        in.screen().out().flush();
    }

    @Override
    protected List<String> candidates(String option, CompletionContext context) {
        return option == null ? suggestions.jobIds() : List.of();
    }
}
