package io.jobgrid.shell.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.client.DagView;
import io.jobgrid.client.JobIds;
import io.jobgrid.client.JobView;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.JobgridClientException;
import io.jobgrid.client.Json;
import io.jobgrid.shell.ShellException;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code cancel ID... [--cascade]}: stops jobs; a running one has its whole process tree killed.
 * With {@code --cascade} the node also cancels every unfinished descendant in the job's DAG. A job
 * array's id cancels every unfinished job of the array.
 */
@Component
public class CancelCommand {
    private final Session session;
    private final JobgridClient grid;

    public CancelCommand(Session session, JobgridClient grid) {
        this.session = session;
        this.grid = grid;
    }

    @Command(name = "cancel", group = "Jobs",
            description = "Cancel jobs; a running job's process tree is killed",
            help = """
                    cancel - Cancel jobs; a running job's process tree is killed

                    USAGE
                      cancel ID [ID...] [--cascade] [--output json]

                    An ID may be a job array's: every job of the array that has not ended is cancelled.

                    OPTIONS
                      -c, --cascade        also cancel every unfinished job that depends on it, down the DAG
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      cancel 0HBXQ4K7M2N9P
                      cancel 0HBXQ4K7M2N9P 0HBXQ4K7M2NA0
                      cancel --cascade 0HBXQ4K7M2N9P""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void cancel(
            @Option(longName = "cascade", shortName = 'c',
                    description = "also cancel every unfinished job that depends on it, down"
                            + " the DAG", defaultValue = "false") boolean cascade,
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        Output out = Output.of(session, context, output);
        List<String> ids = args.stream().map(JobIds::check).toList();
        if (ids.isEmpty()) {
            Inputs.arg(args, 0, "cancel", "at least one job id");
        }
        List<JsonNode> records = new ArrayList<>();
        ShellException firstFailure = null;
        for (String id : ids) {
            try {
                JsonNode record = grid.cancelJson(id, cascade);
                records.add(record);
                session.saw(id);
                if (!out.json()) {
                    out.screen().println(cancelled(record, id, cascade, out));
                }
            } catch (JobgridClientException e) {
                if (ids.size() == 1) {
                    throw e;
                }
                firstFailure = firstFailure == null ? ShellException.from(e) : firstFailure;
                out.screen().println("Could not cancel job " + id + ": " + e.getMessage());
            }
        }
        if (out.json()) {
            out.printJson(ids.size() == 1 ? records.get(0) : records);
        }
        if (firstFailure != null) {
            throw new ShellException(firstFailure.exitCode(), "Some jobs could not be cancelled; see above");
        }
    }

    /** What one cancel did: a job's new state, or how many jobs of a job array were cancelled. */
    private String cancelled(JsonNode record, String id, boolean cascade, Output out) {
        if (record.has("cancelled")) {
            return "Cancelled " + record.get("cancelled").asInt() + " unfinished jobs of job array " + id;
        }
        JobView job = Json.view(record, JobView.class);
        return "Cancelled job " + id + ": " + out.screen().style().state(job.state()) + (cascade ? cascaded(id) : "");
    }

    /**
     * "; 3 of 4 descendants CANCELLED", read from the DAG after the cancel (the node cancels the
     * descendants before it answers).
     */
    private String cascaded(String id) {
        try {
            DagView dag = Json.view(grid.dagJson(id), DagView.class);
            Set<String> below = dag.descendants(id);
            if (below.isEmpty()) {
                return "; it has no descendants";
            }
            long cancelled = dag.jobs().stream().filter(j -> below.contains(j.id()))
                    .filter(j -> "CANCELLED".equals(j.state())).count();
            return "; " + cancelled + " of " + below.size() + (below.size() == 1 ? " descendant " : " descendants ")
                    + "CANCELLED";
        } catch (JobgridClientException e) {
            return "; its unfinished descendants too";
        }
    }

}

