package fi.laituri.webhooks;

import fi.laituri.web.EditorialApi;
import fi.laituri.security.Actor;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
import fi.laituri.web.Problem;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.List;

@Tag(name = "webhooks")
@EditorialApi
@ApiResponse(responseCode = "409", description = "The state of the resource does not allow this, or a name or key is taken",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Controller("/api/v1/webhooks")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(property = "laituri.webhooks.enabled", notEquals = "false")
class WebhookController {

    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Serdeable
    record NewWebhook(@NotBlank @Size(max = 2000) String url, @Nullable @Size(min = 16, max = 200) String secret,
                      @Nullable @Size(max = 10) List<@NotBlank String> events) {
    }

    @Serdeable
    record WebhookChange(@Nullable Boolean active, @Nullable @Size(max = 10) List<@NotBlank String> events,
                         @Nullable @Size(max = 2000) String url) {
    }

    @Operation(summary = "Register a webhook",
            description = "Every event of the listed types (none listed: all) is POSTed to the URL as JSON, signed in "
                    + "X-Laituri-Signature: sha256=<hex HMAC-SHA256 of the body with the secret>. Without a secret one "
                    + "is generated; the reply carries it, and no later reply does.")
    @Post
    @Allowed(Permission.MANAGE_WEBHOOKS)
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Webhooks.CreatedWebhook.class)))
    HttpResponse<Webhooks.CreatedWebhook> create(@Body @Valid NewWebhook request, Authentication user) {
        Webhooks.CreatedWebhook created = webhooks.create(request.url(), request.secret(), request.events(), Actor.of(user));
        return HttpResponse.created(created, URI.create("/api/v1/webhooks/" + created.id()));
    }

    @Get
    @Allowed(Permission.MANAGE_WEBHOOKS)
    List<Webhooks.WebhookView> list() {
        return webhooks.list();
    }

    @Get("/{id}")
    @Allowed(Permission.MANAGE_WEBHOOKS)
    Webhooks.WebhookView get(@PathVariable long id) {
        return webhooks.get(id);
    }

    @Operation(summary = "Change a webhook's URL, event types or whether it is active",
            description = "Absent fields stay. An inactive webhook gets no new deliveries, and its pending ones wait.")
    @Patch("/{id}")
    @Allowed(Permission.MANAGE_WEBHOOKS)
    Webhooks.WebhookView change(@PathVariable long id, @Body @Valid WebhookChange request, Authentication user) {
        return webhooks.change(id, request.active(), request.events(), request.url(), Actor.of(user));
    }

    @Operation(summary = "Remove a webhook with its delivery log")
    @Delete("/{id}")
    @Allowed(Permission.MANAGE_WEBHOOKS)
    @ApiResponse(responseCode = "204", description = "Done; nothing to show")
    HttpResponse<Void> delete(@PathVariable long id, Authentication user) {
        webhooks.delete(id, Actor.of(user));
        return HttpResponse.noContent();
    }

    @Operation(summary = "Read a webhook's delivery log", description = "Newest first; status: pending, delivered or failed.")
    @Get("/{id}/deliveries")
    @Allowed(Permission.MANAGE_WEBHOOKS)
    Webhooks.DeliveryPage deliveries(@PathVariable long id, @Nullable @QueryValue @Size(max = 20) String status,
                                     @QueryValue(defaultValue = "1") @Min(1) @Max(100000) int page,
                                     @QueryValue(defaultValue = "50") @Min(1) @Max(500) int size) {
        return webhooks.deliveries(id, status, page, size);
    }
}
