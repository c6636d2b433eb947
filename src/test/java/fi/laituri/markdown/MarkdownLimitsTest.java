package fi.laituri.markdown;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkdownLimitsTest {

    @Test
    void everyFileOfTheContentFolderIsWithinTheLimits() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("content"))) {
            files = walk.filter(p -> p.toString().endsWith(".md")).toList();
        }

        assertFalse(files.isEmpty());
        for (Path file : files) {
            assertEquals(Optional.empty(), MarkdownLimits.check(Files.readString(file)), file.toString());
        }
    }

    @Test
    void aLongDocumentWithTablesNestedListsAndCodeIsWithinTheLimits() {
        StringBuilder body = new StringBuilder();
        for (int section = 1; section <= 60; section++) {
            body.append("## Tavoite ").append(section).append("\n\n")
                    .append("Ohjelma **edistää** _osallisuutta_ ja [kumppanuutta](doc:partnership-goals), katso `koodi` &amp; <https://kotoutuminen.fi>. ".repeat(3))
                    .append("\n\n1. Toimenpide\n   - tarkennus\n     - yksityiskohta\n       > lainaus\n2. Toinen\n\n")
                    .append("| Toimija | Vastuu | Aikataulu |\n|---|---|---|\n")
                    .append("| TEM | **koordinointi** | 2021–2022 |\n".repeat(8))
                    .append("\n```html\n").append("<p>esimerkki</p>\n".repeat(20)).append("```\n\n");
        }

        assertTrue(body.length() > 60_000, "a long document");
        assertEquals(Optional.empty(), MarkdownLimits.check(body.toString()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "quotes    | >         | 11 | nests block quotes and lists 11 deep",
            "bullets   | '- '      | 11 | nests block quotes and lists 11 deep",
            "ordered   | '12) '    | 11 | nests block quotes and lists 11 deep",
            "brackets  | '[a '     | 33 | nests brackets more than 32 deep",
            "images    | '!['      | 33 | nests brackets more than 32 deep",
            "angles    | '< '      | 101 | more than 100 '<'",
            "stars     | '*a '     | 501 | more than 500 markup characters",
            "entities  | '&amp; '  | 501 | more than 500 markup characters",
            "backticks | '` '      | 501 | more than 500 markup characters",
            "escapes   | '\\x '    | 501 | more than 500 markup characters",
            "cells     | 'a|'      | 101 | '|' (table cells); at most 100",
    })
    void aBodyOneStepOverALimitIsRefusedNamingTheLimit(String kind, String unit, int times, String named) {
        Optional<String> within = MarkdownLimits.check(unit.repeat(times - 1) + "x");
        Optional<String> over = MarkdownLimits.check(unit.repeat(times) + "x");

        assertEquals(Optional.empty(), within, kind);
        assertTrue(over.isPresent() && over.get().contains(named), () -> kind + ": " + over);
    }

    @Test
    void theMarkupOfTheWholeBodyIsBoundedAcrossParagraphs() {
        String paragraph = "*a* ".repeat(100) + "\n\n";

        assertEquals(Optional.empty(), MarkdownLimits.check(paragraph.repeat(50)));
        assertTrue(MarkdownLimits.check(paragraph.repeat(51)).orElseThrow().contains("more than 10000 markup characters"));
    }

    @Test
    void theSizeAndTheLengthOfALineAreBounded() {
        assertTrue(MarkdownLimits.check("a\n".repeat(50_001)).orElseThrow().contains("at most 100000"));
        assertTrue(MarkdownLimits.check("b\n" + "a".repeat(20_001)).orElseThrow().startsWith("line 2 is 20001 characters long"));
    }

    @Test
    void markupInsideFencedCodeIsNotCounted() {
        String code = "```\n" + "<a href=\"x\">[*_`&]</a>\n".repeat(1000) + "```\n\nLopuksi teksti.";

        assertEquals(Optional.empty(), MarkdownLimits.check(code));
    }

    @Test
    void aFenceWhoseInfoHasABacktickIsNoFenceAndItsParagraphIsCounted() {
        assertTrue(MarkdownLimits.check("``` a`b\n" + "<".repeat(101)).isPresent());
    }

    @Test
    void renderingABodyOverTheLimitsIsUnrenderableInsteadOfOverflowingTheStack() {
        Markdown markdown = new Markdown();

        Unrenderable e = assertThrows(Unrenderable.class, () -> markdown.toHtml(">".repeat(3500) + " teksti"));

        assertTrue(e.getMessage().contains("nests block quotes and lists 3500 deep"), e.getMessage());
    }

    @Test
    void listsNestedByIndentationCountTowardsTheNestingLimit() {
        StringBuilder body = new StringBuilder();
        for (int level = 0; level < 40; level++) {
            body.append("  ".repeat(level)).append("- kohta\n");
        }

        assertTrue(MarkdownLimits.check(body.toString()).orElseThrow().contains("nests block quotes and lists 11 deep"));
        assertEquals(Optional.empty(), MarkdownLimits.check(body.substring(0, body.indexOf("  ".repeat(19) + "-"))));
    }

    @Test
    void indentedCodeWithoutListMarkersIsNoNesting() {
        assertEquals(Optional.empty(), MarkdownLimits.check("Esimerkki:\n\n" + (" ".repeat(60) + "koodia\n").repeat(5)));
    }
}
