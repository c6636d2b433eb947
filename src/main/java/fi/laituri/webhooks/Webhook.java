package fi.laituri.webhooks;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.annotation.Version;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.List;

/** Where to send events: {@code events} lists the types it wants, an empty list means all. */
@MappedEntity("webhook")
record Webhook(@Id @GeneratedValue Long id, String url, String secret, @TypeDef(type = DataType.JSON) List<String> events,
               boolean active, String createdBy, Instant createdAt, @Version Long version) {

    Webhook with(String newUrl, List<String> newEvents, boolean newActive) {
        return new Webhook(id, newUrl, secret, newEvents, newActive, createdBy, createdAt, version);
    }
}
