package fi.laituri.site;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default theme ships in the jar; a templates folder overrides it file by file, and its messages key by key. */
class ThemeOverrideTest {

    private static final Page.Frame FRAME = new Page.Frame("http://localhost:8080/fi/sivu/", "/fi/", List.of(),
            List.of(), null, null, null, null, null, true);

    private static Page page() {
        return new Page("fi", "fi", "Otsikko", "", "<p>Teksti</p>", List.of(), null, List.of(), false, FRAME);
    }

    @Test
    void withNoTemplatesFolderThePagesAreRenderedWithTheThemeInTheJar(@TempDir Path dir) {
        SiteFactory site = new SiteFactory(dir.resolve("no-such-folder").toString());

        String html = new PageRenderer(site.pebble(), site.messages()).render(page());

        assertTrue(html.contains("<title>Otsikko – Kotoutumisen kumppanuusohjelma</title>"), html);
        assertTrue(html.contains("<p>Teksti</p>"), html);
    }

    @Test
    void aTemplateInTheFolderReplacesTheJarsOneAndTheOthersStillComeFromTheJar(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("page.peb"),
                "{% extends \"layout.peb\" %}{% block title %}Oma {{ title }}{% endblock %}"
                        + "{% block content %}<article class=\"own\">{{ bodyHtml | raw }}</article>{% endblock %}");
        SiteFactory site = new SiteFactory(dir.toString());

        String html = new PageRenderer(site.pebble(), site.messages()).render(page());

        assertTrue(html.contains("<article class=\"own\"><p>Teksti</p></article>"), html);
        assertTrue(html.contains("<title>Oma Otsikko – Kotoutumisen kumppanuusohjelma</title>"), "the layout is the jar's: " + html);
    }

    @Test
    void aMessagesFileInTheFolderOverlaysTheJarsOneKeyByKey(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("i18n"));
        Files.writeString(dir.resolve("i18n/fi.properties"), "siteName=Kotoutuminen.fi\n");
        SiteMessages messages = new SiteFactory(dir.toString()).messages();

        assertEquals("Kotoutuminen.fi", messages.of("fi").get("siteName"));
        assertEquals("Selkosuomi", messages.of("fi").get("plainLanguageLabel"), "the keys not overridden come from the jar");
    }
}
