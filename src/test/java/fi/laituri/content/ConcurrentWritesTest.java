package fi.laituri.content;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.security.Role;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static fi.laituri.content.Drafts.article;
import static fi.laituri.content.Drafts.revisions;
import static fi.laituri.content.Drafts.uniqueWord;
import static fi.laituri.content.Drafts.variant;
import static fi.laituri.content.Drafts.variantUri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No update is ever lost: fifty writers on one variant at the same moment. */
@MicronautTest(transactional = false)
class ConcurrentWritesTest extends ApiTest {

    private static final int WRITERS = 50;


    ApiClient editor;

    @BeforeAll
    void signIn() {
        editor = ApiClient.as(client, users, Role.EDITOR);
    }

    @Test
    void writersHoldingTheSameETagGet200Or412AndEverySuccessIsOneRevision() throws Exception {
        long id = article(editor, variant("fi", "Kilpajuoksu " + uniqueWord(), "body", "alku"));
        String etag = editor.get(variantUri(id, "fi")).etag();

        List<ApiClient.Reply> replies = all(writer -> editor.put(variantUri(id, "fi"), body(writer), etag));

        replies.forEach(r -> assertTrue(r.status() == 200 || r.status() == 412, () -> r.status() + " " + r.text()));
        List<ApiClient.Reply> successes = replies.stream().filter(r -> r.status() == 200).toList();
        assertEquals(1 + successes.size(), revisions(editor, id, "fi").size());
        ApiClient.Reply lastSuccess = successes.stream()
                .max(Comparator.comparingLong(r -> ((Number) r.get("version")).longValue())).orElseThrow();
        assertEquals((Object) lastSuccess.get("body"), editor.get(variantUri(id, "fi")).get("body"));
    }

    @Test
    void ofWritersHoldingTheSameETagExactlyOneWins() throws Exception {
        long id = article(editor, variant("fi", "Yksi voittaa " + uniqueWord(), "body", "alku"));
        String etag = editor.get(variantUri(id, "fi")).etag();

        List<ApiClient.Reply> replies = all(writer -> editor.put(variantUri(id, "fi"), body(writer), etag));

        assertEquals(1, replies.stream().filter(r -> r.status() == 200).count());
        assertEquals(WRITERS - 1, replies.stream().filter(r -> r.status() == 412).count());
    }

    @Test
    void writersThatRereadAndRetryOn412AllLandExactlyOnce() throws Exception {
        long id = article(editor, variant("fi", "Jono " + uniqueWord(), "body", "alku"));

        List<ApiClient.Reply> replies = all(writer -> {
            while (true) {
                String etag = editor.get(variantUri(id, "fi")).etag();
                ApiClient.Reply reply = editor.put(variantUri(id, "fi"), body(writer), etag);
                if (reply.status() != 412) {
                    return reply;
                }
            }
        });

        replies.forEach(r -> assertEquals(200, r.status(), r.text()));
        List<Map<String, Object>> listed = revisions(editor, id, "fi");
        assertEquals(WRITERS + 1, listed.size());
        Map<String, Integer> revisionsPerBody = new HashMap<>();
        for (Map<String, Object> summary : listed) {
            ApiClient.Reply revision = editor.get(variantUri(id, "fi") + "/revisions/" + summary.get("number"));
            revisionsPerBody.merge(revision.get("body"), 1, Integer::sum);
        }
        for (int writer = 0; writer < WRITERS; writer++) {
            assertEquals(1, revisionsPerBody.getOrDefault(body(writer).get("body"), 0), "writer " + writer);
        }
    }

    private static Map<String, Object> body(int writer) {
        return variant("fi", "Kirjoittaja " + writer, "body", "Kirjoittajan " + writer + " teksti");
    }

    /** Runs one request per writer on its own thread, all released at once; returns the replies in writer order. */
    private static List<ApiClient.Reply> all(IntFunction<ApiClient.Reply> request) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS);
        try {
            CountDownLatch ready = new CountDownLatch(WRITERS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ApiClient.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                int writer = i;
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return request.apply(writer);
                }));
            }
            ready.await();
            go.countDown();
            List<ApiClient.Reply> replies = new ArrayList<>();
            for (Future<ApiClient.Reply> f : futures) {
                replies.add(f.get(2, TimeUnit.MINUTES));
            }
            return replies;
        } finally {
            threads.shutdownNow();
        }
    }
}
