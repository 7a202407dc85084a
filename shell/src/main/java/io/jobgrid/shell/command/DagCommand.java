package io.jobgrid.shell.command;

import io.jobgrid.shell.UsageException;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.JobIds;
import org.springframework.shell.core.command.completion.CompletionContext;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code dag ID}: the DAG around a job (its ancestors and descendants) as a tree with each job's
 * state. In the console on a terminal it is redrawn in place until every job has ended; piped, in
 * a script, or with {@code --once} it is printed once; {@code --watch} follows in a script too.
 */
@Component
public class DagCommand extends GridCommand {
    static final String GROUP = "DAG";
    private final Suggestions suggestions;

    public DagCommand(Session session, JobgridClient grid, Suggestions suggestions) {
        super(new CommandDoc("dag", GROUP, "Show the DAG around a job as a tree with live states",
                        "dag ID [--once | --watch] [--interval DURATION] [--output json]",
                        List.of("dag 0HBXQ4K7M2N9P", "dag 0HBXQ4K7M2N9P --once", "dag 0HBXQ4K7M2N9P --output json",
                                "dag 0HBXQ4K7M2N9P --watch    # in a script: wait until all ended; exit 0 if all succeeded")),
                session, grid,
                Opt.flag("once", ' ', "print the tree as it is now and return (the default when not in the console)"),
                Opt.flag("watch", 'w', "follow until every job has ended, also in a script; exit 0 only if all succeeded"),
                Opt.value("interval", 'i', "DURATION", "time between refreshes (default 1s)"));
        this.suggestions = suggestions;
    }

    @Override
    protected void run(Invocation in) {
        String id = JobIds.check(in.arg(0, "a job id (or: dag submit FILE.yaml)"));
        if (in.args().size() > 1) {
            throw new UsageException("'dag' takes one job id, but got " + in.args());
        }
        if (in.flag("once") && in.flag("watch")) {
            throw new UsageException("give either --once or --watch, but both were given");
        }
        session.saw(id);
        DagWatch watch = new DagWatch(grid, session, interval(in));
        boolean follow = in.flag("watch") || (!in.flag("once") && !in.json() && session.interactive()
                && in.screen().live());
        if (follow) {
            watch.follow(in.screen(), id, in.json());
        } else if (in.json()) {
            in.printJson(grid.dagJson(id));
        } else {
            watch.once(in.screen(), id);
        }
    }

    static Duration interval(Invocation in) {
        Duration interval = Optional.ofNullable(in.duration("interval")).orElse(Duration.ofSeconds(1));
        if (interval.toMillis() < 100) {
            throw new UsageException("--interval must be at least 100ms, but was '" + in.option("interval") + "'");
        }
        return interval;
    }

    @Override
    protected List<String> candidates(String option, CompletionContext context) {
        if (option != null) {
            return List.of();
        }
        List<String> values = new ArrayList<>(suggestions.jobIds());
        values.add(0, "submit");
        return values;
    }
}
