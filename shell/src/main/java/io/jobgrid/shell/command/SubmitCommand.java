package io.jobgrid.shell.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.shell.ShellException;
import io.jobgrid.shell.UsageException;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.JobIds;
import io.jobgrid.client.JobRequest;
import io.jobgrid.client.JobView;
import io.jobgrid.shell.render.Screen;
import org.springframework.shell.core.command.completion.CompletionContext;
import org.springframework.stereotype.Component;

import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code submit [options] -- CMD...}: sends a job to the grid. The command after {@code --} runs
 * as an argv (no shell); {@code --shell SCRIPT} runs a script with /bin/sh -c instead. Prints the
 * new job's id, so {@code ID=$(jobgrid shell submit -- make)} works in scripts.
 */
@Component
public class SubmitCommand extends GridCommand {
    private final Suggestions suggestions;

    public SubmitCommand(Session session, JobgridClient grid, Suggestions suggestions) {
        super(new CommandDoc("submit", CommandDoc.JOBS, "Submit a job; prints its id",
                        "submit [--name NAME] [--timeout 30s] [--retries N] [--after ID,...] [--tag k=v]... "
                                + "[--env K=V]... [--follow] (-- CMD [ARG...] | --shell SCRIPT)",
                        List.of("submit -- echo hello",
                                "submit --name build --timeout 10m --retries 2 --env CC=clang -- make -j2",
                                "submit --tag os=linux --after 0HBXQ4K7M2N9P -- ./deploy.sh",
                                "submit --follow --shell 'for i in 1 2 3; do echo $i; sleep 1; done'")),
                session, grid,
                Opt.value("name", "NAME", "a name to recognise the job by"),
                Opt.value("shell", "SCRIPT", "run SCRIPT with /bin/sh -c instead of a command after --"),
                Opt.value("timeout", 't', "DURATION", "kill an attempt after this long: 90, 90s, 5m, 2h"),
                Opt.value("retries", 'r', "N", "run again up to N more times if it fails (default 0)"),
                Opt.value("after", "ID,...", "wait until these jobs have succeeded (repeatable)"),
                Opt.value("tag", "k=v", "run only on nodes with this tag (repeatable)"),
                Opt.value("env", 'e', "K=V", "set an environment variable for the job (repeatable)"),
                Opt.value("workdir", "DIR", "absolute working directory (default: a fresh temp dir)"),
                Opt.value("key", "KEY", "idempotency key: submitting the same key again returns the same job"),
                Opt.flag("follow", 'f', "print the job's output until it ends; exit non-zero unless it succeeded"));
        this.suggestions = suggestions;
    }

    @Override
    protected void run(Invocation in) {
        JobRequest request = request(in);
        JsonNode created = grid.submitJson(request);
        String id = created.path("id").asText(null);
        if (id == null) {
            throw new ShellException(ShellException.FAILED, "The node accepted the job but sent no id: " + created);
        }
        session.saw(id);
        if (in.json() && !in.flag("follow")) {
            in.printJson(created);
            return;
        }
        if (!in.json()) {
            in.screen().println(session.interactive()
                    ? "Submitted job " + in.screen().style().bold(id) + " (" + created.path("state").asText("QUEUED") + ")"
                    : id);
        }
        if (in.flag("follow")) {
            follow(in, id);
        }
    }

    /** Prints the output (or, for json, the final record) and fails unless the job succeeded. */
    private void follow(Invocation in, String id) {
        Screen target = in.json() ? new Screen(new PrintWriter(Writer.nullWriter()), in.screen().style(), 0, false)
                : in.screen();
        JobView done = LogFollower.follow(grid, session, target, id);
        if (in.json()) {
            in.printJson(grid.jobJson(id));
        }
        if (!"SUCCEEDED".equals(done.state())) {
            throw new ShellException(ShellException.FAILED, "Job " + id + " ended " + done.state()
                    + (done.exitCode() == null ? "" : " with exit code " + done.exitCode())
                    + (done.error() == null ? "" : ": " + done.error()));
        }
    }

    static JobRequest request(Invocation in) {
        List<String> argv = in.args();
        String script = in.option("shell");
        if (script != null && !argv.isEmpty()) {
            throw new UsageException("give either --shell SCRIPT or a command after --, but both were given: "
                    + "--shell '" + script + "' and " + argv);
        }
        if (script == null && argv.isEmpty()) {
            throw new UsageException("'submit' needs a command after -- (submit -- echo hi) or --shell SCRIPT");
        }
        Duration timeout = in.duration("timeout");
        if (timeout != null && timeout.toSeconds() < 1) {
            throw new UsageException("--timeout must be at least 1s, but was '" + in.option("timeout") + "'");
        }
        int retries = in.intOption("retries", 0, 0, 99);
        return new JobRequest(script == null ? argv : null, script, pairs(in, "env"),
                timeout == null ? null : timeout.toSeconds(), retries + 1, pairs(in, "tag"), in.option("name"),
                in.option("key"), after(in), in.option("workdir"), null);
    }

    private static List<String> after(Invocation in) {
        List<String> ids = new ArrayList<>();
        for (String value : in.options("after")) {
            for (String id : value.split(",")) {
                if (!id.isBlank()) {
                    ids.add(JobIds.check(id));
                }
            }
        }
        return ids;
    }

    private static Map<String, String> pairs(Invocation in, String option) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : in.options(option)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--" + option + " takes NAME=VALUE, but was '" + pair + "'");
            }
            map.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return map;
    }

    @Override
    protected List<String> candidates(String option, CompletionContext context) {
        return "after".equals(option) ? suggestions.jobIds() : List.of();
    }
}
