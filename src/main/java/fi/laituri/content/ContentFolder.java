package fi.laituri.content;

import fi.laituri.language.Language;
import fi.laituri.language.Languages;
import fi.laituri.security.Actor;
import fi.laituri.DomainException;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The Git-friendly content folder: {@code <section>/<key>/<lang>.md} with YAML front matter, and
 * {@code authors/<id>.yml}. Import is idempotent and reports each bad file without stopping;
 * export writes exactly what import reads back.
 */
@Singleton
public class ContentFolder {

    static final String AUTHORS = "authors";
    private static final Set<String> KEYS = Set.of("title", "slug", "summary", "date", "tags", "authors", "status");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final Actor IMPORTER = Actor.system("import");
    /** Documents (folders of language versions) imported in one transaction. */
    private static final int DOCUMENTS_PER_TRANSACTION = 200;

    private final ContentExchange content;
    private final Languages languages;
    private final List<FolderSection> sections;

    ContentFolder(ContentExchange content, Languages languages, List<FolderSection> sections) {
        this.content = content;
        this.languages = languages;
        this.sections = sections.stream().sorted(java.util.Comparator.comparing(FolderSection::name)).toList();
    }

    public record FileProblem(Path file, int line, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }

    public record ImportReport(int created, int updated, int unchanged, List<FileProblem> problems) {
    }

    public record ExportReport(int written, int unchanged, int deleted) {
    }

