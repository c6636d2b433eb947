package fi.laituri.site.hyphenation;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts soft hyphens (U+00AD) into long words at the points Liang's algorithm (the one of TeX) finds with a
 * language's hyphenation patterns, so that a browser without a hyphenation dictionary for the language breaks a
 * long compound in a narrow heading at a syllable, with a hyphen, instead of between any two letters.
 *
 * <p>The patterns are the TeX ones (Finnish {@code hyph-fi}, Swedish {@code hyph-sv}), as compiled by the OFFO
 * project into {@code net.sf.offo:fop-hyph}: serialized Apache FOP {@code HyphenationTree}s. They are read into
 * this package's copies of FOP's classes (only those, by an {@link ObjectInputFilter}), and their patterns into a
 * plain map; FOP itself is not needed. Immutable, thread-safe; one per language, read once.
 */
public final class Hyphenator {

    public static final char SOFT_HYPHEN = '\u00AD';
    /** Shorter words are left alone: they fit a phone's line, and their readers need no breaks in them. */
    public static final int MIN_LETTERS = 12;
    /** Letters kept together at a word's start and end, as TeX's {@code \lefthyphenmin} and {@code \righthyphenmin}. */
    private static final int LEFT_MIN = 2;
    private static final int RIGHT_MIN = 2;

    private static final String FOP = "org.apache.fop.hyphenation.";
    private static final Set<String> STORED = Set.of("TernaryTree", "HyphenationTree", "CharVector", "ByteVector", "Hyphen");
    private static final Map<String, Optional<Hyphenator>> BY_LANGUAGE = new ConcurrentHashMap<>();

    /** Patterns (with {@code .} for a word's edge) to their inter-letter values. */
    private final Map<String, byte[]> patterns;
    /** Each letter the patterns know, to its normal form (lower case). */
    private final Map<Character, Character> letters;
    private final int longestPattern;

    private Hyphenator(Map<String, byte[]> patterns, Map<Character, Character> letters) {
        this.patterns = Map.copyOf(patterns);
        this.letters = Map.copyOf(letters);
        this.longestPattern = patterns.keySet().stream().mapToInt(String::length).max().orElse(0);
    }

    /** The hyphenator of a language ({@code fi}, {@code sv}: an html {@code lang}'s primary tag); empty when there are no patterns for it. */
    public static Optional<Hyphenator> of(String language) {
        // Asked once for each text a page hyphenates: the html lang as the templates give it is looked up first.
        Optional<Hyphenator> known = BY_LANGUAGE.get(language);
        if (known != null) {
            return known;
        }
        String primary = language.split("-")[0].toLowerCase(java.util.Locale.ROOT);
        if (!primary.matches("[a-z]{2,3}")) {
            return Optional.empty();
        }
        Optional<Hyphenator> loaded = BY_LANGUAGE.computeIfAbsent(primary, Hyphenator::load);
        if (BY_LANGUAGE.size() < MAX_LANGUAGE_KEYS) {
            BY_LANGUAGE.putIfAbsent(language, loaded);
        }
        return loaded;
    }

    /** Keys of {@link #BY_LANGUAGE} (languages and the html langs naming them): a site has a handful. */
    private static final int MAX_LANGUAGE_KEYS = 64;

    private static Optional<Hyphenator> load(String language) {
        try (InputStream in = Hyphenator.class.getClassLoader().getResourceAsStream("hyph/" + language + ".hyp")) {
            if (in == null) {
                return Optional.empty();
            }
            HyphenationTree tree = read(in);
            Map<String, byte[]> patterns = new HashMap<>();
            tree.each((key, offset) -> patterns.put(key, tree.values(offset)));
            Map<Character, Character> letters = new HashMap<>();
            tree.classmap.each((key, normal) -> {
                if (key.length() == 1) {
                    letters.put(key.charAt(0), normal);
                }
            });
            return Optional.of(new Hyphenator(patterns, letters));
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot read the hyphenation patterns of " + language, e);
        }
    }

