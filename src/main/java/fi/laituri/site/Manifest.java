package fi.laituri.site;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What each file of a build was made from: the fingerprint of its inputs, the documents it looked up
 * and their state then, the hash of its bytes and its warnings. The next build renders again only the
 * files whose inputs changed. {@code site} fingerprints what every file depends on (templates, messages,
 * languages, base URL): when it changes, nothing is reused. One line a file, fields URL-encoded, in no
 * particular order: it is looked up by path (a hash map, which every build asks 37,000 times at 10,000 documents).
 */
record Manifest(String site, Map<String, Entry> files) {

    private static final String HEADER = "laituri-site-manifest 2";

    record Entry(String fingerprint, List<String> lookups, String lookupsFingerprint, String hash, List<String> warnings) {
    }

    static Manifest empty(String site) {
        return new Manifest(site, Map.of());
    }

    /**
     * The manifest at {@code file}. A manifest is written whole or not at all and removed while its build
     * is written, so a missing one is normal (no build yet, or one killed midway); one that is there but
     * cannot be read is damage, and says so.
     *
     * @throws NoSuchFileException when there is none
     * @throws IOException when it cannot be read or is not a whole manifest
     */
    static Manifest read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() < 2 || !lines.get(0).equals(HEADER) || !lines.get(lines.size() - 1).equals("end")) {
            throw new IOException("not a whole manifest (" + lines.size() + " lines): " + file);
        }
        Map<String, Entry> files = new java.util.HashMap<>(lines.size() * 4 / 3 + 1);
        try {
            for (String line : lines.subList(2, lines.size() - 1)) {
                String[] f = line.split("\t", -1);
                files.put(decode(f[0]), new Entry(f[1], list(f[2]), f[3], f[4], list(f[5])));
            }
            return new Manifest(decode(lines.get(1)), files);
        } catch (RuntimeException e) {
            throw new IOException("a damaged line in the manifest " + file + ": " + e, e);
        }
    }

    /** Writes the manifest whole or not at all (a temporary file renamed over the old one). */
    void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer out = new BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8), 1 << 16)) {
            out.write(HEADER + "\n" + encode(site) + "\n");
            for (Map.Entry<String, Entry> e : files.entrySet()) {
                Entry x = e.getValue();
                out.write(encode(e.getKey()));
                out.write('\t');
                out.write(x.fingerprint());
                out.write('\t');
                join(out, x.lookups());
                out.write('\t');
                out.write(x.lookupsFingerprint());
                out.write('\t');
                out.write(x.hash());
                out.write('\t');
                join(out, x.warnings());
                out.write('\n');
            }
            out.write("end\n");
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void join(Writer out, List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(' ');
            }
            out.write(encode(values.get(i)));
        }
    }

    private static List<String> list(String field) {
        return field.isEmpty() ? List.of() : Arrays.stream(field.split(" ")).map(Manifest::decode).toList();
    }

    /** Paths and keys are nearly always plain; only the rest pays for URL encoding. */
    private static String encode(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '/' || c == '.' || c == '_')) {
                return "~" + URLEncoder.encode(s, StandardCharsets.UTF_8);
            }
        }
        return s;
    }

    private static String decode(String s) {
        return s.startsWith("~") ? URLDecoder.decode(s.substring(1), StandardCharsets.UTF_8) : s;
    }
}
