package fi.laituri.webhooks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * One event for one webhook: {@code pending} until the receiver answers 2xx ({@code delivered}) or
 * the attempts run out ({@code failed}).
 */
@MappedEntity("webhook_delivery")
record WebhookDelivery(@Id @GeneratedValue Long id, Long webhookId, Long eventId, String eventType, String body,
                       String status, int attempts, Instant nextAttemptAt, @Nullable Integer lastStatus,
                       @Nullable String lastError, @Nullable Instant deliveredAt, Instant createdAt) {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";

    WebhookDelivery delivered(int status, Instant at) {
        return new WebhookDelivery(id, webhookId, eventId, eventType, body, DELIVERED, attempts + 1, nextAttemptAt,
                status, null, at, createdAt);
    }

    /** A failed attempt: tried again at {@code next}, or given up when {@code next} is null. */
    WebhookDelivery attemptFailed(Integer status, String error, Instant next) {
        return new WebhookDelivery(id, webhookId, eventId, eventType, body, next == null ? FAILED : PENDING,
                attempts + 1, next == null ? nextAttemptAt : next, status, error, null, createdAt);
    }
}
