package io.jobgrid.shell.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.client.JobQuery;
import io.jobgrid.client.JobView;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.Json;
import io.jobgrid.shell.UsageException;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/**
 * {@code jobs}: the newest jobs, optionally only those in one state (or {@code finished}: every
 * terminal state, one listing per state merged newest first) or on one node.
 */
@Component
public class JobsCommand {
    private final Session session;
    private final JobgridClient grid;

    /** The {@code --state} that stands for every terminal state. */
    static final String FINISHED = "FINISHED";
    static final List<String> TERMINAL = List.of("SUCCEEDED", "FAILED", "TIMED_OUT", "CANCELLED", "SKIPPED");

    public JobsCommand(Session session, JobgridClient grid) {
        this.session = session;
        this.grid = grid;
    }

    @Command(name = "jobs", group = "Jobs",
            description = "List jobs, newest first",
            help = """
                    jobs - List jobs, newest first

                    USAGE
                      jobs [--state STATE] [--node NODE] [--schedule ID] [--limit N] [--output json]

                    OPTIONS
                      -s, --state STATE    only jobs in this state: WAITING, QUEUED, RUNNING, SUCCEEDED, FAILED, TIMED_OUT,\
                     CANCELLED, SKIPPED; or finished (all of SUCCEEDED, FAILED, TIMED_OUT, CANCELLED, SKIPPED)
                      -n, --node NODE      only jobs that ran (or run) on this node
                          --schedule ID    only jobs this schedule fired (see 'schedule list')
                      -l, --limit N        at most N jobs (default 50)
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      jobs
                      jobs --state RUNNING
                      jobs --state finished --limit 20
                      jobs --node node-1 --limit 10
                      jobs --state FAILED --output json
                      jobs --schedule 5f0c8a7e-1d2b-4c3a-9e8f-0a1b2c3d4e5f""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void jobs(
            @Option(longName = "state", shortName = 's',
                    description = "only jobs in this state: WAITING, QUEUED, RUNNING,"
                            + " SUCCEEDED, FAILED, TIMED_OUT, CANCELLED, SKIPPED; or finished") String stateGiven,
            @Option(longName = "node", shortName = 'n', description = "only jobs that ran (or run) on this node") String node,
            @Option(longName = "schedule", description = "only jobs this schedule fired") String schedule,
            @Option(longName = "limit", shortName = 'l', description = "at most N jobs (default 50)") String limitGiven,
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            CommandContext context) {
        Output out = Output.of(session, context, output);
        String state = Inputs.given(stateGiven);
        if (state != null) {
            state = state.toUpperCase(Locale.ROOT);
            if (!Suggestions.STATES.contains(state) && !FINISHED.equals(state)) {
                throw new UsageException("--state must be one of " + String.join(", ", Suggestions.STATES)
                        + " or finished, but was '" + stateGiven + "'");
            }
        }
        int limit = Inputs.whole("limit", limitGiven, 50, 1, 10_000);
        JobQuery query = new JobQuery(state, Inputs.given(node), limit, null).firedBy(Inputs.given(schedule));
        JsonNode body = FINISHED.equals(state) ? finished(query) : grid.jobsJson(query);
        List<JobView> jobs = Json.list(body, JobView.class);
        jobs.forEach(j -> session.saw(j.id()));
        if (out.json()) {
            out.printJson(body);
            return;
        }
        if (jobs.isEmpty()) {
            out.screen().println(noJobs(state, Inputs.given(node), Inputs.given(schedule)));
            return;
        }
        out.screen().print(Views.jobs(jobs, session.clock().instant(), out.screen().style()));
    }

    private static String noJobs(String state, String node, String schedule) {
        return "No jobs" + (state == null ? "" : FINISHED.equals(state) ? " finished" : " in state " + state)
                + (node == null ? "" : " on node " + node)
                + (schedule == null ? "" : " fired by schedule " + schedule) + ".";
    }

    /**
     * The newest finished jobs of {@code query} (its state aside): the newest of each terminal state,
     * merged by id (ids sort by time).
     */
    private JsonNode finished(JobQuery query) {
        List<JsonNode> all = new java.util.ArrayList<>();
        for (String terminal : TERMINAL) {
            grid.jobsJson(new JobQuery(terminal, query.node(), query.limit(), null).firedBy(query.schedule()))
                    .forEach(all::add);
        }
        all.sort(java.util.Comparator.comparing((JsonNode j) -> j.get("id").asText()).reversed());
        com.fasterxml.jackson.databind.node.ArrayNode out = Json.mapper().createArrayNode();
        all.stream().limit(query.limit()).forEach(out::add);
        return out;
    }
}
