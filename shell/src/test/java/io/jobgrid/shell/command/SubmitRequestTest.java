package io.jobgrid.shell.command;

import io.jobgrid.client.JobRequest;
import io.jobgrid.shell.UsageException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubmitRequestTest {
    private final Fixtures fixtures = new Fixtures();

    private JobRequest request(String line) {
        return SubmitCommand.request(fixtures.parse(line));
    }

    @Test
    void buildsTheSpecFromOptionsAndTheArgvAfterDoubleDash() {
        JobRequest r = request("submit --name build --timeout 10m --retries 2 --env CC=clang --env X=a=b "
                + "--tag os=linux --after 0hbxq4k7m2n9p,0HBXQ4K7M2NA0 --key k1 --workdir /tmp -- make -j2");

        assertThat(r.command()).containsExactly("make", "-j2");
        assertThat(r.shell()).isNull();
        assertThat(r.name()).isEqualTo("build");
        assertThat(r.timeoutSeconds()).isEqualTo(600L);
        assertThat(r.maxAttempts()).isEqualTo(3);
        assertThat(r.env()).isEqualTo(Map.of("CC", "clang", "X", "a=b"));
        assertThat(r.constraints()).isEqualTo(Map.of("os", "linux"));
        assertThat(r.dependsOn()).isEqualTo(List.of("0HBXQ4K7M2N9P", "0HBXQ4K7M2NA0"));
        assertThat(r.idempotencyKey()).isEqualTo("k1");
        assertThat(r.workdir()).isEqualTo("/tmp");
    }

    @Test
    void aScriptGoesInTheShellField() {
        JobRequest r = request("submit --shell 'echo a; echo b'");

        assertThat(r.shell()).isEqualTo("echo a; echo b");
        assertThat(r.command()).isNull();
        assertThat(r.maxAttempts()).isEqualTo(1);
        assertThat(r.priority()).isNull();
    }

    @Test
    void priorityGoesInTheRequestAndIsCheckedForItsRange() {
        assertThat(request("submit --priority 90 -- make").priority()).isEqualTo(90);
        assertThat(request("submit --priority 0 --task resize --arg w=1").priority()).isZero();
        assertThatThrownBy(() -> request("submit --priority 101 -- true"))
                .isInstanceOf(UsageException.class).hasMessage("--priority must be a whole number from 0 to 100, but was '101'");
    }

    @Test
    void startWithinGoesInTheRequestAsAnIsoDuration() {
        assertThat(request("submit --start-within 10m -- make").startWithin()).isEqualTo("PT10M");
        assertThat(request("submit --start-within 90 --task resize --arg w=1").startWithin()).isEqualTo("PT1M30S");
        assertThat(request("submit -- make").startWithin()).isNull();
        assertThatThrownBy(() -> request("submit --start-within 0s -- true"))
                .isInstanceOf(UsageException.class).hasMessage("--start-within must be at least 1s, but was '0s'");
        assertThatThrownBy(() -> request("submit --start-within soon -- true"))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("--start-within must be a duration like");
    }

    @Test
    void refusesBadValuesNamingTheOptionAndTheValue() {
        assertThatThrownBy(() -> request("submit --timeout soon -- true"))
                .isInstanceOf(UsageException.class).hasMessage(
                        "--timeout must be a duration like 30, 30s, 5m, 2h or 1d, but was 'soon'");
        assertThatThrownBy(() -> request("submit --retries many -- true"))
                .hasMessage("--retries must be a whole number from 0 to 99, but was 'many'");
        assertThatThrownBy(() -> request("submit --env NOEQUALS -- true"))
                .hasMessage("--env takes NAME=VALUE, but was 'NOEQUALS'");
        assertThatThrownBy(() -> request("submit --after nope -- true"))
                .hasMessageContaining("a job id is 13 characters of Crockford base32").hasMessageContaining("'nope'");
    }

    @Test
    void needsExactlyOneOfACommandAndAScript() {
        assertThatThrownBy(() -> request("submit --name x"))
                .isInstanceOf(UsageException.class).hasMessageContaining("needs a command after --");
        assertThatThrownBy(() -> request("submit --shell 'echo a' -- echo b"))
                .hasMessageContaining("either --shell SCRIPT or a command after --, but both were given");
    }

    @Test
    void outputMustBeTableOrJson() {
        assertThat(fixtures.json("jobs -o json")).isTrue();
        assertThat(fixtures.json("jobs --output table")).isFalse();
        assertThatThrownBy(() -> fixtures.json("jobs --output yaml"))
                .hasMessage("--output must be table or json, but was 'yaml'");
    }
}
