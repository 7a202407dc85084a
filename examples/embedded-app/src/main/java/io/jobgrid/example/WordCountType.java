package io.jobgrid.example;

import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.Task;
import io.jobgrid.api.TaskType;

import java.util.Map;

/**
 * The README's example named type, "word-count" with the argument "text". A jar lists it in
 * {@code META-INF/services/io.jobgrid.api.TaskType} to be found by a node started with {@code --classpath}.
 */
public final class WordCountType implements TaskType<Integer> {
    @Override
    public String name() {
        return "word-count";
    }

    @Override
    public Task<Integer> create(Map<String, String> args) {
        String text = args.get("text");
        if (text == null) {
            throw new InvalidInputException("args.text", "word-count needs args.text, but had " + args.keySet());
        }
        return new WordCount(text);
    }
}
