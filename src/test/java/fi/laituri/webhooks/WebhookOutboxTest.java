package fi.laituri.webhooks;

import fi.laituri.TestClock;
import fi.laituri.DatabaseTest;
import fi.laituri.content.PublicChanges;
import fi.laituri.events.Outbox;
import fi.laituri.security.Actor;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.Pageable;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fan-out and the sender driven directly, with the job off and the clock moved by hand, so each
 * step happens exactly when the test says: replays, crashes mid-batch, backoff, concurrent senders.
 */
@MicronautTest(transactional = false)
class WebhookOutboxTest extends DatabaseTest {

    @Inject
    ApplicationContext context;

    @Inject
    Outbox outbox;

    @Inject
    FanOut fanOut;

    @Inject
    Dispatcher dispatcher;

    @Inject
    Webhooks webhooks;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    TransactionOperations<Connection> tx;

    @Inject
    JdbcOperations jdbc;

    private final TestClock clock = new TestClock();
    private final List<Receiver> receivers = new ArrayList<>();
    private final AtomicInteger documents = new AtomicInteger(1000);

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "laituri.scheduler.enabled", "false",
                "laituri.webhooks.backoff-base", "10ms",
                "laituri.webhooks.backoff-max", "100ms",
                "laituri.webhooks.batch-size", "5");
    }

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @BeforeEach
    void nothingLeftFromEarlierTests() {
        clock.advance(Duration.ofMinutes(1));
        fanOut.run();
        webhooks.list().forEach(w -> webhooks.delete(w.id(), admin()));
    }

    @AfterEach
    void stopReceivers() {
        receivers.forEach(Receiver::close);
        receivers.clear();
    }

    @Test
    void theDeliveryJobDoesNotRunWhereTheSchedulerIsOff() {
        long hook = webhook(List.of());
        event(PublicChanges.PUBLISHED);

        // No job bean, so nothing ticks: there is no moment to wait for.
        assertFalse(context.containsBean(WebhookJob.class));
        assertEquals(List.of(), log(hook));
    }

    @Test
    void fanningOutTwiceMakesOneDeliveryPerWebhookAndEvent() {
        long first = webhook(List.of());
        long second = webhook(List.of());
        event(PublicChanges.PUBLISHED);

        assertEquals(1, fanOut.run());
        assertEquals(0, fanOut.run());

        assertEquals(1, log(first).size());
        assertEquals(1, log(second).size());
    }

    @Test
    void anEventSeenAgainMakesNoSecondDelivery() {
        long hook = webhook(List.of());
        event(PublicChanges.PUBLISHED);
        event(PublicChanges.UNPUBLISHED);
        fanOut.run();

        rewindConsumer();
        int seenAgain = fanOut.run();

        assertTrue(seenAgain >= 2, "the rewound consumer sees the events again: " + seenAgain);
        List<WebhookDelivery> log = log(hook);
        assertEquals(2, log.size());
        assertEquals(2, log.stream().map(WebhookDelivery::eventId).distinct().count());
    }

    @Test
    void aConsumerThatCrashesMidBatchSeesTheEventsAgainAndMakesOneDeliveryOfEach() {
        long hook = webhook(List.of());
        event(PublicChanges.PUBLISHED);
        event(PublicChanges.UNPUBLISHED);
        AtomicInteger handled = new AtomicInteger();

        assertThrows(IllegalStateException.class, () -> outbox.consume(FanOut.CONSUMER, 100, e -> {
            fanOut.fanOut(e);
            if (handled.incrementAndGet() == 2) {
                throw new IllegalStateException("crash after the first event was fanned out");
            }
        }));
        assertEquals(List.of(), log(hook), "the crashed batch left nothing behind");

        assertEquals(2, fanOut.run());
        List<WebhookDelivery> log = log(hook);
        assertEquals(List.of(PublicChanges.UNPUBLISHED, PublicChanges.PUBLISHED), log.stream().map(WebhookDelivery::eventType).toList());
        assertEquals(2, log.stream().map(WebhookDelivery::eventId).distinct().count());
    }

    @Test
    void aWebhookHearsNothingThatHappenedBeforeItWasRegistered() {
        event(PublicChanges.PUBLISHED);
        clock.advance(Duration.ofMillis(1));
        long hook = webhook(List.of());

        fanOut.run();

        assertEquals(List.of(), log(hook));
    }

    @Test
    void aWebhookWithAnEventFilterGetsDeliveriesOfThoseTypesOnly() {
        long hook = webhook(List.of(PublicChanges.SCHEDULED, PublicChanges.UNSCHEDULED));
        event(PublicChanges.PUBLISHED);
        event(PublicChanges.SCHEDULED);
        event(PublicChanges.UNPUBLISHED);
        event(PublicChanges.UNSCHEDULED);

        fanOut.run();

        assertEquals(List.of(PublicChanges.UNSCHEDULED, PublicChanges.SCHEDULED),
                log(hook).stream().map(WebhookDelivery::eventType).toList());
    }

    @Test
    void pendingDeliveriesOfAnInactiveWebhookWaitUntilItIsActiveAgain() {
        Receiver receiver = receiver(200);
        long hook = webhooks.create(receiver.url(), null, null, admin()).id();
        event(PublicChanges.PUBLISHED);
        fanOut.run();
        webhooks.change(hook, false, null, null, admin());

        dispatcher.deliverDue();
        assertEquals(List.of(), receiver.received());
        assertEquals(WebhookDelivery.PENDING, log(hook).get(0).status());

        webhooks.change(hook, true, null, null, admin());
        dispatcher.deliverDue();
        assertEquals(1, receiver.received().size());
        assertEquals(WebhookDelivery.DELIVERED, log(hook).get(0).status());
    }

    @Test
    void aFailedAttemptIsNotRepeatedBeforeItsBackoffHasPassed() {
        Receiver receiver = receiver(500, 200);
        long hook = webhooks.create(receiver.url(), null, null, admin()).id();
        event(PublicChanges.PUBLISHED);
        fanOut.run();

        dispatcher.deliverDue();
        clock.advance(Duration.ofMillis(19));
        dispatcher.deliverDue();
        assertEquals(1, receiver.received().size(), "the second call came before the backoff passed");
        WebhookDelivery failedOnce = log(hook).get(0);
        assertEquals(1, failedOnce.attempts());
        assertEquals(500, failedOnce.lastStatus());
        assertEquals(clock.instant().plusMillis(1), failedOnce.nextAttemptAt());

        clock.advance(Duration.ofMillis(1));
        dispatcher.deliverDue();
        assertEquals(2, receiver.received().size());
        assertEquals(WebhookDelivery.DELIVERED, log(hook).get(0).status());
    }

    @Test
    void theBackoffDoublesFromItsBaseUpToItsMaximum() {
        assertEquals(Duration.ofMillis(20), dispatcher.backoff(1));
        assertEquals(Duration.ofMillis(40), dispatcher.backoff(2));
        assertEquals(Duration.ofMillis(80), dispatcher.backoff(3));
        assertEquals(Duration.ofMillis(100), dispatcher.backoff(4));
        assertEquals(Duration.ofMillis(100), dispatcher.backoff(60));
    }

    @Test
    void concurrentSendersSendEachDeliveryOnce() throws Exception {
        Receiver receiver = receiver(200);
        long hook = webhooks.create(receiver.url(), null, null, admin()).id();
        for (int i = 0; i < 30; i++) {
            event(PublicChanges.PUBLISHED);
        }
        fanOut.run();

        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> work = List.of(dispatcher::deliverDue, dispatcher::deliverDue, dispatcher::deliverDue,
                    dispatcher::deliverDue);
            int attempts = 0;
            for (Future<Integer> f : senders.invokeAll(work)) {
                attempts += f.get();
            }
            assertEquals(30, attempts);
        } finally {
            senders.shutdown();
        }

        assertEquals(30, receiver.received().size());
        assertEquals(30, receiver.received().stream().map(r -> r.header("X-Laituri-Delivery")).distinct().count());
        assertTrue(log(hook).stream().allMatch(d -> d.status().equals(WebhookDelivery.DELIVERED) && d.attempts() == 1));
    }

    @Test
    void noRowLockIsHeldWhileAReceiverTakesItsTime() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        Receiver receiver = Receiver.answeringWhenOpened(answer);
        receivers.add(receiver);
        long hook = webhooks.create(receiver.url(), null, null, admin()).id();
        event(PublicChanges.PUBLISHED);
        fanOut.run();
        long delivery = log(hook).get(0).id();
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> sending = sender.submit(dispatcher::deliverDue);
            Receiver.eventually(() -> receiver.received().size() == 1, () -> receiver.received().size() + " requests");

            long locked = tx.executeWrite(s -> jdbc.prepareStatement(
                    "SELECT id FROM webhook_delivery WHERE id = ? FOR UPDATE NOWAIT", ps -> {
                        ps.setLong(1, delivery);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            return rs.getLong(1);
                        }
                    }));
            assertEquals(delivery, locked, "another connection locks the row at once while the receiver is answering");
            assertEquals(0, dispatcher.deliverDue(), "a second sender leaves the leased delivery alone");

            answer.countDown();
            assertEquals(1, sending.get(30, TimeUnit.SECONDS));
        } finally {
            answer.countDown();
            sender.shutdown();
        }
        assertEquals(1, receiver.received().size());
        assertEquals(WebhookDelivery.DELIVERED, log(hook).get(0).status());
    }

    @Test
    void aDeliveryLeasedByASenderThatDiedIsSentAgainWhenTheLeaseRunsOut() {
        Receiver receiver = receiver(200);
        long hook = webhooks.create(receiver.url(), null, null, admin()).id();
        event(PublicChanges.PUBLISHED);
        fanOut.run();
        long delivery = log(hook).get(0).id();
        // What a sender that died after leasing the row, before recording an answer, leaves behind.
        tx.executeWrite(s -> {
            deliveries.lease(List.of(delivery), clock.instant().plus(Duration.ofSeconds(30)));
            return null;
        });

        assertEquals(0, dispatcher.deliverDue());
        assertEquals(List.of(), receiver.received());

        clock.advance(Duration.ofSeconds(30));
        assertEquals(1, dispatcher.deliverDue());
        assertEquals(1, receiver.received().size());
        assertEquals(String.valueOf(delivery), receiver.received().get(0).header("X-Laituri-Delivery"));
        assertEquals(WebhookDelivery.DELIVERED, log(hook).get(0).status());
    }

    private static Actor admin() {
        return Actor.system("webhook-test");
    }

    private Receiver receiver(int... statuses) {
        Receiver receiver = Receiver.answering(statuses);
        receivers.add(receiver);
        return receiver;
    }

    /** A webhook whose receiver is never called in this test. */
    private long webhook(List<String> events) {
        return webhooks.create("http://127.0.0.1:9/unused", null, events, admin()).id();
    }

    private void event(String type) {
        long document = documents.incrementAndGet();
        tx.executeWrite(s -> {
            outbox.append(type, document, "fi", 1, Map.of("documentId", document));
            return null;
        });
    }

    /** The webhook's deliveries, newest first. */
    private List<WebhookDelivery> log(long hook) {
        return deliveries.findByWebhookId(hook, Pageable.from(0, 100, io.micronaut.data.model.Sort.of(
                io.micronaut.data.model.Sort.Order.desc("id")))).getContent();
    }

    private void rewindConsumer() {
        tx.executeWrite(s -> jdbc.prepareStatement("UPDATE outbox_consumer SET position = 0 WHERE name = ?", ps -> {
            ps.setString(1, FanOut.CONSUMER);
            return ps.executeUpdate();
        }));
    }
}
