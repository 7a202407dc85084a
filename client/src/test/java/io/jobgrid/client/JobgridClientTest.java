package io.jobgrid.client;

import io.jobgrid.client.JobgridClientException.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.Closeable;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The client against a real node over real HTTP: every record must read what the node writes. */
class JobgridClientTest {
    private static final Duration DONE = Duration.ofSeconds(30);
    private static RealNode node;
    private static JobgridClient client;

    @BeforeAll
    static void start() {
        node = RealNode.start("client-t1");
        client = JobgridClient.of(node.url());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private JobView awaitEnd(String id) {
        return await().atMost(DONE).until(() -> client.job(id), JobView::terminal);
    }

    @Test
    void submitsAJobAndReadsItsRecordAttemptsAndOutput() {
        Submitted submitted = client.submit(JobRequest.shell("echo hello").withName("greet").withPriority(70));

        JobView done = awaitEnd(submitted.id());

        assertThat(submitted.state()).isEqualTo("QUEUED");
        assertThat(done.state()).isEqualTo("SUCCEEDED");
        assertThat(done.name()).isEqualTo("greet");
        assertThat(done.priority()).isEqualTo(70);
        assertThat(done.node()).isEqualTo(node.name());
        assertThat(done.exitCode()).isZero();
        assertThat(done.createdAt()).isNotNull();
        assertThat(done.finishedAt()).isAfterOrEqualTo(done.startedAt());
        assertThat(done.commandLine()).isEqualTo("echo hello");
        assertThat(done.attempts()).singleElement().satisfies(a -> {
            assertThat(a.attempt()).isEqualTo(1);
            assertThat(a.outcome()).isEqualTo("SUCCEEDED");
            assertThat(a.exitCode()).isZero();
        });
        LogRead logs = client.logs(submitted.id());
        assertThat(logs.text()).isEqualTo("hello\n");
        assertThat(logs.attempt()).isEqualTo(1);
        assertThat(logs.droppedBytes()).isZero();
    }

    @Test
    void submitsAJobArrayListsItByArrayCancelsItAndCountsStates() {
        ArraySubmitted done = client.submitArray(JobRequest.shell("echo $JOBGRID_ARRAY_INDEX"), 3);
        for (int i = 0; i < 3; i++) {
            JobView job = awaitEnd(done.ids().get(i));
            assertThat(job.array()).isEqualTo(new JobView.ArrayRef(done.id(), i));
            assertThat(client.logs(job.id()).text()).isEqualTo(i + "\n");
        }
        assertThat(client.jobs(JobQuery.all().inArray(done.id()))).extracting(JobView::id)
                .containsExactlyInAnyOrderElementsOf(done.ids());

        ArraySubmitted slow = client.submitArray(JobRequest.shell("sleep 60"), 2);
        assertThat(client.cancelArray(slow.id())).isEqualTo(new ArrayCancelled(slow.id(), 2));

        Map<String, Long> summary = client.summary();
        assertThat(summary).containsKeys("WAITING", "QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT",
                "CANCELLED", "SKIPPED");
        assertThat(summary.get("CANCELLED")).isGreaterThanOrEqualTo(2);
        assertThat(summary.get("SUCCEEDED")).isGreaterThanOrEqualTo(3);
        assertThatThrownBy(() -> client.submitArray(JobRequest.shell("true"), 0))
                .isInstanceOfSatisfying(JobgridClientException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REFUSED))
                .hasMessageContaining("array.count");
    }

    @Test
    void submitsManyAndListsThemNewestFirst() {
        List<JobRequest> requests = List.of(JobRequest.command("true").withName("many-1"),
                JobRequest.command("true").withName("many-2"), JobRequest.command("true").withName("many-3"));

        List<Submitted> submitted = client.submitAll(requests, 2);

        assertThat(submitted).hasSize(3).allSatisfy(s -> assertThat(s.id()).hasSize(13));
        for (int i = 0; i < 3; i++) {
            assertThat(awaitEnd(submitted.get(i).id()).name()).as("answers in the order of the requests")
                    .isEqualTo("many-" + (i + 1));
        }
        List<String> listed = client.jobs(new JobQuery("SUCCEEDED", node.name(), 100, null)).stream()
                .map(JobView::id).toList();
        assertThat(listed).containsAll(submitted.stream().map(Submitted::id).toList())
                .isSortedAccordingTo(Comparator.reverseOrder());
        JobPage first = client.jobsPage(new JobQuery(null, null, 1, null));
        JobPage second = client.jobsPage(new JobQuery(null, null, 1, first.next()));
        assertThat(first.jobs()).hasSize(1);
        assertThat(first.next()).isEqualTo(first.jobs().get(0).id());
        assertThat(second.jobs()).singleElement().satisfies(j -> assertThat(j.id()).isLessThan(first.next()));
        JobQuery named = new JobQuery(null, null, "MANY-", java.time.Instant.EPOCH,
                null, 2, null);
        JobPage newest = client.jobsPage(named);
        JobPage rest = client.jobsPage(named.below(newest.next()));
        assertThat(newest.jobs()).hasSize(2);
        assertThat(rest.jobs()).hasSize(1);
        assertThat(java.util.stream.Stream.concat(newest.jobs().stream(), rest.jobs().stream()).map(JobView::name))
                .containsExactlyInAnyOrder("many-1", "many-2", "many-3");
        assertThat(rest.next()).isNull();
    }

