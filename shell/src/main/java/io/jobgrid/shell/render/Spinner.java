package io.jobgrid.shell.render;

import io.jobgrid.shell.ShellException;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs a slow call while a spinner with the elapsed time turns on the terminal's current line,
 * e.g. {@code ⠹ scale v by 2  3.4s}; cleared when the call returns. Off a terminal the call simply
 * runs. Ctrl-C (an interrupt of the waiting thread) stops waiting, not the call.
 */
public final class Spinner {
    private static final String FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";
    /** Calls quicker than this show no spinner at all, so fast ones do not flicker. */
    private static final Duration QUIET = Duration.ofMillis(300);

    private Spinner() {
    }

    public static <T> T run(Screen screen, String label, String onInterrupt, Supplier<T> call) {
        if (!screen.live()) {
            return call.get();
        }
        CompletableFuture<T> future = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                future.complete(call.get());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "jobgrid-call");
        worker.setDaemon(true);
        long start = System.nanoTime();
        worker.start();
        boolean shown = false;
        try {
            for (int frame = 0; ; frame++) {
                try {
                    return future.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillRunning) {
                    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                    if (elapsed.compareTo(QUIET) >= 0) {
                        shown = true;
                        screen.out().print("\r" + screen.style().cyan(String.valueOf(FRAMES.charAt(frame % FRAMES.length())))
                                + " " + label + "  " + screen.style().dim(Times.duration(elapsed)) + "\u001B[K");
                        screen.out().flush();
                    }
                }
            }
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new ShellException(ShellException.INTERRUPTED, onInterrupt);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            if (shown) {
                screen.out().print("\r\u001B[K");
                screen.out().flush();
            }
        }
    }
}
