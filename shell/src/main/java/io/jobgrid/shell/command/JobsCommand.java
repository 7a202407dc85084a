package io.jobgrid.shell.command;

import io.jobgrid.client.JobQuery;
import io.jobgrid.client.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.shell.UsageException;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.JobView;
import org.springframework.shell.core.command.completion.CompletionContext;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/** {@code jobs}: the newest jobs, optionally only those in one state or on one node. */
@Component
public class JobsCommand extends GridCommand {
    private final Suggestions suggestions;

    public JobsCommand(Session session, JobgridClient grid, Suggestions suggestions) {
        super(new CommandDoc("jobs", CommandDoc.JOBS, "List jobs, newest first",
                        "jobs [--state STATE] [--node NODE] [--limit N] [--output json]",
                        List.of("jobs", "jobs --state RUNNING", "jobs --node node-1 --limit 10",
                                "jobs --state FAILED --output json")),
                session, grid,
                Opt.value("state", 's', "STATE", "only jobs in this state: " + String.join(", ", Suggestions.STATES)),
                Opt.value("node", 'n', "NODE", "only jobs that ran (or run) on this node"),
                Opt.value("limit", 'l', "N", "at most N jobs (default 50)"));
        this.suggestions = suggestions;
    }

    @Override
    protected void run(Invocation in) {
        String state = in.option("state");
        if (state != null) {
            state = state.toUpperCase(Locale.ROOT);
            if (!Suggestions.STATES.contains(state)) {
                throw new UsageException("--state must be one of " + String.join(", ", Suggestions.STATES)
                        + ", but was '" + in.option("state") + "'");
            }
        }
        int limit = in.intOption("limit", 50, 1, 10_000);
        JsonNode body = grid.jobsJson(new JobQuery(state, in.option("node"), limit, null));
        List<JobView> jobs = Json.list(body, JobView.class);
        jobs.forEach(j -> session.saw(j.id()));
        if (in.json()) {
            in.printJson(body);
            return;
        }
        if (jobs.isEmpty()) {
            in.screen().println("No jobs" + (state == null ? "" : " in state " + state)
                    + (in.option("node") == null ? "" : " on node " + in.option("node")) + ".");
            return;
        }
        in.screen().print(Views.jobs(jobs, session.clock().instant(), in.screen().style()));
    }

    @Override
    protected List<String> candidates(String option, CompletionContext context) {
        if ("state".equals(option)) {
            return Suggestions.STATES;
        }
        return "node".equals(option) ? suggestions.nodeNames() : List.of();
    }
}
