package io.jobgrid.shell.command;

import io.jobgrid.client.JobIds;
import io.jobgrid.client.JobView;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.shell.UsageException;
import io.jobgrid.shell.render.Screen;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code logs ID [--follow]}: a job's captured output; with --follow, live until the job ends. */
@Component
public class LogsCommand {
    private final Session session;
    private final JobgridClient grid;

    public LogsCommand(Session session, JobgridClient grid) {
        this.session = session;
        this.grid = grid;
    }

    @Command(name = "logs", group = "Jobs",
            description = "Print a job's output (stdout and stderr interleaved as produced, or one of them)",
            help = """
                    logs - Print a job's output (stdout and stderr interleaved as produced, or one of them)

                    USAGE
                      logs ID [--follow] [--stream stdout|stderr] [--output json]

                    OPTIONS
                      -f, --follow         keep printing output as it is produced, until the job ends (Ctrl-C stops)
                      -s, --stream STREAM  stdout or stderr: only that stream (default: both, interleaved)
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      logs 0HBXQ4K7M2N9P
                      logs 0HBXQ4K7M2N9P --follow
                      logs 0HBXQ4K7M2N9P --stream stderr
                      logs -f 0HBXQ4K7M2N9P""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void logs(
            @Option(longName = "follow", shortName = 'f',
                    description = "keep printing output as it is produced, until the job ends"
                            + " (Ctrl-C stops)", defaultValue = "false") boolean follow,
            @Option(longName = "stream", shortName = 's', description = "stdout or stderr (default: both)")
            String stream,
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        Output out = Output.of(session, context, output);
        String id = JobIds.check(Inputs.arg(args, 0, "logs", "a job id"));
        String only = stream(stream);
        session.saw(id);
        if (!follow) {
            String text = grid.logs(id, only).text();
            if (out.json()) {
                out.printJson(Map.of("id", id, "output", text));
            } else {
                out.screen().out().print(text);
                out.screen().out().flush();
            }
            return;
        }
        if (out.json()) {
            StringWriter collected = new StringWriter();
            Screen quiet = new Screen(new PrintWriter(collected), out.screen().style(), 0, false);
            JobView job = LogFollower.follow(grid, session, quiet, id, only);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("id", id);
            result.put("state", job.state());
            result.put("exitCode", job.exitCode());
            result.put("output", collected.toString());
            out.printJson(result);
            return;
        }
        LogFollower.follow(grid, session, out.screen(), id, only);
    }

    /** stdout, stderr, or null (both); anything else is a usage error naming the option. */
    private static String stream(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String lower = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (!lower.equals("stdout") && !lower.equals("stderr")) {
            throw new UsageException("--stream must be stdout or stderr, but was '" + text.trim() + "'");
        }
        return lower;
    }

}

