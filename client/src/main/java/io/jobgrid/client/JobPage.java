package io.jobgrid.client;

import java.util.List;

/**
 * One page of {@code GET /api/v1/jobs}: the jobs, newest first, and the cursor of the next page
 * (the {@code X-Jobgrid-Next} header, sent when the page is full), or null on the last page. Ask
 * for the next page with {@code new JobQuery(state, node, limit, page.next())}.
 */
public record JobPage(List<JobView> jobs, String next) {
    public JobPage {
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
        next = next == null || next.isBlank() ? null : next;
    }
}
