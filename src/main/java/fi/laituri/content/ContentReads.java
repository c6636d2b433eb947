package fi.laituri.content;

import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What other features (workflow, translation) read of documents, variants and revisions, in the caller's
 * transaction. Content's repositories stay its own: writes go through {@link VariantStates} and the content services.
 */
@Singleton
public class ContentReads {

    private final DocumentRepository documents;
    private final VariantRepository variants;
    private final RevisionRepository revisions;

    ContentReads(DocumentRepository documents, VariantRepository variants, RevisionRepository revisions) {
        this.documents = documents;
        this.variants = variants;
        this.revisions = revisions;
    }

    public Optional<Document> document(long id) {
        return documents.findById(id);
    }

    /** Every document; for the worklists, which look at all of them. */
    public List<Document> documents() {
        List<Document> all = new ArrayList<>();
        documents.findAll().forEach(all::add);
        return all;
    }

    public Optional<Variant> variant(long documentId, String language) {
        return variants.findByDocumentIdAndLanguage(documentId, language);
    }

    public Optional<Variant> variant(long id) {
        return variants.findById(id);
    }

    /** Every variant of every document. */
    public List<Variant> variants() {
        List<Variant> all = new ArrayList<>();
        variants.findAll().forEach(all::add);
        return all;
    }

    public Optional<Revision> revision(long variantId, int number) {
        return revisions.findByVariantIdAndNumber(variantId, number);
    }

    /** The numbers of the variant's revisions after {@code after} that {@code writer} wrote, oldest first. */
    public List<Integer> revisionsWrittenBy(long variantId, int after, String writer) {
        return revisions.findNumberByVariantIdAndNumberGreaterThanAndCreatedByOrderByNumber(variantId, after, writer);
    }
}
