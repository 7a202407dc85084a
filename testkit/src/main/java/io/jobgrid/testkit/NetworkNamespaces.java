package io.jobgrid.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private network for member processes: one Linux network namespace per member, each joined by
 * a veth pair to a bridge in the root namespace. The bridge has an address of its own, so this
 * JVM reaches every member's REST port. {@link #cut} takes the member's veth end on the bridge
 * down: its packets are dropped in silence, with no TCP reset, as on a real partition.
 *
 * <p>Every name is {@code <prefix><pid>...}, the pid being this JVM's. {@link #close()} kills what
 * still runs inside and removes everything made, newest first; a shutdown hook calls it too, and
 * {@link #create} first removes what dead runs with the same prefix left behind (a SIGKILLed
 * JVM runs no hook). Needs root and iproute2's {@code ip}; {@link #whyNotUsable()} says why not.
 */
public final class NetworkNamespaces implements AutoCloseable {
    private static final List<String> IP_PATHS = List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip");

    private final String tag;
    private final String subnet;
    private final List<String> made = new ArrayList<>();
    private boolean closed;

    private NetworkNamespaces(String prefix, String subnet) {
        this.tag = prefix + ProcessHandle.current().pid();
        this.subnet = subnet;
    }

    /** Null when namespaces can be made here (root, {@code ip}, allowed by the kernel); else why not. */
    public static String whyNotUsable() {
        String user = System.getProperty("user.name");
        if (!"root".equals(user)) {
            return "network namespaces need root, but this runs as " + user;
        }
        if (IP_PATHS.stream().noneMatch(p -> Files.isExecutable(Path.of(p)))) {
            return "no `ip` command (iproute2) on this machine";
        }
        String probe = "jgprobe" + ProcessHandle.current().pid();
        try {
            ip("netns", "add", probe);
            ip("netns", "del", probe);
            return null;
        } catch (IOException e) {
            return "network namespaces cannot be made here: " + e.getMessage();
        }
    }

    /**
     * Makes {@code members} namespaces on 10.213.{third}.0/24: member i at .i, this JVM at .254.
     *
     * @param prefix a few letters naming the user (tests {@code jgt}, benchmarks {@code jgc}); names
     *               are limited to 15 characters, so keep it short
     */
    public static NetworkNamespaces create(String prefix, int members, int third) throws IOException {
        if (prefix == null || !prefix.matches("[a-z]{2,4}")) {
            throw new IllegalArgumentException("prefix must be 2 to 4 lower-case letters, but was " + prefix);
        }
        if (members < 1 || members > 253 || third < 0 || third > 255) {
            throw new IllegalArgumentException("members must be 1..253 and third 0..255, but was " + members
                    + " and " + third);
        }
        removeLeftovers(prefix);
        NetworkNamespaces lab = new NetworkNamespaces(prefix, "10.213." + third);
        Runtime.getRuntime().addShutdownHook(new Thread(lab::close, "netns-cleanup"));
        try {
            lab.build(members);
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    private void build(int members) throws IOException {
        String bridge = tag + "br";
        ip("link", "add", bridge, "type", "bridge");
        made.add("link " + bridge);
        ip("addr", "add", subnet + ".254/24", "dev", bridge);
        ip("link", "set", bridge, "up");
        for (int i = 1; i <= members; i++) {
            String ns = namespace(i);
            String inside = tag + "n" + i;
            ip("netns", "add", ns);
            made.add("netns " + ns);
            ip("link", "add", hostEnd(i), "type", "veth", "peer", "name", inside);
            made.add("link " + hostEnd(i));
            ip("link", "set", inside, "netns", ns);
            ip("link", "set", hostEnd(i), "master", bridge);
            ip("link", "set", hostEnd(i), "up");
            ip("netns", "exec", ns, "ip", "addr", "add", address(i) + "/24", "dev", inside);
            ip("netns", "exec", ns, "ip", "link", "set", inside, "up");
            ip("netns", "exec", ns, "ip", "link", "set", "lo", "up");
        }
    }

    /** The member's address on the private network. */
    public String address(int member) {
        return subnet + "." + member;
    }

    /** The command prefix that runs a program inside the member's namespace. */
    public List<String> exec(int member) {
        return List.of("ip", "netns", "exec", namespace(member));
    }

    /** The name of the member's namespace. */
    public String namespace(int member) {
        return tag + "-" + member;
    }

    /** Cuts the member off from every other member and from this JVM; nothing is reset. */
    public void cut(int member) throws IOException {
        ip("link", "set", hostEnd(member), "down");
    }

    /** Joins a cut member again. */
    public void heal(int member) throws IOException {
        ip("link", "set", hostEnd(member), "up");
    }

    private String hostEnd(int member) {
        return tag + "h" + member;
    }

    /** Kills what still runs inside, then removes links and namespaces, newest first; reports failures. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = made.size() - 1; i >= 0; i--) {
            String[] what = made.get(i).split(" ", 2);
            try {
                if (what[0].equals("netns")) {
                    killAll(what[1]);
                    ip("netns", "del", what[1]);
                } else {
                    ip("link", "del", what[1]);
                }
            } catch (IOException e) {
                System.err.println("NetworkNamespaces: could not remove " + made.get(i) + ": " + e.getMessage());
            }
        }
    }

    /** Namespaces and bridges named {@code prefix<pid>...} whose JVM is gone. */
    private static void removeLeftovers(String prefix) throws IOException {
        for (String line : ip("netns", "list").split("\n")) {
            String ns = line.split(" ")[0];
            if (ns.startsWith(prefix) && orphaned(prefix, ns)) {
                killAll(ns);
                ip("netns", "del", ns);
            }
        }
        for (String line : ip("-o", "link", "show", "type", "bridge").split("\n")) {
            String[] fields = line.split(":\\s+");
            if (fields.length > 1 && fields[1].startsWith(prefix) && orphaned(prefix, fields[1])) {
                ip("link", "del", fields[1]);
            }
        }
    }

    private static boolean orphaned(String prefix, String name) {
        String digits = name.substring(prefix.length()).replaceAll("\\D.*", "");
        return !digits.isEmpty() && ProcessHandle.of(Long.parseLong(digits)).isEmpty();
    }

    private static void killAll(String ns) throws IOException {
        for (String pid : ip("netns", "pids", ns).split("\\s+")) {
            if (!pid.isBlank()) {
                ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static String ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not finish within 20 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out.trim());
        }
        return out;
    }
}
