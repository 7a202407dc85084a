package io.jobgrid.shell.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.client.JobQuery;
import io.jobgrid.client.JobRequest;
import io.jobgrid.client.JobView;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.Json;
import io.jobgrid.client.ScheduleRequest;
import io.jobgrid.client.ScheduleView;
import io.jobgrid.shell.UsageException;
import io.jobgrid.shell.render.Table;
import io.jobgrid.shell.render.Table.Cell;
import io.jobgrid.shell.render.Times;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.ParsedInput;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code schedule} commands ({@code /api/v1/schedules}): create, list, show, delete, pause, resume.
 * A schedule's jobs are ordinary jobs; {@code jobs --schedule ID} lists them.
 */
@Component
public class ScheduleCommands {
    private static final int RECENT = 5;

    private final Session session;
    private final JobgridClient grid;

    public ScheduleCommands(Session session, JobgridClient grid) {
        this.session = session;
        this.grid = grid;
    }

    @Command(name = {"schedule", "create"}, group = "Schedule",
            description = "Create a recurring job; prints its id",
            help = """
                    schedule create - Create a recurring job; prints its id

                    USAGE
                      schedule create [--name NAME] (--cron 'S M H DOM MON DOW' | --every DURATION) [--timezone ZONE]\
                     [--overlap POLICY] [--misfire POLICY] [job options] (-- CMD [ARG...] | --shell SCRIPT | --task NAME)

                    OPTIONS
                          --name NAME         a name for the schedule, and for its jobs
                          --cron EXPR         six fields, seconds first: '0 30 2 * * *' is 02:30:00 every day
                          --every DURATION    a fixed period: 30s, 5m, 2h, 1d or ISO-8601 (PT30S); aligned to the epoch
                          --timezone ZONE     the cron's IANA time zone, e.g. Europe/Berlin (default UTC)
                          --overlap POLICY    while the last fire's job runs: skip (default), allow, cancel-previous
                          --misfire POLICY    fire times missed while the cluster was down: none (default) or one
                          --shell SCRIPT      run SCRIPT with /bin/sh -c instead of a command after --
                          --task NAME         run the Java task type NAME
                          --arg k=v           an argument of the --task (repeatable)
                      -t, --timeout DURATION  kill an attempt after this long: 90, 90s, 5m, 2h
                      -r, --retries N         run again up to N more times if it fails (default 0)
                          --tag k=v           run only on nodes with this tag (repeatable)
                      -e, --env K=V           set an environment variable for the job (repeatable)
                          --workdir DIR       absolute working directory (default: a fresh temp dir)
                      -o, --output FORMAT     table (default) or json

                    EXAMPLES
                      schedule create --name backup --cron '0 30 2 * * *' --timezone Europe/Berlin -- ./backup.sh
                      schedule create --name probe --every 30s --overlap skip --shell 'curl -fs http://db:8080/health'
                      schedule create --every 1h --misfire one --task report --arg kind=hourly""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void create(
            // Declared for help, completion and the check of option names; the job is read by
            // SubmitCommand.request(ParsedInput) as a whole, as submit reads it.
            @Option(longName = "name", description = "a name for the schedule, and for its jobs") String name,
            @Option(longName = "cron", description = "six fields, seconds first") String cron,
            @Option(longName = "every", description = "a fixed period: 30s, 5m, 2h, 1d or PT30S") String every,
            @Option(longName = "timezone", description = "the cron's IANA time zone (default UTC)") String timezone,
            @Option(longName = "overlap", description = "skip (default), allow, cancel-previous") String overlap,
            @Option(longName = "misfire", description = "none (default) or one") String misfire,
            @Option(longName = "shell", description = "run SCRIPT with /bin/sh -c") String shell,
            @Option(longName = "task", description = "run the Java task type NAME") String task,
            @Option(longName = "arg", description = "an argument of the --task, k=v (repeatable)") String arg,
            @Option(longName = "timeout", shortName = 't', description = "kill an attempt after this long") String timeout,
            @Option(longName = "retries", shortName = 'r', description = "run again up to N more times") String retries,
            @Option(longName = "tag", description = "run only on nodes with this tag (repeatable)") String tag,
            @Option(longName = "env", shortName = 'e', description = "an environment variable (repeatable)") String env,
            @Option(longName = "workdir", description = "absolute working directory") String workdir,
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            CommandContext context) {
        Output out = Output.of(session, context, output);
        ScheduleRequest request = request(context.parsedInput());
        JsonNode created = grid.schedules().createJson(request);
        String id = created.path("id").asText();
        if (out.json()) {
            out.printJson(created);
            return;
        }
        out.screen().println(session.interactive() ? "Created schedule " + out.screen().style().bold(id)
                + nextFire(grid.schedules().get(id)) : id);
    }

    /** The schedule a create line asks for; a bad or missing option is a usage error naming it. */
    static ScheduleRequest request(ParsedInput in) {
        String cron = Inputs.given(Inputs.last(in, "cron"));
        String every = Inputs.given(Inputs.last(in, "every"));
        if ((cron == null) == (every == null)) {
            throw new UsageException("'schedule create' needs exactly one of --cron EXPR and --every DURATION, but "
                    + (cron == null ? "neither" : "both") + " was given");
        }
        if (in.arguments().isEmpty() && Inputs.last(in, "shell") == null && Inputs.last(in, "task") == null) {
            throw new UsageException("'schedule create' needs a command after -- (schedule create --every 1m -- date),"
                    + " --shell SCRIPT or --task NAME");
        }
        JobRequest job = SubmitCommand.request(in);
        return new ScheduleRequest(Inputs.last(in, "name"), cron, every == null ? null : period(every),
                Inputs.last(in, "timezone"), job, Inputs.last(in, "overlap"), Inputs.last(in, "misfire"));
    }

    /** {@code 30s}, {@code 5m}, ... as ISO-8601; ISO-8601 as given (the node checks it and names --every). */
    private static String period(String every) {
        String v = every.strip();
        return v.toUpperCase(java.util.Locale.ROOT).startsWith("P") ? v : Inputs.duration("every", v).toString();
    }

    @Command(name = {"schedule", "list"}, group = "Schedule",
            description = "List schedules: timing, next fire, last job",
            help = """
                    schedule list - List schedules: timing, next fire, last job

                    USAGE
                      schedule list [--output json]

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      schedule list""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void list(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            CommandContext context) {
        Output out = Output.of(session, context, output);
        JsonNode body = grid.schedules().listJson();
        if (out.json()) {
            out.printJson(body);
            return;
        }
        List<ScheduleView> all = Json.list(body, ScheduleView.class);
        if (all.isEmpty()) {
            out.screen().println("No schedules.");
            return;
        }
        Instant now = session.clock().instant();
        Table t = new Table().column("ID").shrinkable("NAME").shrinkable("WHEN").column("STATE").column("NEXT FIRE")
                .column("LAST JOB").flexible("COMMAND");
        for (ScheduleView s : all) {
            t.row(s.id(), Views.dash(s.name()), s.timing(), state(s, out), Times.ago(s.nextFireTime(), now),
                    Views.dash(s.lastJob()), commandLine(s));
        }
        out.screen().print(t);
    }

    @Command(name = {"schedule", "show"}, group = "Schedule",
            description = "Show one schedule: timing, policies, next fire, its latest jobs",
            help = """
                    schedule show - Show one schedule: timing, policies, next fire, its latest jobs

                    USAGE
                      schedule show ID [--output json]

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      schedule show 5f0c8a7e-1d2b-4c3a-9e8f-0a1b2c3d4e5f""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void show(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        Output out = Output.of(session, context, output);
        JsonNode body = grid.schedules().getJson(Inputs.arg(args, 0, "schedule show", "a schedule id"));
        if (out.json()) {
            out.printJson(body);
            return;
        }
        ScheduleView s = Json.view(body, ScheduleView.class);
        Instant now = session.clock().instant();
        List<String> lines = new ArrayList<>();
        lines.add(label("Schedule", out.screen().style().bold(s.id()) + (s.name() == null ? "" : "  (" + s.name() + ")")));
        lines.add(label("When", s.timing()));
        lines.add(label("State", state(s, out)));
        lines.add(label("Overlap", s.overlap()));
        lines.add(label("Misfire", s.misfire()));
        lines.add(label("Command", commandLine(s)));
        lines.add(label("Next fire", s.nextFireTime() == null ? "-" : Times.ago(s.nextFireTime(), now) + "  ("
                + s.nextFireTime() + ")"));
        s.nextFireTimes().stream().skip(1).forEach(t -> lines.add(label("", Times.ago(t, now) + "  (" + t + ")")));
        lines.add(label("Last fire", s.lastFireTime() == null ? "-" : Times.ago(s.lastFireTime(), now) + "  ("
                + s.lastFireTime() + ")  job " + s.lastJob()));
        lines.forEach(out.screen().out()::println);
        List<JobView> recent = grid.jobs(new JobQuery(null, null, RECENT, null).firedBy(s.id()));
        if (!recent.isEmpty()) {
            out.screen().out().println();
            out.screen().out().println("Latest jobs (all: jobs --schedule " + s.id() + ")");
            recent.forEach(j -> session.saw(j.id()));
            out.screen().print(Views.jobs(recent, now, out.screen().style()));
        }
        out.screen().out().flush();
    }

    @Command(name = {"schedule", "delete"}, group = "Schedule",
            description = "Delete a schedule; jobs it started go on",
            help = """
                    schedule delete - Delete a schedule; jobs it started go on

                    USAGE
                      schedule delete ID [--output json]

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      schedule delete 5f0c8a7e-1d2b-4c3a-9e8f-0a1b2c3d4e5f""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void delete(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        Output out = Output.of(session, context, output);
        String id = Inputs.arg(args, 0, "schedule delete", "a schedule id");
        grid.schedules().delete(id);
        if (out.json()) {
            out.printJson(Json.mapper().createObjectNode().put("id", id).put("deleted", true));
            return;
        }
        out.screen().println("Deleted schedule " + id);
    }

    @Command(name = {"schedule", "pause"}, group = "Schedule",
            description = "Pause a schedule: it fires nothing until resumed",
            help = """
                    schedule pause - Pause a schedule: it fires nothing until resumed

                    USAGE
                      schedule pause ID [--output json]

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      schedule pause 5f0c8a7e-1d2b-4c3a-9e8f-0a1b2c3d4e5f""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void pause(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        Output out = Output.of(session, context, output);
        JsonNode after = grid.schedules().pauseJson(Inputs.arg(args, 0, "schedule pause", "a schedule id"));
        printChange(out, after, "Paused");
    }

    @Command(name = {"schedule", "resume"}, group = "Schedule",
            description = "Resume a paused schedule; fire times passed meanwhile are not made up",
            help = """
                    schedule resume - Resume a paused schedule; fire times passed meanwhile are not made up

                    USAGE
                      schedule resume ID [--output json]

                    OPTIONS
                      -o, --output FORMAT  table (default) or json

                    EXAMPLES
                      schedule resume 5f0c8a7e-1d2b-4c3a-9e8f-0a1b2c3d4e5f""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void resume(
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        Output out = Output.of(session, context, output);
        JsonNode after = grid.schedules().resumeJson(Inputs.arg(args, 0, "schedule resume", "a schedule id"));
        printChange(out, after, "Resumed");
    }

    private void printChange(Output out, JsonNode after, String verb) {
        if (out.json()) {
            out.printJson(after);
            return;
        }
        ScheduleView s = Json.view(after, ScheduleView.class);
        out.screen().println(verb + " schedule " + s.id() + nextFire(s));
    }

    private String nextFire(ScheduleView s) {
        return s.nextFireTime() == null ? "" : "; next fire " + Times.ago(s.nextFireTime(), session.clock().instant())
                + " (" + s.nextFireTime() + ")";
    }

    private static Cell state(ScheduleView s, Output out) {
        return s.paused() ? new Cell("paused", out.screen().style()::red) : new Cell("active", out.screen().style()::green);
    }

    /** What each fire runs, as a person would type it. */
    private static String commandLine(ScheduleView s) {
        JsonNode job = s.job();
        if (job == null) {
            return "-";
        }
        if (job.hasNonNull("shell")) {
            return job.get("shell").asText();
        }
        if (job.hasNonNull("task")) {
            return "task " + job.get("task").asText();
        }
        List<String> argv = new ArrayList<>();
        job.path("command").forEach(a -> argv.add(a.asText()));
        return String.join(" ", argv);
    }

    private static String label(String label, Object value) {
        return String.format("%-10s %s", label, value instanceof Cell c ? c.paint().apply(c.text()) : value);
    }
}
