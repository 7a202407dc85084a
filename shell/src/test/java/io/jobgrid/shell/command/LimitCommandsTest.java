package io.jobgrid.shell.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobgrid.client.Json;
import io.jobgrid.shell.support.Console.Result;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The {@code limit} commands and {@code submit --concurrency-key}, non-interactively, against a real node over REST. */
class LimitCommandsTest extends ConsoleAgainstSharedNode {
    private static final ObjectMapper JSON = Json.mapper();
    private JsonNode key(String key) throws Exception {
        for (JsonNode k : JSON.readTree(ok("limit", "list", "--output", "json").out())) {
            if (k.get("key").asText().equals(key)) {
                return k;
            }
        }
        return null;
    }

    @Test
    void setsAKeysLimitThatHoldsBackItsJobsListsItAndDeletesIt() throws Exception {
        assertThat(ok("limit", "set", "console-db", "1").out()).contains("Limit of console-db set to 1");
        String first = ok("submit", "--concurrency-key", "console-db", "--shell", "sleep 30").firstLine().strip();
        String second = ok("submit", "--concurrency-key", "console-db", "--", "true").firstLine().strip();

        await().atMost(Duration.ofSeconds(30)).until(() -> key("console-db").get("waiting").asInt() == 1);
        JsonNode shown = key("console-db");
        assertThat(shown.get("max").asInt()).isEqualTo(1);
        assertThat(shown.get("running").asInt()).isEqualTo(1);
        assertThat(ok("limit", "list").out().lines()).anySatisfy(l -> assertThat(l).startsWith("console-db")
                .containsPattern("console-db\\s+1\\s+1\\s+1"));
        assertThat(JSON.readTree(ok("job", second, "--output", "json").out()).get("state").asText()).isEqualTo("QUEUED");

        assertThat(ok("limit", "delete", "console-db").out()).contains("Deleted the limit of console-db");
        await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(ok("job", second, "--output", "json").out())
                .get("state").asText().equals("SUCCEEDED"));
        ok("cancel", first);
        await().atMost(Duration.ofSeconds(30)).until(() -> key("console-db") == null);
    }

    @Test
    void refusesBadLimitsNamingWhatIsWrongAndStoresNothing() throws Exception {
        Result huge = console.run("limit", "set", "console-bad", "2000000");
        Result notANumber = console.run("limit", "set", "console-bad", "many");
        Result badKey = console.run("limit", "set", "a:b", "2");
        Result noKey = console.run("submit", "--concurrency-key", "a b", "--", "true");

        assertThat(huge.code()).isNotZero();
        assertThat(huge.err()).contains("max");
        assertThat(notANumber.code()).isNotZero();
        assertThat(notANumber.err()).contains("max");
        assertThat(badKey.code()).isNotZero();
        assertThat(badKey.err()).contains("key");
        assertThat(noKey.code()).isNotZero();
        assertThat(noKey.err()).contains("concurrencyKey");
        assertThat(key("console-bad")).isNull();
        assertThat(key("a:b")).isNull();
    }
}
