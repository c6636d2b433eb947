package fi.laituri.markdown;

import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuickAutolinkTest {

    private static final List<String> BODIES = List.of(
            "Kotoutumisen tuki kunnissa ja järjestöissä.\n\n- kielen koulutus\n- ohjelman raportti",
            "Lue lisää: https://kotoutuminen.fi/ohjelmat ja kysy neuvoa.",
            "Sähköposti neuvonta@example.fi tai puhelin.",
            "Katso www.kotoutuminen.fi ja WWW.EXAMPLE.FI sekä wwwx.fi.",
            "Huom: tämä ei ole linkki, eikä tämäkään: ftp:/x tai a: b.",
            "[linkki https://a.fi](doc:synthetic-1) ja [toinen](https://b.fi) teksti.",
            "![kuva https://c.fi/x.png](media:12) ja `https://code.fi` koodissa.",
            "| a | b |\n|---|---|\n| https://d.fi | e@f.fi |",
            "> lainaus www.g.fi\n\n# Otsikko https://h.fi",
            "Tyhjä\\\n\nrivinvaihto  \nja loppu.",
            "");

    private static final Parser EXTENSION = Parser.builder()
            .extensions(List.<Extension>of(TablesExtension.create(), AutolinkExtension.create())).build();
    private static final Parser QUICK = Parser.builder()
            .extensions(List.<Extension>of(TablesExtension.create(), QuickAutolink.create())).build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().build();

    @Test
    void rendersEveryBodyAsCommonmarksAutolinkExtensionDoes() {
        for (String body : BODIES) {
            assertEquals(HTML.render(EXTENSION.parse(body)), HTML.render(QUICK.parse(body)), body);
        }
    }

    @Test
    void leavesTextWithoutAnythingALinkStartsFromUnread() {
        assertFalse(QuickAutolink.mayLink(Parser.builder().build().parse(BODIES.get(0))));
        assertFalse(QuickAutolink.mayLink(Parser.builder().build().parse("Linkki [https://a.fi](https://a.fi) vain linkissä.")));
        assertTrue(QuickAutolink.mayLink(Parser.builder().build().parse("Osoite https://a.fi tekstissä.")));
        assertTrue(QuickAutolink.mayLink(Parser.builder().build().parse("Posti a@b.fi tekstissä.")));
        assertTrue(QuickAutolink.mayLink(Parser.builder().build().parse("Sivu www.a.fi tekstissä.")));
    }

    @Test
    void theSitesMarkdownStillLinksBareAddresses() {
        String html = new Markdown().toHtml("Lue https://kotoutuminen.fi/ tai kirjoita neuvonta@example.fi.");
        assertTrue(html.contains("<a href=\"https://kotoutuminen.fi/\">https://kotoutuminen.fi/</a>"), html);
        assertTrue(html.contains("<a href=\"mailto:neuvonta@example.fi\">neuvonta@example.fi</a>"), html);
    }
}
