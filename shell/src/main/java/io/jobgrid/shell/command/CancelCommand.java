package io.jobgrid.shell.command;

import io.jobgrid.client.JobgridClientException;
import io.jobgrid.client.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.shell.ShellException;
import io.jobgrid.client.DagView;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.JobIds;
import io.jobgrid.client.JobView;
import org.springframework.shell.core.command.completion.CompletionContext;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code cancel ID... [--cascade]}: stops jobs; a running one has its whole process tree killed.
 * With {@code --cascade} the node also cancels every unfinished descendant in the job's DAG.
 */
@Component
public class CancelCommand extends GridCommand {
    private final Suggestions suggestions;

    public CancelCommand(Session session, JobgridClient grid, Suggestions suggestions) {
        super(new CommandDoc("cancel", CommandDoc.JOBS, "Cancel jobs; a running job's process tree is killed",
                "cancel ID [ID...] [--cascade] [--output json]", List.of("cancel 0HBXQ4K7M2N9P",
                "cancel 0HBXQ4K7M2N9P 0HBXQ4K7M2NA0", "cancel --cascade 0HBXQ4K7M2N9P")),
                session, grid,
                Opt.flag("cascade", 'c', "also cancel every unfinished job that depends on it, down the DAG"));
        this.suggestions = suggestions;
    }

    @Override
    protected void run(Invocation in) {
        List<String> ids = in.args().stream().map(JobIds::check).toList();
        if (ids.isEmpty()) {
            in.arg(0, "at least one job id");
        }
        List<JsonNode> records = new ArrayList<>();
        ShellException firstFailure = null;
        for (String id : ids) {
            try {
                JsonNode record = grid.cancelJson(id, in.flag("cascade"));
                records.add(record);
                session.saw(id);
                if (!in.json()) {
                    JobView job = Json.view(record, JobView.class);
                    in.screen().println("Cancelled job " + id + ": " + in.screen().style().state(job.state())
                            + (in.flag("cascade") ? cascaded(id) : ""));
                }
            } catch (JobgridClientException e) {
                if (ids.size() == 1) {
                    throw e;
                }
                firstFailure = firstFailure == null ? ShellException.from(e) : firstFailure;
                in.screen().println("Could not cancel job " + id + ": " + e.getMessage());
            }
        }
        if (in.json()) {
            in.printJson(ids.size() == 1 ? records.get(0) : records);
        }
        if (firstFailure != null) {
            throw new ShellException(firstFailure.exitCode(), "Some jobs could not be cancelled; see above");
        }
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

    @Override
    protected List<String> candidates(String option, CompletionContext context) {
        return option == null ? suggestions.jobIds() : List.of();
    }
}
