package fi.laituri.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildCompilationTest {

    /**
     * The JVM takes the start-up's directive, and holds it as written: C2 excluded for the start-up's and the read's
     * code; the search index's only once a small site's build says how many files it has, and not for a large one.
     * The directives are then taken off again, so that the rest of this test JVM compiles as before.
     */
    @Test
    void theJvmTakesTheDirectivesTheSearchIndexsOnlyForASmallSite() throws Exception {
        BuildCompilation.remove();
        try {
            assertTrue(BuildCompilation.apply(), "HotSpot's Compiler.directives_add took it");
            String printed = printed();
            assertExcluded(printed, BuildCompilation.START_UP);
            assertFalse(printed.contains("org/apache/lucene"), printed);

            assertFalse(BuildCompilation.forFiles(BuildCompilation.SMALL_SITE_FILES), "a large site's index keeps C2");
            assertFalse(printed().contains("org/apache/lucene"));
            assertTrue(BuildCompilation.forFiles(36_610), "a small site's index goes without");
            assertExcluded(printed(), BuildCompilation.SEARCH_INDEX);

            assertTrue(BuildCompilation.apply() && BuildCompilation.forFiles(100), "a second call adds nothing more");
            assertTrue(printed().split("Directive:").length - 1 <= 3, "ours twice and the default: " + printed());
        } finally {
            BuildCompilation.remove();
        }
        String after = printed();
        assertFalse(after.contains("org/apache/lucene") || after.contains("io/micronaut"), "taken off: " + after);
    }

    /** The pages' code keeps C2: no pattern reaches it. */
    @Test
    void thePagesCodeKeepsC2() {
        List<String> patterns = Stream.concat(BuildCompilation.START_UP.stream(), BuildCompilation.SEARCH_INDEX.stream()).toList();
        for (String pages : List.of("org/commonmark/", "io/pebbletemplates/", "fi/laituri/site/", "fi/laituri/markdown/",
                "fi/laituri/HtmlEscaping", "java/lang/String", "java/util/HashMap", "java/nio/", "sun/nio/",
                "sun/security/provider/")) {
            assertTrue(patterns.stream().noneMatch(p -> pages.startsWith(p.replace("*.*", "").replace(".*", ""))
                    || p.startsWith(pages)), pages + " keeps C2");
        }
    }

    /** Every pattern is a package's classes or one class, in the form HotSpot matches (slashes, a star at the end). */
    @Test
    void everyPatternIsAPackageOrAClass() {
        Pattern form = Pattern.compile("[a-z]+(/[a-z][a-z0-9_]*)*/(\\*|[A-Z][A-Za-z0-9_$]*)\\.\\*");
        Stream.concat(BuildCompilation.START_UP.stream(), BuildCompilation.SEARCH_INDEX.stream())
                .forEach(pattern -> assertTrue(form.matcher(pattern).matches(), pattern));
    }

    private static String printed() throws Exception {
        return BuildCompilation.diagnosticCommand("compilerDirectivesPrint");
    }

    /** Each pattern is in a directive whose C2 part excludes what it matches. */
    private static void assertExcluded(String printed, List<String> patterns) {
        for (String pattern : patterns) {
            int at = printed.indexOf(pattern);
            assertTrue(at >= 0, pattern + " in " + printed);
            String rest = printed.substring(at);
            String c2 = rest.substring(rest.indexOf("c2 directives:"));
            assertTrue(c2.substring(0, c2.indexOf('\n', c2.indexOf("Exclude:"))).contains("Exclude:true"), pattern + ": " + c2);
        }
    }
}
