package io.jobgrid.example;

import io.jobgrid.api.JobGrid;
import io.jobgrid.api.JobId;
import io.jobgrid.api.JobRecord;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.JobState;
import io.jobgrid.api.NodeConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An application that embeds a jobgrid node: it starts the node from a YAML config with the public API
 * ({@code io.jobgrid.api} only), joins the cluster that config names, submits a few shell jobs, waits for
 * them and prints each result on standard output, one line per job:
 * <pre>job ID SUCCEEDED node=NAME exit=0 output=TEXT</pre>
 * and then {@code done: N of N SUCCEEDED}. Exits 0 when every job succeeded, 1 otherwise.
 *
 * <p>Run it against {@code bin/jobgrid up}:
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
        try (JobGrid grid = JobGrid.start(NodeConfig.load(config))) {
            System.out.println("started node " + config + "; submitting " + count + " jobs");
            succeeded = runJobs(grid, count);
        } // the node leaves the cluster here, handing back anything it still runs
        System.out.println("done: " + succeeded + " of " + count + " SUCCEEDED");
        System.exit(succeeded == count ? 0 : 1);
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
