package fi.laituri.media;

import fi.laituri.DomainException;
import fi.laituri.content.FolderSection;
import fi.laituri.language.Languages;
import fi.laituri.security.Actor;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The media library in the content folder: {@code media/<id>.<ext>}, the file as uploaded, beside {@code media/<id>.yml}
 * with its name, whether it is decorative and its texts by language. Imported files pass the same checks as uploads.
 */
@Singleton
class MediaFolder implements FolderSection {

    private static final Actor IMPORTER = Actor.system("import");

    private final MediaRepository files;
    private final Uploads uploads;
    private final MediaStore store;
    private final Languages languages;
    private final TransactionOperations<Connection> tx;

    MediaFolder(MediaRepository files, Uploads uploads, MediaStore store, Languages languages, TransactionOperations<Connection> tx) {
        this.files = files;
        this.uploads = uploads;
        this.store = store;
        this.languages = languages;
        this.tx = tx;
    }

    @Override
    public String name() {
        return "media";
    }

    @Override
    public void importFrom(Path dir, Tally tally) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        for (Path yml : list(dir).stream().filter(p -> p.getFileName().toString().endsWith(".yml")).toList()) {
            String id = stem(yml);
            if (!id.matches("[a-z0-9][a-z0-9-]{0,99}")) {
                tally.problem(yml, 1, "a media id is lowercase letters, digits and hyphens");
                continue;
            }
            tally.readYaml(yml).ifPresent(f -> importFile(dir, yml, id, f, tally));
        }
    }

    private void importFile(Path dir, Path yml, String id, Map<String, Object> f, Tally tally) {
        Path data = list(dir).stream().filter(p -> stem(p).equals(id) && !p.equals(yml)).findFirst().orElse(null);
        if (data == null) {
            tally.problem(yml, 1, "no file " + id + ".<ending> beside it");
            return;
        }
        String fileName = f.get("file") instanceof String s ? s : data.getFileName().toString();
        boolean decorative = Boolean.TRUE.equals(f.get("decorative"));
        Map<String, MediaText> texts = new TreeMap<>();
        if (f.get("texts") instanceof Map<?, ?> byLanguage) {
            for (Map.Entry<?, ?> e : byLanguage.entrySet()) {
                String language = String.valueOf(e.getKey());
                if (!languages.isConfigured(language)) {
                    tally.problem(yml, 1, "unknown language " + language);
                    return;
                }
                if (e.getValue() instanceof Map<?, ?> text) {
                    texts.put(language, new MediaText(string(text.get("title")), string(text.get("alt"))));
                }
            }
        }
        try {
            Uploads.Received received;
            try (InputStream in = Files.newInputStream(data)) {
                received = uploads.receive(fileName, in);
            }
            Inspection.Result r = received.inspected();
            tx.executeWrite(s -> {
                MediaFile existing = files.findById(id).orElse(null);
                MediaFile wanted = new MediaFile(id, received.sha256(), received.fileName(), r.kind().mediaType,
                        received.size(), r.width(), r.height(), decorative, texts, existing == null ? IMPORTER.name()
                        : existing.uploadedBy(), existing == null ? null : existing.version(),
                        existing == null ? null : existing.createdAt(), null);
                if (existing == null) {
                    files.save(wanted);
                    tally.created();
                } else if (existing.sha256().equals(wanted.sha256()) && existing.fileName().equals(wanted.fileName())
                        && existing.decorative() == decorative && Objects.equals(new TreeMap<>(existing.texts()), texts)) {
                    tally.unchanged();
                } else {
                    files.update(wanted);
                    tally.updated();
                }
                return null;
            });
        } catch (DomainException e) {
            tally.problem(data, 1, e.getMessage() + describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(DomainException e) {
        return e.errors().isEmpty() ? "" : ": " + e.errors().stream().map(f -> f.field() + " " + f.message()).toList();
    }

    @Override
    public Set<Path> exportTo(Path dir, Tally tally) {
        Set<Path> held = new HashSet<>();
        for (MediaFile f : tx.executeRead(s -> files.listOrderById())) {
            Path data = dir.resolve(f.id() + "." + Inspection.ending(f.fileName()));
            try (InputStream in = store.open(f.sha256())) {
                tally.write(data, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, Object> yaml = new LinkedHashMap<>();
            yaml.put("file", f.fileName());
            yaml.put("decorative", f.decorative());
            Map<String, Object> texts = new LinkedHashMap<>();
            new TreeMap<>(f.texts()).forEach((language, text) -> {
                Map<String, Object> t = new LinkedHashMap<>();
                if (text.title() != null) {
                    t.put("title", text.title());
                }
                if (text.alt() != null) {
                    t.put("alt", text.alt());
                }
                texts.put(language, t);
            });
            if (!texts.isEmpty()) {
                yaml.put("texts", texts);
            }
            Path yml = dir.resolve(f.id() + ".yml");
            tally.write(yml, tally.writeYaml(yaml).getBytes(StandardCharsets.UTF_8));
            held.add(data);
            held.add(yml);
        }
        return held;
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stem(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static String string(Object value) {
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value).strip();
    }
}
