package fi.laituri.search.lucene;

import fi.laituri.search.SearchDocument;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Pages that speak of the same things as the seed site, in its own words, to hide the seed pages among: what a
 * real integration portal looks like to search. The same seed pages and {@code seed} always give the same pages.
 *
 * <p>Per language the vocabulary is every word written on three seed pages of that language (two where it has
 * only three pages): the words a query shares with many pages, never a page's own rarer words, plus a list of
 * the topic's inflected forms and compounds. Words are drawn by their frequency on the seed site, as real text repeats its
 * common words. What makes them hard:
 * <ul>
 *   <li>titles that repeat the topic's heaviest words, two or three times in different forms
 *       ("Alueellinen kotoutuminen ja alueellisen kotoutumisen verkostot");</li>
 *   <li>short pages whose few words are all common query words, and long ones that repeat them;</li>
 *   <li>tags drawn from the same heavy words as the seed pages' tags;</li>
 *   <li>dates all over the three years before the test's clock, so recency cannot pick the seed page.</li>
 * </ul>
 */
final class SeedDistractors {

    private static final Map<String, String[]> HEAVY = Map.of(
            "fi", words("kotoutuminen kotoutumisen kotoutumista kotoutumiseen kumppanuusohjelma kumppanuusohjelman "
                    + "kumppanuusohjelmassa alueellinen alueellisen alueellista alueelliset järjestöjen järjestöt "
                    + "toimintasuunnitelma toimintasuunnitelman yhteiskunnan vastaanottavuus vastaanottavuuden "
                    + "inklusiivinen inklusiivisen yhteistyö yhteistyön kehittäminen kehittämisen tavoitteet "
                    + "periaatteet kumppanuus kumppanuudet"),
            "sv", words("integration integrationen integrationens partnerskapsprogrammet partnerskapsprogrammets "
                    + "partnerskap samhället samhällets regional regionala regionalt organisationer organisationernas "
                    + "inkluderande inklusivt samarbete samarbetet utveckling utvecklingen målen principerna "
                    + "verksamheten aktörerna"),
            "selko", words("kumppanuusohjelma kumppanuusohjelman kotoutuminen kotoutumista ohjelma ohjelman "
                    + "yhteiskunta yhteiskuntaan työ työtä tavoite tavoitteet sivusto sivuston tietoa apua "
                    + "periaate järjestöt yhdessä"));

