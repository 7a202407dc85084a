package io.jobgrid.example;

import io.jobgrid.api.JobGrid;
import io.jobgrid.api.JobGridException;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.api.NodeConfig;
import io.jobgrid.api.TaskHandle;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An application that embeds a jobgrid node: it starts the node from a YAML config with the public API
 * ({@code io.jobgrid.api} only), joins the cluster that config names, submits a few shell jobs, waits for
 * them and prints each result on standard output, one line per job:
 * <pre>job ID SUCCEEDED node=NAME exit=0 output=TEXT</pre>
 * and then {@code done: N of N SUCCEEDED}. Then it submits N Java tasks of its own ({@link WordCount}) in one
 * batch and prints each typed result, {@code task ID SUCCEEDED node=NAME words=K}, and
 * {@code tasks: N of N SUCCEEDED}. Its config gives it no task slots, so the tasks run on the nodes of
 * {@code bin/jobgrid up --classpath} this app's jar. Exits 0 when every job and task succeeded, 1 otherwise.
 *
 * <p>Run it against {@code bin/jobgrid up --classpath examples/embedded-app/target/jobgrid-embedded-app.jar}:
 * <pre>JOBGRID_DATA_DIR=.run/data java \
 *     -cp "examples/embedded-app/target/jobgrid-embedded-app.jar:examples/embedded-app/target/lib/*" \
 *     io.jobgrid.example.EmbeddedApp examples/embedded-app/jobgrid.yaml</pre>
 */
public final class EmbeddedApp {
    private static final Duration WAIT = Duration.ofMinutes(2);

    private EmbeddedApp() {
    }

    public static void main(String[] args) {
        Path config = Path.of(args.length > 0 ? args[0] : "examples/embedded-app/jobgrid.yaml");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int succeeded;
        int tasks;
        try (JobGrid grid = JobGrid.start(NodeConfig.load(config))) {
            System.out.println("started node " + config + "; submitting " + count + " jobs");
            succeeded = runJobs(grid, count);
            System.out.println("done: " + succeeded + " of " + count + " SUCCEEDED");
            tasks = runTasks(grid, count);
        } // the node leaves the cluster here, handing back anything it still runs
        System.out.println("tasks: " + tasks + " of " + count + " SUCCEEDED");
        System.exit(succeeded == count && tasks == count ? 0 : 1);
    }

    /** Task i counts a text of i words; each handle's {@code await} gives the count back as an Integer. */
    private static int runTasks(JobGrid grid, int count) {
        List<WordCount> batch = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            batch.add(new WordCount("word ".repeat(i)));
        }
        int succeeded = 0;
        List<TaskHandle<Integer>> handles = grid.jobs().submitAll(batch, JobSpec.builder().name("count")
                .timeout(Duration.ofMinutes(1)).maxAttempts(2));
        for (TaskHandle<Integer> h : handles) {
            try {
                int words = h.await(WAIT);
                JobRecord done = h.record();
                System.out.println("task " + h.id().value() + " " + done.state() + " node=" + done.node() + " words="
                        + words);
                succeeded++;
            } catch (JobGridException e) {
                System.out.println("task " + h.id().value() + " did not succeed: " + e.getMessage());
            }
        }
        return succeeded;
    }

    private static int runJobs(JobGrid grid, int count) {
        List<JobId> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add(grid.jobs().submit(JobSpec.builder().name("embedded-" + i)
                    .shell("echo job " + i + " ran on $JOBGRID_NODE").timeout(Duration.ofMinutes(1)).build()));
        }
        int succeeded = 0;
        for (JobId id : ids) {
            JobRecord done = grid.jobs().await(id, WAIT);
            String output = grid.jobs().logs(id).text().strip();
            System.out.println("job " + id.value() + " " + done.state() + " node=" + done.node() + " exit="
                    + done.exitCode() + " output=" + output);
            succeeded += done.state() == JobState.SUCCEEDED ? 1 : 0;
        }
        return succeeded;
    }
}
