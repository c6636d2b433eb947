package fi.laituri.search.lucene;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.tartarus.snowball.SnowballStemmer;
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
        return new PerField();
    }

    /**
     * For indexing, with each language's compound parts: the chains that a text's {@link Tokens}, taken once, are
     * played to for each of its fields.
     */
    Indexing indexing(Map<String, Set<String>> partsByLanguage) {
        return new Indexing(partsByLanguage);
    }

    /** Lower case and ASCII folding, as the loose field sees a word: for building the vocabulary of parts. */
    static String fold(String word) {
        return Folding.fold(word.toLowerCase(java.util.Locale.ROOT));
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

    /** A new stemmer of the language's analyzer, or null for the standard chain, which does not stem. */
    private SnowballStemmer stemmer(String language) {
        return switch (kind(language)) {
            case "finnish" -> new FinnishStemmer();
            case "swedish" -> new SwedishStemmer();
            default -> null;
        };
    }

    private Analyzer stems(String language) {
        CharArraySet stop = stopWords(kind(language));
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream stream = new StopFilter(new LowerCaseFilter(source), stop);
                SnowballStemmer stemmer = stemmer(language);
                return new TokenStreamComponents(source, stemmer == null ? stream : new SnowballFilter(stream, stemmer));
            }
        };
    }

    /** The loose chain of queries: each word's start only, no compound parts. */
    private Analyzer loose(String language) {
        CharArraySet stop = stopWords(kind(language));
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream stream = new Folding.Filter(new StopFilter(new LowerCaseFilter(source), stop));
                return new TokenStreamComponents(source, new LooseFilter(stream, null));
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

    /**
     * The chains of a build or update, fed from {@link Tokens}: each thread has one of each kind (stemmed, loose,
     * words) per language, which the fields of a page use one after the other as the index writer reads them.
     */
    final class Indexing {

        private final Map<String, Set<String>> partsByLanguage;
        private final Map<String, CharArraySet> parts = new ConcurrentHashMap<>();
        private final ThreadLocal<Map<String, Chain>> chains = ThreadLocal.withInitial(java.util.HashMap::new);

        private Indexing(Map<String, Set<String>> partsByLanguage) {
            this.partsByLanguage = partsByLanguage;
        }

        /**
         * The analyzer for the index writer, which reads every text field from its played tokens: it gives only the gaps
         * between a field's values, Lucene's defaults as in every chain, and refuses a text to analyse.
         */
        Analyzer analyzer() {
            return PLAYED;
        }

        /** The tokens of a text in {@code language}, to be played to each of its fields. */
        Tokens tokens(String language, String text) {
            return Tokens.of(WORDS, text, stopWords(kind(language)));
        }

        /** The chain of {@code field}, playing {@code tokens}: for the index writer to read at once. */
        TokenStream stream(String field, Tokens tokens) {
            String language = Fields.language(field);
            String base = Fields.base(field);
            String kind = switch (base) {
                case Fields.LOOSE, Fields.TITLE_LOOSE -> Fields.LOOSE;
                case Fields.WORDS -> Fields.WORDS;
                default -> "stems";
            };
            Chain chain = chains.get().computeIfAbsent(kind + "." + language, k -> switch (kind) {
                case Fields.LOOSE -> {
                    Tokens.Replay replay = new Tokens.Replay(true);
                    yield new Chain(replay, new LooseFilter(new Folding.Filter(replay), parts(language)));
                }
                case Fields.WORDS -> {
                    Tokens.Replay replay = new Tokens.Replay(false);
                    yield new Chain(replay, replay);
                }
                default -> {
                    Tokens.Replay replay = new Tokens.Replay(true);
                    SnowballStemmer stemmer = stemmer(language);
                    yield new Chain(replay, stemmer == null ? replay : new StemFilter(replay, stemmer));
                }
            });
            chain.replay().of(tokens);
            return chain.stream();
        }

        private CharArraySet parts(String language) {
            return parts.computeIfAbsent(language,
                    l -> LooseFilter.lookup(partsByLanguage.getOrDefault(l, Set.of())));
        }
    }

    private record Chain(Tokens.Replay replay, TokenStream stream) {
    }

    private static final Analyzer PLAYED = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            throw new IllegalStateException("the text of " + fieldName + " is indexed from played tokens");
        }
    };

    /** Chooses a query field's chain by its base name and language suffix. */
    private final class PerField extends DelegatingAnalyzerWrapper {

        private final Map<String, Analyzer> byField = new ConcurrentHashMap<>();

        PerField() {
            super(PER_FIELD_REUSE_STRATEGY);
        }

        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
            return byField.computeIfAbsent(fieldName, f -> {
                String language = Fields.language(f);
                return switch (Fields.base(f)) {
                    case Fields.LOOSE, Fields.TITLE_LOOSE -> loose(language);
                    case Fields.WORDS -> WORDS;
                    default -> stems(language);
                };
            });
        }
    }
}