    /** The topic's words in forms and compounds the seed pages happen not to use, as other pages would. */
    private static final Map<String, String[]> TOPIC = Map.of(
            "fi", words("kotoutumiskoulutus kotoutumiskoulutuksen kotouttaminen kotouttamisen kotoutumissuunnitelma "
                    + "maahanmuuttaja maahanmuuttajien maahanmuuttajille maahanmuutto kunta kunnan kunnissa kuntien "
                    + "järjestö järjestön järjestöille järjestötoiminta palvelu palvelut palveluiden työllisyys "
                    + "työllisyyden työelämä työelämään koulutus koulutuksen kieli kielen suomen ruotsin opetus "
                    + "verkosto verkoston verkostot verkostossa hanke hankkeen hankkeet rahoitus rahoitusta avustus "
                    + "avustuksen osallisuus osallisuutta vaikuttavuus tieto tietoa tiedon ohjelma ohjelman neuvonta "
                    + "ohjaus perhe perheiden nuoret nuorten alue alueen alueella aluekoordinaattori viranomainen "
                    + "viranomaiset ministeriö ministeriön tutkimus raportti selvitys arviointi tavoite periaate "
                    + "yhdenvertaisuus yhdenvertaisuuden osaaminen osaamisen asiantuntija asiantuntijat toimija "
                    + "toimijat toimijoiden kumppani kumppanit kumppanuusverkosto kumppanuustyö yhteiskehittäminen "
                    + "toimintamalli toimintamallit käytännöt viestintä verkkosivusto sivusto tilaisuus tilaisuudet "
                    + "koulutukset seminaari vuosi vuonna ajankohtaista uutiset"),
            "sv", words("integrationsutbildning integrationsplan invandrare invandrarna invandrares kommun kommunen "
                    + "kommunerna kommunernas organisation samarbeten tjänst tjänster tjänsterna sysselsättning "
                    + "arbetsliv arbetslivet utbildning utbildningen språk språket svenska finska undervisning "
                    + "nätverk nätverket nätverken projekt projektet finansiering bidrag bidraget samhälle delaktighet "
                    + "kunskap kunskapen utvecklingsarbete programmet program rådgivning handledning familj familjer "
                    + "unga område området myndighet myndigheter ministeriet forskning rapport utredning utvärdering "
                    + "mål princip aktörer aktör partner partnerskapsnätverk samarbetsmodeller verksamhet "
                    + "kommunikation webbplats webbplatsen evenemang seminarium aktuellt nyheter år likabehandling "
                    + "kompetens expertis"),
            "selko", words("kotoutuminen Suomi Suomessa suomen kieli kieltä kurssi kurssille kurssilla työpaikka "
                    + "työpaikan koulu koulussa lapsi lapset perhe perheen asunto asuminen kunta kunnan palvelu "
                    + "palvelut tukea neuvoa ihminen ihmiset oppia opiskella opiskelu terveys terveyskeskus lääkäri "
                    + "raha tuki järjestö harrastus harrastukset ystävä ystäviä sana sanat helppo selkeä toimija "
                    + "toimijat verkosto uutiset tapahtuma vuosi"));

    private static final String[] KINDS = {"article", "article", "page", "blog_post"};

    private SeedDistractors() {
    }

    /** {@code perLanguage} pages in each language of {@code seedPages}, keyed {@code distractor-<n>}. */
    static List<SearchDocument> of(List<SearchDocument> seedPages, int perLanguage, long seed) {
        Map<String, List<SearchDocument>> byLanguage = new TreeMap<>();
        seedPages.forEach(p -> byLanguage.computeIfAbsent(p.language(), l -> new ArrayList<>()).add(p));
        List<SearchDocument> out = new ArrayList<>();
        for (Map.Entry<String, List<SearchDocument>> language : byLanguage.entrySet()) {
            Random random = new Random(seed * 31 + language.getKey().hashCode());
            Vocabulary vocabulary = Vocabulary.of(language.getValue(), TOPIC.getOrDefault(language.getKey(), new String[0]));
            String[] heavy = HEAVY.getOrDefault(language.getKey(), new String[0]);
            for (int n = 0; n < perLanguage; n++) {
                out.add(page(random, language.getKey(), n, vocabulary, heavy));
            }
        }
        return out;
    }

    private static SearchDocument page(Random random, String language, int n, Vocabulary vocabulary, String[] heavy) {
        List<String> title = new ArrayList<>();
        int length = 2 + random.nextInt(5);
        for (int w = 0; w < length; w++) {
            title.add(vocabulary.content(random));
        }
        // Most titles carry a heavy word; a third of them two or three times, in different forms.
        if (heavy.length > 0 && random.nextInt(4) > 0) {
            int repeats = random.nextInt(3) == 0 ? 2 + random.nextInt(2) : 1;
            String first = heavy[random.nextInt(heavy.length)];
            for (int r = 0; r < repeats; r++) {
                String form = r == 0 ? first : sameStart(random, heavy, first);
                title.add(random.nextInt(title.size() + 1), form);
            }
        }
        int paragraphs = random.nextInt(5) == 0 ? 1 : 2 + random.nextInt(random.nextInt(6) == 0 ? 14 : 5);
        List<String> body = new ArrayList<>();
        for (int p = 0; p < paragraphs; p++) {
            body.add(sentence(random, vocabulary, heavy, 10 + random.nextInt(16)) + " "
                    + sentence(random, vocabulary, heavy, 6 + random.nextInt(14)));
        }
        List<String> tags = heavy.length == 0 ? List.of()
                : List.of(heavy[random.nextInt(heavy.length)], heavy[random.nextInt(heavy.length)]).stream()
                .map(t -> t.toLowerCase(java.util.Locale.ROOT)).distinct().toList();
        String kind = KINDS[random.nextInt(KINDS.length)];
        OffsetDateTime date = OffsetDateTime.of(2023, 12, 1, 9, 0, 0, 0, ZoneOffset.ofHours(2))
                .plusHours(random.nextInt(3 * 365 * 24));
        String key = "distractor-" + n;
        return new SearchDocument(SearchDocument.id(key, language), language, kind, "/" + language + "/" + key + "/",
                capitalise(String.join(" ", title)), sentence(random, vocabulary, heavy, 8 + random.nextInt(12)),
                String.join("\n\n", body), tags, List.of(), date);
    }

