package fi.laituri.search.lucene;

import fi.laituri.search.SearchDocument;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.tartarus.snowball.ext.FinnishStemmer;
import org.tartarus.snowball.ext.SwedishStemmer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A build tokenizes each text once and plays the tokens to each field's chain, with ASCII folding by table and
 * stems remembered. Each test compares with the chains as Lucene's own filters make them, each field analysing
 * its text from the start: the index must come out the same, term for term, position for position.
 */
class PlayedTokensTest {

    private static final Map<String, String> ANALYZERS = Map.of("fi", "finnish", "sv", "swedish", "selko", "finnish");
    private final Analysis analysis = new Analysis(ANALYZERS);
    private final Random random = new Random(18);

    /** Texts a page may have, the awkward ones included. */
    private List<String> texts() {
        List<String> texts = new ArrayList<>(List.of(
                "", " ", "ja", "ja ja ja", "och att det", "Kotoutumiskoulutuksen järjestäjät ja työvoimapalvelut",
                "Integrationsutbildningen och arbetsförmedlingen i Närpes",
                "ja Kotoutuminen alkaa ja", "Ääkköset: Åbo, Öljy, ÄITI, straße, Æble, ﬁnanssi, Œuvre, ǅemal, Ⅻ, ①",
                "emoji 😀 ja 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 merkit ja yksinäinen \uD800 puolikas",
                "x".repeat(300) + " pitkä sana " + "ä".repeat(600) + " ja",
                "https://example.org/polku?a=1 sähköposti@example.fi 12.5.2026 3,14 1 000 €",
                "kotoutumiskoulutus kotoutumiskoulutuksen koulutus koulutuksen kotoutuminen",
                "日本語のテキスト と 中文 文本 ja ﾊﾝｶｸ"));
        String letters = "aäåöbcdefghijklmnopqrstuvwxyzÄÖÅéüßæøœ ";
        String[] words = {"ja", "och", "kotoutuminen", "koulutus", "kotoutumiskoulutuksen", "integration",
                "utbildning", "työ", "järjestö", "järjestöjen", "på", "att", "ei", "Kieli", "kielikurssi"};
        for (int i = 0; i < 200; i++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(60);
            for (int w = 0; w < n; w++) {
                if (random.nextInt(3) == 0) {
                    int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 300 : 14);
                    for (int c = 0; c < length; c++) {
                        text.append(letters.charAt(random.nextInt(letters.length())));
                    }
                } else {
                    text.append(words[random.nextInt(words.length)]);
                }
                text.append(random.nextInt(8) == 0 ? ". " : random.nextInt(10) == 0 ? "\n\n" : " ");
            }
            texts.add(text.toString());
        }
        return texts;
    }

    @Test
    void everyCharacterFoldsAsLucenesAsciiFoldingFoldsIt() {
        char[] in = new char[1];
        char[] expected = new char[4];
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            in[0] = (char) c;
            int n = ASCIIFoldingFilter.foldToASCII(in, 0, expected, 0, 1);
            String folded = Folding.of((char) c);
            String actual = folded == null ? String.valueOf((char) c) : folded;
            assertEquals(new String(expected, 0, n), actual, "U+" + Integer.toHexString(c));
            if (folded != null) {
                assertEquals(false, folded.equals(String.valueOf((char) c)), "a character that folds to itself is null");
            }
        }
        assertNull(Folding.of('a'));
        assertEquals("jarjesto", Folding.fold("järjestö"));
        assertEquals("strasse", Folding.fold("straße"));
    }

    @Test
    void eachFieldsPlayedTokensAreThoseItsOwnChainMakesFromTheText() throws IOException {
        Map<String, Set<String>> parts = Map.of("fi", Set.of("koulut", "kotout", "palvel", "järjes".substring(0, 6)),
                "sv", Set.of("utbild", "arbets"));
        Analyzer reference = reference(parts);
        for (String language : List.of("fi", "sv", "selko", "en")) {
            Analysis.Indexing indexing = analysis.indexing(parts);
            for (String text : texts()) {
                Tokens tokens = indexing.tokens(language, text);
                for (String base : List.of(Fields.TITLE_TEXT, Fields.BODY_TEXT, Fields.LOOSE, Fields.TITLE_LOOSE,
                        Fields.WORDS)) {
                    String field = Fields.of(base, language);
                    // Twice: the second time the chain is reused, and the stems come from memory.
                    for (int round = 0; round < 2; round++) {
                        assertEquals(tokens(reference.tokenStream(field, text)),
                                tokens(indexing.stream(field, tokens)), field + " of \"" + text + "\"");
                    }
                }
            }
        }
    }

    @Test
    void anIndexOfPlayedFieldsHasTheSamePostingsAsOneOfFieldsAnalysedFromTheirText() throws IOException {
        List<SearchDocument> docs = new ArrayList<>();
        List<String> texts = texts();
        String[] languages = {"fi", "sv", "selko"};
        for (int i = 0; i + 3 < texts.size(); i += 3) {
            docs.add(new SearchDocument("d" + i + ":" + languages[i % 3], languages[i % 3], "article", "/" + i,
                    texts.get(i), texts.get(i + 1), texts.get(i + 2), List.of("Kotoutuminen", "ja", texts.get(i + 3)),
                    List.of("Aino Ääkkönen"), null));
        }
        Map<String, Set<String>> parts = new HashMap<>();
        for (SearchDocument doc : docs) {
            Set<String> words = new HashSet<>();
            Analysis.addWords(words, doc.title(), doc.summary(), doc.bodyText());
            for (String word : words) {
                String start = LooseFilter.start(Analysis.fold(word));
                if (start != null) {
                    parts.computeIfAbsent(doc.language(), l -> new HashSet<>()).add(start);
                }
            }
        }
        Analysis.Indexing indexing = analysis.indexing(parts);
        try (Directory played = new ByteBuffersDirectory(); Directory analysed = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(played, new IndexWriterConfig(indexing.analyzer()))) {
                for (SearchDocument doc : docs) {
                    writer.addDocument(LuceneIndexer.toDocument(doc, indexing));
                }
            }
            try (IndexWriter writer = new IndexWriter(analysed, new IndexWriterConfig(reference(parts)))) {
                for (SearchDocument doc : docs) {
                    writer.addDocument(analysedFromText(LuceneIndexer.toDocument(doc, indexing), doc));
                }
            }
            assertSameIndex(analysed, played);
        }
    }

    /** The document with each played field replaced by a text field that its analyzer reads from the start. */
    private static Document analysedFromText(Document played, SearchDocument doc) {
        Document out = new Document();
        Map<String, List<String>> values = new HashMap<>();
        String lang = doc.language();
        String tags = String.join(" ", doc.tags());
        values.put(Fields.of(Fields.TITLE_TEXT, lang), new ArrayList<>(List.of(doc.title())));
        values.put(Fields.of(Fields.SUMMARY_TEXT, lang), new ArrayList<>(List.of(doc.summary())));
        values.put(Fields.of(Fields.BODY_TEXT, lang), new ArrayList<>(List.of(doc.bodyText())));
        values.put(Fields.of(Fields.TAGS_TEXT, lang), new ArrayList<>(List.of(tags)));
        values.put(Fields.of(Fields.AUTHORS_TEXT, lang), new ArrayList<>(List.of(String.join(" ", doc.authors()))));
        values.put(Fields.of(Fields.TITLE_LOOSE, lang), new ArrayList<>(List.of(doc.title())));
        values.put(Fields.of(Fields.LOOSE, lang), new ArrayList<>(List.of(doc.title(), doc.summary(), doc.bodyText(), tags)));
        values.put(Fields.of(Fields.WORDS, lang), new ArrayList<>(List.of(doc.title(), doc.summary(), doc.bodyText(), tags)));
        for (IndexableField field : played) {
            if (field.fieldType().indexOptions() != IndexOptions.NONE && field.fieldType().tokenized()) {
                FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
                type.setIndexOptions(field.fieldType().indexOptions());
                type.setOmitNorms(field.fieldType().omitNorms());
                out.add(new Field(field.name(), values.get(field.name()).remove(0), type));
            } else {
                out.add(field);
            }
        }
        return out;
    }

    private static void assertSameIndex(Directory expected, Directory actual) throws IOException {
        try (DirectoryReader a = DirectoryReader.open(expected); DirectoryReader b = DirectoryReader.open(actual)) {
            assertEquals(1, a.leaves().size());
            LeafReader left = a.leaves().get(0).reader();
            LeafReader right = b.leaves().get(0).reader();
            assertEquals(left.maxDoc(), right.maxDoc());
            FieldInfos infos = left.getFieldInfos();
            assertEquals(infos.size(), right.getFieldInfos().size());
            int checked = 0;
            for (FieldInfo info : infos) {
                FieldInfo other = right.getFieldInfos().fieldInfo(info.name);
                assertEquals(info.getIndexOptions(), other.getIndexOptions(), info.name);
                assertEquals(info.hasNorms(), other.hasNorms(), info.name);
                if (info.hasNorms()) {
                    NumericDocValues l = left.getNormValues(info.name);
                    NumericDocValues r = right.getNormValues(info.name);
                    for (int doc = l.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = l.nextDoc()) {
                        assertEquals(doc, r.nextDoc(), info.name);
                        assertEquals(l.longValue(), r.longValue(), info.name + " norm of " + doc);
                    }
                    assertEquals(DocIdSetIterator.NO_MORE_DOCS, r.nextDoc());
                }
                Terms terms = left.terms(info.name);
                if (terms == null) {
                    assertNull(right.terms(info.name), info.name);
                    continue;
                }
                TermsEnum l = terms.iterator();
                TermsEnum r = right.terms(info.name).iterator();
                for (BytesRef term = l.next(); term != null; term = l.next()) {
                    assertEquals(term, r.next(), info.name);
                    PostingsEnum lp = l.postings(null, PostingsEnum.ALL);
                    PostingsEnum rp = r.postings(null, PostingsEnum.ALL);
                    for (int doc = lp.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = lp.nextDoc()) {
                        assertEquals(doc, rp.nextDoc(), info.name + ":" + term.utf8ToString());
                        assertEquals(lp.freq(), rp.freq(), info.name + ":" + term.utf8ToString());
                        for (int i = 0; i < lp.freq(); i++) {
                            String at = info.name + ":" + term.utf8ToString() + " in " + doc;
                            assertEquals(lp.nextPosition(), rp.nextPosition(), at);
                            assertEquals(lp.startOffset(), rp.startOffset(), at);
                            assertEquals(lp.endOffset(), rp.endOffset(), at);
                        }
                        checked++;
                    }
                    assertEquals(DocIdSetIterator.NO_MORE_DOCS, rp.nextDoc());
                }
                assertNull(r.next(), info.name);
            }
            StoredFields ls = left.storedFields();
            StoredFields rs = right.storedFields();
            for (int doc = 0; doc < left.maxDoc(); doc++) {
                assertEquals(ls.document(doc).toString(), rs.document(doc).toString());
            }
            assertEquals(true, checked > 1000, "postings compared: " + checked);
        }
    }

    private record Token(String term, int position, int start, int end) {
    }

    /** The tokens of a stream, and its final offset and position increment as the last entry. */
    private static List<Token> tokens(TokenStream stream) throws IOException {
        List<Token> out = new ArrayList<>();
        try (stream) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute position = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(new Token(term.toString(), position.getPositionIncrement(), offset.startOffset(),
                        offset.endOffset()));
            }
            stream.end();
            out.add(new Token("(end)", position.getPositionIncrement(), offset.startOffset(), offset.endOffset()));
        }
        return out;
    }

    /** The chains with Lucene's own filters throughout, each field analysing its text from the start. */
    private static Analyzer reference(Map<String, Set<String>> parts) {
        return new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
            @Override
            protected Analyzer getWrappedAnalyzer(String field) {
                String language = Fields.language(field);
                String kind = ANALYZERS.getOrDefault(language, "standard");
                CharArraySet stop = switch (kind) {
                    case "finnish" -> FinnishAnalyzer.getDefaultStopSet();
                    case "swedish" -> SwedishAnalyzer.getDefaultStopSet();
                    default -> CharArraySet.EMPTY_SET;
                };
                String base = Fields.base(field);
                return new Analyzer() {
                    @Override
                    protected TokenStreamComponents createComponents(String name) {
                        StandardTokenizer source = new StandardTokenizer();
                        TokenStream stream = new LowerCaseFilter(source);
                        if (base.equals(Fields.WORDS)) {
                            return new TokenStreamComponents(source, stream);
                        }
                        stream = new StopFilter(stream, stop);
                        if (base.equals(Fields.LOOSE) || base.equals(Fields.TITLE_LOOSE)) {
                            stream = new LooseFilter(new ASCIIFoldingFilter(stream),
                                    LooseFilter.lookup(parts.getOrDefault(language, Set.of())));
                        } else if (kind.equals("finnish")) {
                            stream = new SnowballFilter(stream, new FinnishStemmer());
                        } else if (kind.equals("swedish")) {
                            stream = new SnowballFilter(stream, new SwedishStemmer());
                        }
                        return new TokenStreamComponents(source, stream);
                    }
                };
            }
        };
    }
}
