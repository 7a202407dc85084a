package io.jobgrid.shell.command;

import io.jobgrid.client.JobView;
import io.jobgrid.client.JobgridClient;
import io.jobgrid.client.Json;
import io.jobgrid.shell.render.Screen;
import io.jobgrid.shell.render.Times;

/**
 * Streams a job's output to the screen until the job ends, then reads its final record. Shared by
 * {@code logs --follow} and {@code submit --follow}. Ctrl-C closes the stream (see {@link Session}).
 */
final class LogFollower {
    private LogFollower() {
    }

    static JobView follow(JobgridClient grid, Session session, Screen screen, String id) {
        return follow(grid, session, screen, id, null);
    }

    /** Follows one stream ({@code stdout}/{@code stderr}), or both when {@code stream} is null. */
    static JobView follow(JobgridClient grid, Session session, Screen screen, String id, String stream) {
        boolean[] endsWithNewline = {true};
        try {
            grid.followLogs(id, stream, chunk -> {
                screen.out().print(chunk);
                screen.out().flush();
                endsWithNewline[0] = chunk.endsWith("\n");
            }, session::onInterrupt);
        } finally {
            session.onInterrupt(null);
        }
        JobView job = Json.view(grid.jobJson(id), JobView.class);
        if (screen.live()) {
            if (!endsWithNewline[0]) {
                screen.out().println();
            }
            screen.println(footer(job, session, screen));
        }
        return job;
    }

    /** "── job X SUCCEEDED (exit 0) on node-1 after 1.2s", dimmed but for the state. */
    static String footer(JobView job, Session session, Screen screen) {
        String exit = job.exitCode() == null ? "" : " (exit " + job.exitCode() + ")";
        String where = job.node() == null ? "" : " on " + job.node();
        String took = " after " + Times.between(job.startedAt(), job.finishedAt(), session.clock().instant());
        return screen.style().dim("── job " + job.id() + " ") + screen.style().state(job.state())
                + screen.style().dim(exit + where + took);
    }
}
