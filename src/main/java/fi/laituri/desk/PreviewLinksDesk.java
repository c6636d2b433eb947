package fi.laituri.desk;

import fi.laituri.DomainException;
import fi.laituri.content.Api;
import fi.laituri.content.Documents;
import fi.laituri.language.Language;
import fi.laituri.language.Languages;
import fi.laituri.security.Actor;
import fi.laituri.security.Allowed;
import fi.laituri.security.Permission;
import fi.laituri.security.Policy;
import fi.laituri.workflow.PreviewLinkApi;
import fi.laituri.workflow.PreviewLinks;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.HashMap;
import java.util.Map;

/**
 * Preview links of a language version: made with an expiry to send to a reviewer outside the desk, listed, revoked.
 * The link's token is shown once, on the page that answers its making, as the API shows it once: it is not kept.
 */
@Hidden
@Controller("/desk/documents/{id}/{lang}/preview-links")
@ExecuteOn(TaskExecutors.BLOCKING)
class PreviewLinksDesk {

    private final PreviewLinks previews;
    private final Documents content;
    private final Languages languages;
    private final Policy policy;
    private final Desk desk;
    private final HttpHostResolver hosts;
    private final java.time.Clock clock;

    PreviewLinksDesk(PreviewLinks previews, Documents content, Languages languages, Policy policy, Desk desk,
                     HttpHostResolver hosts, java.time.Clock clock) {
        this.previews = previews;
        this.content = content;
        this.languages = languages;
        this.policy = policy;
        this.desk = desk;
        this.hosts = hosts;
        this.clock = clock;
    }

    @Get(produces = MediaType.TEXT_HTML)
    @Allowed(Permission.PREVIEW)
    MutableHttpResponse<String> links(@PathVariable long id, @PathVariable String lang, @Nullable @QueryValue String done,
                                      Authentication user) {
        Language language = language(lang);
        policy.require(Actor.of(user), Permission.PREVIEW, language.code());
        String flash = "revoked".equals(done) ? desk.words(user).get("previews.revokedNow") : "";
        return page(user, HttpStatus.OK, id, language, null, "7", flash, "");
    }

    /** Answers with the page itself, not a redirect: the new link's token is in this answer only. */
    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.PREVIEW)
    MutableHttpResponse<String> create(@PathVariable long id, @PathVariable String lang, @Body @Nullable String body,
                                       HttpRequest<?> request, Authentication user) {
        DeskForm form = DeskForm.parse(body);
        desk.checkForm(user, form);
        Language language = language(lang);
        policy.require(Actor.of(user), Permission.PREVIEW, language.code());
        try {
            int days = days(form.get("days"));
            PreviewLinkApi.IssuedLink issued = previews.create(id, language.code(), days, user.getName());
            return page(user, HttpStatus.CREATED, id, language, hosts.resolve(request) + issued.url(), "7",
                    desk.words(user).get("previews.created"), "");
        } catch (DomainException e) {
            return page(user, Desk.status(e), id, language, null, form.get("days"), "", e.getMessage());
        }
    }

    @Post(uri = "/{linkId}/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Allowed(Permission.PREVIEW)
    MutableHttpResponse<String> revoke(@PathVariable long id, @PathVariable String lang, @PathVariable long linkId,
                                       @Body @Nullable String body, Authentication user) {
        DeskForm form = DeskForm.parse(body);
        desk.checkForm(user, form);
        Language language = language(lang);
        policy.require(Actor.of(user), Permission.PREVIEW, language.code());
        try {
            previews.revoke(id, language.code(), linkId);
            return Desk.seeOther("/desk/documents/" + id + "/" + language.code() + "/preview-links?done=revoked");
        } catch (DomainException e) {
            return page(user, Desk.status(e), id, language, null, "7", "", e.getMessage());
        }
    }

    private static int days(String value) {
        try {
            int days = Integer.parseInt(value.strip());
            if (days >= 1 && days <= PreviewLinkApi.MAX_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // told below, as a number out of range
        }
        throw DomainException.invalid("days", "give the days the link works as a number from 1 to " + PreviewLinkApi.MAX_DAYS);
    }

    private MutableHttpResponse<String> page(Authentication user, HttpStatus status, long id, Language language,
                                             @Nullable String issued, String days, String flash, String error) {
        Api.VariantView v = content.getVariant(id, language.code());
        Map<String, Object> model = new HashMap<>();
        model.put("v", v);
        model.put("language", language);
        java.time.Instant now = clock.instant();
        model.put("links", previews.list(id, language.code()).stream().map(l -> Map.of("link", l, "state",
                l.revokedAt() != null ? "revoked" : l.expiresAt().isAfter(now) ? "open" : "expired")).toList());
        model.put("issued", issued == null ? "" : issued);
        model.put("days", days);
        model.put("maxDays", PreviewLinkApi.MAX_DAYS);
        model.put("flash", flash);
        model.put("error", error);
        model.put("section", "documents");
        return desk.page(user, status, "preview-links", model);
    }

    private Language language(String code) {
        return languages.find(code).orElseThrow(() -> DomainException.notFound("this site has no language " + code));
    }
}
