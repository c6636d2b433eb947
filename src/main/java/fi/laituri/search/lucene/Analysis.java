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

    /** The stemmed chain after its stop words, remembering stems: what {@link #stems} does after them. */
    private TokenStream stemsAfterStops(String language, TokenStream stream) {
        return switch (kind(language)) {
            case "finnish" -> new StemFilter(stream, new FinnishStemmer());
            case "swedish" -> new StemFilter(stream, new SwedishStemmer());
            default -> stream;
        };
    }

    private Analyzer loose(String language, Set<String> partSet) {
        CharArraySet stop = stopWords(kind(language));
        CharArraySet parts = partSet == null ? null : LooseFilter.lookup(partSet);
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream stream = new Folding.Filter(new StopFilter(new LowerCaseFilter(source), stop));
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

        /** The analyzer for the index writer: the same chains, for anything not played from tokens. */
        Analyzer analyzer() {
            return index(partsByLanguage);
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
                    yield new Chain(replay, stemsAfterStops(language, replay));
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
