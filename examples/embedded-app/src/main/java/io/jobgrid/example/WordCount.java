package io.jobgrid.example;

import io.jobgrid.api.Task;
import io.jobgrid.api.TaskContext;

/** The README's example task: counts the words of a text. A class (not a lambda), so it serializes alone. */
public final class WordCount implements Task<Integer> {
    private final String text;

    public WordCount(String text) {
        this.text = text;
    }

    @Override
    public Integer run(TaskContext ctx) throws InterruptedException {
        ctx.log("job " + ctx.jobId() + " attempt " + ctx.attempt() + ": counting " + text.length() + " characters");
        if (ctx.cancelled()) {
            throw new InterruptedException("cancelled"); // long tasks check this (or Thread.interrupted()) often
        }
        return text.isBlank() ? 0 : text.trim().split("\\s+").length;
    }
}
