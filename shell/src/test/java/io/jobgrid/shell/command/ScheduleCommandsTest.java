package io.jobgrid.shell.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobgrid.client.Json;
import io.jobgrid.shell.ShellException;
import io.jobgrid.shell.support.Console.Result;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The {@code schedule} commands and {@code jobs --schedule}, non-interactively, against a real node over REST. */
class ScheduleCommandsTest extends ConsoleAgainstSharedNode {
    private static final ObjectMapper JSON = Json.mapper();
    private JsonNode json(String... argv) throws Exception {
        return JSON.readTree(ok(argv).out());
    }

    @Test
    void createsAScheduleListsShowsPausesResumesAndDeletesItAndListsItsJobs() throws Exception {
        String id = ok("schedule", "create", "--name", "tick", "--every", "1s", "--overlap", "allow", "--env", "WHO=grid",
                "--", "sh", "-c", "echo $WHO").firstLine().strip();

        await().atMost(Duration.ofSeconds(30)).until(() -> json("jobs", "--schedule", id, "--output", "json").size() >= 2);
        JsonNode fired = json("jobs", "--schedule", id, "--output", "json");
        Result table = ok("jobs", "--schedule", id);
        Result list = ok("schedule", "list");
        Result show = ok("schedule", "show", id);
        JsonNode shown = json("schedule", "show", id, "--output", "json");

        assertThat(fired).allSatisfy(j -> {
            assertThat(j.get("schedule").asText()).isEqualTo(id);
            assertThat(j.get("name").asText()).isEqualTo("tick");
            assertThat(j.get("spec").get("env").get("WHO").asText()).isEqualTo("grid");
        });
        assertThat(fired.findValuesAsText("fireTime")).doesNotHaveDuplicates();
        assertThat(table.out()).contains(fired.get(0).get("id").asText()).contains("sh -c echo $WHO");
        assertThat(list.out().lines()).anySatisfy(l -> assertThat(l).startsWith(id).contains("tick").contains("every PT1S")
                .contains("active").contains("sh -c echo $WHO"));
        assertThat(show.out()).contains(id).contains("every PT1S").contains("allow").contains("none")
                .contains("Next fire").contains("Latest jobs").contains("jobs --schedule " + id);
        assertThat(shown.get("overlap").asText()).isEqualTo("allow");
        assertThat(Instant.parse(shown.get("nextFireTime").asText())).isAfter(Instant.parse(shown.get("lastFireTime")
                .asText()));

        assertThat(ok("schedule", "pause", id).out()).startsWith("Paused schedule " + id);
        assertThat(json("schedule", "show", id, "--output", "json").get("paused").asBoolean()).isTrue();
        assertThat(ok("schedule", "list").out().lines()).anySatisfy(l -> assertThat(l).startsWith(id).contains("paused"));
        assertThat(ok("schedule", "resume", id).out()).startsWith("Resumed schedule " + id).contains("next fire");
        assertThat(ok("schedule", "delete", id).out()).contains("Deleted schedule " + id);
        Result gone = console.run("schedule", "show", id);
        assertThat(gone.code()).isEqualTo(ShellException.NOT_FOUND);
        assertThat(gone.err()).contains(id);
        assertThat(ok("schedule", "list").out()).doesNotContain(id);
    }

    @Test
    void createsACronScheduleInAZoneAndAsJson() throws Exception {
        JsonNode created = json("schedule", "create", "--cron", "0 30 2 * * *", "--timezone", "Europe/Berlin",
                "--misfire", "one", "--overlap", "cancel-previous", "--shell", "./backup.sh", "--retries", "2",
                "--output", "json");
        String id = created.get("id").asText();

        JsonNode shown = json("schedule", "show", id, "--output", "json");
        Result show = ok("schedule", "show", id);

        assertThat(shown.get("cron").asText()).isEqualTo("0 30 2 * * *");
        assertThat(shown.get("timezone").asText()).isEqualTo("Europe/Berlin");
        assertThat(shown.get("misfire").asText()).isEqualTo("one");
        assertThat(shown.get("overlap").asText()).isEqualTo("cancel-previous");
        assertThat(shown.get("job").get("maxAttempts").asInt()).isEqualTo(3);
        assertThat(shown.get("lastJob").isNull()).isTrue();
        assertThat(show.out()).contains("0 30 2 * * * (Europe/Berlin)").contains("./backup.sh").doesNotContain("Latest jobs");
        assertThat(shown.get("nextFireTimes")).hasSize(5);
        shown.get("nextFireTimes").forEach(t -> assertThat(show.out()).contains(t.asText()));
        assertThat(json("jobs", "--schedule", id, "--output", "json")).isEmpty();
        assertThat(ok("jobs", "--schedule", id).out()).contains("No jobs fired by schedule " + id);
        ok("schedule", "delete", id);
    }

    @Test
    void refusesBadSchedulesNamingWhatIsWrongAndStoresNothing() throws Exception {
        int before = json("schedule", "list", "--output", "json").size();

        Result both = console.run("schedule", "create", "--cron", "0 * * * * *", "--every", "1m", "--", "true");
        Result neither = console.run("schedule", "create", "--", "true");
        Result noJob = console.run("schedule", "create", "--every", "1m");
        Result badEvery = console.run("schedule", "create", "--every", "soon", "--", "true");
        Result badCron = console.run("schedule", "create", "--cron", "0 * * * *", "--", "true");
        Result badZone = console.run("schedule", "create", "--cron", "0 0 * * * *", "--timezone", "Mars/Olympus", "--",
                "true");
        Result badOverlap = console.run("schedule", "create", "--every", "1m", "--overlap", "sometimes", "--", "true");
        Result key = console.run("schedule", "create", "--every", "1m", "--key", "k", "--", "true");
        Result noId = console.run("schedule", "pause");

        assertThat(both.code()).isEqualTo(ShellException.USAGE);
        assertThat(both.err()).contains("--cron").contains("--every").contains("both");
        assertThat(neither.err()).contains("neither");
        assertThat(noJob.code()).isEqualTo(ShellException.USAGE);
        assertThat(noJob.err()).contains("a command after --");
        assertThat(badEvery.code()).isEqualTo(ShellException.USAGE);
        assertThat(badEvery.err()).contains("--every").contains("soon");
        assertThat(badCron.code()).as("the node refused it").isEqualTo(ShellException.FAILED);
        assertThat(badCron.err()).contains("cron");
        assertThat(badZone.err()).contains("timezone").contains("Mars/Olympus");
        assertThat(badOverlap.err()).contains("overlap").contains("sometimes");
        assertThat(key.code()).as(key.err()).isNotZero();
        assertThat(noId.code()).isEqualTo(ShellException.USAGE);
        assertThat(noId.err()).contains("schedule pause").contains("a schedule id");
        assertThat(json("schedule", "list", "--output", "json")).hasSize(before);
    }
}
