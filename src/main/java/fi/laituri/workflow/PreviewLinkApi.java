package fi.laituri.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Instant;

/** Request and response bodies of the preview link endpoints. */
public final class PreviewLinkApi {

    public static final int MAX_DAYS = 90;

    private PreviewLinkApi() {
    }

    /** A new link; without {@code expiresInDays} it lasts {@code laituri.preview.default-days}. */
    @Serdeable
    public record NewLink(@Nullable @Min(1) @Max(MAX_DAYS) Integer expiresInDays) {
    }

    /** The one reply that carries the token; {@code url} is relative to this server. */
    @Serdeable
    public record IssuedLink(long id, String url, String token, Instant expiresAt) {
    }

    /** A link as listed: never its token, which is not kept. */
    @Serdeable
    public record LinkView(long id, String createdBy, Instant createdAt, Instant expiresAt, @Nullable Instant revokedAt) {
    }
}
