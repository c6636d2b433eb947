package fi.laituri.translation;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.content.ContentFolder;
import fi.laituri.markdown.Markdown;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Node;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static fi.laituri.translation.Desk.require;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class XliffApiTest extends ApiTest {

    private static final String BODY = """
            ## Ohjelma *tänään*

            Lue **tärkeä** [ohje](https://example.fi/ohje "Ohje") ja `koodi` tästä.

            - ensimmäinen _kohta_
            - toinen kohta

            | Päivä | Paikka |
            | --- | --- |
            | maanantai | [sali](doc:sali) |
            """;

    @Inject
    ContentFolder folder;

    @Inject
    Markdown markdown;

    Desk desk;

    @BeforeAll
    void staff() {
        desk = new Desk(client, users);
    }

    private String export(long id, String lang) {
        ApiClient.Reply r = require(200, desk.translator.get("/api/v1/translations/" + id + "/" + lang + "/xliff"));
        assertTrue(r.contentType().startsWith("application/xliff+xml"), r.contentType());
        return r.text();
    }

    private ApiClient.Reply importFile(long id, String lang, String xml) {
        return desk.postXliff(desk.translatorToken, "/api/v1/translations/" + id + "/" + lang + "/xliff", xml, null);
    }

    private long published(String body) {
        long id = desk.document("article", "Viikko " + Desk.unique(), body);
        desk.publish(id, "fi");
        return id;
    }

    @Test
    void anExportHasAUnitPerBlockAndInlineCodesForFormattingAndLinks() {
        String xml = export(published(BODY), "sv");
        assertTrue(xml.contains("xmlns=\"urn:oasis:names:tc:xliff:document:2.0\""));
        assertTrue(xml.contains("version=\"2.0\" srcLang=\"fi\" trgLang=\"sv\""));
        Map<String, String> units = Desk.sources(xml);
        assertEquals(List.of("title", "summary", "tag1", "b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8"), List.copyOf(units.keySet()));
        assertEquals("Lue tärkeä ohje ja  tästä.", units.get("b2"));
        assertTrue(xml.contains("<pc id=\"2\" dataRefStart=\"d2s\" dataRefEnd=\"d2e\" type=\"link\">ohje</pc>"), xml);
        assertTrue(xml.contains("<data id=\"d2e\">](https://example.fi/ohje \"Ohje\")</data>"), xml);
        assertTrue(xml.contains("<ph id=\"3\" dataRef=\"d3\" type=\"fmt\" disp=\"koodi\"/>"), xml);
        assertTrue(xml.contains("item of a bulleted list"));
        assertTrue(xml.contains("table header cell"));
    }

    @Test
    void anImportedTranslationKeepsTheStructureAndBecomesANewDraftMadeFromTheExportedRevision() {
        long id = published(BODY);
        ApiClient.Reply r = require(200, importFile(id, "sv", Desk.fill(export(id, "sv"), t -> t.toUpperCase())));
        assertEquals("in_progress", r.get("documents.0.state"));
        assertEquals(1, ((Number) r.get("documents.0.translatedFrom")).intValue());
        ApiClient.Reply sv = require(200, desk.translator.get("/api/v1/documents/" + id + "/variants/sv"));
        assertEquals("draft", sv.get("status"));
        assertEquals("""
                ## OHJELMA *TÄNÄÄN*

                LUE **TÄRKEÄ** [OHJE](https://example.fi/ohje "Ohje") JA `koodi` TÄSTÄ.

                - ENSIMMÄINEN _KOHTA_
                - TOINEN KOHTA

                | PÄIVÄ | PAIKKA |
                | --- | --- |
                | MAANANTAI | [SALI](doc:sali) |
                """, sv.get("body"));
        assertEquals("TIIVISTELMÄ.", sv.get("summary"));
        assertEquals(List.of("KOTOUTUMINEN"), sv.get("tags"));
        List<Map<String, Object>> audit = desk.admin.get("/api/v1/audit?document=" + id + "&size=100").get("items");
        assertTrue(audit.stream().anyMatch(e -> e.get("action").equals("translation.imported")));
        desk.publish(id, "sv");
        assertEquals("up_to_date", desk.translator.get("/api/v1/translations/" + id + "/sv").get("state"));
    }

    @Test
    void anExportOfAnOutdatedTranslationFillsInTheUnchangedUnits() {
        long id = published(BODY);
        require(200, importFile(id, "sv", Desk.fill(export(id, "sv"), t -> "SV " + t)));
        desk.publish(id, "sv");
        desk.editFinnish(id, BODY.replace("toinen kohta", "toinen, muutettu kohta"));
        desk.publish(id, "fi");
        String xml = export(id, "sv");
        assertTrue(xml.contains("<target>SV ensimmäinen <pc"), xml);
        assertTrue(xml.contains("<source>toinen, muutettu kohta</source>\n      </segment>"), xml);
        assertTrue(xml.contains("lt:sourceRevision=\"2\""));
    }

    @Test
    void everySeedDocumentSurvivesTheRoundTrip() {
        assertTrue(folder.importFrom(Path.of("content")).problems().isEmpty());
        List<Map<String, Object>> docs = desk.editor.get("/api/v1/documents?size=100").get("items");
        int tried = 0;
        for (Map<String, Object> doc : docs) {
            long id = ((Number) doc.get("id")).longValue();
            ApiClient.Reply fi = desk.editor.get("/api/v1/documents/" + id + "/variants/fi");
            if (fi.status() != 200) {
                continue;
            }
            String source = fi.get("body");
            // the same text back gives the same page, however the source wrote its Markdown
            require(200, importFile(id, "sv", Desk.fill(export(id, "sv"), t -> t)));
            ApiClient.Reply same = desk.editor.get("/api/v1/documents/" + id + "/variants/sv");
            assertEquals(markdown.toHtml(source), markdown.toHtml((String) same.get("body")), "document " + id);
            // other text keeps every block, list item, table cell, link and emphasis in its place
            ApiClient.Reply r = desk.postXliff(desk.translatorToken, "/api/v1/translations/" + id + "/sv/xliff",
                    Desk.fill(export(id, "sv"), t -> "«" + t + "»"), same.etag());
            require(200, r);
            String translated = desk.editor.get("/api/v1/documents/" + id + "/variants/sv").get("body");
            assertEquals(shape(source), shape(translated), "document " + id);
            assertNotEquals(source, translated);
            tried++;
        }
        assertTrue(tried >= 7, "seed documents tried: " + tried);
    }

    /** The node types of a body in document order, with link targets: its structure without its words. */
    private List<String> shape(String body) {
        List<String> out = new ArrayList<>();
        markdown.parse(body).accept(new AbstractVisitor() {
            @Override
            protected void visitChildren(Node parent) {
                for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
                    out.add(n.getClass().getSimpleName() + (n instanceof org.commonmark.node.Link l ? l.getDestination() : ""));
                    n.accept(this);
                }
            }
        });
        return out;
    }

    // --- bad files -------------------------------------------------------------------------------

    private void refused(long id, String xml, String expected) {
        int before = ((List<?>) desk.editor.get("/api/v1/documents/" + id).get("variants")).size();
        ApiClient.Reply r = importFile(id, "sv", xml);
        assertEquals(400, r.status(), r.text());
        assertEquals("application/problem+json", r.contentType());
        assertTrue(r.get("detail").toString().contains(expected), r.text());
        assertEquals(before, ((List<?>) desk.editor.get("/api/v1/documents/" + id).get("variants")).size(), "nothing written");
    }

    @Test
    void aFileThatIsNotWellFormedIsRefused() {
        long id = published(BODY);
        refused(id, export(id, "sv").replace("</xliff>", ""), "not well-formed");
    }

    @Test
    void aFileWithADoctypeIsRefusedSoNoEntityIsExpanded() {
        long id = published(BODY);
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"
                + export(id, "sv").substring(export(id, "sv").indexOf("<xliff")).replace("<source>Lue", "<source>&e;Lue");
        refused(id, xxe, "not well-formed");
    }

    @Test
    void aFileOutsideTheXliff2NamespaceIsRefused() {
        long id = published(BODY);
        refused(id, Desk.fill(export(id, "sv"), t -> t).replace("urn:oasis:names:tc:xliff:document:2.0",
                "urn:oasis:names:tc:xliff:document:1.2"), "XLIFF 2.0 namespace");
    }

    @Test
    void aFileForAnotherDocumentIsRefused() {
        long id = published(BODY);
        long other = published(BODY);
        refused(id, Desk.fill(export(other, "sv"), t -> t), "is for document " + other + ", not document " + id);
    }

    @Test
    void aFileForAnotherLanguageIsRefused() {
        long id = published(BODY);
        refused(id, Desk.fill(export(id, "selko"), t -> t), "translates into 'fi-x-selko', not sv");
    }

    @Test
    void aTargetThatDropsALinkIsRefusedNamingTheUnit() {
        long id = published(BODY);
        String xml = Desk.fill(export(id, "sv"), t -> t);
        int b2 = xml.indexOf("<unit id=\"b2\"");
        int target = xml.indexOf("<target>", b2);
        String broken = xml.substring(0, target) + xml.substring(target).replaceFirst(
                "<pc [^>]*id=\"2\"[^>]*>ohje</pc>", "ohje");
        refused(id, broken, "unit b2: the target lacks inline code 2 (a link)");
    }

    @Test
    void aChangedSourceTextIsRefusedNamingTheUnit() {
        long id = published(BODY);
        String xml = Desk.fill(export(id, "sv"), t -> t).replace("<source>toinen kohta</source>", "<source>kolmas kohta</source>");
        refused(id, xml, "unit b4: the source text differs from revision 1");
    }

    @Test
    void aMissingTargetIsRefusedNamingTheUnit() {
        long id = published(BODY);
        String xml = Desk.fill(export(id, "sv"), t -> t);
        int b5 = xml.indexOf("<unit id=\"b5\"");
        int start = xml.indexOf("<target>", b5);
        int end = xml.indexOf("</target>", start) + "</target>".length();
        refused(id, xml.substring(0, start) + xml.substring(end), "unit b5 has no <target>");
    }

    @Test
    void aSourceChangedSinceTheExportIsFlaggedAndTheTranslationStaysOutdated() {
        long id = published(BODY);
        String xml = Desk.fill(export(id, "sv"), t -> t);
        desk.editFinnish(id, BODY.replace("toinen kohta", "uusi kohta"));
        desk.publish(id, "fi");
        ApiClient.Reply r = require(200, importFile(id, "sv", xml));
        assertEquals("outdated", r.get("documents.0.state"));
        List<String> warnings = r.get("documents.0.warnings");
        assertTrue(warnings.get(0).contains("units b4 differ"), warnings.toString());
    }

    @Test
    void anImportOverAVersionChangedSinceTheExportIsAStaleVersion() {
        long id = published(BODY);
        require(201, desk.translator.post("/api/v1/documents/" + id + "/variants", Map.of("language", "sv", "title", "Vecka " + Desk.unique())));
        String xml = Desk.fill(export(id, "sv"), t -> t);
        ApiClient.Reply sv = desk.translator.get("/api/v1/documents/" + id + "/variants/sv");
        require(200, desk.translator.patch("/api/v1/documents/" + id + "/variants/sv", Map.of("summary", "Ändrad"), sv.etag()));
        ApiClient.Reply r = importFile(id, "sv", xml);
        assertEquals(412, r.status(), r.text());
        assertEquals("Ändrad", desk.translator.get("/api/v1/documents/" + id + "/variants/sv").get("summary"));
    }

    @Test
    void aTranslatorOutsideTheLanguageCanNeitherExportNorImport() {
        long id = published(BODY);
        String xml = Desk.fill(export(id, "sv"), t -> t);
        assertEquals(403, desk.selkoOnly.get("/api/v1/translations/" + id + "/sv/xliff").status());
        ApiClient.Reply r = desk.postXliff(desk.finnishTranslatorToken, "/api/v1/translations/" + id + "/sv/xliff", xml, null);
        assertEquals(403, r.status(), r.text());
        assertFalse(desk.editor.get("/api/v1/documents/" + id).text().contains("\"sv\""));
    }

    @Test
    void manyDocumentsExportAndImportAsOneFile() {
        long a = published(BODY);
        long b = published("Yksi kappale.");
        ApiClient.Reply exported = require(200, desk.translator.get("/api/v1/translations/xliff?lang=sv&documents=" + a + "&documents=" + b));
        ApiClient.Reply r = require(200, desk.postXliff(desk.translatorToken, "/api/v1/translations/xliff?lang=sv",
                Desk.fill(exported.text(), t -> "SV " + t), null));
        assertEquals(2, ((List<?>) r.get("documents")).size());
        assertEquals("SV Yksi kappale.", desk.editor.get("/api/v1/documents/" + b + "/variants/sv").get("body"));
    }

    private static final String HEAD = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" xmlns:lt=\"urn:laituri:xliff\" "
            + "version=\"2.0\" srcLang=\"fi\" trgLang=\"sv\">";

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "<", "not xml", "<xliff/>", "<?xml version=\"1.0\"?><a>&amp;</a>",
            "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><lolz>&lol2;</lolz>",
            HEAD + "</xliff>",
            HEAD + "<file id=\"f\"/></xliff>",
            HEAD + "<file id=\"f\" lt:document=\"99999999999999999999\" lt:language=\"sv\"/></xliff>",
            HEAD + "<file id=\"f\" lt:document=\"{id}\" lt:language=\"sv\" lt:sourceRevision=\"abc\"/></xliff>",
            HEAD + "<file id=\"f\" lt:document=\"{id}\" lt:language=\"sv\" lt:sourceRevision=\"99999\"/></xliff>",
            HEAD + "<file id=\"f\" lt:document=\"{id}\" lt:language=\"sv\" lt:sourceRevision=\"1\"/></xliff>",
            HEAD + "<file id=\"f\" lt:document=\"{id}\" lt:language=\"sv\" lt:sourceRevision=\"1\"><unit id=\"title\">"
                    + "<segment><target>x</target></segment></unit></file></xliff>",
            HEAD + "<file id=\"f\" lt:document=\"{id}\" lt:language=\"sv\" lt:sourceRevision=\"1\"><unit id=\"title\">"
                    + "<segment><source>x<pc id=\"abc\">y</pc></source></segment></unit></file></xliff>",
            HEAD + "<file id=\"f\" lt:document=\"{id}\" lt:language=\"sv\" lt:sourceRevision=\"1\"><unit id=\"b1\">"
                    + "<segment><source>x</source><target><mrk id=\"1\">y</mrk></target></segment></unit></file></xliff>"})
    void aHostileFileIsABadRequestAndWritesNothing(String file) {
        long id = published(BODY);
        ApiClient.Reply r = importFile(id, "sv", file.replace("{id}", Long.toString(id)));
        assertEquals(400, r.status(), r.text());
        assertEquals("application/problem+json", r.contentType());
        assertEquals(1, ((List<?>) desk.editor.get("/api/v1/documents/" + id).get("variants")).size());
    }
}
