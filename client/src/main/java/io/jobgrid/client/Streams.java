package io.jobgrid.client;

import io.jobgrid.client.JobgridClientException.Kind;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The two long-lived reads: a job's output as it is produced ({@code logs?follow=true}) and the
 * cluster's Server-Sent Events. Each hands the open stream to {@code onOpen}, so another thread (a
 * Ctrl-C handler) can close it to stop reading; the interrupted reader then ends with INTERRUPTED.
 */
final class Streams {
    private final Http http;

    Streams(Http http) {
        this.http = http;
    }

    void followLogs(String id, String stream, Consumer<String> sink, Consumer<Closeable> onOpen) {
        InputStream body = http.stream("/api/v1/jobs/" + JobIds.check(id) + "/logs?follow=true"
                + JobgridClient.streamQuery("&", stream), "text/plain");
        try (body; Reader in = new InputStreamReader(body, StandardCharsets.UTF_8)) {
            onOpen.accept(body);
            char[] buf = new char[8192];
            for (int n; (n = in.read(buf)) >= 0; ) {
                sink.accept(new String(buf, 0, n));
            }
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new JobgridClientException(Kind.INTERRUPTED, "Stopped following the output of job " + id
                        + " (Ctrl-C); the job goes on.");
            }
            throw http.transport(e);
        }
    }

    /** Reads events until {@code sink} returns false or the stream ends; keep-alive comments are skipped. */
    void events(String path, Predicate<ServerSentEvent> sink, Consumer<Closeable> onOpen) {
        InputStream body = http.stream(path, "text/event-stream");
        try (body; BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            onOpen.accept(body);
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (!data.isEmpty() && !sink.test(new ServerSentEvent(name, data.toString()))) {
                        return;
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).strip());
                }
            }
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new JobgridClientException(Kind.INTERRUPTED, "Stopped watching events (Ctrl-C).");
            }
            throw http.transport(e);
        }
    }
}
