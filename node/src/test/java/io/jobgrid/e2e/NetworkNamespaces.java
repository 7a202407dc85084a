package io.jobgrid.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private network made by a test: one Linux network namespace per member, each joined by a veth
 * pair to a bridge in the root namespace, which has an address of its own so the test reaches
 * every member's REST port. {@link #cut} takes the member's veth end on the bridge down: its
 * packets are dropped in silence, with no TCP reset, as on a real partition. Names carry the
 * test JVM's pid; {@link #close()} removes everything made, killing what still runs inside.
 */
final class NetworkNamespaces implements AutoCloseable {
    private final String tag = "jgt" + ProcessHandle.current().pid();
    private final String subnet;
    private final List<String> made = new ArrayList<>();

    private NetworkNamespaces(String subnet) {
        this.subnet = subnet;
    }

    /** Null when this machine can run the test (root, `ip`, namespaces allowed); else why not. */
    static String whyNot() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "the test must run as root to make network namespaces, but runs as "
                    + System.getProperty("user.name");
        }
        if (List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip").stream()
                .noneMatch(p -> Files.isExecutable(Path.of(p)))) {
            return "no `ip` command (iproute2) on this machine";
        }
        String probe = "jgt-probe-" + ProcessHandle.current().pid();
        try {
            ip("netns", "add", probe);
            ip("netns", "del", probe);
            return null;
        } catch (IOException e) {
            return "network namespaces cannot be made here: " + e.getMessage();
        }
    }

    /** {@code members} namespaces on 10.213.{third}.0/24: member i at .i, the test at .254. */
    static NetworkNamespaces create(int members, int third) throws IOException {
        NetworkNamespaces lab = new NetworkNamespaces("10.213." + third);
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

    String address(int member) {
        return subnet + "." + member;
    }

    /** The command prefix that runs a program inside the member's namespace. */
    List<String> exec(int member) {
        return List.of("ip", "netns", "exec", namespace(member));
    }

    void cut(int member) throws IOException {
        ip("link", "set", hostEnd(member), "down");
    }

    void heal(int member) throws IOException {
        ip("link", "set", hostEnd(member), "up");
    }

    private String namespace(int member) {
        return tag + "-" + member;
    }

    private String hostEnd(int member) {
        return tag + "h" + member;
    }

    /** Removes what was made, newest first; keeps going past failures and reports them. */
    @Override
    public synchronized void close() {
        for (int i = made.size() - 1; i >= 0; i--) {
            String[] what = made.get(i).split(" ", 2);
            try {
                if (what[0].equals("netns")) {
                    for (String pid : ip("netns", "pids", what[1]).split("\\s+")) {
                        if (!pid.isBlank()) {
                            ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                        }
                    }
                    ip("netns", "del", what[1]);
                } else {
                    ip("link", "del", what[1]);
                }
            } catch (IOException e) {
                System.err.println("NetworkNamespaces: could not remove " + made.get(i) + ": " + e.getMessage());
            }
        }
        made.clear();
    }

    private static String ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " failed: " + out.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
        return out;
    }
}
