package io.jobgrid.shell.command;

import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.JobIds;
import io.jobgrid.client.JobView;
import io.jobgrid.shell.render.Screen;
import org.springframework.shell.core.command.completion.CompletionContext;
import org.springframework.stereotype.Component;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code logs ID [--follow]}: a job's captured output; with --follow, live until the job ends. */
@Component
public class LogsCommand extends GridCommand {
    private final Suggestions suggestions;

    public LogsCommand(Session session, JobgridClient grid, Suggestions suggestions) {
        super(new CommandDoc("logs", CommandDoc.JOBS, "Print a job's output (stdout and stderr as produced)",
                        "logs ID [--follow] [--output json]",
                        List.of("logs 0HBXQ4K7M2N9P", "logs 0HBXQ4K7M2N9P --follow", "logs -f 0HBXQ4K7M2N9P")),
                session, grid,
                Opt.flag("follow", 'f', "keep printing output as it is produced, until the job ends (Ctrl-C stops)"));
        this.suggestions = suggestions;
    }

    @Override
    protected void run(Invocation in) {
        String id = JobIds.check(in.arg(0, "a job id"));
        session.saw(id);
        if (!in.flag("follow")) {
            String output = grid.logs(id).text();
            if (in.json()) {
                in.printJson(Map.of("id", id, "output", output));
            } else {
                in.screen().out().print(output);
                in.screen().out().flush();
            }
            return;
        }
        if (in.json()) {
            StringWriter collected = new StringWriter();
            Screen quiet = new Screen(new PrintWriter(collected), in.screen().style(), 0, false);
            JobView job = LogFollower.follow(grid, session, quiet, id);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("id", id);
            result.put("state", job.state());
            result.put("exitCode", job.exitCode());
            result.put("output", collected.toString());
            in.printJson(result);
            return;
        }
        LogFollower.follow(grid, session, in.screen(), id);
    }

    @Override
    protected List<String> candidates(String option, CompletionContext context) {
        return option == null ? suggestions.jobIds() : List.of();
    }
}
