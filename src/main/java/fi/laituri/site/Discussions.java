package fi.laituri.site;

import fi.laituri.content.PublicContent.LiveVariant;
import io.micronaut.core.annotation.Nullable;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The port through which the build asks what a content page shows below its text: readers' comments and the form
 * to add one. The site knows only this interface; participation implements it. It is asked once a build, outside
 * any transaction, and what it answers goes into each page's fingerprint, so a page is rendered again exactly
 * when its discussion changes.
 */
public interface Discussions {

    /** The discussion of each version that has one, keyed by {@link #key}; versions without one are left out. */
    Map<String, Discussion> of(Collection<LiveVariant> variants);

    /** The time by which {@link #of} tells whether a discussion is open: its clock's now. */
    java.time.Instant now();

    /**
     * Whether what {@link #of} says of {@code v} may differ at {@code to} from what it said at {@code from} though no
     * change named its document: a comment window that closes in between. A build that plans again only the pages of
     * changed documents plans these too.
     */
    boolean lapses(LiveVariant v, java.time.Instant from, java.time.Instant to);

    static String key(long documentId, String language) {
        return documentId + "/" + language;
    }

    /**
     * What a post's page shows of its discussion. Reader text comes as {@link Paragraph}s of {@link Segment}s, so the
     * templates print it escaped, with links only where a segment has an {@code href}.
     *
     * @param open     whether the page carries the comment form
     * @param action   where the form posts (the service's absolute URL)
     * @param document the post's id, which the form sends back
     */
    record Discussion(boolean open, String action, long document, String language, List<Comment> comments) {
    }

    /** An approved comment, with the publisher's reply if there is one. */
    record Comment(long id, String name, OffsetDateTime date, List<Paragraph> text, @Nullable List<Paragraph> reply,
                   @Nullable OffsetDateTime repliedAt) {
    }

    record Paragraph(List<Segment> segments) {
    }

    /** Plain text, or a link ({@code rel="nofollow ugc"}) when {@code href} is set. */
    record Segment(String text, @Nullable String href) {
    }
}
