package io.jobgrid.example;

import io.jobgrid.api.JobGrid;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.NodeConfig;
import io.jobgrid.api.TaskHandle;

import java.time.Duration;
import java.util.List;

/** The README's example app: embeds a node, submits a task and a batch, prints the results. */
public final class WordCountApp {
    private WordCountApp() {
    }

    public static void main(String[] args) {
        try (JobGrid grid = JobGrid.start(NodeConfig.builder().name("app").build())) {
            System.out.println(count(grid));
        }
    }

    /** The words of one text, then of a batch of three, summed. */
    static int count(JobGrid grid) {
        TaskHandle<Integer> one = grid.jobs().submit(new WordCount("to be or not to be"),
                JobSpec.builder().name("count").maxAttempts(3).timeout(Duration.ofSeconds(30)));
        int words = one.await(Duration.ofMinutes(1)); // 6, or a TaskFailedException with the remote stack trace
        List<TaskHandle<Integer>> batch = grid.jobs().submitAll(
                List.of(new WordCount("a b"), new WordCount("c"), new WordCount("")), JobSpec.builder().name("batch"));
        for (TaskHandle<Integer> h : batch) {
            words += h.await(Duration.ofMinutes(1));
        }
        return words;
    }
}
