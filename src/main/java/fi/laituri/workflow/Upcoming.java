package fi.laituri.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What the scheduler is to do, in time order: versions to publish or unpublish, and releases to publish. */
@Singleton
public class Upcoming {

    private final ScheduleRepository schedule;
    private final ReleaseRepository releases;
    private final TransactionOperations<Connection> tx;

    Upcoming(ScheduleRepository schedule, ReleaseRepository releases, TransactionOperations<Connection> tx) {
        this.schedule = schedule;
        this.releases = releases;
        this.tx = tx;
    }

    /**
     * One thing to happen: {@code publish} or {@code unpublish} of a version (document, language, its title), or
     * {@code release} (its id, name and how many versions it has).
     */
    public record Entry(String kind, Instant at, @Nullable Long documentId, @Nullable String language, String title,
                        @Nullable Long releaseId, int versions) {
    }

    public List<Entry> all() {
        return tx.executeRead(s -> {
            List<Entry> entries = new ArrayList<>();
            for (ScheduledRow v : schedule.scheduled()) {
                if (v.publishAt() != null) {
                    entries.add(new Entry("publish", v.publishAt(), v.documentId(), v.language(), v.title(), null, 1));
                }
                if (v.unpublishAt() != null) {
                    entries.add(new Entry("unpublish", v.unpublishAt(), v.documentId(), v.language(), v.title(), null, 1));
                }
            }
            for (ReleaseBundle r : releases.scheduled()) {
                entries.add(new Entry("release", r.publishAt(), null, null, r.name(), r.id(), releases.members(r.id()).size()));
            }
            entries.sort(Comparator.comparing(Entry::at).thenComparing(Entry::kind));
            return entries;
        });
    }
}
