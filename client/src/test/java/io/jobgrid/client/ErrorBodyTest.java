package io.jobgrid.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorBodyTest {

    @Test
    void readsTheNodesErrorFieldAndStatus() {
        ErrorBody e = ErrorBody.parse(400, "{\"error\":\"maxAttempts must be at least 1, but was 0\","
                + "\"field\":\"maxAttempts\",\"status\":400}");

        assertThat(e).isEqualTo(new ErrorBody("maxAttempts must be at least 1, but was 0", "maxAttempts", 400));
    }

    @Test
    void keepsAnAnswerThatIsNotAnErrorBodyAsTheShortenedText() {
        ErrorBody proxy = ErrorBody.parse(502, "<html>" + "x".repeat(300) + "</html>");
        ErrorBody empty = ErrorBody.parse(503, "");

        assertThat(proxy.error()).startsWith("<html>xxx").endsWith("…").hasSize(201);
        assertThat(proxy.status()).isEqualTo(502);
        assertThat(proxy.field()).isNull();
        assertThat(empty).isEqualTo(new ErrorBody("(no details)", null, 503));
    }
}
