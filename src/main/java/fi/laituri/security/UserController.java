package fi.laituri.security;

import fi.laituri.web.IfMatchRequired;
import fi.laituri.web.EditorialApi;
import fi.laituri.language.Languages;
import fi.laituri.web.ETags;
import fi.laituri.web.Problem;
import fi.laituri.DomainException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
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
import java.time.Instant;
import java.util.List;

/** Users, their roles and languages, and their tokens: for admins. */
@Tag(name = "users")
@EditorialApi
@ApiResponse(responseCode = "409", description = "The state of the resource does not allow this, or a name or key is taken",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Controller("/api/v1/users")
@ExecuteOn(TaskExecutors.BLOCKING)
class UserController {

    private final Users users;
    private final Languages languages;

    UserController(Users users, Languages languages) {
        this.users = users;
        this.languages = languages;
    }

    @Serdeable
    record NewUser(@NotBlank @Size(max = 100) String name, @NotBlank String role,
                   @Nullable @Size(max = 20) List<@NotBlank String> languages) {
    }

    @Serdeable
    record UserChange(@NotBlank String role, @Nullable @Size(max = 20) List<@NotBlank String> languages) {
    }

    @Serdeable
    record UserView(String name, String role, List<String> languages, long version) {
    }

    /** A new token: {@code id} is what revoking it alone takes; {@code expiresAt} null when it does not expire. */
    @Serdeable
    record TokenView(String name, String token, long id, @Nullable Instant expiresAt) {
    }

    @Serdeable
    record NewToken(@Nullable @Min(1) @Max(3650) Integer expiresInDays) {
    }

    @Serdeable
    record TokenInfoView(long id, Instant createdAt, @Nullable Instant expiresAt, @Nullable Instant lastUsedAt) {
    }

    @Get
    @Allowed(Permission.MANAGE_USERS)
    List<UserView> list() {
        return users.list().stream().map(UserController::view).toList();
    }

    @Operation(summary = "Create a user", description = "The reply carries the user's API token, shown only this once.")
    @Post
    @Allowed(Permission.MANAGE_USERS)
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = TokenView.class)))
    HttpResponse<TokenView> create(@Body @Valid NewUser request, Authentication auth) {
        Users.IssuedToken issued = users.add(request.name(), role(request.role()), languages(request.languages()), auth.getName());
        return HttpResponse.created(view(issued),
                URI.create("/api/v1/users/" + issued.account().name()));
    }

    @Operation(summary = "Read a user", description = "The ETag header is what If-Match takes on a change.")
    @Get("/{name}")
    @Allowed(Permission.MANAGE_USERS)
    HttpResponse<UserView> read(@PathVariable String name) {
        return withETag(users.find(name).orElseThrow(() -> DomainException.notFound("no user named " + name)));
    }

    @Operation(summary = "Change a user's role and languages",
            description = "Requires If-Match. The last admin cannot be given another role (409).")
    @Patch("/{name}")
    @IfMatchRequired
    @Allowed(Permission.MANAGE_USERS)
    HttpResponse<UserView> change(@PathVariable String name, @Nullable @Header("If-Match") String ifMatch,
                                  @Body @Valid UserChange request, Authentication auth) {
        return withETag(users.change(name, ETags.parse(ifMatch), role(request.role()), languages(request.languages()),
                auth.getName()));
    }

    @Operation(summary = "Remove a user", description = "Admins cannot remove themselves, and the last admin stays (409).")
    @Delete("/{name}")
    @Allowed(Permission.MANAGE_USERS)
    @ApiResponse(responseCode = "204", description = "Done; nothing to show")
    HttpResponse<Void> remove(@PathVariable String name, Authentication auth) {
        if (name.equals(auth.getName())) {
            throw DomainException.conflict("self-removal", "admins cannot remove themselves");
        }
        users.remove(name, auth.getName());
        return HttpResponse.noContent();
    }

    @Operation(summary = "Issue a further API token for a user",
            description = "Earlier tokens stay valid: to rotate a token, issue a new one, move the clients to it, then "
                    + "revoke the old one by its id. The body is optional; expiresInDays (1-3650) makes the token expire.")
    @Post("/{name}/tokens")
    @Allowed(Permission.MANAGE_USERS)
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = TokenView.class)))
    HttpResponse<TokenView> newToken(@PathVariable String name, @Nullable @Body @Valid NewToken request, Authentication auth) {
        Users.IssuedToken issued = users.newToken(name, request == null ? null : request.expiresInDays(), auth.getName());
        return HttpResponse.created(view(issued));
    }

    @Operation(summary = "List a user's tokens", description = "When each was made, expires and was last used (to the minute); never the tokens.")
    @Get("/{name}/tokens")
    @Allowed(Permission.MANAGE_USERS)
    List<TokenInfoView> tokens(@PathVariable String name) {
        return users.tokens(name).stream()
                .map(t -> new TokenInfoView(t.id(), t.createdAt(), t.expiresAt(), t.lastUsedAt())).toList();
    }

    @Operation(summary = "Revoke one token of a user")
    @Delete("/{name}/tokens/{id}")
    @Allowed(Permission.MANAGE_USERS)
    @ApiResponse(responseCode = "204", description = "Done; nothing to show")
    HttpResponse<Void> revokeToken(@PathVariable String name, @PathVariable long id, Authentication auth) {
        users.revokeToken(name, id, auth.getName());
        return HttpResponse.noContent();
    }

    @Operation(summary = "Revoke every token of a user", description = "Allowed for the last admin too (a leaked "
            + "token must be stoppable); `laituri user token` on the command line issues a new one.")
    @Delete("/{name}/tokens")
    @Allowed(Permission.MANAGE_USERS)
    @ApiResponse(responseCode = "204", description = "Done; nothing to show")
    HttpResponse<Void> revokeTokens(@PathVariable String name, Authentication auth) {
        users.revokeTokens(name, auth.getName());
        return HttpResponse.noContent();
    }

    private static Role role(String code) {
        return Role.parse(code).orElseThrow(() -> DomainException.invalid("role", "one of admin, editor, translator, publisher"));
    }

    private List<String> languages(List<String> codes) {
        List<String> list = codes == null ? List.of() : codes.stream().distinct().toList();
        list.stream().filter(c -> !languages.isConfigured(c)).findFirst().ifPresent(c -> {
            throw DomainException.invalid("languages", "unknown language " + c);
        });
        return list;
    }

    private static TokenView view(Users.IssuedToken issued) {
        return new TokenView(issued.account().name(), issued.token(), issued.tokenId(), issued.expiresAt());
    }

    private static UserView view(Users.Account a) {
        return new UserView(a.name(), a.role().code(), a.languages(), a.version());
    }

    private static HttpResponse<UserView> withETag(Users.Account a) {
        return HttpResponse.ok(view(a)).header("ETag", ETags.of(a.version()));
    }
}
