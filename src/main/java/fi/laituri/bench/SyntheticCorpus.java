package fi.laituri.bench;

import fi.laituri.search.SearchDocument;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A reproducible corpus of made-up documents about integration work, each in Finnish, Swedish and plain
 * Finnish, for the benchmarks and the relevance tests: sentences drawn from each language's words (inflected
 * forms and compounds as real pages have them), with tags, dates, headings, lists, bylines on blog posts and
 * {@code doc:} links to earlier documents. The same seed always gives the same documents. {@link CorpusWriter}
 * writes them through the editorial services; the search benchmark indexes {@link #searchDocuments} directly.
 */
public final class SyntheticCorpus {

    public static final List<String> LANGUAGES = List.of("fi", "sv", "selko");

    /** The bylines of blog posts. */
    public static final List<Author> AUTHORS = List.of(new Author("synthetic-author-1", "Aino Kirjoittaja"),
            new Author("synthetic-author-2", "Bertel Skribent"), new Author("synthetic-author-3", "Cecilia Laine"),
            new Author("synthetic-author-4", "Daniel Virta"), new Author("synthetic-author-5", "Eeva Ranta"));

    private static final String KEY_PREFIX = "synthetic-";

    private static final Map<String, String[]> WORDS = Map.of(
            "fi", ("kotoutuminen kotoutumisen kotoutumista kotoutumiseen maahanmuuttaja maahanmuuttajien maahanmuuttajille "
                    + "kunta kunnan kunnissa kuntien järjestö järjestön järjestöjen järjestöille yhteistyö yhteistyötä "
                    + "yhteistyön palvelu palvelut palveluiden palveluja työllisyys työllisyyden työelämä työelämään "
                    + "koulutus koulutuksen koulutuksia koulutukseen kieli kielen kieltä suomen ruotsin opetus opetusta "
                    + "verkosto verkoston verkostossa hanke hankkeen hankkeet hankkeissa rahoitus rahoitusta avustus "
                    + "avustuksen yhteiskunta yhteiskunnan yhteiskuntaan osallisuus osallisuutta vaikuttavuus tieto tietoa "
                    + "tiedon kehittäminen kehittämistä kehittämisen ohjelma ohjelman ohjelmassa asiakas asiakkaat "
                    + "neuvonta neuvontaa ohjaus ohjausta perhe perheet perheiden lapsi lasten nuoret nuorten alue alueen "
                    + "alueella kuntalaiset viranomainen viranomaiset ministeriö ministeriön tutkimus tutkimusta raportti "
                    + "raportin selvitys selvityksen arviointi arvioinnin tavoite tavoitteet tavoitteena periaate").split(" "),
            "sv", ("integration integrationen integrationens invandrare invandrarna invandrares kommun kommunen "
                    + "kommunerna kommunernas organisation organisationer organisationernas samarbete samarbetet "
                    + "tjänst tjänster tjänsterna sysselsättning sysselsättningen arbetsliv arbetslivet utbildning "
                    + "utbildningen utbildningar språk språket svenska finska undervisning nätverk nätverket projekt "
                    + "projektet projekten finansiering bidrag bidraget samhälle samhället samhällets delaktighet "
                    + "kunskap kunskapen utveckling utvecklingen programmet program kund kunder rådgivning handledning "
                    + "familj familjer familjernas barn barnens unga ungdomar område området myndighet myndigheter "
                    + "ministeriet forskning rapport rapporten utredning utvärdering mål målen princip principerna").split(" "),
            "selko", ("kotoutuminen kotoutumista Suomi Suomessa suomen kieli kieltä kurssi kurssille kurssilla työ työtä "
                    + "työpaikka työpaikan työpaikkaa koulu koulussa lapsi lapset perhe perheen asunto asunnon asuminen "
                    + "kunta kunnan palvelu palvelut apua tukea neuvoa ihminen ihmiset yhdessä oppia opiskella "
                    + "opiskelu terveys terveyskeskus lääkäri raha tuki tietoa ohjelma kumppanuusohjelma järjestö "
                    + "järjestöt harrastus harrastukset ystävä ystäviä sana sanat helppo selkeä").split(" "));

    private static final Map<String, String[]> FILLER = Map.of(
            "fi", "ja on että se myös kun tai sekä jossa joka ovat voi eri uusi hyvä paljon".split(" "),
            "sv", "och är att det också när eller samt där som har kan olika ny god mycket".split(" "),
            "selko", "ja on se myös kun tai voi hyvä paljon sinä me he".split(" "));

    private static final int TOPIC = 12;
    private static final String[] KINDS = {"article", "article", "blog_post", "page"};

    private SyntheticCorpus() {
    }

    public record Author(String id, String name) {
    }

    /** One document: its key (also each version's slug), kind, and a version in each of {@link #LANGUAGES}. */
    public record Document(String key, String kind, List<Version> versions) {

        /** Its versions as the site's search index would see them once published. */
        public List<SearchDocument> searchDocuments() {
            return versions.stream().map(v -> new SearchDocument(SearchDocument.id(key, v.language()), v.language(), kind,
                    "/" + v.language() + "/" + key + "/", v.title(), v.summary(), v.text(), v.tags(),
                    v.authors().stream().map(Author::name).toList(), v.date())).toList();
        }
    }

    /** A language version: {@code body} is Markdown, {@code text} the same as plain text. */
    public record Version(String language, String title, String summary, String body, String text, List<String> tags,
                          List<Author> authors, OffsetDateTime date) {
    }

    /** The key of the {@code n}th document (from 0). */
    public static String key(int n) {
        return KEY_PREFIX + n;
    }

    /** The first {@code count} documents of the corpus that {@code seed} makes. */
    public static List<Document> documents(int count, long seed) {
        List<Document> out = new ArrayList<>(count);
        each(count, seed, out::add);
        return out;
    }

    /** The documents of {@link #documents}, one at a time: a large corpus need not be held in memory. */
    public static void each(int count, long seed, java.util.function.Consumer<Document> to) {
        Random random = new Random(seed);
        OffsetDateTime start = OffsetDateTime.of(2023, 1, 1, 9, 0, 0, 0, ZoneOffset.ofHours(2));
        for (int n = 0; n < count; n++) {
            String kind = KINDS[random.nextInt(KINDS.length)];
            List<Author> byline = kind.equals("blog_post") ? List.of(AUTHORS.get(n % AUTHORS.size())) : List.of();
            // Links point back, so that a document never names one that is not written yet.
            String linked = n == 0 ? null : key((int) ((n * 7919L) % n));
            List<Version> versions = new ArrayList<>(LANGUAGES.size());
            for (String language : LANGUAGES) {
                versions.add(version(random, language, byline, linked, start));
            }
            to.accept(new Document(key(n), kind, List.copyOf(versions)));
        }
    }

    /** The search index's view of {@link #documents}: {@code count} pages in each language. */
    public static List<SearchDocument> searchDocuments(int count, long seed) {
        return documents(count, seed).stream().flatMap(d -> d.searchDocuments().stream()).toList();
    }

    private static Version version(Random random, String language, List<Author> byline, String linked,
                                   OffsetDateTime start) {
        // Each page is about a few things, as real ones are: its words come from a topic of its own.
        String[] all = WORDS.get(language);
        String[] words = new String[TOPIC];
        for (int w = 0; w < TOPIC; w++) {
            words[w] = all[random.nextInt(all.length)];
        }
        StringBuilder body = new StringBuilder();
        List<String> text = new ArrayList<>();
        int paragraphs = 3 + random.nextInt(4);
        for (int p = 0; p < paragraphs; p++) {
            if (p == 1) {
                String heading = capitalise(words[0] + " " + words[1]);
                body.append("## ").append(heading).append("\n\n");
                text.add(heading);
            }
            String paragraph = sentence(random, language, words, 12 + random.nextInt(10)) + " "
                    + sentence(random, language, words, 8 + random.nextInt(10));
            body.append(paragraph);
            if (p == 0 && linked != null) {
                String anchor = words[2] + " " + words[3];
                body.append(" [").append(anchor).append("](doc:").append(linked).append(").");
                paragraph += " " + anchor + ".";
            }
            body.append("\n\n");
            text.add(paragraph);
        }
        for (int item = 4; item < 8; item += 2) {
            String entry = words[item] + " " + words[item + 1];
            body.append("- ").append(entry).append('\n');
            text.add(entry);
        }
        List<String> tags = List.of(words[random.nextInt(words.length)].toLowerCase(),
                words[random.nextInt(words.length)].toLowerCase()).stream().distinct().toList();
        String title = capitalise(sentence(random, language, words, 3 + random.nextInt(4)).replace(".", ""));
        String summary = sentence(random, language, words, 10 + random.nextInt(6));
        OffsetDateTime date = start.plusHours(random.nextInt(3 * 365 * 24));
        return new Version(language, title, summary, body.toString(), String.join("\n", text), tags, byline, date);
    }

    private static String sentence(Random random, String language, String[] words, int length) {
        String[] filler = FILLER.get(language);
        StringBuilder s = new StringBuilder();
        for (int w = 0; w < length; w++) {
            if (w > 0) {
                s.append(' ');
            }
            s.append(random.nextInt(3) == 0 ? filler[random.nextInt(filler.length)] : words[random.nextInt(words.length)]);
        }
        return capitalise(s.toString()) + ".";
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
