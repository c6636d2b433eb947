package fi.laituri.site;

import java.util.Map;

/** What a built file is, by its name: how {@code serve} sends it and what {@code laituri publish} labels it on a bucket. */
public final class ContentTypes {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html;charset=utf-8"), Map.entry("xml", "application/xml;charset=utf-8"),
            Map.entry("css", "text/css;charset=utf-8"), Map.entry("js", "text/javascript;charset=utf-8"),
            Map.entry("txt", "text/plain;charset=utf-8"), Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("webp", "image/webp"), Map.entry("ico", "image/x-icon"), Map.entry("woff2", "font/woff2"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("odt", "application/vnd.oasis.opendocument.text"));

    private ContentTypes() {
    }

    public static String of(String fileName) {
        if (fileName.equals("feed.xml") || fileName.endsWith(".atom")) {
            return "application/atom+xml;charset=utf-8";
        }
        int dot = fileName.lastIndexOf('.');
        return TYPES.getOrDefault(dot < 0 ? "" : fileName.substring(dot + 1), "application/octet-stream");
    }
}
