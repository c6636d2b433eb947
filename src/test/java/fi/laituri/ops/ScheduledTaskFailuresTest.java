package fi.laituri.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.exceptions.BeanContextException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ScheduledTaskFailuresTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(ScheduledTaskFailures.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Level level;

    @BeforeEach
    void capture() {
        level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
        logger.setLevel(level);
    }

    @Test
    void aJobFailingWhileTheServiceRunsIsAnErrorWithItsStackTrace() {
        ScheduledTaskFailures failures = new ScheduledTaskFailures();

        failures.handle(new Object(), new IllegalStateException("disk full"));

        List<ILoggingEvent> events = logged.list;
        assertEquals(1, events.size());
        assertEquals(Level.ERROR, events.get(0).getLevel());
        assertTrue(events.get(0).getFormattedMessage().contains("disk full"), events.get(0).getFormattedMessage());
        assertTrue(events.get(0).getThrowableProxy() != null, "the stack trace is kept");
    }

    @Test
    void aJobThatCannotBeCreatedOrRunOnceTheServiceStopsIsOnlyADebugLine() {
        ScheduledTaskFailures failures = new ScheduledTaskFailures();

        failures.onApplicationEvent(new ShutdownEvent(io.micronaut.context.BeanContext.build()));
        failures.handleCreationFailure(null, new BeanContextException("Cannot resolve beans until the context is running"));
        failures.handle(new Object(), new IllegalStateException("pool closed"));

        assertEquals(List.of(Level.DEBUG, Level.DEBUG), logged.list.stream().map(ILoggingEvent::getLevel).toList());
    }
}
