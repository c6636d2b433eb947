package fi.laituri.search.lucene;

import fi.laituri.BuildPause;
import fi.laituri.search.SearchDocument;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the index: a full build into a fresh directory swapped in atomically, or an incremental upsert by id
 * into the live one. Each call opens its own {@link IndexWriter} and closes it after the commit, so the index
 * is never locked between calls (a site build on another instance, or a copy to a search node, can go ahead).
 */
public final class LuceneIndexer {

    /** Summary and body have their offsets in the postings (and are stored), so highlighting need not re-analyse. */
    private static final FieldType WITH_OFFSETS = new FieldType(TextField.TYPE_NOT_STORED);
    private static final FieldType WORDS = new FieldType(TextField.TYPE_NOT_STORED);

    static {
        WITH_OFFSETS.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        WITH_OFFSETS.freeze();
        WORDS.setIndexOptions(IndexOptions.DOCS);
        WORDS.setOmitNorms(true);
        WORDS.freeze();
    }

    private final Analysis analysis;

    LuceneIndexer(Analysis analysis) {
        this.analysis = analysis;
    }

    /**
     * The compound parts known to the index last written by this process, at its commit: reading them from the
     * index again would be most of an incremental update. Another writer's commit makes them be read again.
     */
    private record Vocabulary(Path dir, long generation, Map<String, Set<String>> parts) {
    }

    private Vocabulary vocabulary;

    /** Writes a fresh index of {@code docs} and makes it the live one under {@code search}; returns its directory. */
    public synchronized Path replaceAll(Path search, List<SearchDocument> docs) {
        return replaceAll(search, docs, null);
    }

    /**
     * The commit data under which a full build notes the fingerprint of the pages it indexed ({@link #holds}); an
     * update removes it, since the index is then no longer that build's.
     */
    private static final String PAGES = "laituri.pages";

    /** Whether the live index under {@code search} was written by a full build of pages with {@code fingerprint}. */
    public synchronized boolean holds(Path search, String fingerprint) {
        Path live = IndexFiles.live(search.toAbsolutePath().normalize()).orElse(null);
        if (live == null) {
            return false;
        }
        try (Directory dir = FSDirectory.open(live)) {
            return DirectoryReader.indexExists(dir)
                    && fingerprint.equals(SegmentInfos.readLatestCommit(dir).getUserData().get(PAGES));
        } catch (IOException e) {
            // An index that cannot be read is no index to keep: the build writes a fresh one.
            return false;
        }
    }

