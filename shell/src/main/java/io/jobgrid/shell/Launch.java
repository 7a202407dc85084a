package io.jobgrid.shell;

import io.jobgrid.client.GridTarget;
import io.jobgrid.client.TrustStore;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The process's arguments split into the connection ({@code --url}, {@code --token},
 * {@code --trust-store}, {@code --trust-store-password}, before the command; {@code JOBGRID_URL},
 * {@code JOBGRID_TOKEN}, {@code JOBGRID_TRUST_STORE} and {@code JOBGRID_TRUST_STORE_PASSWORD} when
 * absent) and the command to run. No command means the interactive console.
 */
public record Launch(GridTarget target, TrustStore trust, List<String> command) {
    private static final Map<String, String> OPTIONS = Map.of("--url", "JOBGRID_URL", "--token", "JOBGRID_TOKEN",
            "--trust-store", "JOBGRID_TRUST_STORE", "--trust-store-password", "JOBGRID_TRUST_STORE_PASSWORD");
    private static final Map<String, String> EXAMPLES = Map.of("--url", "http://127.0.0.1:8080",
            "--token", "s3cr3t-t0ken-of-16+chars", "--trust-store", "node.p12", "--trust-store-password", "changeit");

    public static Launch parse(List<String> args, Map<String, String> env) {
        Map<String, String> given = new HashMap<>();
        OPTIONS.forEach((option, variable) -> {
            if (env.get(variable) != null) {
                given.put(option, env.get(variable));
            }
        });
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!OPTIONS.containsKey(name)) {
                throw new UsageException("the console's own options are --url, --token, --trust-store and"
                        + " --trust-store-password (before the command), but got '" + arg + "'; command options go"
                        + " after the command name, e.g. 'jobs --state RUNNING'");
            }
            if (arg.contains("=")) {
                given.put(name, arg.substring(arg.indexOf('=') + 1));
            } else if (i + 1 < args.size()) {
                given.put(name, args.get(++i));
            } else {
                throw new UsageException(name + " needs a value, e.g. " + name + " " + EXAMPLES.get(name));
            }
            i++;
        }
        return new Launch(new GridTarget(given.get("--url"), given.get("--token")),
                TrustStore.of(given.get("--trust-store"), given.get("--trust-store-password")),
                List.copyOf(args.subList(i, args.size())));
    }
}
