package fi.laituri.search.lucene;

/**
 * Field names of the index. Text fields are per language ({@code body.fi}, {@code body.sv}) so that each is
 * analysed by its language's chain, and a search in one language never matches another's stems.
 */
final class Fields {

    static final String ID = "id";
    static final String LANGUAGE = "language";
    static final String KIND = "kind";
    static final String TAG = "tag";
    static final String URL = "url";
    static final String TITLE = "title";
    /** {@link org.apache.lucene.document.FeatureField}s of a page: {@link #RECENCY} (see {@link #recency}). */
    static final String FEATURES = "features";
    static final String RECENCY = "recency";
    private static final long EPOCH_2000 = 946_684_800L;
    private static final double YEAR = 365.25 * 86_400;
    static final String DATE_TEXT = "date_text";

    /** Analysed with the language's stemming chain. */
    static final String TITLE_TEXT = "title";
    static final String SUMMARY_TEXT = "summary";
    static final String BODY_TEXT = "body";
    static final String TAGS_TEXT = "tags";
    static final String AUTHORS_TEXT = "authors";
    /** Word-start prefixes and compound parts of all the text: inflection and compounds (see {@link LooseFilter}). */
    static final String LOOSE = "loose";
    /** The same for the title alone, so that a compound in a title weighs as a title word. */
    static final String TITLE_LOOSE = "tloose";
    /** The words as written (lower case), for "did you mean" and suggestions. */
    static final String WORDS = "words";

    private Fields() {
    }

    /**
     * 2^(years since 2000) of a time. A saturation query with the value of now as its pivot then scores a page
     * 1 / (1 + 2^(its age in years)): ½ today, ⅓ a year ago, ⅕ two years ago.
     */
    static float recency(long epochSecond) {
        return (float) Math.pow(2, Math.max(0, epochSecond - EPOCH_2000) / YEAR);
    }

    static String of(String base, String language) {
        return base + "." + language;
    }

    /** The base of a per-language field name, {@code body} of {@code body.fi}. */
    static String base(String field) {
        int dot = field.indexOf('.');
        return dot < 0 ? field : field.substring(0, dot);
    }

    static String language(String field) {
        int dot = field.indexOf('.');
        return dot < 0 ? "" : field.substring(dot + 1);
    }
}
