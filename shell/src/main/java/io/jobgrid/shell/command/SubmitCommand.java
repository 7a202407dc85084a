package io.jobgrid.shell.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.client.JobIds;
import io.jobgrid.client.ArraySubmitted;
import io.jobgrid.client.JobRequest;
import io.jobgrid.client.JobView;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.shell.ShellException;
import io.jobgrid.shell.UsageException;
import io.jobgrid.shell.render.Screen;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.ParsedInput;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
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
public class SubmitCommand {
    private final Session session;
    private final JobgridClient grid;

    public SubmitCommand(Session session, JobgridClient grid) {
        this.session = session;
        this.grid = grid;
    }

    @Command(name = "submit", group = "Jobs",
            description = "Submit a job; prints its id",
            help = """
                    submit - Submit a job; prints its id

                    USAGE
                      submit [--name NAME] [--priority 0-100] [--timeout 30s] [--start-within 10m] [--retries N] [--after ID,...]\
                     [--tag k=v]... [--env K=V]... [--follow] (-- CMD [ARG...] | --shell SCRIPT | --task NAME [--arg k=v]...)

                    OPTIONS
                          --name NAME         a name to recognise the job by
                          --priority N        0 to 100 (default 50): higher starts first among queued jobs
                          --concurrency-key KEY  count the job against KEY's cluster-wide limit (see 'limit set')
                          --shell SCRIPT      run SCRIPT with /bin/sh -c instead of a command after --
                          --task NAME         run the Java task type NAME (see 'nodes' for the types each node has)
                          --arg k=v           an argument of the --task (repeatable)
                      -t, --timeout DURATION  kill an attempt after this long: 90, 90s, 5m, 2h
                          --start-within DURATION  cancel the job if it has not started this long after submission
                      -r, --retries N         run again up to N more times if it fails (default 0)
                          --after ID,...      wait until these jobs have succeeded (repeatable)
                          --tag k=v           run only on nodes with this tag (repeatable)
                      -e, --env K=V           set an environment variable for the job (repeatable)
                          --workdir DIR       absolute working directory (default: a fresh temp dir)
                          --key KEY           idempotency key: submitting the same key again returns the same job
                          --array N           submit N jobs as a job array (1-100000), each with JOBGRID_ARRAY_INDEX 0..N-1
                      -f, --follow            print the job's output until it ends; exit non-zero unless it succeeded
                      -o, --output FORMAT     table (default) or json

                    EXAMPLES
                      submit -- echo hello
                      submit --name build --timeout 10m --retries 2 --env CC=clang -- make -j2
                      submit --priority 90 --name hotfix -- ./build.sh
                      submit --concurrency-key db --shell './migrate.sh'
                      submit --start-within 10m -- ./report.sh
                      submit --tag os=linux --after 0HBXQ4K7M2N9P -- ./deploy.sh
                      submit --follow --shell 'for i in 1 2 3; do echo $i; sleep 1; done'
                      submit --task resize --arg width=640 --arg file=/data/a.png
                      submit --array 100 --shell 'process part-$JOBGRID_ARRAY_INDEX'""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void submit(
            // Declared for help, completion and the check of option names; the request is read by
            // request(ParsedInput) as a whole, since --env, --tag and --after repeat.
            @Option(longName = "name", description = "a name to recognise the job by") String name,
            @Option(longName = "priority",
                    description = "0 to 100 (default 50): higher starts first among queued jobs") String priority,
            @Option(longName = "concurrency-key",
                    description = "count the job against KEY's cluster-wide limit") String concurrencyKey,
            @Option(longName = "shell", description = "run SCRIPT with /bin/sh -c instead of a command after --") String shell,
            @Option(longName = "task", description = "run the Java task type NAME") String task,
            @Option(longName = "arg", description = "an argument of the --task, k=v (repeatable)") String arg,
            @Option(longName = "timeout", shortName = 't',
                    description = "kill an attempt after this long: 90, 90s, 5m, 2h") String timeout,
            @Option(longName = "start-within",
                    description = "cancel the job if it has not started this long after submission: 90s, 10m, 2h")
            String startWithin,
            @Option(longName = "retries", shortName = 'r',
                    description = "run again up to N more times if it fails (default 0)") String retries,
            @Option(longName = "after", description = "wait until these jobs have succeeded (repeatable)") String after,
            @Option(longName = "tag", description = "run only on nodes with this tag (repeatable)") String tag,
            @Option(longName = "env", shortName = 'e',
                    description = "set an environment variable for the job (repeatable)") String env,
            @Option(longName = "workdir", description = "absolute working directory (default: a fresh temp dir)") String workdir,
            @Option(longName = "key",
                    description = "idempotency key: submitting the same key again returns the same job") String key,
            @Option(longName = "follow", shortName = 'f',
                    description = "print the job's output until it ends; exit non-zero unless"
                            + " it succeeded", defaultValue = "false") boolean follow,
            @Option(longName = "array", description = "submit N jobs of this spec as a job array") String array,
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            CommandContext context) {
        Output out = Output.of(session, context, output);
        JobRequest request = request(context.parsedInput());
        if (Inputs.given(array) != null) {
            submitArray(out, request, array, follow);
            return;
        }
        JsonNode created = grid.submitJson(request);
        String id = created.path("id").asText(null);
        if (id == null) {
            throw new ShellException(ShellException.FAILED, "The node accepted the job but sent no id: " + created);
        }
        session.saw(id);
        if (out.json() && !follow) {
            out.printJson(created);
            return;
        }
        if (!out.json()) {
            out.screen().println(session.interactive()
                    ? "Submitted job " + out.screen().style().bold(id) + " (" + created.path("state").asText("QUEUED")
                    + ")"
                    : id);
        }
        if (follow) {
            follow(out, id);
        }
    }

    /** Submits the job array and prints its id (json: its id and its jobs' ids). */
    private void submitArray(Output out, JobRequest request, String countGiven, boolean follow) {
        if (follow) {
            throw new UsageException("--follow follows one job; wait for a job array with 'wait ARRAY_ID'");
        }
        int count = Inputs.whole("array", countGiven, 1, 1, 100_000);
        ArraySubmitted made = grid.submitArray(request, count);
        session.saw(made.id());
        if (out.json()) {
            out.printJson(made);
        } else {
            out.screen().println(session.interactive() ? "Submitted job array " + out.screen().style().bold(made.id())
                    + " of " + count + " jobs (wait " + made.id() + ")" : made.id());
        }
    }

    /** Prints the output (or, for json, the final record) and fails unless the job succeeded. */
    private void follow(Output out, String id) {
        Screen target = out.json() ? new Screen(new PrintWriter(Writer.nullWriter()), out.screen().style(), 0, false)
                : out.screen();
        JobView done = LogFollower.follow(grid, session, target, id);
        if (out.json()) {
            out.printJson(grid.jobJson(id));
        }
        if (!"SUCCEEDED".equals(done.state())) {
            throw new ShellException(ShellException.FAILED, "Job " + id + " ended " + done.state()
                    + (done.exitCode() == null ? "" : " with exit code " + done.exitCode())
                    + (done.error() == null ? "" : ": " + done.error()));
        }
    }

    /**
     * The job request a submit line asks for. Read from the parsed input as a whole, since
     * {@code --env}, {@code --tag} and {@code --after} may repeat and Spring Shell binds one value
     * per option; a bad value is a usage error naming the option.
     */
    static JobRequest request(ParsedInput in) {
        List<String> argv = in.arguments().stream().map(CommandArgument::value).toList();
        String script = Inputs.last(in, "shell");
        String task = Inputs.last(in, "task");
        Integer priority = priority(in);
        String limitKey = Inputs.last(in, "concurrency-key");
        String deadline = startWithin(in);
        if (task != null) {
            return taskRequest(in, task, script != null || !argv.isEmpty()).withPriority(priority)
                    .withConcurrencyKey(limitKey).withStartWithin(deadline);
        }
        if (!Inputs.all(in, "arg").isEmpty()) {
            throw new UsageException("--arg gives an argument of a --task, but no --task was given");
        }
        if (script != null && !argv.isEmpty()) {
            throw new UsageException("give either --shell SCRIPT or a command after --, but both were given: "
                    + "--shell '" + script + "' and " + argv);
        }
        if (script == null && argv.isEmpty()) {
            throw new UsageException("'submit' needs a command after -- (submit -- echo hi) or --shell SCRIPT");
        }
        Duration timeout = Inputs.duration("timeout", Inputs.last(in, "timeout"));
        if (timeout != null && timeout.toSeconds() < 1) {
            throw new UsageException("--timeout must be at least 1s, but was '" + Inputs.last(in, "timeout") + "'");
        }
        int retries = Inputs.whole("retries", Inputs.last(in, "retries"), 0, 0, 99);
        return new JobRequest(script == null ? argv : null, script, pairs(in, "env"),
                timeout == null ? null : timeout.toSeconds(), retries + 1, pairs(in, "tag"), Inputs.last(in, "name"),
                Inputs.last(in, "key"), after(in), Inputs.last(in, "workdir"), null).withPriority(priority)
                .withConcurrencyKey(limitKey).withStartWithin(deadline);
    }

    /** The --start-within given as an ISO-8601 duration (PT10M), at least 1s; null for none. */
    private static String startWithin(ParsedInput in) {
        String given = Inputs.last(in, "start-within");
        Duration deadline = Inputs.duration("start-within", given);
        if (deadline == null) {
            return null;
        }
        if (deadline.toSeconds() < 1) {
            throw new UsageException("--start-within must be at least 1s, but was '" + given + "'");
        }
        return deadline.toString();
    }

    /** The --priority given, checked, or null for the node's default. */
    private static Integer priority(ParsedInput in) {
        String given = Inputs.last(in, "priority");
        return given == null ? null : Inputs.whole("priority", given, 50, 0, 100);
    }

    /** A named Java task: its arguments come from --arg; a command, script, env or workdir has no place in it. */
    private static JobRequest taskRequest(ParsedInput in, String task, boolean hasProgram) {
        if (hasProgram) {
            throw new UsageException("give one of --task NAME, --shell SCRIPT or a command after --, but --task '" + task
                    + "' came with another");
        }
        if (!Inputs.all(in, "env").isEmpty() || Inputs.last(in, "workdir") != null) {
            throw new UsageException("--env and --workdir are for commands; a --task takes --arg k=v");
        }
        Duration timeout = Inputs.duration("timeout", Inputs.last(in, "timeout"));
        int retries = Inputs.whole("retries", Inputs.last(in, "retries"), 0, 0, 99);
        return new JobRequest(null, null, null, timeout == null ? null : Math.max(1, timeout.toSeconds()), retries + 1,
                pairs(in, "tag"), Inputs.last(in, "name"), Inputs.last(in, "key"), after(in), null, null, task,
                pairs(in, "arg"));
    }

    private static List<String> after(ParsedInput in) {
        List<String> ids = new ArrayList<>();
        for (String value : Inputs.all(in, "after")) {
            for (String id : value.split(",")) {
                if (!id.isBlank()) {
                    ids.add(JobIds.check(id));
                }
            }
        }
        return ids;
    }

    private static Map<String, String> pairs(ParsedInput in, String option) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : Inputs.all(in, option)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--" + option + " takes NAME=VALUE, but was '" + pair + "'");
            }
            map.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return map;
    }

}

