package fi.laituri.desk;

import fi.laituri.DomainException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A form the desk received ({@code application/x-www-form-urlencoded}), its fields by name. */
final class DeskForm {

    private final Map<String, List<String>> fields;

    private DeskForm(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    static DeskForm parse(String body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (body != null && !body.isEmpty()) {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                try {
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                } catch (IllegalArgumentException e) {
                    throw DomainException.invalid("form", "the form is not properly encoded");
                }
            }
        }
        return new DeskForm(fields);
    }

    static DeskForm of(Map<String, String> values) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        values.forEach((k, v) -> fields.put(k, List.of(v)));
        return new DeskForm(fields);
    }

    /** The field's value with line ends as the browser sent them made {@code \n}; empty when absent. */
    String get(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0).replace("\r\n", "\n");
    }

    /** The field's value stripped, or null when empty. */
    String optional(String name) {
        String value = get(name).strip();
        return value.isEmpty() ? null : value;
    }

    List<String> all(String name) {
        return fields.getOrDefault(name, List.of());
    }

    /** The form's values (see {@link #values()}), with each of {@code names} present, empty when it was not sent. */
    Map<String, String> values(String... names) {
        Map<String, String> values = values();
        for (String name : names) {
            values.putIfAbsent(name, "");
        }
        return values;
    }

    /** Every field by name, its first value: what a form shown again keeps. */
    Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach((k, v) -> values.put(k, v.isEmpty() ? "" : v.get(0)));
        values.remove(Desk.CSRF_FIELD);
        return values;
    }
}
