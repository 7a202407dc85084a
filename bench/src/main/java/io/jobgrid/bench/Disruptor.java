package io.jobgrid.bench;

import io.jobgrid.testkit.NetworkNamespaces;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Disrupts one random member every interval while jobs run, one at a time: the next disruption
 * waits until the cluster is whole again (all members back and seeing each other) and then safe
 * (every member's {@code /health} says {@code clusterSafe}: no migration, every backup in place), since
 * a backup count of 1 promises to survive one death at once, not a second one while the partitions
 * of the first are still being copied. Whole alone is not safe: right after a member joined or merged
 * back, Hazelcast goes on moving partitions and their backups for seconds. Kinds: SIGKILL then a
 * restart; a hang (SIGSTOP), later resumed with SIGCONT or killed and restarted; a network cut (the
 * member's link taken down), later healed so the sides merge.
 */
final class Disruptor implements Runnable {
    enum Kind { KILL, HANG, CUT }

    /** One disruption: whom, how, when it began, when it was seen, when the cluster was whole again. */
    static final class Disruption {
        final int member;
        final String name;
        final Kind kind;
        final Instant at;
        volatile Instant detected;
        volatile Instant whole;
        volatile Instant safe;
        /** Whether every member's /health said clusterSafe right before it began. */
        volatile boolean safeAtStart;
        volatile String ending = "";

        Disruption(int member, String name, Kind kind, Instant at) {
            this.member = member;
            this.name = name;
            this.kind = kind;
            this.at = at;
        }

        /** While this member counts as disrupted: from the start until a little after it is back. */
        boolean covers(Instant t) {
            Instant end = whole == null ? Instant.MAX : whole.plusSeconds(5);
            return !t.isBefore(at) && t.isBefore(end);
        }
    }

    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final Duration DETECT_LIMIT = Duration.ofSeconds(60);
    private static final Duration WHOLE_LIMIT = Duration.ofSeconds(120);
    private static final Duration SAFE_LIMIT = Duration.ofSeconds(120);
    private static final boolean AWAIT_SAFE = !"false".equals(System.getProperty("chaos.awaitSafe"));

    private final ChaosMembers members;
    private final NetworkNamespaces lab;
    private final MemberWatch watch;
    private final Duration interval;
    private final Random random;
    private final List<Disruption> done = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    Disruptor(ChaosMembers members, NetworkNamespaces lab, MemberWatch watch, Duration interval, long seed) {
        this.members = members;
        this.lab = lab;
        this.watch = watch;
        this.interval = interval;
        this.random = new Random(seed);
    }

    List<Disruption> disruptions() {
        return List.copyOf(done);
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        try {
            Instant next = Instant.now().plus(interval);
            while (running) {
                sleepUntil(next);
                if (!running) {
                    return;
                }
                next = Instant.now().plus(interval);
                disruptOnce();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            System.err.println("chaos: disruptor stopped: " + e);
        }
    }

    private void disruptOnce() throws IOException, InterruptedException {
        int member = 1 + random.nextInt(members.count());
        Kind kind = pick();
        boolean safeNow = members.safe();
        Disruption d = new Disruption(member, members.name(member), kind, Instant.now());
        d.safeAtStart = safeNow;
        done.add(d);
        switch (kind) {
            case KILL -> members.kill(member);
            case HANG -> members.pause(member);
            case CUT -> lab.cut(member);
        }
        d.detected = awaitDetection(d);
        end(d);
        if (!members.awaitWhole(WHOLE_LIMIT)) {
            d.ending += "; not whole after " + WHOLE_LIMIT.toSeconds() + " s, restarted";
            if (kind == Kind.CUT) {
                lab.heal(member);
            }
            members.resume(member);
            members.restart(member);
            members.awaitWhole(WHOLE_LIMIT);
        }
        d.whole = Instant.now();
        // -Dchaos.awaitSafe=false: the old pacing (whole plus the settle time only), for comparison;
        // every disruption then still says whether the cluster was safe when it began
        boolean safe = members.awaitSafe(AWAIT_SAFE ? SAFE_LIMIT : Duration.ZERO);
        d.safe = safe ? Instant.now() : null;
        System.err.printf("chaos: %-4s %s detected after %s ms, %s, whole after %.1f s, %s %.1f s after whole%n",
                kind, d.name, d.detected == null ? "never" : Duration.between(d.at, d.detected).toMillis(), d.ending,
                Duration.between(d.at, d.whole).toMillis() / 1000.0, safe ? "safe" : "NOT SAFE",
                Duration.between(d.whole, Instant.now()).toMillis() / 1000.0);
        TimeUnit.MILLISECONDS.sleep(SETTLE.toMillis());
    }

    /** Ends a disruption: a restart after a kill (or, at random, after a hang), else a resume or a heal. */
    private void end(Disruption d) throws IOException, InterruptedException {
        int member = d.member;
        Kind kind = d.kind;
        boolean killAfterHang = kind == Kind.HANG && random.nextBoolean();
        if (kind == Kind.KILL || killAfterHang) {
            d.ending = kind == Kind.KILL ? "restarted" : "killed after hang, restarted";
            members.restart(member);
        } else {
            // Give the cut-off or paused side time to notice it lost its quorum and stop its jobs.
            TimeUnit.SECONDS.sleep(5);
            if (kind == Kind.HANG) {
                d.ending = "resumed";
                members.resume(member);
            } else {
                d.ending = "healed";
                lab.heal(member);
            }
        }
    }

    private Instant awaitDetection(Disruption d) throws InterruptedException {
        long until = System.nanoTime() + DETECT_LIMIT.toNanos();
        while (System.nanoTime() < until) {
            Instant seen = watch.firstRemoval(d.name, d.at);
            if (seen != null) {
                return seen;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return null;
    }

    /**
     * By the weights of {@code -Dchaos.mix=kill:6,hang:2,cut:2} (the default: mostly SIGKILL);
     * without namespaces the weight of cuts goes to kills.
     */
    private Kind pick() {
        Map<Kind, Integer> weights = new EnumMap<>(Kind.class);
        for (String part : System.getProperty("chaos.mix", "kill:6,hang:2,cut:2").split(",")) {
            String[] kv = part.trim().split(":");
            weights.put(Kind.valueOf(kv[0].trim().toUpperCase()), Integer.parseInt(kv[1].trim()));
        }
        if (lab == null) {
            weights.merge(Kind.KILL, weights.getOrDefault(Kind.CUT, 0), Integer::sum);
            weights.remove(Kind.CUT);
        }
        int r = random.nextInt(weights.values().stream().mapToInt(Integer::intValue).sum());
        for (Map.Entry<Kind, Integer> e : weights.entrySet()) {
            r -= e.getValue();
            if (r < 0) {
                return e.getKey();
            }
        }
        return Kind.KILL;
    }

    private static void sleepUntil(Instant t) throws InterruptedException {
        long ms = Duration.between(Instant.now(), t).toMillis();
        if (ms > 0) {
            TimeUnit.MILLISECONDS.sleep(ms);
        }
    }
}
