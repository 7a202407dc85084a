package io.jobgrid.shell.command;

import io.jobgrid.client.JobIds;
import io.jobgrid.client.JobPage;
import io.jobgrid.client.JobQuery;
import io.jobgrid.client.JobgridClientException;
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
 * line per finished job when piped). An id may be a job array's: its jobs are read a page of
 * 10,000 at a time, and its progress (done/total and the count of each state) is shown instead of
 * a line per job. Exits 0 only if all of them succeeded.
 */
@Component
public class WaitCommand {
    private static final Duration POLL = Duration.ofMillis(300);
    /** Jobs of an array read per request. */
    private static final int PAGE = 10_000;
    /** Jobs named in the error when many did not succeed. */
    private static final int NAMED = 20;
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

                    An ID may be a job array's (submit --array N): waits for all its jobs, showing
                    how many are done and how many are in each state.

                    OPTIONS
                      -t, --timeout DURATION  give up after this long (default: wait for ever)
                      -o, --output FORMAT     table (default) or json

                    EXAMPLES
                      wait 0HBXQ4K7M2N9P
                      wait 0HBXQ4K7M2N9P 0HBXQ4K7M2NA0 --timeout 10m
                      wait 0HBXQ4K7M2NB1     (a job array: done/total by state)""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void awaitJobs(
            @Option(longName = "timeout", shortName = 't',
                    description = "give up after this long (default: wait for ever)") String timeoutGiven,
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        Output out = Output.of(session, context, output);
        List<String> given = new ArrayList<>(new LinkedHashSet<>(args.stream().map(JobIds::check).toList()));
        if (given.isEmpty()) {
            Inputs.arg(args, 0, "wait", "at least one job id");
        }
        Duration timeout = Inputs.duration("timeout", timeoutGiven);
        Instant start = session.clock().instant();
        Map<String, JobView> latest = new LinkedHashMap<>();
        Screen screen = out.json() ? null : out.screen();
        Waited waited = resolve(given, latest);
        List<String> ids = waited.all();
        while (poll(waited, latest, screen) < ids.size()) {
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
            pause(ids.size());
        }
        clear(screen);
        if (screen != null) {
            waited.arrays().forEach((array, members) -> screen.out().println(array + "  "
                    + counts(members, latest, screen)));
        }
        report(out, waited, latest);
    }

    /** The jobs waited for: single jobs, and the jobs of each array by the array's id. */
    private record Waited(List<String> jobs, Map<String, List<String>> arrays) {
        List<String> all() {
            List<String> out = new ArrayList<>(jobs);
            arrays.values().forEach(out::addAll);
            return out;
        }
    }

    /** Tells the ids of jobs from those of job arrays: an id no job has may be an array's. */
    private Waited resolve(List<String> given, Map<String, JobView> latest) {
        List<String> jobs = new ArrayList<>();
        Map<String, List<String>> arrays = new LinkedHashMap<>();
        for (String id : given) {
            try {
                grid.jobJson(id);
                jobs.add(id);
            } catch (JobgridClientException e) {
                List<JobView> members = e.kind() == JobgridClientException.Kind.NOT_FOUND ? arrayJobs(id) : List.of();
                if (members.isEmpty()) {
                    throw e;
                }
                members.forEach(j -> latest.put(j.id(), j));
                arrays.put(id, members.stream().map(JobView::id).toList());
            }
            session.saw(id);
        }
        return new Waited(jobs, arrays);
    }

    /** Every job of an array, a page at a time. */
    private List<JobView> arrayJobs(String array) {
        List<JobView> out = new ArrayList<>();
        JobQuery page = new JobQuery(null, null, PAGE, null).inArray(array);
        while (true) {
            JobPage found = grid.jobsPage(page);
            out.addAll(found.jobs());
            if (found.next() == null) {
                return out;
            }
            page = page.below(found.next());
        }
    }

    /**
     * Reads the jobs not yet ended, printing each one that now has (or, for an array, its counts
     * when they changed, when piped); returns how many have ended.
     */
    private long poll(Waited waited, Map<String, JobView> latest, Screen screen) {
        waited.arrays().forEach((array, members) -> pollArray(array, members, latest, screen));
        for (String id : waited.jobs()) {
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

    /** Reads an array's jobs unless all have ended; when piped, prints its counts if they changed. */
    private void pollArray(String array, List<String> members, Map<String, JobView> latest, Screen screen) {
        if (members.stream().allMatch(id -> latest.get(id).terminal())) {
            return;
        }
        String before = screen == null ? null : counts(members, latest, screen);
        arrayJobs(array).forEach(j -> latest.put(j.id(), j));
        String after = screen == null ? null : counts(members, latest, screen);
        if (screen != null && !screen.live() && !after.equals(before)) {
            screen.out().println(array + "  " + after);
        }
    }

    private void report(Output out, Waited waited, Map<String, JobView> latest) {
        if (out.json()) {
            List<Object> records = new ArrayList<>();
            waited.jobs().forEach(id -> records.add(grid.jobJson(id)));
            for (String array : waited.arrays().keySet()) {
                JobQuery page = new JobQuery(null, null, PAGE, null).inArray(array);
                while (true) {
                    com.fasterxml.jackson.databind.JsonNode found = grid.jobsJson(page);
                    found.forEach(records::add);
                    if (found.size() < PAGE) {
                        break;
                    }
                    page = page.below(found.get(found.size() - 1).get("id").asText());
                }
            }
            out.printJson(records);
        }
        List<String> bad = latest.values().stream().filter(j -> !"SUCCEEDED".equals(j.state()))
                .map(j -> j.id() + " " + j.state()).toList();
        if (!bad.isEmpty()) {
            String named = String.join(", ", bad.subList(0, Math.min(bad.size(), NAMED)))
                    + (bad.size() > NAMED ? ", ..." : "");
            throw new ShellException(ShellException.FAILED, bad.size() + " of " + latest.size()
                    + " jobs did not succeed: " + named);
        }
    }

    /** An array's progress: done/total, then how many jobs are in each state, in the order of the states. */
    static String counts(List<String> members, Map<String, JobView> latest, Screen screen) {
        Map<String, Integer> byState = new LinkedHashMap<>();
        Suggestions.STATES.forEach(s -> byState.put(s, 0));
        int done = 0;
        for (String id : members) {
            JobView j = latest.get(id);
            byState.merge(j.state(), 1, Integer::sum);
            done += j.terminal() ? 1 : 0;
        }
        StringBuilder out = new StringBuilder().append(done).append('/').append(members.size()).append(" done:");
        byState.forEach((state, n) -> {
            if (n > 0) {
                out.append(' ').append(screen.style().state(state)).append(' ').append(n);
            }
        });
        return out.toString();
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

    /**
     * Waits before the next read: {@link #POLL}, and longer the more jobs each read fetches (an
     * array's jobs are read whole each time), up to 5 s for 15,000 jobs or more, so that waiting
     * for a large array does not keep a node busy listing it.
     */
    private static void pause(int jobs) {
        try {
            Thread.sleep(Math.min(5_000, POLL.toMillis() * Math.max(1, jobs / 1_000)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShellException(ShellException.INTERRUPTED, "Stopped waiting (Ctrl-C); the jobs go on.");
        }
    }

}

