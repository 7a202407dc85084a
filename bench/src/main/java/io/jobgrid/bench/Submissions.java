package io.jobgrid.bench;

import io.jobgrid.client.JobRequest;
import io.jobgrid.client.JobgridClient;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The benchmarks' shared load: bursts of job submissions over REST, and counting what finished. */
final class Submissions {
    /** {@code true} through {@code /bin/sh -c}: the cheapest job there is. */
    static final JobRequest TRUE = JobRequest.shell("true");

    private static final Pattern FINISHED = Pattern.compile(
            "jobgrid_jobs_finished_total\\{[^}]*state=\"(\\w+)\"[^}]*} ([0-9.eE+]+)");

    private Submissions() {
    }

    /** A job of {@code argv} that waits for a node with the tags {@code constraints}. */
    static JobRequest constrained(Map<String, String> constraints, String... argv) {
        return new JobRequest(List.of(argv), null, null, null, null, constraints, null, null, null, null, null);
    }

    /** Submits {@code n} jobs of {@code request} round-robin over the nodes from {@code threads} threads; their ids. */
    static List<String> burst(List<JobgridClient> nodes, int n, int threads, JobRequest request) throws Exception {
        return burst(nodes, n, threads, i -> request);
    }

    /** Submits {@code n} jobs, the i-th of {@code request.apply(i)}, round-robin over the nodes; their ids. */
    static List<String> burst(List<JobgridClient> nodes, int n, int threads, IntFunction<JobRequest> request)
            throws Exception {
        return inParallel(n, 1, threads, (thread, from, count) -> List.of(
                nodes.get(from % nodes.size()).submit(request.apply(from)).id()));
    }

    /** The i-th job of a mixed-priority load: {@code true} at priority {@code i % 101}, every rank in use. */
    static JobRequest mixedPriority(int i) {
        return TRUE.withPriority(i % 101);
    }

    /** The concurrency key of the limited phase; its limit is set far above the cluster's slots. */
    static final String LIMITED_KEY = "bench-limited";

    /** A job of mixed priority counted against {@link #LIMITED_KEY}. */
    static JobRequest limited(int i) {
        return mixedPriority(i).withConcurrencyKey(LIMITED_KEY);
    }

    /**
     * Submits {@code n} jobs of {@code request} in batches of {@code size} through
     * {@code POST /api/v1/jobs/batch}, one thread per node; their ids.
     */
    static List<String> batches(List<JobgridClient> nodes, int n, int size, JobRequest request) throws Exception {
        return batches(nodes, n, size, i -> request);
    }

    /** As {@link #batches(List, int, int, JobRequest)}, the i-th job of {@code request.apply(i)}. */
    static List<String> batches(List<JobgridClient> nodes, int n, int size, IntFunction<JobRequest> request)
            throws Exception {
        return inParallel(n, size, nodes.size(), (thread, from, count) -> {
            List<JobRequest> batch = new ArrayList<>(count);
            for (int i = from; i < from + count; i++) {
                batch.add(request.apply(i));
            }
            return nodes.get(thread).submitBatch(batch);
        });
    }

    /** Submits {@code count} jobs from index {@code from} on thread {@code thread}; their ids. */
    private interface Step {
        List<String> submit(int thread, int from, int count);
    }

    /** Runs {@code step} over {@code n} jobs, {@code size} at a time, from {@code threads} threads. */
    private static List<String> inParallel(int n, int size, int threads, Step step) throws Exception {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            running.add(pool.submit(() -> {
                int from;
                while ((from = next.getAndAdd(size)) < n) {
                    ids.addAll(step.submit(thread, from, Math.min(size, n - from)));
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return ids;
    }

    /** Jobs finished in any state, summed over every node's /metrics. */
    static double finished(List<JobgridClient> nodes) {
        double sum = 0;
        for (JobgridClient node : nodes) {
            Matcher m = FINISHED.matcher(node.metrics());
            while (m.find()) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
