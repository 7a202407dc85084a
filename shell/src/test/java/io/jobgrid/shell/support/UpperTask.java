package io.jobgrid.shell.support;

import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.Task;
import io.jobgrid.api.TaskContext;
import io.jobgrid.api.TaskType;

import java.util.Locale;
import java.util.Map;

/** A named task type for the console tests: "upper", which upper-cases its argument "text" (required). */
public final class UpperTask implements TaskType<String> {
    @Override
    public String name() {
        return "upper";
    }

    @Override
    public Task<String> create(Map<String, String> args) {
        String text = args.get("text");
        if (text == null) {
            throw new InvalidInputException("args.text", "upper needs args.text, but had " + args.keySet());
        }
        return new Upper(text);
    }

    /** Upper-cases {@code text}. */
    public record Upper(String text) implements Task<String> {
        @Override
        public String run(TaskContext ctx) {
            return text.toUpperCase(Locale.ROOT);
        }
    }
}
