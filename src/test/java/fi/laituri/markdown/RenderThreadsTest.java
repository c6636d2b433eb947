package fi.laituri.markdown;

import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderThreadsTest {

    private final Markdown markdown = new Markdown();

    /** The thread a body's {@code doc:} link was resolved on: the one that parsed it. */
    private String parsedOn() {
        String[] on = new String[1];
        markdown.toHtml("[a link](doc:other)", key -> {
            on[0] = Thread.currentThread().getName();
            return Optional.of("/fi/other/");
        }, link -> { });
        return on[0];
    }

    @Test
    void everyItemIsDoneOnceOnRenderThreads() {
        List<Integer> items = IntStream.range(0, 1000).boxed().toList();
        Set<Integer> done = ConcurrentHashMap.newKeySet();
        AtomicInteger calls = new AtomicInteger();
        Set<Boolean> onRenderThreads = ConcurrentHashMap.newKeySet();
        RenderThreads.forEach("test", items, i -> {
            calls.incrementAndGet();
            done.add(i);
            onRenderThreads.add(RenderThreads.current());
        });
        assertEquals(1000, calls.get());
        assertEquals(1000, done.size());
        assertEquals(Set.of(true), onRenderThreads);
    }

    @Test
    void aBodyIsParsedOnTheRenderThreadThatAsksAndHandedToAMarkdownThreadFromAnyOther() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Set<String> parsers = ConcurrentHashMap.newKeySet();
        RenderThreads.forEach("build", List.of(1, 2, 3, 4), i -> {
            threads.add(Thread.currentThread().getName());
            parsers.add(parsedOn());
        });
        assertEquals(threads, parsers, "each render thread parsed its own bodies");
        assertTrue(parsedOn().startsWith("markdown-"),
                "a request's thread hands the body to a markdown thread");
    }

    @Test
    void theDeepestBodyWithinTheLimitsRendersOnARenderThread() {
        // Ten levels of block quotes and lists and brackets 32 deep: as deep as the limits let a body nest.
        String deep = "> ".repeat(5) + "- ".repeat(5) + "[".repeat(32) + "x" + "]".repeat(32) + "\n";
        assertTrue(MarkdownLimits.check(deep).isEmpty());
        String[] html = new String[1];
        RenderThreads.forEach("build", List.of(deep), body -> html[0] = markdown.toHtml(body, key -> Optional.empty(), l -> { }));
        assertTrue(html[0].contains("<blockquote>") && html[0].contains("x"), html[0]);
    }

    @Test
    void theFirstFailureIsThrownAsItWasAndStopsTheRest() {
        UncheckedIOException disk = new UncheckedIOException(new java.io.IOException("No space left on device"));
        AtomicInteger done = new AtomicInteger();
        UncheckedIOException thrown = assertThrows(UncheckedIOException.class,
                () -> RenderThreads.forEach("build", IntStream.range(0, 100_000).boxed().toList(), i -> {
                    if (i == 10) {
                        throw disk;
                    }
                    done.incrementAndGet();
                }));
        assertSame(disk, thrown);
        assertTrue(done.get() < 99_999, "the others stopped taking items: " + done.get());
        Error error = new AssertionError("broken");
        assertSame(error, assertThrows(AssertionError.class, () -> RenderThreads.forEach("build", List.of(1), i -> {
            throw error;
        })));
    }

    @Test
    void noItemsStartsNoThread() {
        RenderThreads.forEach("build", List.<Integer>of(), i -> {
            throw new IllegalStateException("no item to do");
        });
    }
}
