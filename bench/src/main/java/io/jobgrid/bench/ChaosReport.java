package io.jobgrid.bench;

import io.jobgrid.client.AttemptView;
import io.jobgrid.client.JobView;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of a chaos run, from the final job records, the disruptions, the membership changes
 * every member saw and the jobs' own marker files.
 *
 * <ul>
 *   <li>lost: submitted (201) but no record any more; stuck: a record that is not terminal.</li>
 *   <li>duplicates: jobs with more than one attempt, by the outcome of the first (NODE_LOST: its
 *       node was disrupted; FAILED: the planned first-attempt failure, retried).</li>
 *   <li>ran_to_end_twice: jobs whose body wrote "end" more than once: an old attempt that kept
 *       running (a killed member's orphaned process, a paused member's children) as well as the
 *       re-run. At-least-once allows it; the record still holds one result.</li>
 *   <li>detect_ms: from the disruption to the first member that saw the victim removed.</li>
 *   <li>requeue_ms: from that detection to the end of the lost attempt in the record, which is
 *       when the job was queued again.</li>
 *   <li>minority_stop_ms: for each network cut, from the cut to the cut-off member's own "quorum
 *       lost" log line, when it kills its jobs (-1: never logged, e.g. it had lost it already).</li>
 *   <li>false_evictions: removals, seen by a member not disrupted itself, of a member that was
 *       not being disrupted at the time.</li>
 * </ul>
 */
final class ChaosReport {
    private final List<String> ids;
    private final Map<String, JobView> records;
    private final List<Disruptor.Disruption> disruptions;
    private final List<MemberWatch.Change> changes;
    private final Path marks;
    private final Path logs;
    private final List<String> details = new ArrayList<>();

    ChaosReport(List<String> ids, Map<String, JobView> records, List<Disruptor.Disruption> disruptions,
                List<MemberWatch.Change> changes, Path marks, Path logs) {
        this.ids = ids;
        this.records = records;
        this.disruptions = disruptions;
        this.changes = changes;
        this.marks = marks;
        this.logs = logs;
    }

    static boolean terminal(JobView job) {
        return job != null && job.terminal();
    }

