package fi.laituri.cli;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildCompilationTest {

    /**
     * The JVM takes the directive, and holds it as written: C2 excluded for the index's, the start-up's and the read's
     * code, and not for the pages'. The directive is then taken off again, so that the rest of this test JVM compiles
     * as before.
     */
    @Test
    void theJvmTakesTheDirectiveForTheIndexStartUpAndReadNotThePages() throws Exception {
        BuildCompilation.remove();
        assertTrue(BuildCompilation.apply(), "HotSpot's Compiler.directives_add took it");
        String printed = BuildCompilation.diagnosticCommand("compilerDirectivesPrint");
        try {
            String ours = printed.substring(printed.indexOf("org/apache/lucene/*.*"));
            String c2 = ours.substring(ours.indexOf("c2 directives:"));
            assertTrue(c2.contains("Exclude:true"), c2);
            for (String pattern : BuildCompilation.WITHOUT_C2) {
                assertTrue(printed.contains(pattern), pattern + " in " + printed);
            }
            for (String pages : new String[] {"org/commonmark", "io/pebbletemplates", "fi/laituri/site", "fi/laituri/markdown",
                    "java/lang/String", "java/util/HashMap"}) {
                assertTrue(BuildCompilation.WITHOUT_C2.stream().noneMatch(p -> pages.startsWith(p.replace("*.*", ""))
                        || p.startsWith(pages)), pages + " keeps C2");
            }
            assertTrue(BuildCompilation.apply(), "a second call finds it in place and adds nothing more");
        } finally {
            BuildCompilation.remove();
        }
        assertFalse(BuildCompilation.diagnosticCommand("compilerDirectivesPrint").contains("org/apache/lucene/*.*"),
                "taken off");
    }

    /** Every pattern is a package's classes or one class, in the form HotSpot matches (slashes, a star at the end). */
    @Test
    void everyPatternIsAPackageOrAClass() {
        Pattern form = Pattern.compile("[a-z]+(/[a-z][a-z0-9_]*)*/(\\*|[A-Z][A-Za-z0-9_$]*)\\.\\*");
        for (String pattern : BuildCompilation.WITHOUT_C2) {
            assertTrue(form.matcher(pattern).matches(), pattern);
        }
    }
}
