package io.jobgrid.shell.command;

import io.jobgrid.client.JobIds;
import io.jobgrid.client.JobView;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.Json;
import io.jobgrid.shell.ShellException;
import io.jobgrid.shell.render.ProgressBar;
import io.jobgrid.shell.render.Screen;
import io.jobgrid.shell.render.Times;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * {@code wait ID...}: blocks until every job has ended, with a progress bar on a terminal (one
 * line per finished job when piped). Exits 0 only if all of them succeeded.
 */
@Component
public class WaitCommand {
    private static final Duration POLL = Duration.ofMillis(300);
    private final Session session;
    private final JobgridClient grid;

    public WaitCommand(Session session, JobgridClient grid) {
        this.session = session;
        this.grid = grid;
    }

    @Command(name = "wait", group = "Jobs",
            description = "Wait for jobs to end; exits 0 only if all succeeded",
            help = """
                    wait - Wait for jobs to end; exits 0 only if all succeeded

                    USAGE
                      wait ID [ID...] [--timeout DURATION] [--output json]

                    OPTIONS
                      -t, --timeout DURATION  give up after this long (default: wait for ever)
                      -o, --output FORMAT     table (default) or json

                    EXAMPLES
                      wait 0HBXQ4K7M2N9P
                      wait 0HBXQ4K7M2N9P 0HBXQ4K7M2NA0 --timeout 10m""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void awaitJobs(
            @Option(longName = "timeout", shortName = 't',
                    description = "give up after this long (default: wait for ever)") String timeoutGiven,
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        Output out = Output.of(session, context, output);
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(args.stream().map(JobIds::check).toList()));
        if (ids.isEmpty()) {
            Inputs.arg(args, 0, "wait", "at least one job id");
        }
        Duration timeout = Inputs.duration("timeout", timeoutGiven);
        Instant start = session.clock().instant();
        Map<String, JobView> latest = new LinkedHashMap<>();
        Screen screen = out.json() ? null : out.screen();
        while (poll(ids, latest, screen) < ids.size()) {
            Instant now = session.clock().instant();
            if (timeout != null && Duration.between(start, now).compareTo(timeout) >= 0) {
                clear(screen);
                long open = latest.values().stream().filter(j -> !j.terminal()).count();
                throw new ShellException(ShellException.FAILED, "Gave up after " + Times.duration(timeout) + ": "
                        + open + " of " + ids.size() + " jobs still not ended");
            }
            if (screen != null && screen.live()) {
                screen.redraw(progress(latest, ids.size(), Duration.between(start, now), screen));
            }
            pause();
        }
        clear(screen);
        report(out, ids, latest);
    }

    /** Reads the jobs not yet ended, printing each one that now has; returns how many have ended. */
    private long poll(List<String> ids, Map<String, JobView> latest, Screen screen) {
        for (String id : ids) {
            JobView known = latest.get(id);
            if (known == null || !known.terminal()) {
                JobView now = Json.view(grid.jobJson(id), JobView.class);
                latest.put(id, now);
                session.saw(id);
                if (screen != null && now.terminal()) {
                    screen.redraw(finished(now, screen));
                    if (screen.live()) {
                        screen.out().println();
                    }
                }
            }
        }
        return latest.values().stream().filter(JobView::terminal).count();
    }

    private void report(Output out, List<String> ids, Map<String, JobView> latest) {
        if (out.json()) {
            List<Object> records = new ArrayList<>();
            ids.forEach(id -> records.add(grid.jobJson(id)));
            out.printJson(records);
        }
        List<String> bad = latest.values().stream().filter(j -> !"SUCCEEDED".equals(j.state()))
                .map(j -> j.id() + " " + j.state()).toList();
        if (!bad.isEmpty()) {
            throw new ShellException(ShellException.FAILED, bad.size() + " of " + ids.size()
                    + " jobs did not succeed: " + String.join(", ", bad));
        }
    }

    static String progress(Map<String, JobView> latest, int total, Duration elapsed, Screen screen) {
        long done = latest.values().stream().filter(JobView::terminal).count();
        long running = latest.values().stream().filter(j -> "RUNNING".equals(j.state())).count();
        long waiting = total - done - running;
        return ProgressBar.bar((int) done, total, 24, screen.style()) + " " + done + "/" + total + " done, "
                + running + " running, " + waiting + " waiting  " + screen.style().dim(Times.duration(elapsed));
    }

    private String finished(JobView job, Screen screen) {
        String exit = job.exitCode() == null ? "" : " exit " + job.exitCode();
        return job.id() + "  " + screen.style().state(job.state()) + exit + "  "
                + Times.between(job.startedAt(), job.finishedAt(), session.clock().instant())
                + (job.name() == null ? "" : "  " + job.name());
    }

    private static void clear(Screen screen) {
        if (screen != null && screen.live()) {
            screen.redraw("");
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShellException(ShellException.INTERRUPTED, "Stopped waiting (Ctrl-C); the jobs go on.");
        }
    }

}

