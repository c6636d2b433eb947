package fi.laituri.search;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A reproducible corpus of made-up pages in Finnish, Swedish and plain Finnish about integration work, for the
 * search benchmark and the relevance tests: sentences drawn from each language's words (inflected forms and
 * compounds as real pages have them), the same seed always giving the same pages.
 */
public final class SyntheticCorpus {

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

    private static final List<String> LANGUAGES = List.of("fi", "sv", "selko");
    private static final int TOPIC = 12;
    private static final String[] KINDS = {"article", "article", "blog_post", "page"};

    private SyntheticCorpus() {
    }

    /** {@code perLanguage} pages in each of fi, sv and selko. */
    public static List<SearchDocument> documents(int perLanguage, long seed) {
        Random random = new Random(seed);
        List<SearchDocument> out = new ArrayList<>(perLanguage * LANGUAGES.size());
        OffsetDateTime start = OffsetDateTime.of(2023, 1, 1, 9, 0, 0, 0, ZoneOffset.ofHours(2));
        for (int i = 0; i < perLanguage; i++) {
            for (String language : LANGUAGES) {
                // Each page is about a few things, as real ones are: its words come from a topic of its own.
                String[] all = WORDS.get(language);
                String[] words = new String[TOPIC];
                for (int w = 0; w < TOPIC; w++) {
                    words[w] = all[random.nextInt(all.length)];
                }
                StringBuilder body = new StringBuilder();
                int paragraphs = 3 + random.nextInt(4);
                for (int p = 0; p < paragraphs; p++) {
                    body.append(sentence(random, language, words, 12 + random.nextInt(10))).append(' ')
                            .append(sentence(random, language, words, 8 + random.nextInt(10))).append("\n");
                }
                List<String> tags = List.of(words[random.nextInt(words.length)].toLowerCase(),
                        words[random.nextInt(words.length)].toLowerCase());
                out.add(new SearchDocument(SearchDocument.id("synthetic-" + i, language), language,
                        KINDS[random.nextInt(KINDS.length)], "/" + language + "/synthetic-" + i + "/",
                        capitalise(sentence(random, language, words, 3 + random.nextInt(4)).replace(".", "")),
                        sentence(random, language, words, 10 + random.nextInt(6)), body.toString().strip(),
                        tags.stream().distinct().toList(), List.of(),
                        start.plusHours(random.nextInt(3 * 365 * 24))));
            }
        }
        return out;
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