    /** As {@link #replaceAll(Path, List)}, noting {@code fingerprint} (when not null) as that of the pages indexed. */
    public synchronized Path replaceAll(Path search, List<SearchDocument> docs, String fingerprint) {
        try {
            Path build = IndexFiles.newBuild(search.toAbsolutePath().normalize());
            Map<String, Set<String>> parts = parts(docs, Map.of());
            Analysis.Indexing indexing = analysis.indexing(parts);
            try (Directory dir = FSDirectory.open(build);
                 IndexWriter writer = new IndexWriter(dir, bulk(config(indexing.analyzer(),
                         IndexWriterConfig.OpenMode.CREATE)))) {
                // IndexWriter is thread-safe: analysing on every core is what makes a full build fast.
                docs.parallelStream().forEach(doc -> {
                    try {
                        writer.addDocument(toDocument(doc, indexing));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                // The indexing threads' buffers written to their segments side by side, on the threads that filled
                // them: the commit would write them one after the other on this thread (0.2 s of a 10,000-document
                // build). Each call takes the largest buffer no other call is writing, until none is left.
                java.util.stream.IntStream.range(0, java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1)
                        .parallel().forEach(i -> {
                    try {
                        while (writer.flushNextBuffer()) {
                            // the next buffer, if any
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                BuildPause.at("indexing");
                if (fingerprint != null) {
                    writer.setLiveCommitData(Map.of(PAGES, fingerprint).entrySet());
                }
                writer.commit();
                vocabulary = new Vocabulary(build, SegmentInfos.getLastCommitGeneration(dir), parts);
            }
            IndexFiles.swap(search.toAbsolutePath().normalize(), build);
            return build;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces or adds {@code upserts} and removes {@code deletedIds} in the live index, and commits. */
    public synchronized void update(Path search, List<SearchDocument> upserts, Collection<String> deletedIds) {
        Path live = IndexFiles.live(search).orElse(null);
        if (live == null) {
            replaceAll(search, upserts);
            return;
        }
        try (Directory dir = FSDirectory.open(live)) {
            long generation = DirectoryReader.indexExists(dir) ? SegmentInfos.getLastCommitGeneration(dir) : -1;
            Map<String, Set<String>> known = generation < 0 ? Map.of()
                    : vocabulary != null && vocabulary.dir().equals(live) && vocabulary.generation() == generation
                    ? vocabulary.parts() : vocabulary(dir);
            Map<String, Set<String>> parts = parts(upserts, known);
            Analysis.Indexing indexing = analysis.indexing(parts);
            try (IndexWriter writer = new IndexWriter(dir, config(indexing.analyzer(),
                    IndexWriterConfig.OpenMode.CREATE_OR_APPEND))) {
                for (SearchDocument doc : upserts) {
                    writer.updateDocument(new Term(Fields.ID, doc.id()), toDocument(doc, indexing));
                }
                for (String id : deletedIds) {
                    writer.deleteDocuments(new Term(Fields.ID, id));
                }
                // The writer carries the last commit's data over; this index is no longer the full build's.
                writer.setLiveCommitData(Map.<String, String>of().entrySet());
                writer.commit();
            }
            vocabulary = new Vocabulary(live, SegmentInfos.getLastCommitGeneration(dir), parts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IndexWriterConfig config(Analyzer analyzer, IndexWriterConfig.OpenMode mode) {
        IndexWriterConfig config = new IndexWriterConfig(analyzer);
        config.setOpenMode(mode);
        config.setCodec(new SearchCodec());
        config.setRAMBufferSizeMB(64);
        return config;
    }

    /**
     * A full build writes every page at once: a buffer that holds tens of thousands of pages, so that segments are
     * flushed (and merged) seldom, and no compound files, which would copy each flushed segment once more. Memory
     * for the buffer is taken only as pages are added; the pages' own build has finished by then.
     */
    private static IndexWriterConfig bulk(IndexWriterConfig config) {
        config.setRAMBufferSizeMB(BULK_BUFFER_MB);
        config.setUseCompoundFile(false);
        config.getMergePolicy().setNoCFSRatio(0.0);
        return config;
    }

    private static final int BULK_BUFFER_MB = 256;

    /**
     * The compound parts of each language: the starts of the words written on their own in {@code docs}, plus
     * {@code known} (those already in the index, for an incremental update).
     */
    private static Map<String, Set<String>> parts(List<SearchDocument> docs, Map<String, Set<String>> known) {
        // Side by side, as the documents are added: a full build's pages are tens of thousands.
        Map<String, Set<String>> words = new java.util.concurrent.ConcurrentHashMap<>();
        docs.parallelStream().forEach(doc -> {
            Set<String> seen = words.computeIfAbsent(doc.language(), l -> java.util.concurrent.ConcurrentHashMap.newKeySet());
            Analysis.addWords(seen, doc.title(), doc.summary(), doc.bodyText());
        });
        Map<String, Set<String>> out = new HashMap<>();
        known.forEach((language, parts) -> out.put(language, new HashSet<>(parts)));
        words.forEach((language, seen) -> {
            Set<String> parts = out.computeIfAbsent(language, l -> new HashSet<>());
            for (String word : seen) {
                String start = LooseFilter.start(Analysis.fold(word));
                if (start != null) {
                    parts.add(start);
                }
            }
        });
        return out;
    }

    /** The compound parts the live index already knows, from its words fields. */
    private static Map<String, Set<String>> vocabulary(Directory dir) throws IOException {
        Map<String, Set<String>> out = new HashMap<>();
        try (DirectoryReader reader = DirectoryReader.open(dir)) {
            for (var info : org.apache.lucene.index.FieldInfos.getMergedFieldInfos(reader)) {
                if (!Fields.base(info.name).equals(Fields.WORDS)) {
                    continue;
                }
                Set<String> parts = out.computeIfAbsent(Fields.language(info.name), l -> new HashSet<>());
                Terms terms = MultiTerms.getTerms(reader, info.name);
                if (terms == null) {
                    continue;
                }
                TermsEnum e = terms.iterator();
                for (BytesRef t = e.next(); t != null; t = e.next()) {
                    String start = LooseFilter.start(Analysis.fold(t.utf8ToString()));
                    if (start != null) {
                        parts.add(start);
                    }
                }
            }
        }
        return out;
    }

    static Document toDocument(SearchDocument d, Analysis.Indexing indexing) {
        String lang = d.language();
        Document doc = new Document();
        doc.add(new StringField(Fields.ID, d.id(), Field.Store.YES));
        doc.add(new StringField(Fields.LANGUAGE, lang, Field.Store.YES));
        doc.add(new SortedDocValuesField(Fields.LANGUAGE, new BytesRef(lang)));
        doc.add(new StringField(Fields.KIND, d.kind(), Field.Store.YES));
        doc.add(new SortedDocValuesField(Fields.KIND, new BytesRef(d.kind())));
        for (String tag : new java.util.TreeSet<>(d.tags())) {
            doc.add(new StringField(Fields.TAG, tag, Field.Store.YES));
            doc.add(new SortedSetDocValuesField(Fields.TAG, new BytesRef(tag)));
        }
        doc.add(new StoredField(Fields.URL, d.url()));
        doc.add(new StoredField(Fields.TITLE, d.title()));
        if (d.date() != null) {
            // For the recency boost: a feature field, so that finding the top hits need not score every match.
            doc.add(new FeatureField(Fields.FEATURES, Fields.RECENCY, Fields.recency(d.date().toEpochSecond())));
            doc.add(new StoredField(Fields.DATE_TEXT, d.date().toString()));
        }
        // Each text is tokenized once, and its tokens played to every field that indexes it.
        Tokens title = indexing.tokens(lang, d.title());
        Tokens summary = indexing.tokens(lang, d.summary());
        Tokens body = indexing.tokens(lang, d.bodyText());
        Tokens tags = indexing.tokens(lang, String.join(" ", d.tags()));
        doc.add(new Played(Fields.of(Fields.TITLE_TEXT, lang), TextField.TYPE_NOT_STORED, indexing, title));
        doc.add(new StoredField(Fields.of(Fields.SUMMARY_TEXT, lang), d.summary()));
        doc.add(new Played(Fields.of(Fields.SUMMARY_TEXT, lang), WITH_OFFSETS, indexing, summary));
        doc.add(new StoredField(Fields.of(Fields.BODY_TEXT, lang), d.bodyText()));
        doc.add(new Played(Fields.of(Fields.BODY_TEXT, lang), WITH_OFFSETS, indexing, body));
        doc.add(new Played(Fields.of(Fields.TAGS_TEXT, lang), TextField.TYPE_NOT_STORED, indexing, tags));
        doc.add(new Played(Fields.of(Fields.AUTHORS_TEXT, lang), TextField.TYPE_NOT_STORED, indexing,
                indexing.tokens(lang, String.join(" ", d.authors()))));
        doc.add(new Played(Fields.of(Fields.TITLE_LOOSE, lang), TextField.TYPE_NOT_STORED, indexing, title));
        for (Tokens text : List.of(title, summary, body, tags)) {
            doc.add(new Played(Fields.of(Fields.LOOSE, lang), TextField.TYPE_NOT_STORED, indexing, text));
            doc.add(new Played(Fields.of(Fields.WORDS, lang), WORDS, indexing, text));
        }
        return doc;
    }

    /**
     * A text field whose tokens are played from its text's {@link Tokens} through the field's chain, when the index
     * writer reads it. Not stored: a stored text is a {@link StoredField} beside it.
     */
    private static final class Played extends Field {

        private final Analysis.Indexing indexing;
        private final Tokens tokens;

        Played(String name, FieldType type, Analysis.Indexing indexing, Tokens tokens) {
            super(name, type);
            this.indexing = indexing;
            this.tokens = tokens;
        }

        @Override
        public TokenStream tokenStream(Analyzer analyzer, TokenStream reuse) {
            return indexing.stream(name(), tokens);
        }
    }
}
