package fi.laituri.participation;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields a reader sent, from an HTML form ({@code application/x-www-form-urlencoded}) or a JSON object, and
 * what is wrong with them. Only text is taken: a field sent twice keeps its first value, a JSON value that is not
 * text or a number counts as missing. The page the form came from is never trusted: every check is made here.
 */
final class Form {

    /** A field at fault and why, as a code the pages word in the reader's language ({@code participation.error.<code>}). */
    record Error(String field, String code, String message) {
    }

    private final Map<String, String> fields;
    private final List<Error> errors = new ArrayList<>();

    private Form(Map<String, String> fields) {
        this.fields = fields;
    }

    static Form empty() {
        return new Form(Map.of());
    }

    /** The body as fields; a body that is neither form nor JSON object is an empty form (every required field missing). */
    static Form parse(String body, boolean json, JsonMapper mapper) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return new Form(fields);
        }
        if (json) {
            try {
                JsonNode node = mapper.readValue(body, Argument.of(JsonNode.class));
                if (node != null && node.isObject()) {
                    for (Map.Entry<String, JsonNode> e : node.entries()) {
                        JsonNode v = e.getValue();
                        if (v.isString() || v.isNumber() || v.isBoolean()) {
                            fields.putIfAbsent(e.getKey(), v.coerceStringValue());
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not JSON: no fields
            }
            return new Form(fields);
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.putIfAbsent(key, value);
            } catch (IllegalArgumentException e) {
                // a malformed %-escape: that field is not there
            }
        }
        return new Form(fields);
    }

    String raw(String field) {
        return fields.getOrDefault(field, "");
    }

    /** A one-line field as the reader meant it; an error when required and empty, or over {@code max} characters. */
    String line(String field, boolean required, int max) {
        return checked(field, ReaderText.line(raw(field)), required, max);
    }

    /** A multi-line field; as {@link #line}, and at most {@code maxLinks} addresses in it. */
    String text(String field, boolean required, int max, int maxLinks) {
        String text = checked(field, ReaderText.clean(raw(field)), required, max);
        if (ReaderText.links(text) > maxLinks) {
            error(field, "links", "at most " + maxLinks + " links");
        }
        return text;
    }

    /** An optional e-mail address: something@domain, as browsers check {@code type="email"}. */
    String email(String field) {
        String email = line(field, false, 254);
        if (!email.isEmpty() && !email.matches("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)*")) {
            error(field, "email", "an e-mail address such as nimi@example.fi");
        }
        return email;
    }

    /** One of {@code allowed}; the first when empty and {@code fallback}. */
    String choice(String field, List<String> allowed) {
        String value = raw(field).strip();
        if (!allowed.contains(value)) {
            error(field, value.isEmpty() ? "required" : "choice", "one of " + String.join(", ", allowed));
        }
        return value;
    }

    long number(String field) {
        try {
            return Long.parseLong(raw(field).strip());
        } catch (NumberFormatException e) {
            error(field, "required", "the id of the post, a whole number");
            return -1;
        }
    }

    private String checked(String field, String value, boolean required, int max) {
        if (required && value.isEmpty()) {
            error(field, "required", "required");
        } else if (value.codePointCount(0, value.length()) > max) {
            error(field, "length", "at most " + max + " characters");
        }
        return value;
    }

    void error(String field, String code, String message) {
        if (errors.stream().noneMatch(e -> e.field().equals(field))) {
            errors.add(new Error(field, code, message));
        }
    }

    List<Error> errors() {
        return List.copyOf(errors);
    }

    /** What the reader typed, to fill the form in again (length-capped, so a huge field is not echoed whole). */
    Map<String, String> input(List<String> names) {
        Map<String, String> input = new LinkedHashMap<>();
        for (String name : names) {
            String v = raw(name);
            input.put(name, v.length() > 20_000 ? v.substring(0, 20_000) : v);
        }
        return input;
    }
}
