package io.jobgrid.support;

import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.Task;
import io.jobgrid.api.TaskContext;
import io.jobgrid.api.TaskType;

import java.util.Map;

/**
 * A named task type for tests, given to a node in code ({@code NodeConfig.Builder.taskTypes}) so
 * that only the nodes a test picks have it: "greet", with the argument "who" (required) and
 * "times" (a whole number from 1 to 10, default 1).
 */
public final class GreetTask implements TaskType<String> {
    @Override
    public String name() {
        return "greet";
    }

    @Override
    public Task<String> create(Map<String, String> args) {
        String who = args.get("who");
        if (who == null || who.isBlank()) {
            throw new InvalidInputException("args.who", "greet needs args.who, a name, but had " + args.keySet());
        }
        int times;
        try {
            times = Integer.parseInt(args.getOrDefault("times", "1"));
        } catch (NumberFormatException e) {
            times = -1;
        }
        if (times < 1 || times > 10) {
            throw new InvalidInputException("args.times", "args.times must be a whole number from 1 to 10, but was '"
                    + args.get("times") + "'");
        }
        return new Hello(who, times);
    }

    /** Says hello to {@code who}, {@code times} times, and logs each greeting. */
    public record Hello(String who, int times) implements Task<String> {
        @Override
        public String run(TaskContext ctx) {
            String text = String.join(" ", java.util.Collections.nCopies(times, "hello " + who));
            ctx.log(text);
            return text;
        }
    }
}
