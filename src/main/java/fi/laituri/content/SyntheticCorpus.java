package fi.laituri.content;

import fi.laituri.security.Actor;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * A synthetic site for benchmarks: documents in Finnish, Swedish and plain-language Finnish, each version
 * published, with tags, bylines, dates and {@code doc:} links between them, written straight into the
 * database in batches (tens of thousands of versions in seconds). Keys are {@code bench-<n>}; the same
 * {@code seed} always writes the same corpus.
 */
@Singleton
public class SyntheticCorpus {

    public static final String KEY_PREFIX = "bench-";

    private static final String[] FI = ("kotoutuminen kotoutumisen kotoutumista maahanmuuttaja maahanmuuttajien työllisyys "
            + "työllisyyden koulutus koulutuksen kotoutumiskoulutus kumppanuusohjelma kumppanuusohjelman järjestö järjestöjen "
            + "kunta kuntien palvelu palvelut palveluiden ohjaus neuvonta kieli kielen suomen ruotsin opiskelu opiskelijat "
            + "hanke hankkeen rahoitus osaaminen osaamisen yhteistyö yhteistyön verkosto verkoston tavoite tavoitteet "
            + "toimenpide toimenpiteet ohjelma arviointi tutkimus tieto tiedon asukas asukkaat perhe perheiden lapset "
            + "nuoret työ työpaikka yritys yritykset vapaaehtoinen vapaaehtoistyö harrastus yhdenvertaisuus osallisuus "
            + "hyvinvointi terveys asuminen arki ja sekä tai mutta myös kun jos että on ovat oli voi tulee kaikille "
            + "uusi uuden tärkeä paikallinen valtakunnallinen vuonna vuoden aikana kanssa kautta").split(" ");
    private static final String[] SV = ("integration integrationen invandrare invandrarnas sysselsättning utbildning "
            + "integrationsutbildning partnerskapsprogram partnerskapsprogrammets organisation organisationer kommun "
            + "kommunernas tjänst tjänster vägledning rådgivning språk svenska finska studier projekt finansiering "
            + "kompetens samarbete nätverk mål åtgärd åtgärder program utvärdering forskning invånare familj barn unga "
            + "arbete arbetsplats företag frivillig delaktighet välfärd hälsa boende och samt eller men också när om "
            + "att är var kan blir alla ny viktig lokal nationell år under med genom").split(" ");
    private static final String[] TAGS = ("kotoutuminen työllisyys koulutus kumppanuus järjestöt kunnat kieli nuoret "
            + "perheet osallisuus tutkimus rahoitus verkostot hyvinvointi asuminen vapaaehtoistyö yhdenvertaisuus "
            + "osaaminen neuvonta palvelut").split(" ");
    private static final String[] LANGUAGES = {"fi", "sv", "selko"};

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> tx;
    private final Authors authors;

