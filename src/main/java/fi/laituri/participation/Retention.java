package fi.laituri.participation;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps readers' submissions no longer than needed: feedback for {@code laituri.participation.retention.feedback}
 * (12 months) after it came, a rejected comment for {@code rejected-comments} (30 days) after it was rejected,
 * and comments on a language version of a post that no longer exists (a deleted post's comments go with it at once).
 */
@Singleton
class Retention {

    private final CommentRepository comments;
    private final FeedbackRepository feedback;
    private final Clock clock;
    private final Duration keepFeedback;
    private final Duration keepRejected;

    Retention(CommentRepository comments, FeedbackRepository feedback, Clock clock,
              @Value("${laituri.participation.retention.feedback:365d}") Duration keepFeedback,
              @Value("${laituri.participation.retention.rejected-comments:30d}") Duration keepRejected) {
        this.comments = comments;
        this.feedback = feedback;
        this.clock = clock;
        this.keepFeedback = keepFeedback;
        this.keepRejected = keepRejected;
    }

    record Deleted(int feedback, int rejectedComments, int orphanedComments) {
    }

    @Transactional
    Deleted run() {
        Instant now = clock.instant();
        return new Deleted(feedback.deleteCreatedBefore(now.minus(keepFeedback)),
                comments.deleteRejectedBefore(now.minus(keepRejected)), comments.deleteOrphans());
    }
}
