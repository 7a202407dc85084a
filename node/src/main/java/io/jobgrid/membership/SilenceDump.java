package io.jobgrid.membership;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A diagnostic, off unless {@code -Djobgrid.diagnostics.silenceDumpMillis=N} is set: when a
 * member has been silent (no heartbeat) for N ms while another is still heard within a second, so
 * that this member is not the one held up, log every thread's stack and this host's TCP sockets
 * ({@code ss -tnoi}, when the tool is there). Once per silence of each member: a hung member
 * makes every other member dump once, and a stall right after it still gets its own dump.
 *
 * <p>Made for the residual false eviction of the chaos runs: a healthy member's heartbeats stop
 * reaching one peer for 3 s (the others still get them), and the peer, if master, removes it. The
 * heartbeat receive logs show the peer hearing everyone else meanwhile. The dump, taken by the
 * peer before its detector gives up, shows whether its IO threads are reading and whether bytes
 * wait in its socket's receive queue (the peer is not reading) or in none (the sender is not
 * sending).
 */
final class SilenceDump {
    private static final Logger LOG = LoggerFactory.getLogger(SilenceDump.class);
    static final String PROPERTY = "jobgrid.diagnostics.silenceDumpMillis";
    private static final long HEARD_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long thresholdNanos;
    /** The members whose current silence was dumped already; a heartbeat ends the silence. */
    private final Set<UUID> dumped = new HashSet<>();
    private final Consumer<String> sink;

    SilenceDump(long thresholdNanos, Consumer<String> sink) {
        this.thresholdNanos = thresholdNanos;
        this.sink = sink;
    }

    /** The dump the JVM's properties ask for, or null when the diagnostic is off. */
    static SilenceDump fromSystemProperties() {
        long millis = Long.getLong(PROPERTY, 0L);
        return millis > 0 ? new SilenceDump(TimeUnit.MILLISECONDS.toNanos(millis), text -> LOG.warn("{}", text))
                : null;
    }

    /**
     * Called by the quorum check, on its thread, with every other member's silence
     * (nanoseconds since its last heartbeat, or since this member's own last pause).
     */
    void check(Map<UUID, Long> silences, Map<UUID, String> names) {
        dumped.retainAll(silences.keySet());
        long shortest = silences.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
        for (Map.Entry<UUID, Long> e : silences.entrySet()) {
            long silence = e.getValue();
            if (silence < thresholdNanos) {
                dumped.remove(e.getKey());
            } else if (shortest <= HEARD_NANOS && dumped.add(e.getKey())) {
                dump(names.get(e.getKey()), silence, shortest);
            }
        }
    }

    private void dump(String member, long silence, long shortest) {
        StringBuilder out = new StringBuilder();
        out.append("diagnostic: ").append(member).append(" silent for ")
                .append(TimeUnit.NANOSECONDS.toMillis(silence))
                .append(" ms while another member was heard ")
                .append(TimeUnit.NANOSECONDS.toMillis(shortest)).append(" ms ago\n");
        sockets(out);
        threads(out);
        sink.accept(out.toString());
    }

    private static void sockets(StringBuilder out) {
        try {
            Process ss = new ProcessBuilder("ss", "-tnoi").redirectErrorStream(true).start();
            try (InputStream in = ss.getInputStream()) {
                out.append("--- ss -tnoi\n").append(new String(in.readNBytes(1 << 16), StandardCharsets.UTF_8));
            }
            ss.waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            out.append("--- ss not available: ").append(e.getMessage()).append('\n');
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void threads(StringBuilder out) {
        out.append("--- threads\n");
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            out.append('"').append(t.getName()).append("\" ").append(t.getState()).append('\n');
            for (StackTraceElement frame : e.getValue()) {
                out.append("    at ").append(frame).append('\n');
            }
        }
    }
}