    SyntheticCorpus(JdbcOperations jdbc, TransactionOperations<Connection> tx, Authors authors) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.authors = authors;
    }

    /** How many benchmark documents the database holds. */
    public int size() {
        return count("SELECT COUNT(*) FROM document WHERE translation_key LIKE '" + KEY_PREFIX + "%'");
    }

    /** How many other documents it holds: a benchmark refuses to mix its corpus into real content. */
    public int others() {
        return count("SELECT COUNT(*) FROM document WHERE translation_key NOT LIKE '" + KEY_PREFIX + "%'");
    }

    private int count(String sql) {
        return tx.executeRead(s -> jdbc.prepareStatement(sql, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }));
    }

    /** Writes {@code documents} published documents in three languages, 500 at a time. */
    public void create(int documents, long seed, Actor author) {
        Random random = new Random(seed);
        List<String> authors = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String id = "bench-author-" + i;
            if (this.authors.listAuthors().stream().noneMatch(a -> a.id().equals(id))) {
                this.authors.createAuthor(new Api.AuthorInput(id, "Kirjoittaja " + i, "asiantuntija", "Laituri"), author);
            }
            authors.add(id);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int from = 0; from < documents; from += 500) {
            int to = Math.min(documents, from + 500);
            int first = from;
            tx.executeWrite(s -> {
                long documentId = max("document") + 1;
                long variantId = max("variant") + 1;
                insertBatch(random, first, to, documentId, variantId, documents, authors, now);
                return null;
            });
        }
    }

    private long max(String table) {
        return jdbc.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM " + table, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private void insertBatch(Random random, int from, int to, long documentId, long variantId, int documents,
                             List<String> authors, Instant now) {
        jdbc.prepareStatement("INSERT INTO document (id, kind, translation_key, version, created_at, updated_at) "
                + "VALUES (?, ?, ?, 0, ?, ?)", docs -> {
            try (PreparedStatement variants = docs.getConnection().prepareStatement("INSERT INTO variant (id, document_id, "
                    + "language, slug, title, summary, body, tags, authors, content_date, status, revision, content_hash, "
                    + "version, created_at, updated_at, live_revision, first_published_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'published', 1, ?, 0, ?, ?, 1, ?)");
                 PreparedStatement revisions = docs.getConnection().prepareStatement("INSERT INTO revision (variant_id, "
                         + "number, slug, title, summary, body, tags, authors, content_date, content_hash, created_by, created_at) "
                         + "VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, 'bench', ?)")) {
                Timestamp stamp = Timestamp.from(now);
                long vid = variantId;
                for (int n = from; n < to; n++) {
                    long id = documentId + n - from;
                    boolean blog = random.nextInt(5) < 2;
                    docs.setLong(1, id);
                    docs.setString(2, blog ? "blog_post" : "article");
                    docs.setString(3, KEY_PREFIX + n);
                    docs.setTimestamp(4, stamp);
                    docs.setTimestamp(5, stamp);
                    docs.addBatch();
                    String tags = json(List.of(TAGS[random.nextInt(TAGS.length)], TAGS[random.nextInt(TAGS.length)]).stream()
                            .distinct().toList());
                    String byline = blog ? json(List.of(authors.get(random.nextInt(authors.size())))) : "[]";
                    Timestamp date = Timestamp.from(now.minus(random.nextInt(3 * 365 * 24), ChronoUnit.HOURS));
                    int linked = random.nextInt(documents);
                    for (String language : LANGUAGES) {
                        String[] words = language.equals("sv") ? SV : FI;
                        String title = capitalise(sentence(random, words, 3 + random.nextInt(4))) + " " + n;
                        String slug = language + "-" + KEY_PREFIX + n;
                        String summary = capitalise(sentence(random, words, 15)) + ".";
                        String body = body(random, words, language.equals("selko") ? 3 : 6, KEY_PREFIX + linked);
                        String hash = sha256(title + summary + body + tags);
                        variants.setLong(1, vid);
                        variants.setLong(2, id);
                        variants.setString(3, language);
                        variants.setString(4, slug);
                        variants.setString(5, title);
                        variants.setString(6, summary);
                        variants.setString(7, body);
                        variants.setString(8, tags);
                        variants.setString(9, byline);
                        variants.setTimestamp(10, date);
                        variants.setString(11, hash);
                        variants.setTimestamp(12, stamp);
                        variants.setTimestamp(13, stamp);
                        variants.setTimestamp(14, stamp);
                        variants.addBatch();
                        revisions.setLong(1, vid);
                        revisions.setString(2, slug);
                        revisions.setString(3, title);
                        revisions.setString(4, summary);
                        revisions.setString(5, body);
                        revisions.setString(6, tags);
                        revisions.setString(7, byline);
                        revisions.setTimestamp(8, date);
                        revisions.setString(9, hash);
                        revisions.setTimestamp(10, stamp);
                        revisions.addBatch();
                        vid++;
                    }
                }
                docs.executeBatch();
                variants.executeBatch();
                revisions.executeBatch();
            }
            return null;
        });
    }

    private static String body(Random random, String[] words, int paragraphs, String linked) {
        StringBuilder body = new StringBuilder();
        for (int p = 0; p < paragraphs; p++) {
            if (p % 3 == 1) {
                body.append("## ").append(capitalise(sentence(random, words, 3))).append("\n\n");
            }
            for (int s = 0; s < 4; s++) {
                body.append(capitalise(sentence(random, words, 8 + random.nextInt(8)))).append(". ");
            }
            if (p == 1) {
                body.append("[").append(sentence(random, words, 2)).append("](doc:").append(linked).append(").");
            }
            body.append("\n\n");
        }
        body.append("- ").append(sentence(random, words, 4)).append("\n- ").append(sentence(random, words, 5)).append('\n');
        return body.toString();
    }

    private static String sentence(Random random, String[] words, int length) {
        List<String> out = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            out.add(words[random.nextInt(words.length)]);
        }
        return String.join(" ", out);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String json(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
