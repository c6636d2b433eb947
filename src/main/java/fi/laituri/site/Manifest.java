package fi.laituri.site;

import java.io.BufferedReader;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each file of a build was made from: the fingerprint of its inputs, the documents it looked up
 * and their state then, the hash of its bytes and its warnings. The next build renders again only the
 * files whose inputs changed. {@code site} fingerprints what every file depends on (templates, messages,
 * languages, base URL): when it changes, nothing is reused. One line a file, fields URL-encoded, in no
 * particular order: it is looked up by path (a hash map, which every build asks 37,000 times at 10,000 documents).
 *
 * <p>On disk a manifest is either whole ({@link #write}: a base, or a slot's manifest of an earlier version) or a
 * {@link Delta} naming a whole one, its base, and holding only what differs from it: a build after one edit
 * changes a handful of the 110,000 entries of a 30,000-document site, and rewriting all 17 MB of them was a fifth
 * of such a build's CPU.
 */
record Manifest(String site, Map<String, Entry> files) {

    private static final String HEADER = "laituri-site-manifest 2";
    private static final String DELTA_HEADER = "laituri-site-manifest 3";

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
        Map<String, Entry> files = new HashMap<>(lines.size() * 4 / 3 + 1);
        try {
            for (String line : lines.subList(2, lines.size() - 1)) {
                String[] f = line.split("\t", -1);
                files.put(decode(f[0]), entry(f));
            }
            return new Manifest(decode(lines.get(1)), files);
        } catch (RuntimeException e) {
            throw new IOException("a damaged line in the manifest " + file + ": " + e, e);
        }
    }

    /** An entry from the fields of its line (the path first); a line with other than six fields is damage. */
    private static Entry entry(String[] f) {
        if (f.length != 6) {
            throw new IllegalArgumentException(f.length + " fields");
        }
        return new Entry(f[1], list(f[2]), f[3], f[4], list(f[5]));
    }

    /**
     * A slot's manifest as what differs from a whole manifest, its base: the entries changed or added and the paths
     * removed. The base is written once, under a name of its own, and never changed; each build rewrites only its
     * slot's small delta, until the delta grows past a bound and a new base is written with everything.
     */
    record Delta(String site, String base, Map<String, Entry> changed, Set<String> removed) {

        /**
         * The delta at {@code file}.
         *
         * @throws NoSuchFileException when there is none
         * @throws IOException when it cannot be read or is not a whole delta
         */
        static Delta read(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 4 || !lines.get(0).equals(DELTA_HEADER) || !lines.get(2).startsWith("base ")
                    || !lines.get(lines.size() - 1).equals("end")) {
                throw new IOException("not a whole manifest delta (" + lines.size() + " lines): " + file);
            }
            Map<String, Entry> changed = new HashMap<>();
            Set<String> removed = new HashSet<>();
            try {
                for (String line : lines.subList(3, lines.size() - 1)) {
                    String[] f = line.split("\t", -1);
                    if (f.length == 2 && f[0].equals("-")) {
                        removed.add(decode(f[1]));
                    } else {
                        changed.put(decode(f[0]), entry(f));
                    }
                }
                return new Delta(decode(lines.get(1)), decode(lines.get(2).substring("base ".length())), changed, removed);
            } catch (RuntimeException e) {
                throw new IOException("a damaged line in the manifest delta " + file + ": " + e, e);
            }
        }

        /**
         * The base file's name as {@code file}, a delta, gives it, or null when {@code file} is a whole manifest:
         * from its first three lines, so that bases no slot uses can be found without reading slots whole.
         *
         * @throws NoSuchFileException when there is none
         */
        static String baseOf(Path file) throws IOException {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                if (!DELTA_HEADER.equals(in.readLine())) {
                    return null;
                }
                in.readLine();
                String base = in.readLine();
                if (base == null || !base.startsWith("base ")) {
                    throw new IOException("not a whole manifest delta: " + file);
                }
                return decode(base.substring("base ".length()));
            }
        }

        /**
         * The whole manifest: {@code base}'s entries with this delta applied. A base of another site fingerprint is
         * not the one this delta was written against: damage.
         */
        Manifest over(Manifest base) throws IOException {
            if (!base.site().equals(site)) {
                throw new IOException("the manifest base " + this.base + " is of another site fingerprint");
            }
            return new Manifest(site, new Overlay(base.files(), changed, removed));
        }

        /** Writes the delta whole or not at all (a temporary file renamed over the old one). */
        void write(Path file) throws IOException {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer out = new BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8), 1 << 16)) {
                out.write(DELTA_HEADER + "\n" + encode(site) + "\nbase " + encode(base) + "\n");
                writeEntries(out, changed);
                for (String path : removed) {
                    out.write("-\t");
                    out.write(encode(path));
                    out.write('\n');
                }
                out.write("end\n");
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Writes the manifest whole or not at all (a temporary file renamed over the old one). */
    void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer out = new BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8), 1 << 16)) {
            out.write(HEADER + "\n" + encode(site) + "\n");
            writeEntries(out, files);
            out.write("end\n");
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** One line an entry: its path and six tab-separated fields. */
    private static void writeEntries(Writer out, Map<String, Entry> files) throws IOException {
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

    /**
     * The files of a base with a delta applied, as a read-only map that shares the base's: a build's manifest is held
     * in memory as this, so a one-edit build makes no map of all the site's files (at 30,000 documents, 110,000
     * entries a build, which the garbage collector then copied).
     */
    static final class Overlay extends java.util.AbstractMap<String, Manifest.Entry> {

        private final Map<String, Manifest.Entry> base;
        private final Map<String, Manifest.Entry> changed;
        private final Set<String> removed;
        private final int size;

        /** {@code removed} are paths of {@code base}; {@code changed} may add paths to it. */
        Overlay(Map<String, Manifest.Entry> base, Map<String, Manifest.Entry> changed, Set<String> removed) {
            this.base = base;
            this.changed = Map.copyOf(changed);
            this.removed = Set.copyOf(removed);
            int added = 0;
            for (String path : this.changed.keySet()) {
                if (!base.containsKey(path) || this.removed.contains(path)) {
                    added++;
                }
            }
            this.size = base.size() - this.removed.size() + added;
        }

        /**
         * {@code manifest}'s files as an overlay of {@code base}: itself when it is one over that very map, an empty one
         * when the manifest is the base's own files (a build that wrote a new base), else null.
         */
        static Overlay of(Manifest manifest, Map<String, Manifest.Entry> base) {
            if (manifest.files() instanceof Overlay o && o.base == base) {
                return o;
            }
            return manifest.files() == base ? new Overlay(base, Map.of(), Set.of()) : null;
        }

        /** The entries that differ from the base's or are not in it. */
        Map<String, Manifest.Entry> changed() {
            return changed;
        }

        /** The base's paths this manifest has not. */
        Set<String> removed() {
            return removed;
        }

        @Override
        public Manifest.Entry get(Object path) {
            Manifest.Entry entry = changed.get(path);
            if (entry != null) {
                return entry;
            }
            return removed.contains(path) ? null : base.get(path);
        }

        @Override
        public boolean containsKey(Object path) {
            return get(path) != null;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public Set<Map.Entry<String, Manifest.Entry>> entrySet() {
            return new java.util.AbstractSet<>() {
                @Override
                public java.util.Iterator<Map.Entry<String, Manifest.Entry>> iterator() {
                    return java.util.stream.Stream.concat(
                            base.entrySet().stream().filter(e -> !changed.containsKey(e.getKey()) && !removed.contains(e.getKey())),
                            changed.entrySet().stream()).iterator();
                }

                @Override
                public int size() {
                    return size;
                }
            };
        }
    }
}