    Map<String, Object> figures() throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        long lost = 0;
        long stuck = 0;
        long duplicates = 0;
        long twice = 0;
        Map<String, Long> why = new TreeMap<>();
        Map<String, Long> states = new TreeMap<>();
        for (String id : ids) {
            JobView job = records.get(id);
            if (job == null) {
                lost++;
                details.add("lost: " + id);
                continue;
            }
            states.merge(job.state(), 1L, Long::sum);
            if (!terminal(job)) {
                stuck++;
                details.add("stuck: " + job);
            }
            List<AttemptView> attempts = job.attempts();
            if (attempts.size() > 1) {
                duplicates++;
                why.merge(attempts.get(0).outcome(), 1L, Long::sum);
            }
            if (endedMoreThanOnce(id)) {
                twice++;
            }
        }
        out.put("jobs", ids.size());
        out.put("lost", lost);
        out.put("stuck", stuck);
        out.put("duplicates", duplicates);
        out.put("duplicates_by_first_outcome", why);
        out.put("ran_to_end_twice", twice);
        out.put("states", states);
        out.putAll(detection());
        out.put("requeue_ms_p50", pct(requeueMillis(), 0.5));
        out.put("requeue_ms_p99", pct(requeueMillis(), 0.99));
        out.put("requeue_ms_max", pct(requeueMillis(), 1.0));
        List<Long> stops = minorityStopMillis();
        out.put("minority_stop_ms_p50", pct(stops, 0.5));
        out.put("minority_stop_ms_max", pct(stops, 1.0));
        out.put("false_evictions", falseEvictions());
        return out;
    }

    private Map<String, Object> detection() {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Long> all = new ArrayList<>();
        Map<String, Object> byKind = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Disruptor.Kind kind : Disruptor.Kind.values()) {
            List<Long> ms = new ArrayList<>();
            for (Disruptor.Disruption d : disruptions) {
                if (d.kind == kind) {
                    counts.merge(kind.name().toLowerCase(), 1, Integer::sum);
                    ms.add(d.detected == null ? Long.MAX_VALUE : Duration.between(d.at, d.detected).toMillis());
                }
            }
            all.addAll(ms);
            if (!ms.isEmpty()) {
                byKind.put(kind.name().toLowerCase(), Map.of("p50", pct(ms, 0.5), "max", pct(ms, 1.0)));
            }
        }
        out.put("disruptions", counts);
        out.put("detect_ms_p50", pct(all, 0.5));
        out.put("detect_ms_max", pct(all, 1.0));
        out.put("detect_ms_by_kind", byKind);
        out.put("undetected", all.stream().filter(v -> v == Long.MAX_VALUE).count());
        // How long the cluster took from whole (all members see each other) to safe (no migration,
        // every backup in place), which the next disruption waits for.
        List<Long> safe = disruptions.stream().filter(d -> d.whole != null && d.safe != null)
                .map(d -> Duration.between(d.whole, d.safe).toMillis()).toList();
        out.put("safe_after_whole_ms_p50", pct(safe, 0.5));
        out.put("safe_after_whole_ms_max", pct(safe, 1.0));
        out.put("begun_unsafe", disruptions.stream().filter(d -> !d.safeAtStart).count());
        return out;
    }

    /** Detection to re-queue, for every attempt lost with a disrupted member. */
    private List<Long> requeueMillis() {
        List<Long> ms = new ArrayList<>();
        for (JobView job : records.values()) {
            for (AttemptView a : job.attempts()) {
                if (!"NODE_LOST".equals(a.outcome()) || a.finishedAt() == null) {
                    continue;
                }
                Instant requeued = a.finishedAt();
                Instant started = a.startedAt();
                for (Disruptor.Disruption d : disruptions) {
                    if (d.name.equals(a.node()) && d.detected != null && started.isBefore(d.detected)
                            && d.covers(requeued)) {
                        ms.add(Math.max(0, Duration.between(d.detected, requeued).toMillis()));
                        break;
                    }
                }
            }
        }
        return ms;
    }

    /** For every cut: from the cut to the cut-off member's first "quorum lost" after it, by its own log. */
    private List<Long> minorityStopMillis() throws IOException {
        List<Long> ms = new ArrayList<>();
        for (Disruptor.Disruption d : disruptions) {
            if (d.kind != Disruptor.Kind.CUT) {
                continue;
            }
            Instant lost = firstLogged(d.name, "quorum lost", d.at, d.whole == null ? Instant.MAX : d.whole);
            ms.add(lost == null ? -1 : Duration.between(d.at, lost).toMillis());
            if (lost == null) {
                details.add("no \"quorum lost\" logged by " + d.name + " after its cut at " + d.at);
            }
        }
        return ms;
    }

    /** The time of the first line of {@code member}'s log with {@code text} in [from, to), or null. */
    private Instant firstLogged(String member, String text, Instant from, Instant to) throws IOException {
        Path file = logs.resolve(member + ".log");
        if (!Files.exists(file)) {
            return null;
        }
        ZoneId zone = ZoneId.systemDefault();
        LocalDate day = LocalDate.ofInstant(from, zone);
        for (String line : Files.readAllLines(file)) {
            if (!line.contains(text) || line.length() < 12) {
                continue;
            }
            LocalTime time;
            try {
                time = LocalTime.parse(line.substring(0, 12)); // the node's pattern starts HH:mm:ss.SSS
            } catch (DateTimeParseException notALogLine) {
                continue;
            }
            for (LocalDate d : List.of(day, day.plusDays(1))) {
                Instant at = time.atDate(d).atZone(zone).toInstant();
                if (!at.isBefore(from) && at.isBefore(to)) {
                    return at;
                }
            }
        }
        return null;
    }

    private long falseEvictions() {
        long count = 0;
        for (MemberWatch.Change c : changes) {
            if (!c.kind().equals("removed") || disrupted(c.observer(), c.at()) || disrupted(c.subject(), c.at())) {
                continue;
            }
            count++;
            details.add("false eviction: " + c);
        }
        return count;
    }

    private boolean disrupted(String name, Instant at) {
        return disruptions.stream().anyMatch(d -> d.name.equals(name) && d.covers(at));
    }

    private boolean endedMoreThanOnce(String id) throws IOException {
        Path file = marks.resolve(id);
        if (!Files.exists(file)) {
            return false;
        }
        return Files.readAllLines(file).stream().filter(l -> l.startsWith("end")).count() > 1;
    }

    void printDetails(PrintStream err) {
        for (Disruptor.Disruption d : disruptions) {
            err.printf("chaos: %s %s at %s (%s), detected %s, %s, whole %s, safe %s%n", d.kind, d.name, d.at,
                    d.safeAtStart ? "cluster safe" : "CLUSTER NOT SAFE", d.detected, d.ending, d.whole, d.safe);
        }
        details.stream().limit(50).forEach(l -> err.println("chaos: " + l));
    }

    private static long pct(List<Long> values, double p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)));
    }
}
