package fi.laituri.participation;

import fi.laituri.content.PublicContent.LiveVariant;
import fi.laituri.site.Discussions;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The site's view of comments: for every post of a kind that takes comments, its approved comments (with their
 * replies) and whether the page carries the form, decided at build time.
 */
@Singleton
class SiteDiscussions implements Discussions {

    private final Comments comments;
    private final Settings settings;

    SiteDiscussions(Comments comments, Settings settings) {
        this.comments = comments;
        this.settings = settings;
    }

    @Override
    public java.time.Instant now() {
        return comments.now();
    }

    /** A post's window closes at its date plus the open time (a publisher's switch aside, which is a change of its own). */
    @Override
    public boolean lapses(LiveVariant v, java.time.Instant from, java.time.Instant to) {
        if (settings.commentsOpenFor.isZero() || v.date() == null || !settings.commentKinds.contains(v.kind())) {
            return false;
        }
        java.time.Instant closes = v.date().toInstant().plus(settings.commentsOpenFor);
        return closes.isAfter(from.minusSeconds(1)) && !closes.isAfter(to.plusSeconds(1));
    }

    @Override
    public Map<String, Discussion> of(Collection<LiveVariant> variants) {
        List<LiveVariant> posts = variants.stream().filter(v -> settings.commentKinds.contains(v.kind())).toList();
        if (posts.isEmpty()) {
            return Map.of();
        }
        Comments.Shown shown = comments.shown(posts.stream().map(LiveVariant::documentId).distinct().toList());
        Map<Long, Boolean> switched = shown.switches().stream()
                .collect(Collectors.toMap(CommentSwitch::documentId, CommentSwitch::open));
        Map<String, List<fi.laituri.participation.Comment>> approved = shown.approved().stream()
                .collect(Collectors.groupingBy(c -> Discussions.key(c.documentId(), c.language())));
        Map<String, Discussion> out = new HashMap<>(posts.size() * 4 / 3 + 1);
        String action = settings.commentsAction();
        for (LiveVariant post : posts) {
            String key = Discussions.key(post.documentId(), post.language());
            List<fi.laituri.participation.Comment> its = approved.get(key);
            List<Discussions.Comment> shownComments = its == null ? List.of() : its.stream()
                    .map(c -> new Discussions.Comment(c.id(), c.name(), comments.shownTime(c.createdAt()),
                            ReaderText.paragraphs(c.body()), c.reply() == null ? null : ReaderText.paragraphs(c.reply()),
                            c.repliedAt() == null ? null : comments.shownTime(c.repliedAt())))
                    .toList();
            boolean open = comments.openness(post, switched.get(post.documentId())).open();
            out.put(key, new Discussion(open, action, post.documentId(), post.language(), shownComments));
        }
        return out;
    }
}
