package io.jobgrid.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds runs of free loopback ports for the nodes an end-to-end test or a benchmark starts. The
 * runs for REST and for members come from 20,000-26,000 and 26,000-32,000, below Linux's ephemeral
 * ports (32768-60999 by default): a port in that range can be handed to some outgoing connection
 * between this check and the node's bind, which once failed a {@code bin/bench dag} start.
 */
public final class LoopbackPorts {
    private LoopbackPorts() {
    }

    /** {@code count} free ports for REST, from a random base in 20,000-26,000. */
    public static int forHttp(int count) {
        return freeRange(ThreadLocalRandom.current().nextInt(20_000, 26_000), count, -1);
    }

    /** {@code count} free ports for members, from a random base in 26,000-32,000, apart from {@code httpBase}'s run. */
    public static int forMembers(int count, int httpBase) {
        return freeRange(ThreadLocalRandom.current().nextInt(26_000, 32_000), count, httpBase);
    }

    /** The first base at or after {@code from} with {@code count} free loopback ports in a row. */
    public static int freeRange(int from, int count) {
        return freeRange(from, count, -1);
    }

    /**
     * As {@link #freeRange(int, int)}, skipping any range that overlaps {@code count} ports from
     * {@code avoidBase} (a range already chosen but not bound yet); -1 avoids nothing.
     */
    public static int freeRange(int from, int count, int avoidBase) {
        for (int base = from; base + count <= 65535; base += count) {
            boolean clash = avoidBase > 0 && base < avoidBase + count && avoidBase < base + count;
            if (!clash && allFree(base, count)) {
                return base;
            }
        }
        throw new IllegalStateException("no " + count + " free ports in a row above " + from);
    }

    private static boolean allFree(int base, int count) {
        for (int port = base; port < base + count; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException busy) {
                return false;
            }
        }
        return true;
    }
}
