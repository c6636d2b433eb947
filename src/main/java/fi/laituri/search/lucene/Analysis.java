package fi.laituri.search.lucene;

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
import org.tartarus.snowball.ext.FinnishStemmer;
import org.tartarus.snowball.ext.SwedishStemmer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The analysis chains of each language, chosen by its configured {@code analyzer} ({@code finnish},
 * {@code swedish}, anything else the standard chain), and picked per field by the field's language suffix:
 * <ul>
 *   <li>text fields: lower case, stop words, Snowball stems: the precise match, boosted;</li>
 *   <li>{@link Fields#LOOSE}: lower case, stop words, ASCII folding (ä→a, so "jarjesto" finds "järjestö"),
 *       {@link LooseFilter} word starts and compound parts: inflected forms and compounds;</li>
 *   <li>{@link Fields#WORDS}: lower case only, the words as written, for spelling suggestions.</li>
 * </ul>
 */
final class Analysis {

    private final Map<String, String> analyzerByLanguage;

    /** {@code analyzerByLanguage}: each site language's configured analyzer name. */
    Analysis(Map<String, String> analyzerByLanguage) {
        this.analyzerByLanguage = Map.copyOf(analyzerByLanguage);
    }

    /** For queries: the loose field takes only each word's start. */
    Analyzer query() {
        return new PerField(null);
    }

    /** For indexing, with each language's compound parts (see {@link LooseFilter}). */
    Analyzer index(Map<String, Set<String>> partsByLanguage) {
        return new PerField(partsByLanguage);
    }

    /** Lower case and ASCII folding, as the loose field sees a word: for building the vocabulary of parts. */
    static String fold(String word) {
        char[] in = word.toLowerCase(java.util.Locale.ROOT).toCharArray();
        char[] out = new char[in.length * 4];
        int n = ASCIIFoldingFilter.foldToASCII(in, 0, out, 0, in.length);
        return new String(out, 0, n);
    }

    /** The words of a text as the words field has them. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream stream = WORDS.tokenStream(Fields.WORDS, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Adds to {@code into} the words of the texts as the words field has them, each of them once: a word already added
     * from these texts is known by its characters, with no string made for it.
     */
    static void addWords(Set<String> into, String... texts) {
        CharArraySet added = new CharArraySet(256, false);
        for (String text : texts) {
            try (TokenStream stream = WORDS.tokenStream(Fields.WORDS, text)) {
                CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
                stream.reset();
                while (stream.incrementToken()) {
                    if (!added.contains(term.buffer(), 0, term.length())) {
                        String word = term.toString();
                        added.add(word);
                        into.add(word);
                    }
                }
                stream.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Reused per thread, as analyzers are: a tokenizer is too costly to make for every query. */
    private static final Analyzer WORDS = words();

    private String kind(String language) {
        return analyzerByLanguage.getOrDefault(language, "standard");
    }

    private static CharArraySet stopWords(String kind) {
        return switch (kind) {
            case "finnish" -> FinnishAnalyzer.getDefaultStopSet();
            case "swedish" -> SwedishAnalyzer.getDefaultStopSet();
            default -> CharArraySet.EMPTY_SET;
        };
    }

    private Analyzer stems(String language) {
        String kind = kind(language);
        CharArraySet stop = stopWords(kind);
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream stream = new StopFilter(new LowerCaseFilter(source), stop);
                stream = switch (kind) {
                    case "finnish" -> new SnowballFilter(stream, new FinnishStemmer());
                    case "swedish" -> new SnowballFilter(stream, new SwedishStemmer());
                    default -> stream;
                };
                return new TokenStreamComponents(source, stream);
            }
        };
    }

    private Analyzer loose(String language, Set<String> partSet) {
        CharArraySet stop = stopWords(kind(language));
        CharArraySet parts = partSet == null ? null : LooseFilter.lookup(partSet);
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream stream = new ASCIIFoldingFilter(new StopFilter(new LowerCaseFilter(source), stop));
                return new TokenStreamComponents(source, new LooseFilter(stream, parts));
            }
        };
    }

    private static Analyzer words() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, new LowerCaseFilter(source));
            }
        };
    }

    /** Chooses a field's chain by its base name and language suffix. */
    private final class PerField extends DelegatingAnalyzerWrapper {

        private final Map<String, Set<String>> partsByLanguage;
        private final Map<String, Analyzer> byField = new ConcurrentHashMap<>();

        PerField(Map<String, Set<String>> partsByLanguage) {
            super(PER_FIELD_REUSE_STRATEGY);
            this.partsByLanguage = partsByLanguage;
        }

        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
            return byField.computeIfAbsent(fieldName, f -> {
                String language = Fields.language(f);
                return switch (Fields.base(f)) {
                    case Fields.LOOSE, Fields.TITLE_LOOSE -> loose(language, partsByLanguage == null ? null
                            : partsByLanguage.getOrDefault(language, Set.of()));
                    case Fields.WORDS -> WORDS;
                    default -> stems(language);
                };
            });
        }
    }
}
