package io.jobgrid.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private network for member processes: one Linux network namespace per member, each joined to
 * a bridge in the root namespace by a veth pair. The bridge carries an address of its own, so
 * this JVM reaches every member's REST port. Cutting a member takes its veth end on the bridge
 * down: packets are dropped in silence, with no TCP reset, as on a real network partition. Every
 * name carries this JVM's pid, and {@link #close()} removes everything it made (also from a
 * shutdown hook); leftovers of dead runs with the same prefix are removed at start.
 */
final class NetLab implements AutoCloseable {
    private static final String PREFIX = "jgc";

    private final String tag;
    private final String subnet;
    private final int members;
    private final List<String> made = new ArrayList<>();
    private boolean closed;

    private NetLab(String tag, String subnet, int members) {
        this.tag = tag;
        this.subnet = subnet;
        this.members = members;
    }

    /** Null when namespaces work here (root, `ip` present, a namespace can be made); else why not. */
    static String whyNotUsable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "not root (user " + System.getProperty("user.name") + ")";
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip"))
                && !Files.isExecutable(Path.of("/usr/bin/ip"))) {
            return "no `ip` command (iproute2)";
        }
        String probe = PREFIX + "-probe-" + ProcessHandle.current().pid();
        try {
            ip("netns", "add", probe);
            ip("netns", "del", probe);
            return null;
        } catch (IOException e) {
            return "cannot make a network namespace: " + e.getMessage();
        }
    }

    /** Namespaces {@code <tag>-1..n} on 10.213.{third}.0/24; members at .1...n, this JVM at .254. */
    static NetLab create(int members, int third) throws IOException {
        removeLeftovers();
        long pid = ProcessHandle.current().pid();
        NetLab lab = new NetLab(PREFIX + pid, "10.213." + third, members);
        Runtime.getRuntime().addShutdownHook(new Thread(lab::close, "netlab-cleanup"));
        try {
            lab.build();
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    private void build() throws IOException {
        String bridge = tag + "br";
        ip("link", "add", bridge, "type", "bridge");
        made.add("link:" + bridge);
        ip("addr", "add", subnet + ".254/24", "dev", bridge);
        ip("link", "set", bridge, "up");
        for (int i = 1; i <= members; i++) {
            String ns = namespace(i);
            ip("netns", "add", ns);
            made.add("netns:" + ns);
            String host = hostEnd(i);
            ip("link", "add", host, "type", "veth", "peer", "name", tag + "n" + i);
            made.add("link:" + host);
            ip("link", "set", tag + "n" + i, "netns", ns);
            ip("link", "set", host, "master", bridge);
            ip("link", "set", host, "up");
            ip("netns", "exec", ns, "ip", "addr", "add", address(i) + "/24", "dev", tag + "n" + i);
            ip("netns", "exec", ns, "ip", "link", "set", tag + "n" + i, "up");
            ip("netns", "exec", ns, "ip", "link", "set", "lo", "up");
        }
    }

    String namespace(int member) {
        return tag + "-" + member;
    }

    /** The member's address on the lab network. */
    String address(int member) {
        return subnet + "." + member;
    }

    /** The prefix that runs a command inside the member's namespace. */
    List<String> exec(int member) {
        return List.of("ip", "netns", "exec", namespace(member));
    }

    /** Cuts the member off from every other member and from this JVM; nothing is reset. */
    void cut(int member) throws IOException {
        ip("link", "set", hostEnd(member), "down");
    }

    void heal(int member) throws IOException {
        ip("link", "set", hostEnd(member), "up");
    }

    private String hostEnd(int member) {
        return tag + "h" + member;
    }

    /** Kills what still runs in the namespaces, then removes links and namespaces, newest first. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = made.size() - 1; i >= 0; i--) {
            String[] what = made.get(i).split(":", 2);
            try {
                if (what[0].equals("netns")) {
                    killAll(what[1]);
                    ip("netns", "del", what[1]);
                } else {
                    ip("link", "del", what[1]);
                }
            } catch (IOException e) {
                System.err.println("netlab: could not remove " + made.get(i) + ": " + e.getMessage());
            }
        }
    }

    /** Namespaces and bridges of earlier runs whose JVM is gone (a SIGKILLed bench leaves them). */
    private static void removeLeftovers() throws IOException {
        for (String line : ip("netns", "list").split("\n")) {
            String ns = line.split(" ")[0];
            if (ns.startsWith(PREFIX) && !ns.startsWith(PREFIX + "-probe") && !owned(ns)) {
                killAll(ns);
                ip("netns", "del", ns);
            }
        }
        for (String line : ip("-o", "link", "show", "type", "bridge").split("\n")) {
            String[] f = line.split(":\\s+");
            if (f.length > 1 && f[1].startsWith(PREFIX) && !owned(f[1])) {
                ip("link", "del", f[1]);
            }
        }
    }

    private static boolean owned(String name) {
        String digits = name.substring(PREFIX.length()).replaceAll("\\D.*", "");
        return !digits.isEmpty() && ProcessHandle.of(Long.parseLong(digits)).isPresent();
    }

    private static void killAll(String ns) throws IOException {
        for (String pid : ip("netns", "pids", ns).split("\\s+")) {
            if (!pid.isBlank()) {
                ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    static String ip(String... args) throws IOException {
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
