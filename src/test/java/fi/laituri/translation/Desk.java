package fi.laituri.translation;

import fi.laituri.ApiClient;
import fi.laituri.security.Role;
import fi.laituri.security.Users;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** The people of a translation desk, as API clients, and what tests do with XLIFF files. */
final class Desk {

    static final String NS = "urn:oasis:names:tc:xliff:document:2.0";
    private static final JsonMapper JSON = JsonMapper.createDefault();

    final HttpClient client;
    final String editorToken;
    final String translatorToken;
    final String finnishTranslatorToken;
    final ApiClient editor;
    final ApiClient translator;
    final ApiClient selkoOnly;
    final ApiClient publisher;
    final ApiClient admin;

    Desk(HttpClient client, Users users) {
        this.client = client;
        editorToken = users.add("editor-" + unique(), Role.EDITOR).token();
        translatorToken = users.add("translator-" + unique(), Role.TRANSLATOR, List.of("sv", "selko")).token();
        finnishTranslatorToken = users.add("selko-" + unique(), Role.TRANSLATOR, List.of("selko")).token();
        editor = new ApiClient(client, editorToken);
        translator = new ApiClient(client, translatorToken);
        selkoOnly = new ApiClient(client, finnishTranslatorToken);
        publisher = ApiClient.as(client, users, Role.PUBLISHER);
        admin = ApiClient.as(client, users, Role.ADMIN);
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static ApiClient.Reply require(int status, ApiClient.Reply reply) {
        if (reply.status() != status) {
            throw new AssertionError("expected " + status + " but got " + reply.status() + ": " + reply.text());
        }
        return reply;
    }

    long document(String kind, String title, String body) {
        ApiClient.Reply r = require(201, editor.post("/api/v1/documents", Map.of("kind", kind, "variants",
                List.of(Map.of("language", "fi", "title", title, "body", body, "summary", "Tiivistelmä.",
                        "tags", List.of("kotoutuminen"))))));
        return ((Number) r.get("id")).longValue();
    }

    ApiClient.Reply step(ApiClient who, long id, String lang, String action) {
        return who.post("/api/v1/documents/" + id + "/variants/" + lang + "/transitions", Map.of("action", action));
    }

    ApiClient.Reply publish(long id, String lang) {
        require(200, step(lang.equals("fi") ? editor : translator, id, lang, "submit"));
        require(200, step(publisher, id, lang, "approve"));
        return require(200, step(publisher, id, lang, "publish"));
    }

    /** Edits the Finnish body with If-Match from a fresh read. */
    void editFinnish(long id, String body) {
        ApiClient.Reply r = require(200, editor.get("/api/v1/documents/" + id + "/variants/fi"));
        require(200, editor.patch("/api/v1/documents/" + id + "/variants/fi", Map.of("body", body), r.etag()));
    }

    /** Sends an XLIFF file as the translator (or another token); returns status and body. */
    ApiClient.Reply postXliff(String token, String uri, String xml, String ifMatch) {
        MutableHttpRequest<String> request = HttpRequest.POST(uri, xml).contentType("application/xliff+xml").bearerAuth(token);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        try {
            return reply(client.toBlocking().exchange(request, Argument.STRING, Argument.STRING));
        } catch (HttpClientResponseException e) {
            return reply(e.getResponse());
        }
    }

    private static ApiClient.Reply reply(io.micronaut.http.HttpResponse<?> response) {
        String text = response.getBody(String.class).orElse(null);
        Object json = null;
        try {
            json = text == null ? null : JSON.readValue(text, Object.class);
        } catch (Exception e) {
            // not JSON
        }
        return new ApiClient.Reply(response.code(), response.getHeaders(), json, text,
                response.getContentType().map(Object::toString).orElse(null));
    }

    /**
     * The file with a target in every segment: a copy of the source whose texts pass through {@code translate},
     * codes kept where they are.
     */
    static String fill(String xml, UnaryOperator<String> translate) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            org.w3c.dom.Document dom = f.newDocumentBuilder().parse(new org.xml.sax.InputSource(new StringReader(xml)));
            var segments = dom.getElementsByTagNameNS(NS, "segment");
            for (int i = 0; i < segments.getLength(); i++) {
                Element segment = (Element) segments.item(i);
                Element source = (Element) segment.getElementsByTagNameNS(NS, "source").item(0);
                var old = segment.getElementsByTagNameNS(NS, "target");
                if (old.getLength() > 0) {
                    segment.removeChild(old.item(0));
                }
                Element target = dom.createElementNS(NS, "target");
                for (Node n = source.getFirstChild(); n != null; n = n.getNextSibling()) {
                    target.appendChild(n.cloneNode(true));
                }
                translateTexts(target, translate);
                segment.appendChild(target);
                segment.setAttribute("state", "translated");
            }
            return serialise(dom);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void translateTexts(Node node, UnaryOperator<String> translate) {
        for (Node n = node.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE && !n.getNodeValue().isBlank()) {
                n.setNodeValue(translate.apply(n.getNodeValue()));
            } else if (n.getNodeType() == Node.ELEMENT_NODE) {
                translateTexts(n, translate);
            }
        }
    }

    /** The units' source texts by unit id, codes left out. */
    static Map<String, String> sources(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            org.w3c.dom.Document dom = f.newDocumentBuilder().parse(new org.xml.sax.InputSource(new StringReader(xml)));
            Map<String, String> out = new LinkedHashMap<>();
            var units = dom.getElementsByTagNameNS(NS, "unit");
            for (int i = 0; i < units.getLength(); i++) {
                Element u = (Element) units.item(i);
                out.put(u.getAttribute("id"), u.getElementsByTagNameNS(NS, "source").item(0).getTextContent());
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String serialise(org.w3c.dom.Document dom) throws Exception {
        var t = TransformerFactory.newInstance().newTransformer();
        t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        StringWriter out = new StringWriter();
        t.transform(new DOMSource(dom), new StreamResult(out));
        return out.toString();
    }
}