    @Test
    void makesPausesResumesAndDeletesASchedulesAndListsWhatItFired() {
        ScheduleClient schedules = client.schedules();
        String id = schedules.create(ScheduleRequest.every("tick", "PT1S", JobRequest.command("true"))
                .policies("allow", "one"));
        String cron = schedules.create(ScheduleRequest.cron(null, "0 30 2 * * *", JobRequest.shell("echo nightly"))
                .in("Europe/Berlin"));

        await().atMost(Duration.ofSeconds(30)).until(() -> client.jobs(JobQuery.all().firedBy(id)).size() >= 2);
        ScheduleView tick = schedules.get(id);
        ScheduleView nightly = schedules.get(cron);

        assertThat(tick.timing()).isEqualTo("every PT1S");
        assertThat(tick.overlap()).isEqualTo("allow");
        assertThat(tick.misfire()).isEqualTo("one");
        assertThat(tick.lastJob()).isNotNull();
        assertThat(nightly.timing()).isEqualTo("0 30 2 * * * (Europe/Berlin)");
        assertThat(nightly.nextFireTime()).isAfter(java.time.Instant.now());
        assertThat(nightly.nextFireTimes()).hasSize(5).startsWith(nightly.nextFireTime()).isSorted();
        assertThat(nightly.job().path("shell").asText()).isEqualTo("echo nightly");
        assertThat(client.jobs(JobQuery.all().firedBy(id))).allSatisfy(j -> assertThat(j.spec().path("idempotencyKey")
                .asText()).startsWith("schedule:" + id + ":"));
        assertThat(client.jobs(JobQuery.all().firedBy(cron))).isEmpty();
        assertThat(schedules.list()).extracting(ScheduleView::id).contains(id, cron);
        assertThat(schedules.pause(id).paused()).isTrue();
        assertThat(schedules.pause(id).nextFireTime()).isNull();
        assertThat(schedules.resume(id).paused()).isFalse();
        schedules.delete(id);
        schedules.delete(cron);
        assertThat(schedules.list()).extracting(ScheduleView::id).doesNotContain(id, cron);
        assertThatThrownBy(() -> schedules.get(id)).isInstanceOfSatisfying(JobgridClientException.class,
                e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> schedules.create(ScheduleRequest.cron(null, "0 * * * *", JobRequest.command("true"))))
                .isInstanceOfSatisfying(JobgridClientException.class, e -> assertThat(e.getMessage()).contains("cron"));
    }

    @Test
    void submitsABatchInOneCallAndAnswersInOrder() {
        List<String> ids = client.submitBatch(List.of(JobRequest.command("true").withName("batch-1"),
                JobRequest.shell("exit 4").withName("batch-2")));

        assertThat(ids).hasSize(2);
        assertThat(awaitEnd(ids.get(0)).name()).isEqualTo("batch-1");
        assertThat(awaitEnd(ids.get(1))).satisfies(j -> {
            assertThat(j.name()).isEqualTo("batch-2");
            assertThat(j.exitCode()).isEqualTo(4);
        });
        assertThatThrownBy(() -> client.submitBatch(List.of(JobRequest.command("true"), JobRequest.shell(" "))))
                .isInstanceOfSatisfying(JobgridClientException.class, e -> assertThat(e.getMessage()).contains("jobs[1]"));
    }

    @Test
    void submitsADagAndWalksIt() {
        DagRequest dag = new DagRequest(List.of(new DagRequest.Entry("a", JobRequest.command("true"), null),
                new DagRequest.Entry("b", JobRequest.shell("exit 0"), List.of("a"))));

        DagAnswer answer = client.submitDag(dag);
        awaitEnd(answer.ids().get("b"));
        DagView view = client.dag(answer.ids().get("a"));

        assertThat(answer.ids()).containsOnlyKeys("a", "b");
        assertThat(view.root()).isEqualTo(answer.ids().get("a"));
        assertThat(view.complete()).isTrue();
        assertThat(view.byId().get(answer.ids().get("b")).parents()).containsExactly(answer.ids().get("a"));
        assertThat(view.counts()).isEqualTo(Map.of("SUCCEEDED", 2L));
    }

