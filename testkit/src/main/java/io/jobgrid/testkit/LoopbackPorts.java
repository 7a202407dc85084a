package io.jobgrid.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds runs of free loopback ports for the nodes an end-to-end test starts. */
public final class LoopbackPorts {
    private LoopbackPorts() {
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
