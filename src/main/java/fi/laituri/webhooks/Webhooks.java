package fi.laituri.webhooks;

import fi.laituri.DomainException;
import fi.laituri.audit.AuditLog;
import fi.laituri.content.PublicChanges;
import fi.laituri.security.Actor;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Registers, changes and removes webhooks, and reads their delivery logs: for admins only. */
@Singleton
class Webhooks {

    /** What a webhook may ask for: every event type the outbox carries. */
    static final List<String> EVENT_TYPES = List.of(PublicChanges.PUBLISHED, PublicChanges.UNPUBLISHED,
            PublicChanges.SCHEDULED, PublicChanges.UNSCHEDULED, PublicChanges.CHANGED);
    private static final List<String> STATUSES = List.of(WebhookDelivery.PENDING, WebhookDelivery.DELIVERED,
            WebhookDelivery.FAILED);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookRepository webhooks;
    private final DeliveryRepository deliveries;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final ReceiverAddresses addresses;
    private final AuditLog audit;

    Webhooks(WebhookRepository webhooks, DeliveryRepository deliveries,
             TransactionOperations<Connection> tx, Clock clock, ReceiverAddresses addresses, AuditLog audit) {
        this.addresses = addresses;
        this.audit = audit;
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.tx = tx;
        this.clock = clock;
    }

    /** A webhook as the API shows it: never with its secret. */
    @Serdeable
    record WebhookView(long id, String url, List<String> events, boolean active, String createdBy, Instant createdAt) {
    }

    /** The answer to a registration, the only one that carries the secret. */
    @Serdeable
    record CreatedWebhook(long id, String url, List<String> events, boolean active, String createdBy,
                          Instant createdAt, String secret) {
    }

    /** One entry of the delivery log; {@code nextAttemptAt} only while it is pending. */
    @Serdeable
    record DeliveryView(long id, long eventId, String eventType, String status, int attempts,
                        @Nullable Instant nextAttemptAt, @Nullable Integer lastStatus, @Nullable String lastError,
                        @Nullable Instant deliveredAt, Instant createdAt) {
    }

    @Serdeable
    record DeliveryPage(List<DeliveryView> items, int page, int size, long total) {
    }

    /** @param secret null to have one generated */
    CreatedWebhook create(String url, @Nullable String secret, @Nullable List<String> events, Actor actor) {
        String checkedUrl = addresses.checkedUrl(url);
        List<String> types = checkedEvents(events);
        String key = secret != null ? secret : newSecret();
        Webhook saved = tx.executeWrite(s -> {
            Webhook w = webhooks.save(new Webhook(null, checkedUrl, key, types, true, actor.name(), clock.instant(), null));
            record(actor, "webhook.created", w.id() + ": " + describe(w));
            return w;
        });
        return new CreatedWebhook(saved.id(), saved.url(), saved.events(), saved.active(), saved.createdBy(),
                saved.createdAt(), saved.secret());
    }

    List<WebhookView> list() {
        return tx.executeRead(s -> webhooks.listOrderById().stream().map(Webhooks::view).toList());
    }

    WebhookView get(long id) {
        return view(tx.executeRead(s -> find(id)));
    }

    /** Changes what is given; null leaves a field as it is. */
    WebhookView change(long id, @Nullable Boolean active, @Nullable List<String> events, @Nullable String url, Actor actor) {
        String checkedUrl = url == null ? null : addresses.checkedUrl(url);
        List<String> types = events == null ? null : checkedEvents(events);
        try {
            return view(tx.executeWrite(s -> {
                Webhook w = find(id);
                Webhook changed = webhooks.update(w.with(checkedUrl != null ? checkedUrl : w.url(),
                        types != null ? types : w.events(), active != null ? active : w.active()));
                record(actor, "webhook.changed", id + ": " + describe(w) + " → " + describe(changed));
                return changed;
            }));
        } catch (OptimisticLockException e) {
            throw DomainException.conflict("concurrent-change", "the webhook changed at the same moment; read it and try again");
        }
    }

    /** Removes the webhook with its delivery log. */
    void delete(long id, Actor actor) {
        tx.executeWrite(s -> {
            Webhook w = find(id);
            webhooks.delete(w);
            record(actor, "webhook.deleted", id + ": " + describe(w));
            return null;
        });
    }

    /** The delivery log, newest first; {@code page} counts from 1. */
    DeliveryPage deliveries(long id, @Nullable String status, int page, int size) {
        if (status != null && !STATUSES.contains(status)) {
            throw DomainException.invalid("status", "one of " + String.join(", ", STATUSES));
        }
        Pageable pageable = Pageable.from(page - 1, size, Sort.of(Sort.Order.desc("id")));
        Page<WebhookDelivery> found = tx.executeRead(s -> {
            find(id);
            return status == null ? deliveries.findByWebhookId(id, pageable)
                    : deliveries.findByWebhookIdAndStatus(id, status, pageable);
        });
        return new DeliveryPage(found.getContent().stream().map(Webhooks::logEntry).toList(), page, size,
                found.getTotalSize());
    }

    private Webhook find(long id) {
        return webhooks.findById(id).orElseThrow(() -> DomainException.notFound("no webhook " + id));
    }

    private static List<String> checkedEvents(@Nullable List<String> events) {
        if (events == null) {
            return List.of();
        }
        List<DomainException.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (!EVENT_TYPES.contains(events.get(i))) {
                errors.add(new DomainException.FieldError("events[" + i + "]",
                        "unknown event type; one of " + String.join(", ", EVENT_TYPES)));
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        return events.stream().distinct().toList();
    }

    private void record(Actor actor, String action, String detail) {
        audit.record(new AuditLog.Event(actor.name(), action, null, null, null, null, null, null, detail));
    }

    /** What the audit log says of a webhook: never its secret. */
    private static String describe(Webhook w) {
        return w.url() + " " + (w.events().isEmpty() ? "all events" : String.join(",", w.events()))
                + (w.active() ? "" : " (inactive)");
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static WebhookView view(Webhook w) {
        return new WebhookView(w.id(), w.url(), w.events(), w.active(), w.createdBy(), w.createdAt());
    }

    private static DeliveryView logEntry(WebhookDelivery d) {
        return new DeliveryView(d.id(), d.eventId(), d.eventType(), d.status(), d.attempts(),
                d.status().equals(WebhookDelivery.PENDING) ? d.nextAttemptAt() : null, d.lastStatus(), d.lastError(),
                d.deliveredAt(), d.createdAt());
    }
}
