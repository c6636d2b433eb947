package fi.laituri.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped logback.xml, told LAITURI_LOG_FORMAT=json, writes each log line as one JSON object. */
class JsonLogFormatTest {

    @Test
    void withTheJsonFormatEachLineIsAJsonObjectWithTheMessageAndTheRequestId() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putProperty("LAITURI_LOG_FORMAT", "json");
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(Objects.requireNonNull(getClass().getResource("/logback.xml")));
            Logger requests = context.getLogger("fi.laituri.requests");
            Object appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("json");
            assertInstanceOf(OutputStreamAppender.class, appender, "the root logger writes through the json appender");
            context.getMDCAdapter().put(RequestLog.MDC_KEY, "abc123");
            LoggingEvent event = new LoggingEvent(Logger.FQCN, requests, Level.INFO, "{} {} {}", null,
                    new Object[] {"GET", "/api/v1/documents", 200});
            @SuppressWarnings("unchecked")
            byte[] encoded = ((OutputStreamAppender<ILoggingEvent>) appender).getEncoder().encode(event);

            String text = new String(encoded, StandardCharsets.UTF_8);
            assertEquals(1, text.strip().lines().count(), text);
            @SuppressWarnings("unchecked")
            Map<String, Object> line = JsonMapper.createDefault().readValue(text, Map.class);
            assertEquals("GET /api/v1/documents 200", line.get("formattedMessage"), text);
            assertEquals("INFO", line.get("level"));
            assertEquals("fi.laituri.requests", line.get("loggerName"));
            assertTrue(String.valueOf(line.get("mdc")).contains("abc123"), text);
        } finally {
            context.stop();
        }
    }
}