    private static HyphenationTree read(InputStream in) throws IOException, ClassNotFoundException {
        try (ObjectInputStream stream = new ObjectInputStream(new BufferedInputStream(in)) {
            @Override
            protected ObjectStreamClass readClassDescriptor() throws IOException, ClassNotFoundException {
                ObjectStreamClass stored = super.readClassDescriptor();
                if (stored.getName().startsWith(FOP)) {
                    String name = stored.getName().substring(FOP.length());
                    if (!STORED.contains(name)) {
                        throw new InvalidClassException(stored.getName(), "not a part of a hyphenation tree");
                    }
                    return ObjectStreamClass.lookup(Class.forName(Hyphenator.class.getPackageName() + "." + name));
                }
                return stored;
            }
        }) {
            stream.setObjectInputFilter(info -> {
                Class<?> type = info.serialClass();
                if (type == null) {
                    return ObjectInputFilter.Status.UNDECIDED;
                }
                boolean allowed = type.getPackageName().equals(Hyphenator.class.getPackageName())
                        || type == HashMap.class || type == java.util.ArrayList.class || type == String.class
                        || type == char[].class || type == byte[].class || type == Object[].class;
                return allowed ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
            });
            return (HyphenationTree) stream.readObject();
        }
    }

    /** {@code text} with soft hyphens in each of its words of at least {@link #MIN_LETTERS} letters. */
    public String hyphenate(String text) {
        if (!hasLongWord(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        int i = 0;
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && Character.isLetter(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                word(text.substring(start, i), out);
            }
            if (i < text.length()) {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    /** Whether {@code text} has a run of at least {@link #MIN_LETTERS} letters: most titles and lines have none. */
    private static boolean hasLongWord(String text) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i))) {
                if (++run >= MIN_LETTERS) {
                    return true;
                }
            } else {
                run = 0;
            }
        }
        return false;
    }

    /**
     * Long words as hyphenated, by word: a site's pages repeat their long words (names of services, compounds) page
     * after page, and a full build hyphenates every page. Emptied when full, so a site's own words come back first.
     */
    private final Map<String, String> hyphenated = new ConcurrentHashMap<>();
    private static final int MAX_WORDS_KEPT = 100_000;

    private void word(String word, StringBuilder out) {
        if (word.length() < MIN_LETTERS) {
            out.append(word);
            return;
        }
        String done = hyphenated.get(word);
        if (done == null) {
            StringBuilder one = new StringBuilder(word.length() + 8);
            breaks(word, one);
            done = one.toString();
            if (hyphenated.size() >= MAX_WORDS_KEPT) {
                hyphenated.clear();
            }
            hyphenated.put(word, done);
        }
        out.append(done);
    }

    /** Liang's algorithm on one word of at least {@link #MIN_LETTERS} letters. */
    private void breaks(String word, StringBuilder out) {
        int n = word.length();
        char[] w = new char[n + 2];
        w[0] = '.';
        w[n + 1] = '.';
        for (int i = 0; i < n; i++) {
            Character normal = letters.get(word.charAt(i));
            if (normal == null) {
                // A letter the language's patterns do not know: no guess is better than a wrong break.
                out.append(word);
                return;
            }
            w[i + 1] = normal;
        }
        byte[] levels = new byte[n + 3];
        String dotted = new String(w);
        for (int from = 0; from < w.length; from++) {
            for (int to = from + 1; to <= Math.min(w.length, from + longestPattern); to++) {
                byte[] values = patterns.get(dotted.substring(from, to));
                if (values != null) {
                    for (int k = 0; k < values.length && from + k < levels.length; k++) {
                        levels[from + k] = (byte) Math.max(levels[from + k], values[k]);
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            // levels[i + 1] is the value before the word's letter i (w[i + 1]).
            if (i >= LEFT_MIN && n - i >= RIGHT_MIN && (levels[i + 1] & 1) == 1) {
                out.append(SOFT_HYPHEN);
            }
            out.append(word.charAt(i));
        }
    }
}
