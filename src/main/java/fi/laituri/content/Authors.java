package fi.laituri.content;

import fi.laituri.audit.AuditLog;
import fi.laituri.markdown.Slugs;
import fi.laituri.security.Actor;
import fi.laituri.DomainException;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static fi.laituri.content.ContentChecks.blankToNull;

/** The authors that bylines name: created and changed by editors, or brought in from the content folder. */
@Singleton
public class Authors {

    private final AuthorRepository authors;
    private final DocumentRepository documents;
    private final VariantRepository variants;
    private final ContentWrites writes;
    private final TransactionOperations<Connection> tx;
    private final AuditLog audit;
    private final PublicChanges publicChanges;

    Authors(AuthorRepository authors, DocumentRepository documents, VariantRepository variants, ContentWrites writes,
            TransactionOperations<Connection> tx,  AuditLog audit, PublicChanges publicChanges) {
        this.authors = authors;
        this.documents = documents;
        this.variants = variants;
        this.writes = writes;
        this.tx = tx;
        this.audit = audit;
        this.publicChanges = publicChanges;
    }

    @Transactional
    public List<Api.AuthorView> listAuthors() {
        return authors.listOrderById().stream().map(Authors::view).toList();
    }

    @Transactional
    public Api.AuthorView getAuthor(String id) {
        return view(author(id));
    }

    public Api.AuthorView createAuthor(Api.AuthorInput input, Actor actor) {
        String id = input.id() != null ? ContentChecks.validAuthorId(input.id()) : Slugs.fromTitle(input.name());
        if (id.isEmpty()) {
            throw DomainException.invalid("id", "give the author an id of lowercase letters, digits and hyphens");
        }
        return writes.write(() -> {
            if (authors.existsById(id)) {
                throw DomainException.conflict("author-exists", "an author with id " + id + " exists already");
            }
            audit.record(AuditLog.Event.of(actor.name(), "author.created", null, null).detail(id));
            return view(authors.save(new Author(id, input.name().strip(), blankToNull(input.title()),
                    blankToNull(input.organisation()), null, null, null)));
        });
    }

    public Api.AuthorView updateAuthor(String id, Long expectedVersion, Api.AuthorInput input, Actor actor) {
        return writes.write(() -> {
            Author a = checked(author(id), expectedVersion);
            audit.record(AuditLog.Event.of(actor.name(), "author.changed", null, null).detail(id));
            Author updated = authors.update(a.with(input.name().strip(), blankToNull(input.title()),
                    blankToNull(input.organisation())));
            // The byline is on the author's live pages and in the listings that show them.
            for (Variant v : variants.findLiveUsingAuthor(id)) {
                Document doc = documents.findById(v.documentId())
                        .orElseThrow(() -> DomainException.notFound("no document " + v.documentId()));
                publicChanges.record(PublicChanges.CHANGED, doc, v, Map.of("author", id));
            }
            return view(updated);
        }, () -> author(id).version());
    }

    public void deleteAuthor(String id, Long expectedVersion, Actor actor) {
        writes.write(() -> {
            Author a = checked(author(id), expectedVersion);
            audit.record(AuditLog.Event.of(actor.name(), "author.deleted", null, null).detail(id));
            if (variants.countUsingAuthor(id) > 0) {
                throw DomainException.conflict("author-in-use", "author " + id + " is named on content; remove it there first");
            }
            authors.delete(a);
            return null;
        }, () -> author(id).version());
    }

    /** Creates or updates an author from the content folder. */
    ImportOutcome importAuthor(String id, String name, String title, String organisation) {
        ContentChecks.validAuthorId(id);
        return tx.executeWrite(s -> {
            Optional<Author> existing = authors.findById(id);
            if (existing.isEmpty()) {
                authors.save(new Author(id, name, blankToNull(title), blankToNull(organisation), null, null, null));
                return ImportOutcome.CREATED;
            }
            Author a = existing.get();
            if (a.name().equals(name) && Objects.equals(a.title(), blankToNull(title))
                    && Objects.equals(a.organisation(), blankToNull(organisation))) {
                return ImportOutcome.UNCHANGED;
            }
            authors.update(a.with(name, blankToNull(title), blankToNull(organisation)));
            return ImportOutcome.UPDATED;
        });
    }

    private Author author(String id) {
        return authors.findById(id).orElseThrow(() -> DomainException.notFound("no author " + id));
    }

    private static Author checked(Author a, Long expectedVersion) {
        return ContentWrites.checked(a, expectedVersion, a.version());
    }

    static Api.AuthorView view(Author a) {
        return new Api.AuthorView(a.id(), a.name(), a.title(), a.organisation(), a.version());
    }
}
