package fi.laituri.workflow;

import fi.laituri.content.Api;
import fi.laituri.content.Documents;
import fi.laituri.language.Language;
import fi.laituri.language.Languages;
import fi.laituri.markdown.Markdown;
import fi.laituri.markdown.MediaLinks;
import fi.laituri.markdown.Unrenderable;
import fi.laituri.media.SiteMedia;
import fi.laituri.site.BodyMedia;
import fi.laituri.site.Page;
import fi.laituri.site.PageRenderer;
import fi.laituri.DomainException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Issues, lists and revokes preview links, and renders the draft behind a token. A token that is
 * unknown, expired, revoked or malformed gets the same 404, so a guess learns nothing.
 */
@Singleton
public class PreviewLinks {

    /** What {@link #newToken()} makes, with room to change its length; anything else is not looked up. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,200}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PreviewLinkRepository links;
    private final Documents content;
    private final Languages languages;
    private final PageRenderer pages;
    private final Markdown markdown;
    private final BodyMedia media;
    private final Clock clock;
    private final int defaultDays;

    PreviewLinks(PreviewLinkRepository links, Documents content, Languages languages, PageRenderer pages,
                 Markdown markdown, BodyMedia media, Clock clock, @Value("${laituri.preview.default-days}") int defaultDays) {
        if (defaultDays < 1 || defaultDays > PreviewLinkApi.MAX_DAYS) {
            throw new IllegalStateException("laituri.preview.default-days must be 1-" + PreviewLinkApi.MAX_DAYS
                    + ", not " + defaultDays);
        }
        this.links = links;
        this.content = content;
        this.languages = languages;
        this.pages = pages;
        this.markdown = markdown;
        this.media = media;
        this.clock = clock;
        this.defaultDays = defaultDays;
    }

    @Transactional
    public PreviewLinkApi.IssuedLink create(long documentId, String language, @Nullable Integer expiresInDays, String actor) {
        long variantId = variantId(documentId, language);
        String token = newToken();
        Instant now = now();
        Duration lifetime = Duration.ofDays(expiresInDays == null ? defaultDays : expiresInDays);
        PreviewLink link = links.save(new PreviewLink(null, hash(token), variantId, documentId, language, actor, now,
                now.plus(lifetime), null));
        return new PreviewLinkApi.IssuedLink(link.id(), "/preview/" + token, token, link.expiresAt());
    }

    @Transactional
    public List<PreviewLinkApi.LinkView> list(long documentId, String language) {
        return links.findByVariantIdOrderByIdDesc(variantId(documentId, language)).stream()
                .map(l -> new PreviewLinkApi.LinkView(l.id(), l.createdBy(), l.createdAt(), l.expiresAt(), l.revokedAt()))
                .toList();
    }

    /** Closes a link for good; revoking it again keeps the first time. */
    @Transactional
    public void revoke(long documentId, String language, long linkId) {
        PreviewLink link = links.findByIdAndVariantId(linkId, variantId(documentId, language))
                .orElseThrow(() -> DomainException.notFound("the " + language + " version of document " + documentId
                        + " has no preview link " + linkId));
        if (link.revokedAt() == null) {
            links.update(link.withRevokedAt(now()));
        }
    }

    /**
     * The page of the variant's current working content, marked as a preview; the files it names are shown as on the
     * site, served under the preview's own path (see {@link #file}), so they show before anything is published.
     */
    String render(String token) {
        PreviewLink link = open(token).orElseThrow(PreviewLinks::nothingHere);
        Api.VariantView draft = content.getVariant(link.documentId(), link.language());
        Language language = languages.find(draft.language()).orElseThrow(() -> new IllegalStateException(
                "the variant's language " + draft.language() + " is no longer configured"));
        String html = draft.html();
        if (html != null && draft.body().contains(MediaLinks.SCHEME)) {
            try {
                html = markdown.toHtml(draft.body(), media.preview(draft.body(), draft.language(), "/preview/" + token));
            } catch (Unrenderable e) {
                html = null;
            }
        }
        return pages.render(Page.of(draft, html, language, Page.Frame.ofPreview(languages.all(), language), true));
    }

    /**
     * A file that the draft behind the token names, at its site path ({@code /media/...}): nothing else is reachable
     * through a preview link, and a file the draft no longer names is gone from it.
     */
    SiteMedia.PublishedFile file(String token, String path) {
        PreviewLink link = open(token).orElseThrow(PreviewLinks::nothingHere);
        String body = content.getVariant(link.documentId(), link.language()).body();
        return media.file(body, path).orElseThrow(PreviewLinks::nothingHere);
    }

    private Optional<PreviewLink> open(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return links.findByTokenHash(hash(token)).filter(l -> l.isOpenAt(clock.instant()));
    }

    private long variantId(long documentId, String language) {
        if (!languages.isConfigured(language)) {
            throw DomainException.notFound("this site has no such language");
        }
        return links.findVariantId(documentId, language).orElseThrow(() ->
                DomainException.notFound("document " + documentId + " has no " + language + " version"));
    }

    /** The same answer as for a path that leads nowhere: nothing says why. */
    private static DomainException nothingHere() {
        return DomainException.notFound("Nothing is here.");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
