package io.jobgrid.shell.command;

import io.jobgrid.client.JobIds;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.shell.UsageException;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code dag ID}: the DAG around a job (its ancestors and descendants) as a tree with each job's
 * state. In the console on a terminal it is redrawn in place until every job has ended; piped, in
 * a script, or with {@code --once} it is printed once; {@code --watch} follows in a script too.
 */
@Component
public class DagCommand {
    private final Session session;
    private final JobgridClient grid;

    public DagCommand(Session session, JobgridClient grid) {
        this.session = session;
        this.grid = grid;
    }

    @Command(name = "dag", group = "DAG",
            description = "Show the DAG around a job as a tree with live states",
            help = """
                    dag - Show the DAG around a job as a tree with live states

                    USAGE
                      dag ID [--once | --watch] [--interval DURATION] [--output json]

                    OPTIONS
                          --once               print the tree as it is now and return (the default when not in the console)
                      -w, --watch              follow until every job has ended, also in a script; exit 0 only if all succeeded
                      -i, --interval DURATION  time between refreshes (default 1s)
                      -o, --output FORMAT      table (default) or json

                    EXAMPLES
                      dag 0HBXQ4K7M2N9P
                      dag 0HBXQ4K7M2N9P --once
                      dag 0HBXQ4K7M2N9P --output json
                      dag 0HBXQ4K7M2N9P --watch    # in a script: wait until all ended; exit 0 if all succeeded""",
            completionProvider = Completions.BEAN, exitStatusExceptionMapper = ExitCodes.BEAN)
    public void dag(
            @Option(longName = "once",
                    description = "print the tree as it is now and return (the default when"
                            + " not in the console)", defaultValue = "false") boolean once,
            @Option(longName = "watch", shortName = 'w',
                    description = "follow until every job has ended, also in a script; exit 0"
                            + " only if all succeeded", defaultValue = "false") boolean watch,
            @Option(longName = "interval", shortName = 'i', description = "time between refreshes (default 1s)") String interval,
            @Option(longName = "output", shortName = 'o', description = "table (default) or json") String output,
            @Arguments List<String> args, CommandContext context) {
        Output out = Output.of(session, context, output);
        String id = JobIds.check(Inputs.arg(args, 0, "dag", "a job id (or: dag submit FILE.yaml)"));
        if (args.size() > 1) {
            throw new UsageException("'dag' takes one job id, but got " + args);
        }
        if (once && watch) {
            throw new UsageException("give either --once or --watch, but both were given");
        }
        session.saw(id);
        DagWatch drawing = new DagWatch(grid, session, interval(interval));
        boolean follow = watch || (!once && !out.json() && session.interactive()
                && out.screen().live());
        if (follow) {
            drawing.follow(out.screen(), id, out.json());
        } else if (out.json()) {
            out.printJson(grid.dagJson(id));
        } else {
            drawing.once(out.screen(), id);
        }
    }

    /** The time between refreshes, {@code --interval} (default 1s, at least 100ms). */
    static Duration interval(String given) {
        Duration interval = Optional.ofNullable(Inputs.duration("interval", given)).orElse(Duration.ofSeconds(1));
        if (interval.toMillis() < 100) {
            throw new UsageException("--interval must be at least 100ms, but was '" + given + "'");
        }
        return interval;
    }

}

