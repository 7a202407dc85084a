package io.jobgrid.node;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import io.jobgrid.api.InvalidInputException;
import io.jobgrid.support.TestJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --log-format json}: its logback configuration writes each event as one JSON object on one line. */
class LogFormatTest {
    @Test
    void jsonFormatWritesOneJsonObjectPerLineWithTheJobAndNodeInTheMessage() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(getClass().getClassLoader().getResource("io/jobgrid/node/logback-json.xml"));
        ch.qos.logback.classic.Logger logger = context.getLogger("io.jobgrid.core.Dispatcher");
        @SuppressWarnings("unchecked")
        Encoder<ch.qos.logback.classic.spi.ILoggingEvent> encoder = ((ConsoleAppender<ch.qos.logback.classic.spi
                .ILoggingEvent>) context.getLogger("ROOT").getAppender("STDOUT")).getEncoder();

        LoggingEvent event = new LoggingEvent("x", logger, Level.INFO, "job={} attempt={} node={} started\nsecond line",
                null, new Object[]{"0000000000001", 1, "node-1"});
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = TestJson.MAPPER.readTree(line);
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("formattedMessage").asText()).startsWith("job=0000000000001 attempt=1 node=node-1 started");
        context.stop();
    }

    @Test
    void anUnknownFormatIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> LogFormat.parse("xml")).isInstanceOf(InvalidInputException.class)
                .hasMessage("--log-format must be text or json, but was 'xml'");
        assertThat(LogFormat.parse(" JSON ")).isEqualTo(LogFormat.JSON);
    }
}