    public ImportReport importFrom(Path root) {
        if (!Files.isDirectory(root)) {
            throw new UncheckedIOException(new IOException("no content folder at " + root.toAbsolutePath()));
        }
        Counter counter = new Counter();
        for (FolderSection section : sections) {
            section.importFrom(root.resolve(section.name()), counter.tally(new int[3]));
        }
        for (Path file : files(root.resolve(AUTHORS), ".yml")) {
            importAuthor(file, counter);
        }
        for (Path section : directories(root)) {
            String name = section.getFileName().toString();
            if (name.equals(AUTHORS) || name.startsWith(".") || sections.stream().anyMatch(s -> s.name().equals(name))) {
                continue;
            }
            Kind kind = Kind.ofSection(name).orElse(null);
            List<Path> keyDirs = directories(section);
            // A transaction per group of documents, not per file: a commit (a disk flush) and a dozen round trips
            // to the database per file were most of the time of a large import. The next group's files are read and
            // parsed on a second thread while this group is written, so the database and the parsing overlap; at most
            // two groups are held, however large the folder.
            ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "content-import-reader");
                thread.setDaemon(true);
                return thread;
            });
            try {
                Future<ReadGroup> next = reader.submit(() -> readGroup(name, kind, keyDirs, 0));
                for (int from = 0; from < keyDirs.size(); from += DOCUMENTS_PER_TRANSACTION) {
                    ReadGroup group = await(next);
                    int following = from + DOCUMENTS_PER_TRANSACTION;
                    if (following < keyDirs.size()) {
                        next = reader.submit(() -> readGroup(name, kind, keyDirs, following));
                    }
                    counter.problems.addAll(group.problems());
                    importGroup(group.reads(), counter);
                }
            } finally {
                reader.shutdownNow();
            }
        }
        return new ImportReport(counter.created, counter.updated, counter.unchanged, List.copyOf(counter.problems));
    }

    /** The files of a group as read, in order, and the problems found reading them, in order. */
    private record ReadGroup(List<Read> reads, List<FileProblem> problems) {
    }

    /** Reads the files of the documents of {@code section} from {@code from} on, a group's worth; touches no shared state. */
    private ReadGroup readGroup(String section, Kind kind, List<Path> keyDirs, int from) {
        List<Read> reads = new ArrayList<>();
        List<FileProblem> problems = new ArrayList<>();
        for (Path keyDir : keyDirs.subList(from, Math.min(keyDirs.size(), from + DOCUMENTS_PER_TRANSACTION))) {
            for (Path file : files(keyDir, ".md")) {
                if (kind == null) {
                    problems.add(new FileProblem(file, 1, "unknown section " + section + "; use articles, blog or pages"));
                } else {
                    Read read = readVariant(file, kind, keyDir.getFileName().toString(), problems);
                    if (read != null) {
                        reads.add(read);
                    }
                }
            }
        }
        return new ReadGroup(reads, problems);
    }

    private static ReadGroup await(Future<ReadGroup> group) {
        try {
            return group.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the content folder", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void importAuthor(Path file, Counter counter) {
        String id = stripExtension(file);
        try {
            Map<String, Object> f = FrontMatter.parseYaml(read(file));
            String name = string(f, "name");
            if (name == null || name.isBlank()) {
                counter.problem(file, 1, "an author needs a name");
                return;
            }
            counter.count(content.importAuthor(id, name.strip(), string(f, "title"), string(f, "organisation")));
        } catch (FrontMatter.Invalid e) {
            counter.problem(file, e.line, e.getMessage());
        } catch (DomainException e) {
            counter.problem(file, 1, describe(e));
        } catch (IllegalArgumentException e) {
            counter.problem(file, 1, e.getMessage());
        }
    }

    /** A file as read: what to import; null when it had a problem, which is added to {@code problems}. */
    private record Read(Path file, FrontMatter.Parsed parsed, ContentExchange.Incoming incoming) {
    }

    private Read readVariant(Path file, Kind kind, String key, List<FileProblem> problems) {
        String language = stripExtension(file);
        FrontMatter.Parsed parsed = null;
        try {
            if (!languages.isConfigured(language)) {
                problems.add(new FileProblem(file, 1, "unknown language " + language + "; this site has "
                        + String.join(", ", languages.all().stream().map(Language::code).toList())));
                return null;
            }
            parsed = FrontMatter.parse(read(file));
            Map<String, Object> f = parsed.fields();
            for (String k : f.keySet()) {
                if (!KEYS.contains(k)) {
                    problems.add(new FileProblem(file, parsed.lineOf(k), "unknown front matter key '" + k + "'; known keys are " + KEYS));
                    return null;
                }
            }
            String statusCode = string(f, "status");
            Status status = statusCode == null ? Status.DRAFT : Status.parse(statusCode).orElse(null);
            if (status == null) {
                problems.add(new FileProblem(file, parsed.lineOf("status"), "unknown status " + statusCode));
                return null;
            }
            OffsetDateTime date = null;
            String dateText = string(f, "date");
            if (dateText != null) {
                try {
                    date = OffsetDateTime.parse(dateText);
                } catch (DateTimeParseException e) {
                    problems.add(new FileProblem(file, parsed.lineOf("date"), "date must look like 2023-09-08T12:25:00+03:00"));
                    return null;
                }
            }
            Api.VariantInput input = new Api.VariantInput(language, string(f, "title"), string(f, "slug"),
                    string(f, "summary"), parsed.body(), list(f, "tags"), list(f, "authors"), date);
            return new Read(file, parsed, new ContentExchange.Incoming(key, kind, language, input, status));
        } catch (FrontMatter.Invalid e) {
            problems.add(new FileProblem(file, e.line, e.getMessage()));
        } catch (IllegalArgumentException e) {
            problems.add(new FileProblem(file, parsed == null ? 1 : 2, e.getMessage()));
        }
        return null;
    }

    /** Imports the files that were read, and counts each, in order. */
    private void importGroup(List<Read> readable, Counter counter) {
        if (readable.isEmpty()) {
            return;
        }
        List<Object> results = content.importAll(readable.stream().map(Read::incoming).toList(), IMPORTER);
        for (int i = 0; i < readable.size(); i++) {
            Read r = readable.get(i);
            if (results.get(i) instanceof ImportOutcome outcome) {
                counter.count(outcome);
            } else if (results.get(i) instanceof DomainException e) {
                String field = e.errors().stream().map(DomainException.FieldError::field).findFirst().orElse("");
                counter.problem(r.file(), r.parsed().lineOf(field), describe(e));
            } else if (results.get(i) instanceof IllegalArgumentException e) {
                counter.problem(r.file(), 2, e.getMessage());
            }
        }
    }

    public ExportReport exportTo(Path root) {
        Set<Path> keep = new HashSet<>();
        int[] counts = new int[3];
        for (Api.AuthorView a : content.exportAuthors()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", a.name());
            f.put("title", a.title());
            f.put("organisation", a.organisation());
            Path file = root.resolve(AUTHORS).resolve(a.id() + ".yml");
            write(file, FrontMatter.writeYaml(f), counts);
            keep.add(file);
        }
        for (ContentExchange.ExportedDocument d : content.exportAll()) {
            for (ContentExchange.ExportedVariant v : d.variants()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("title", v.title());
                f.put("slug", v.slug());
                f.put("summary", v.summary());
                f.put("date", v.date() == null ? null : DATE.format(v.date()));
                f.put("tags", v.tags());
                f.put("authors", v.authors());
                f.put("status", v.status());
                Path file = root.resolve(d.kind().section()).resolve(d.key()).resolve(v.language() + ".md");
                write(file, FrontMatter.write(f, v.body()), counts);
                keep.add(file);
            }
        }
        counts[2] = deleteStale(root, keep);
        Counter counter = new Counter();
        for (FolderSection section : sections) {
            Path dir = root.resolve(section.name());
            Set<Path> held = section.exportTo(dir, counter.tally(counts));
            for (Path file : files(dir, "")) {
                counts[2] += deleteUnless(file, held);
            }
        }
        return new ExportReport(counts[0], counts[1], counts[2]);
    }

    /** Removes files of our layout that the database no longer has, so the folder mirrors it. */
    private int deleteStale(Path root, Set<Path> keep) {
        int deleted = 0;
        for (Path file : files(root.resolve(AUTHORS), ".yml")) {
            deleted += deleteUnless(file, keep);
        }
        for (Kind kind : Kind.values()) {
            Path section = root.resolve(kind.section());
            for (Path keyDir : directories(section)) {
                for (Path file : files(keyDir, ".md")) {
                    if (languages.isConfigured(stripExtension(file))) {
                        deleted += deleteUnless(file, keep);
                    }
                }
                try (Stream<Path> left = Files.list(keyDir)) {
                    if (left.findAny().isEmpty()) {
                        Files.delete(keyDir);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return deleted;
    }

    private static int deleteUnless(Path file, Set<Path> keep) {
        if (keep.contains(file)) {
            return 0;
        }
        try {
            Files.delete(file);
            return 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text, int[] counts) {
        writeBytes(file, text.getBytes(StandardCharsets.UTF_8), counts);
    }

    private static void writeBytes(Path file, byte[] bytes, int[] counts) {
        try {
            if (Files.exists(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
                counts[1]++;
                return;
            }
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            counts[0]++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) throws FrontMatter.Invalid {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new FrontMatter.Invalid(1, "cannot read the file: " + e.getMessage());
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new FrontMatter.Invalid(lineAt(bytes, in.position()), "the file is not UTF-8");
        }
        return out.flip().toString();
    }

    /** The 1-based line of a byte offset, so an editor can find a stray byte. */
    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String string(Map<String, Object> f, String key) {
        Object v = f.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            throw new IllegalArgumentException("'" + key + "' must be a single value");
        }
        return String.valueOf(v);
    }

    private static List<String> list(Map<String, Object> f, String key) {
        Object v = f.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> items)) {
            throw new IllegalArgumentException("'" + key + "' must be a list ('- item' lines)");
        }
        List<String> out = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof Map<?, ?> || item instanceof List<?> || item == null) {
                throw new IllegalArgumentException("'" + key + "' must list plain values");
            }
            out.add(String.valueOf(item));
        }
        return out;
    }

    private static String describe(DomainException e) {
        if (e.errors().isEmpty()) {
            return e.getMessage();
        }
        return String.join("; ", e.errors().stream().map(err -> err.field() + ": " + err.message()).toList());
    }

    private static String stripExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static List<Path> directories(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path dir, String extension) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(extension))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Counter {
        int created;
        int updated;
        int unchanged;
        final List<FileProblem> problems = new ArrayList<>();

        void count(ImportOutcome outcome) {
            switch (outcome) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
            }
        }

        void problem(Path file, int line, String message) {
            problems.add(new FileProblem(file, line, message));
        }

        /** This counter as a section sees it; {@code written} counts what it writes (written, unchanged). */
        FolderSection.Tally tally(int[] written) {
            return new FolderSection.Tally() {
                @Override
                public void created() {
                    created++;
                }

                @Override
                public void updated() {
                    updated++;
                }

                @Override
                public void unchanged() {
                    unchanged++;
                }

                @Override
                public void problem(Path file, int line, String message) {
                    Counter.this.problem(file, line, message);
                }

                @Override
                public java.util.Optional<Map<String, Object>> readYaml(Path file) {
                    try {
                        return java.util.Optional.of(FrontMatter.parseYaml(read(file)));
                    } catch (FrontMatter.Invalid e) {
                        Counter.this.problem(file, e.line, e.getMessage());
                        return java.util.Optional.empty();
                    }
                }

                @Override
                public String writeYaml(Map<String, Object> fields) {
                    return FrontMatter.writeYaml(fields);
                }

                @Override
                public void write(Path file, byte[] bytes) {
                    ContentFolder.writeBytes(file, bytes, written);
                }
            };
        }
    }
}