    @Test
    void aRefusedSpecNamesTheFieldAndAnUnknownIdIsNotFound() {
        JobRequest bad = new JobRequest(List.of("true"), null, null, null, 0, null, null, null, null, null, null);

        assertThatThrownBy(() -> client.submit(bad)).isInstanceOfSatisfying(JobgridClientException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.REFUSED);
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.field()).isEqualTo("maxAttempts");
        });
        assertThatThrownBy(() -> client.submit(JobRequest.shell("true").withPriority(101)))
                .isInstanceOfSatisfying(JobgridClientException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).isEqualTo("priority");
                });
        assertThatThrownBy(() -> client.job("0HBXQ4K7M2N9P")).isInstanceOfSatisfying(JobgridClientException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
        assertThatThrownBy(() -> client.job("nope")).isInstanceOfSatisfying(JobgridClientException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.INVALID));
    }

    @Test
    void readsNodesHealthAndMetrics() {
        List<NodeView> nodes = client.nodes();

        assertThat(nodes).singleElement().satisfies(n -> {
            assertThat(n.name()).isEqualTo(node.name());
            assertThat(n.slots()).isEqualTo(4);
            assertThat(n.healthy()).isTrue();
            assertThat(n.heapMaxBytes()).isPositive();
        });
        assertThat(client.healthy()).isTrue();
        assertThat(client.metrics()).contains("# TYPE");
    }

    @Test
    void computesOnVectors() {
        Duration timeout = Duration.ofSeconds(60);
        VectorClient vectors = client.vectors();

        VectorInfo x = vectors.create(VectorCreate.range("cx", 1000, 0, 1), timeout);
        vectors.create(VectorCreate.fill("cy", 1000, 2), timeout);
        vectors.axpy("cy", 3, "cx", timeout);

        assertThat(x.size()).isEqualTo(1000);
        assertThat(x.chunks()).isPositive();
        assertThat(vectors.reduce("cx", "sum", timeout)).isEqualTo(499_500.0);
        assertThat(vectors.dot("cx", "cx", timeout)).isEqualTo(332_833_500.0);
        assertThat(vectors.slice("cy", 0, 3, timeout)).containsExactly(2, 5, 8);
        assertThat(vectors.list()).extracting(VectorInfo::name).contains("cx", "cy");
        assertThat(vectors.evalValue("sum((cy - cx) * (cy - cx)) / count(cx >= 0)", timeout)).isEqualTo(1_335_334.0);
        assertThat(vectors.evalJson("cz = cy - 2 * cx", timeout).toString()).isEqualTo("{\"vector\":\"cz\",\"size\":1000}");
        assertThat(vectors.slice("cz", 0, 3, timeout)).containsExactly(2, 3, 4);
        assertThatThrownBy(() -> vectors.evalValue("sum(cx +)", timeout)).isInstanceOfSatisfying(
                JobgridClientException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.REFUSED);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("column 9");
                });
        vectors.delete("cz");
        vectors.delete("cx");
        vectors.delete("cy");
        assertThatThrownBy(() -> vectors.info("cx")).isInstanceOfSatisfying(JobgridClientException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    void readsTheEventStreamAsTypedEvents() {
        AtomicReference<Closeable> stream = new AtomicReference<>();
        AtomicReference<GridEvent.Hello> hello = new AtomicReference<>();
        AtomicReference<GridEvent.Job> finished = new AtomicReference<>();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> client.events(16, event -> {
            if (event instanceof GridEvent.Hello h) {
                hello.set(h);
            } else if (event instanceof GridEvent.Job j && "finished".equals(j.event()) && "events".equals(j.name())) {
                finished.set(j);
            }
            return finished.get() == null;
        }, stream::set));
        await().atMost(DONE).until(() -> hello.get() != null);

        String id = client.submit(JobRequest.command("true").withName("events")).id();

        await().atMost(DONE).until(() -> finished.get() != null);
        reader.join();
        assertThat(hello.get().node()).isEqualTo(node.name());
        assertThat(hello.get().members()).containsExactly(node.name());
        assertThat(finished.get().id()).isEqualTo(id);
        assertThat(finished.get().state()).isEqualTo("SUCCEEDED");
        assertThat(finished.get().attempt()).isEqualTo(1);
        assertThat(finished.get().at()).isNotNull();
    }
}
