package fi.laituri.content;

import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

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

    /** A language version whose working text or live revision names something; {@code live} when the live one does. */
    public record Naming(long variantId, long documentId, String translationKey, String language, boolean live) {
    }

    private static final Pattern REFERENCE = Pattern.compile("[a-z][a-z0-9-]*:[a-z0-9][a-z0-9-]*");

    /**
     * The language versions whose working text or live revision contains {@code reference} (such as
     * {@code media:satama}) not followed by more of a name, by document and language: who uses an uploaded file.
     */
    public List<Naming> naming(String reference) {
        if (!REFERENCE.matcher(reference).matches()) {
            throw new IllegalArgumentException("not a reference: " + reference);
        }
        return variants.naming(reference).stream().map(n -> new Naming(n.variantId(), n.documentId(),
                n.translationKey(), n.language(), n.live() != 0)).toList();
    }

    /** The numbers of the variant's revisions after {@code after} that {@code writer} wrote, oldest first. */
    public List<Integer> revisionsWrittenBy(long variantId, int after, String writer) {
        return revisions.findNumberByVariantIdAndNumberGreaterThanAndCreatedByOrderByNumber(variantId, after, writer);
    }
}