    /** Another heavy word of the same first six letters (another form of it), or the word itself. */
    private static String sameStart(Random random, String[] heavy, String word) {
        List<String> forms = new ArrayList<>();
        for (String h : heavy) {
            if (!h.equals(word) && h.regionMatches(0, word, 0, Math.min(6, Math.min(h.length(), word.length())))) {
                forms.add(h);
            }
        }
        return forms.isEmpty() ? word : forms.get(random.nextInt(forms.size()));
    }

    private static String sentence(Random random, Vocabulary vocabulary, String[] heavy, int length) {
        List<String> words = new ArrayList<>();
        for (int w = 0; w < length; w++) {
            int pick = random.nextInt(10);
            words.add(pick == 0 && heavy.length > 0 ? heavy[random.nextInt(heavy.length)]
                    : pick < 4 ? vocabulary.topic(random) : vocabulary.seed(random));
        }
        return capitalise(String.join(" ", words)) + ".";
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String[] words(String list) {
        return list.split(" ");
    }

    /**
     * The words of a language: those of the seed pages written on two or more of them, each as often as the
     * seed site writes it, and the topic's list.
     */
    private record Vocabulary(List<String> seedWords, String[] topic) {

        static Vocabulary of(List<SearchDocument> pages, String[] topic) {
            Map<String, Integer> pagesWith = new HashMap<>();
            Map<String, Integer> count = new TreeMap<>();
            for (SearchDocument page : pages) {
                Set<String> seen = new HashSet<>();
                for (String word : Analysis.words(page.title() + " " + page.summary() + " " + page.bodyText())) {
                    if (word.chars().allMatch(Character::isLetter)) {
                        count.merge(word, 1, Integer::sum);
                        if (seen.add(word)) {
                            pagesWith.merge(word, 1, Integer::sum);
                        }
                    }
                }
            }
            // A word three seed pages write (two, in a language of three pages or fewer): the site's common words,
            // never one page's own, nor those of two pages that tell the same thing (a page and its summary page).
            int common3rd = pages.size() <= 3 ? 2 : 3;
            List<String> common = new ArrayList<>();
            count.forEach((word, times) -> {
                if (pagesWith.get(word) >= common3rd) {
                    for (int i = 0; i < times; i++) {
                        common.add(word);
                    }
                }
            });
            return new Vocabulary(common, topic);
        }

        String seed(Random random) {
            return seedWords.isEmpty() ? topic(random) : seedWords.get(random.nextInt(seedWords.size()));
        }

        String topic(Random random) {
            return topic.length == 0 ? seed(random) : topic[random.nextInt(topic.length)];
        }

        /** A title's word: a topic word, or a seed word of more than three letters (not "ja", "on", "och"). */
        String content(Random random) {
            for (int tries = 0; tries < 20; tries++) {
                String w = random.nextBoolean() ? topic(random) : seed(random);
                if (w.length() > 3) {
                    return w;
                }
            }
            return topic(random);
        }
    }
}
