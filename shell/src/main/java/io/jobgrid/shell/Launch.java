package io.jobgrid.shell;

import io.jobgrid.shell.client.GridTarget;

import java.util.List;
import java.util.Map;

/**
 * The process's arguments split into the connection ({@code --url}, {@code --token}, before the
 * command; {@code JOBGRID_URL} and {@code JOBGRID_TOKEN} when absent) and the command to run. No
 * command means the interactive console.
 */
public record Launch(GridTarget target, List<String> command) {

    public static Launch parse(List<String> args, Map<String, String> env) {
        String url = env.get("JOBGRID_URL");
        String token = env.get("JOBGRID_TOKEN");
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!name.equals("--url") && !name.equals("--token")) {
                throw new UsageException("the console's own options are --url and --token (before the command), but"
                        + " got '" + arg + "'; command options go after the command name, e.g. 'jobs --state RUNNING'");
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException(name + " needs a value, e.g. " + name
                        + (name.equals("--url") ? " http://127.0.0.1:8080" : " s3cr3t-t0ken-of-16+chars"));
            }
            if (name.equals("--url")) {
                url = value;
            } else {
                token = value;
            }
            i++;
        }
        return new Launch(new GridTarget(url, token), List.copyOf(args.subList(i, args.size())));
    }
}
