package io.jobgrid.shell;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchTest {

    @Test
    void connectionOptionsComeBeforeTheCommandAndWinOverTheEnvironment() {
        Launch l = Launch.parse(List.of("--url", "node-2:8081/", "--token=abc", "jobs", "--state", "RUNNING"),
                Map.of("JOBGRID_URL", "http://elsewhere:1", "JOBGRID_TOKEN", "envtoken"));

        assertThat(l.target().url()).isEqualTo("http://node-2:8081");
        assertThat(l.target().token()).isEqualTo("abc");
        assertThat(l.command()).containsExactly("jobs", "--state", "RUNNING");
    }

    @Test
    void theEnvironmentGivesTheDefaultsAndNoCommandMeansTheConsole() {
        Launch l = Launch.parse(List.of(), Map.of("JOBGRID_URL", "https://grid.example:8443", "JOBGRID_TOKEN", "t"));

        assertThat(l.target().url()).isEqualTo("https://grid.example:8443");
        assertThat(l.target().token()).isEqualTo("t");
        assertThat(l.command()).isEmpty();
        assertThat(Launch.parse(List.of(), Map.of()).target().url()).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void refusesUnknownOptionsBeforeTheCommandAndBadUrls() {
        assertThatThrownBy(() -> Launch.parse(List.of("--output", "json", "jobs"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("but got '--output'");
        assertThatThrownBy(() -> Launch.parse(List.of("--trust-store"), Map.of()))
                .hasMessage("--trust-store needs a value, e.g. --trust-store node.p12");
        assertThatThrownBy(() -> Launch.parse(List.of("--url"), Map.of()))
                .hasMessageContaining("--url needs a value");
        assertThatThrownBy(() -> Launch.parse(List.of("--url", "ftp://x", "jobs"), Map.of()))
                .hasMessage("--url must be an http:// or https:// URL with a host, but was 'ftp://x'");
    }

    @Test
    void theTrustStoreComesFromItsOptionsOrTheEnvironment() {
        Launch given = Launch.parse(List.of("--url", "https://n:8443", "--trust-store", "/etc/n.p12",
                "--trust-store-password=pw", "nodes"), Map.of("JOBGRID_TRUST_STORE", "/env.p12"));
        Launch fromEnv = Launch.parse(List.of("nodes"), Map.of("JOBGRID_TRUST_STORE", "/env.pem"));

        assertThat(given.trust().file()).hasToString("/etc/n.p12");
        assertThat(given.trust().password()).isEqualTo("pw");
        assertThat(given.command()).containsExactly("nodes");
        assertThat(fromEnv.trust().file()).hasToString("/env.pem");
        assertThat(fromEnv.trust().password()).isNull();
        assertThat(Launch.parse(List.of(), Map.of()).trust().configured()).isFalse();
    }
}
