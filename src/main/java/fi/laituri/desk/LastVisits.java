package fi.laituri.desk;

import fi.laituri.DomainException;
import fi.laituri.audit.AuditLog;
import fi.laituri.content.Api;
import fi.laituri.content.Documents;
import fi.laituri.security.Actor;
import fi.laituri.security.Policy;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * "What changed since your last visit" on the desk's home page: what others did to documents (from the audit log, in
 * the languages the user reads) since the user last loaded that page; loading it moves the mark.
 */
@Singleton
class LastVisits {

    /** The most changed versions listed; the page says when there were more. */
    static final int SHOWN = 30;
    /** How much of the log one look reads; a user away for months sees the oldest changes of that time. */
    private static final int READ = 2000;

    private final DeskVisitRepository visits;
    private final AuditLog audit;
    private final Documents content;
    private final Policy policy;
    private final Clock clock;

    LastVisits(DeskVisitRepository visits, AuditLog audit, Documents content, Policy policy, Clock clock) {
        this.visits = visits;
        this.audit = audit;
        this.content = content;
        this.policy = policy;
        this.clock = clock;
    }

    /** One language version (or a document as a whole, language empty) that others changed. */
    record Change(long documentId, String language, String title, boolean gone, List<String> actors,
                  List<String> actions, Instant at) {
    }

    /** What others changed since the user's last look; then the mark moves to now. */
    Since look(Actor actor, Map<String, String> words) {
        Instant now = clock.instant();
        Optional<Instant> last = visits.findById(actor.name()).map(DeskVisit::seenAt);
        Since since = last.map(from -> changes(actor, from, now, words)).orElse(new Since(null, List.of(), false));
        visits.mark(actor.name(), now);
        return since;
    }

    record Since(@Nullable Instant from, List<Change> changes, boolean more) {
    }

    private Since changes(Actor actor, Instant from, Instant to, Map<String, String> words) {
        AuditLog.Page page = audit.find(new AuditLog.Query(null, null, from, to, 1, READ,
                policy.readableLanguages(actor).orElse(null)));
        Map<String, List<AuditLog.Entry>> byVersion = new LinkedHashMap<>();
        for (AuditLog.Entry e : page.items()) {
            if (e.documentId() != null && !e.actor().equals(actor.name())) {
                byVersion.computeIfAbsent(e.documentId() + "/" + Objects.toString(e.language(), ""),
                        k -> new ArrayList<>()).add(e);
            }
        }
        // Newest first, and only the versions shown are looked up: the home page reads no document it does not list.
        List<List<AuditLog.Entry>> newestFirst = new ArrayList<>(byVersion.values());
        newestFirst.sort((a, b) -> b.get(b.size() - 1).at().compareTo(a.get(a.size() - 1).at()));
        Map<Long, Optional<Api.DocumentView>> documents = new HashMap<>();
        List<Change> changes = new ArrayList<>();
        for (List<AuditLog.Entry> entries : newestFirst.subList(0, Math.min(SHOWN, newestFirst.size()))) {
            AuditLog.Entry latest = entries.get(entries.size() - 1);
            Optional<Api.DocumentView> doc = documents.computeIfAbsent(latest.documentId(), this::document);
            String language = Objects.toString(latest.language(), "");
            String title = doc.map(d -> d.variants().stream().filter(v -> v.language().equals(language)).findFirst()
                    .or(() -> d.variants().stream().findFirst()).map(Api.VariantSummary::title).orElse(d.key()))
                    .orElse("#" + latest.documentId());
            changes.add(new Change(latest.documentId(), language, title, doc.isEmpty(),
                    entries.stream().map(AuditLog.Entry::actor).distinct().toList(),
                    actions(entries, words), latest.at()));
        }
        return new Since(from, changes, newestFirst.size() > SHOWN || page.total() > READ);
    }

    /** Each kind of thing done, in the user's words, with how many times when more than once: "Edited (2)". */
    private static List<String> actions(List<AuditLog.Entry> entries, Map<String, String> words) {
        Map<String, Integer> times = new LinkedHashMap<>();
        entries.forEach(e -> times.merge(words.getOrDefault("audit." + e.action(), e.action()), 1, Integer::sum));
        return times.entrySet().stream().map(t -> t.getValue() == 1 ? t.getKey() : t.getKey() + " (" + t.getValue() + ")")
                .toList();
    }

    private Optional<Api.DocumentView> document(long id) {
        try {
            return Optional.of(content.getDocument(id));
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
