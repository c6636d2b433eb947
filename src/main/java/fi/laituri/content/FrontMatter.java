package fi.laituri.content;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A content file: YAML front matter between two {@code ---} lines, then Markdown. Reading and
 * writing use one YAML configuration (no implicit timestamps, no line folding) so that a file
 * written here reads back to the same values and is written again byte for byte.
 */
final class FrontMatter {

    private static final String FENCE = "---";

    private FrontMatter() {
    }

    /** A parse failure at a 1-based line of the file. */
    static final class Invalid extends Exception {
        final int line;

        Invalid(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    record Parsed(Map<String, Object> fields, String body, List<String> yamlLines) {

        /** The 1-based file line where {@code key} is set, or the opening fence when it is not. */
        int lineOf(String key) {
            for (int i = 0; i < yamlLines.size(); i++) {
                if (yamlLines.get(i).startsWith(key + ":")) {
                    return i + 2;
                }
            }
            return 1;
        }
    }

    static Parsed parse(String text) throws Invalid {
        String normalised = text.replace("\r\n", "\n");
        if (normalised.startsWith("\uFEFF")) {
            normalised = normalised.substring(1);
        }
        List<String> lines = normalised.lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals(FENCE)) {
            throw new Invalid(1, "a content file starts with a '---' line, then YAML front matter, then '---'");
        }
        int close = -1;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).equals(FENCE)) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            throw new Invalid(1, "the front matter is not closed by a '---' line");
        }
        List<String> yamlLines = lines.subList(1, close);
        Object loaded;
        try {
            loaded = yaml().load(String.join("\n", yamlLines));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 2;
            throw new Invalid(line, "invalid YAML: " + e.getProblem());
        } catch (RuntimeException e) {
            throw new Invalid(2, "invalid YAML: " + e.getMessage());
        }
        if (loaded != null && !(loaded instanceof Map<?, ?>)) {
            throw new Invalid(2, "the front matter must be a set of 'key: value' lines");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        if (loaded != null) {
            ((Map<?, ?>) loaded).forEach((k, v) -> fields.put(String.valueOf(k), v));
        }
        String body = String.join("\n", lines.subList(close + 1, lines.size())).strip();
        return new Parsed(fields, body, List.copyOf(yamlLines));
    }

    /** The file text for these fields (in their order; null and empty values left out) and body. */
    static String write(Map<String, Object> fields, String body) {
        Map<String, Object> present = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (v != null && !(v instanceof String s && s.isEmpty()) && !(v instanceof List<?> l && l.isEmpty())) {
                present.put(k, v);
            }
        });
        StringBuilder out = new StringBuilder(FENCE).append('\n');
        if (!present.isEmpty()) {
            out.append(yaml().dump(present));
        }
        out.append(FENCE).append('\n');
        String text = body == null ? "" : body.strip();
        if (!text.isEmpty()) {
            out.append('\n').append(text).append('\n');
        }
        return out.toString();
    }

    /** A plain YAML map of strings and lists, as author files are. */
    static Map<String, Object> parseYaml(String text) throws Invalid {
        try {
            Object loaded = yaml().load(text);
            if (!(loaded instanceof Map<?, ?> map)) {
                throw new Invalid(1, "expected 'key: value' lines");
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            map.forEach((k, v) -> fields.put(String.valueOf(k), v));
            return fields;
        } catch (MarkedYAMLException e) {
            throw new Invalid(e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1, "invalid YAML: " + e.getProblem());
        }
    }

    static String writeYaml(Map<String, Object> fields) {
        Map<String, Object> present = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (v != null && !(v instanceof String s && s.isEmpty())) {
                present.put(k, v);
            }
        });
        return yaml().dump(present);
    }

    /** Yaml instances are not thread-safe; they are cheap to make. */
    private static Yaml yaml() {
        LoaderOptions loader = new LoaderOptions();
        loader.setAllowDuplicateKeys(false);
        loader.setMaxAliasesForCollections(10);
        loader.setCodePointLimit(5 * 1024 * 1024);
        DumperOptions dumper = new DumperOptions();
        dumper.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dumper.setAllowUnicode(true);
        dumper.setWidth(Integer.MAX_VALUE);
        dumper.setSplitLines(false);
        dumper.setIndicatorIndent(2);
        dumper.setIndentWithIndicator(true);
        return new Yaml(new SafeConstructor(loader), new Representer(dumper), dumper, loader, new PlainResolver());
    }

    /** YAML's default resolver minus timestamps, so dates stay the strings that were written. */
    private static final class PlainResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }
}
