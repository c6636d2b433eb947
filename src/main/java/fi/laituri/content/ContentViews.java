package fi.laituri.content;

import fi.laituri.markdown.Markdown;
import fi.laituri.markdown.MediaLinks;
import fi.laituri.markdown.MediaResolver;
import fi.laituri.markdown.Unrenderable;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

/** How documents and variants look in the editorial API: dates in the site's time zone, the body also as HTML. */
@Singleton
class ContentViews {

    private final AuthorRepository authors;
    private final Markdown markdown;
    private final MediaResolver media;
    private final ZoneId zone;

    ContentViews(AuthorRepository authors, Markdown markdown, MediaResolver media,
                 @Value("${laituri.time-zone:Europe/Helsinki}") String zone) {
        this.authors = authors;
        this.markdown = markdown;
        this.media = media;
        this.zone = ZoneId.of(zone);
    }

    Api.DocumentView document(Document d, List<Variant> vs) {
        return new Api.DocumentView(d.id(), d.kind(), d.translationKey(), d.version(), d.createdAt(), d.updatedAt(),
                vs.stream().map(v -> new Api.VariantSummary(v.language(), v.slug(), v.title(), v.status(), v.revision(),
                        v.liveRevision(), v.publishAt(), v.version(), v.updatedAt())).toList());
    }

    /** A body stored before the Markdown limits that it exceeds has no HTML, but is shown so that an editor can mend it. */
    Api.VariantView variant(Document d, Variant v) {
        List<Api.AuthorView> byline = v.authors().isEmpty() ? List.of()
                : authors.findByIdIn(v.authors()).stream()
                .sorted(Comparator.comparingInt(a -> v.authors().indexOf(a.id())))
                .map(Authors::view).toList();
        return new Api.VariantView(d.id(), d.kind(), d.translationKey(), v.language(), v.slug(), v.title(), v.summary(),
                v.body(), html(v.body(), v.language()), v.tags(), byline, offset(v.contentDate()), v.status(), v.revision(),
                v.liveRevision(), v.submittedBy(), v.firstPublishedAt(), v.publishAt(), v.unpublishAt(),
                v.scheduleFailure(), v.version(), v.createdAt(), v.updatedAt());
    }

    ZoneId zone() {
        return zone;
    }

    OffsetDateTime offset(Instant instant) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }

    /** Files the body names point at the editorial API's download route, with their alt text in the language. */
    private String html(String body, String language) {
        try {
            return body.contains(MediaLinks.SCHEME) ? markdown.toHtml(body, media.editorial(body, language))
                    : markdown.toHtml(body);
        } catch (Unrenderable e) {
            return null;
        }
    }
}
