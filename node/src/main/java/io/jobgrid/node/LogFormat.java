package io.jobgrid.node;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.jobgrid.api.InvalidInputException;
import org.slf4j.LoggerFactory;

import java.net.URL;
import java.util.Locale;

/**
 * How a node writes its log: {@code text} (one readable line per event, the default) or
 * {@code json} (one JSON object per line, for log shippers), switched at start-up by reloading
 * logback from the matching configuration on the classpath.
 */
enum LogFormat {
    // Inside the node's package, not at the class path's root, so that the jar never hands its Logback
    // setup to an app that embeds a node; Main points Logback at the text one before its first logger.
    TEXT("io/jobgrid/node/logback.xml"), JSON("io/jobgrid/node/logback-json.xml");

    private final String resource;

    LogFormat(String resource) {
        this.resource = resource;
    }

    /** The Logback configuration of this format, a class path resource. */
    String resource() {
        return resource;
    }

    static LogFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("log-format", "--log-format must be text or json, but was '" + text + "'");
        }
    }

    /** Reconfigures logback for this format; the default (text) is already in place. */
    void apply() {
        if (this == TEXT || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        URL config = LogFormat.class.getClassLoader().getResource(resource);
        if (config == null) {
            throw new IllegalStateException(resource + " is missing from the classpath");
        }
        try {
            context.reset();
            JoranConfigurator joran = new JoranConfigurator();
            joran.setContext(context);
            joran.doConfigure(config);
        } catch (JoranException e) {
            throw new IllegalStateException("cannot configure logging from " + resource, e);
        }
    }
}
