package fi.laituri.bench;

import fi.laituri.content.Api;
import fi.laituri.content.Authors;
import fi.laituri.content.Documents;
import fi.laituri.security.Actor;
import fi.laituri.security.Role;
import fi.laituri.workflow.Transitions;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes a {@link SyntheticCorpus} as an editor and a publisher would: each document with its language versions
 * through the content service, then each version submitted, approved and published through the workflow, so the
 * revisions, the audit log and the outbox get their rows as in real use. The documents of a batch share one
 * transaction, which the services join: tens of thousands of versions then take a minute, not an hour of commits.
 */
@Singleton
public class CorpusWriter {

    public static final Actor EDITOR = new Actor("bench-editor", Role.EDITOR, Set.of());
    public static final Actor PUBLISHER = new Actor("bench-publisher", Role.PUBLISHER, Set.of());
    private static final Actor ADMIN = new Actor("bench-admin", Role.ADMIN, Set.of());
    private static final int BATCH = 100;
    /**
     * The translations before Finnish, their source: with {@code laituri.translation.require-bilingual: block}, a
     * source may not go live before its Swedish version.
     */
    private static final List<String> PUBLISHING_ORDER = List.of("sv", "selko", "fi");

    private final Documents content;
    private final Authors authors;
    private final Transitions transitions;
    private final TransactionOperations<Connection> tx;

    CorpusWriter(Documents content, Authors authors, Transitions transitions, TransactionOperations<Connection> tx) {
        this.content = content;
        this.authors = authors;
        this.transitions = transitions;
        this.tx = tx;
    }

    /** Writes and publishes {@code corpus}, with the authors of its bylines. */
    public void write(List<SyntheticCorpus.Document> corpus) {
        Set<String> authors = this.authors.listAuthors().stream().map(Api.AuthorView::id).collect(Collectors.toSet());
        for (SyntheticCorpus.Author author : SyntheticCorpus.AUTHORS) {
            if (!authors.contains(author.id())) {
                this.authors.createAuthor(new Api.AuthorInput(author.id(), author.name(), "asiantuntija", "Laituri"), ADMIN);
            }
        }
        for (int from = 0; from < corpus.size(); from += BATCH) {
            List<SyntheticCorpus.Document> batch = corpus.subList(from, Math.min(corpus.size(), from + BATCH));
            tx.executeWrite(status -> {
                batch.forEach(this::writeAndPublish);
                return null;
            });
        }
    }

    private void writeAndPublish(SyntheticCorpus.Document document) {
        List<Api.VariantInput> versions = document.versions().stream()
                .map(v -> new Api.VariantInput(v.language(), v.title(), document.key(), v.summary(), v.body(), v.tags(),
                        v.authors().stream().map(SyntheticCorpus.Author::id).toList(), v.date()))
                .toList();
        long id = content.createDocument(new Api.CreateDocument(document.kind(), document.key(), versions), EDITOR).id();
        for (SyntheticCorpus.Version v : document.versions()) {
            transitions.apply(id, v.language(), "submit", null, null, EDITOR);
            transitions.apply(id, v.language(), "approve", null, null, PUBLISHER);
        }
        for (String language : PUBLISHING_ORDER) {
            transitions.apply(id, language, "publish", null, null, PUBLISHER);
        }
    }

    /** The id of the corpus's document with this key. */
    public long id(String key) {
        return content.findDocument(key).orElseThrow(() -> new IllegalStateException("no document " + key)).id();
    }

    /** Whether the database holds exactly the first {@code documents} documents of a corpus, and nothing else. */
    public boolean holdsCorpusOf(int documents) {
        return content.countDocuments() == documents && content.findDocument(SyntheticCorpus.key(0)).isPresent()
                && content.findDocument(SyntheticCorpus.key(documents - 1)).isPresent();
    }

    /** How many documents the database holds. */
    public long documents() {
        return content.countDocuments();
    }
}
