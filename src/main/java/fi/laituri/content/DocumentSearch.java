package fi.laituri.content;

import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.data.repository.jpa.criteria.QuerySpecification;
import jakarta.inject.Singleton;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The filtered document listing, as a criteria query: every filter is optional, and those on language
 * versions must all hold for one and the same version. Newest change first, id as tie-breaker.
 */
@Singleton
public class DocumentSearch {

    private static final Sort NEWEST_FIRST = Sort.of(Sort.Order.desc("updatedAt"), Sort.Order.desc("id"));
    /** Escapes LIKE's wildcards in the free text, which is matched as written. */
    private static final char ESCAPE = '!';

    private final DocumentRepository documents;

    DocumentSearch(DocumentRepository documents) {
        this.documents = documents;
    }

    /**
     * Optional filters (null = any) and the 1-based page to return. {@code languages} limits the listing to
     * documents with a version in one of them (a translator's languages); the other version filters then hold
     * for one of those versions.
     */
    public record Filter(String kind, String language, String status, String tag, String text, int page, int size,
                  Set<String> languages) {

        public Filter {
            languages = languages == null ? null : Set.copyOf(languages);
        }

        Filter(String kind, String language, String status, String tag, String text, int page, int size) {
            this(kind, language, status, tag, text, page, size, null);
        }
    }

    record Result(List<Document> documents, long total) {
    }

    Result find(Filter f) {
        if (f.languages() != null && f.languages().isEmpty()) {
            return new Result(List.of(), 0);
        }
        Page<Document> page = documents.findAll(matching(f), Pageable.from(f.page() - 1, f.size(), NEWEST_FIRST));
        return new Result(page.getContent(), page.getTotalSize());
    }

    /** Null (everything) when no filter is given. */
    private static QuerySpecification<Document> matching(Filter f) {
        return (document, query, cb) -> {
            List<Predicate> conditions = new ArrayList<>();
            if (f.kind() != null) {
                conditions.add(cb.equal(document.get("kind"), f.kind()));
            }
            if (f.language() != null || f.status() != null || f.tag() != null || f.text() != null
                    || f.languages() != null) {
                Subquery<Long> versions = query.subquery(Long.class);
                Root<Variant> v = versions.from(Variant.class);
                List<Predicate> onVersion = new ArrayList<>();
                if (f.language() != null) {
                    onVersion.add(cb.equal(v.get("language"), f.language()));
                }
                if (f.languages() != null) {
                    onVersion.add(v.get("language").in(f.languages()));
                }
                if (f.status() != null) {
                    onVersion.add(cb.equal(v.get("status"), f.status()));
                }
                if (f.tag() != null) {
                    onVersion.add(cb.isTrue(cb.function("JSON_CONTAINS", Boolean.class, v.get("tags"),
                            cb.function("JSON_QUOTE", String.class, cb.literal(f.tag())))));
                }
                if (f.text() != null) {
                    String literal = f.text().replace("!", "!!").replace("%", "!%").replace("_", "!_");
                    onVersion.add(cb.like(v.get("title"), "%" + literal + "%", ESCAPE));
                }
                versions.select(v.get("documentId")).where(onVersion.toArray(Predicate[]::new));
                conditions.add(document.get("id").in(versions));
            }
            return conditions.isEmpty() ? null : cb.and(conditions.toArray(Predicate[]::new));
        };
    }
}
