package fi.laituri.ops;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.scheduling.TaskExceptionHandler;
import io.micronaut.scheduling.DefaultTaskExceptionHandler;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a scheduled job that failed, as Micronaut's default handler does, except while the service stops.
 *
 * <p>A job whose first run falls during shutdown cannot be created any more ("Cannot resolve beans until the context
 * is running"), and one that runs while its beans are destroyed finds its pool closed. Both are the stop itself,
 * not a fault, so after the shutdown event they are logged at debug level and a clean stop stays free of errors.
 */
@Singleton
@Replaces(DefaultTaskExceptionHandler.class)
final class ScheduledTaskFailures implements TaskExceptionHandler<Object, Throwable>, ApplicationEventListener<ShutdownEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledTaskFailures.class);

    private final AtomicBoolean stopping = new AtomicBoolean();

    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        stopping.set(true);
    }

    @Override
    public void handle(Object bean, Throwable failure) {
        String job = bean == null ? "a scheduled job" : bean.getClass().getSimpleName();
        report(job, failure);
    }

    @Override
    public void handleCreationFailure(BeanDefinition<Object> definition, Throwable failure) {
        String job = definition == null ? "a scheduled job" : definition.getBeanType().getSimpleName();
        report(job, failure);
    }

    private void report(String job, Throwable failure) {
        if (stopping.get()) {
            LOG.debug("{} did not run: the service is stopping ({})", job, failure.toString());
        } else {
            LOG.error("{} failed: {}", job, failure.getMessage(), failure);
        }
    }
}
