package fi.laituri.web;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped logback.xml, told LAITURI_LOG_FORMAT=json, writes each log line as one JSON object. */
class JsonLogFormatTest {

    @Test
    void withTheJsonFormatEachLineIsAJsonObjectWithTheMessageAndTheRequestId() throws Exception {
        LoggerContext context = new LoggerContext();
        context.putProperty("LAITURI_LOG_FORMAT", "json");
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            configurator.doConfigure(Objects.requireNonNull(getClass().getResource("/logback.xml")));
            MDC.put(RequestLog.MDC_KEY, "abc123");
            context.getLogger("fi.laituri.requests").info("{} {} {}", "GET", "/api/v1/documents", 200);
        } finally {
            MDC.remove(RequestLog.MDC_KEY);
            System.setErr(stderr);
            context.stop();
        }

        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), () -> lines + "; logback said: " + context.getStatusManager().getCopyOfStatusList());
        @SuppressWarnings("unchecked")
        Map<String, Object> line = JsonMapper.createDefault().readValue(lines.get(0), Map.class);
        assertEquals("GET /api/v1/documents 200", line.get("formattedMessage"), lines.get(0));
        assertEquals("INFO", line.get("level"));
        assertEquals("fi.laituri.requests", line.get("loggerName"));
        assertTrue(String.valueOf(line.get("mdc")).contains("abc123"), lines.get(0));
    }
}
