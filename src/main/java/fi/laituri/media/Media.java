package fi.laituri.media;

import fi.laituri.DomainException;
import fi.laituri.audit.AuditLog;
import fi.laituri.content.PublicChanges;
import fi.laituri.content.ContentReads;
import fi.laituri.language.Languages;
import fi.laituri.markdown.MediaLinks;
import fi.laituri.markdown.Slugs;
import fi.laituri.security.Actor;
import fi.laituri.web.ETags;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The media library: uploads, their texts, deleting what nothing uses. A change to the texts of a file that live pages
 * show is a {@code variant.changed} event for each of them, so the site rebuilds those pages.
 */
@Singleton
public class Media {

    private final MediaRepository files;
    private final Uploads uploads;
    private final MediaStore store;
    private final Languages languages;
    private final TransactionOperations<Connection> tx;
    private final AuditLog audit;
    private final ContentReads reads;
    private final PublicChanges publicChanges;

    Media(MediaRepository files, Uploads uploads, MediaStore store, Languages languages, TransactionOperations<Connection> tx,
          AuditLog audit, ContentReads reads, PublicChanges publicChanges) {
        this.files = files;
        this.uploads = uploads;
        this.store = store;
        this.languages = languages;
        this.tx = tx;
        this.audit = audit;
        this.reads = reads;
        this.publicChanges = publicChanges;
    }

    /** What an upload did: {@code created} a new file, or found the same bytes already in the library. */
    public record Uploaded(MediaApi.MediaView view, boolean created) {
    }

    /**
     * Receives, checks and keeps an upload; its id comes from its name, numbered when taken. Bytes that the library
     * has already are not a second file: the answer is the file that has them, unchanged (its name, texts and id),
     * so that an image uploaded twice is described once. Two uploads of the same bytes at the same moment may still
     * make two files; they share the stored bytes and both work.
     */
    public Uploaded upload(String fileName, InputStream content, Actor actor) {
        Uploads.Received received = uploads.receive(fileName, content);
        String base = Slugs.fromTitle(stem(received.fileName()));
        String id0 = base.isEmpty() ? "file" : base.length() > 90 ? base.substring(0, 90).replaceAll("-+$", "") : base;
        return tx.executeWrite(s -> {
            List<MediaFile> same = files.findBySha256OrderById(received.sha256());
            if (!same.isEmpty()) {
                return new Uploaded(view(same.get(0)), false);
            }
            String id = id0;
            for (int n = 2; files.existsById(id); n++) {
                id = id0 + "-" + n;
            }
            Inspection.Result r = received.inspected();
            MediaFile saved = files.save(new MediaFile(id, received.sha256(), received.fileName(), r.kind().mediaType,
                    received.size(), r.width(), r.height(), false, Map.of(), actor.name(), null, null, null));
            audit.record(AuditLog.Event.of(actor.name(), "media.uploaded", null, null).detail(id));
            return new Uploaded(view(saved), true);
        });
    }

    public List<MediaApi.MediaView> list() {
        return tx.executeRead(s -> files.listOrderById().stream().map(Media::view).toList());
    }

    /** A file's bytes as uploaded, with what a download says of them; {@code sha256} names the bytes for an ETag. */
    public record Original(String fileName, String mediaType, long size, String sha256, SiteMedia.Opener opener) {
    }

    public Original original(String id) {
        MediaFile f = tx.executeRead(s -> file(id));
        return new Original(f.fileName(), f.mediaType(), f.size(), f.sha256(), () -> store.open(f.sha256()));
    }

    public MediaApi.MediaView get(String id) {
        return view(tx.executeRead(s -> file(id)));
    }

    public MediaApi.Users users(String id) {
        return tx.executeRead(s -> {
            file(id);
            return new MediaApi.Users(reads.naming(MediaLinks.SCHEME + id).stream()
                    .map(u -> new MediaApi.User(u.documentId(), u.translationKey(), u.language(), u.live())).toList());
        });
    }

    public MediaApi.MediaView updateTexts(String id, Long expectedVersion, MediaApi.TextsInput input, Actor actor) {
        Map<String, MediaText> texts = new TreeMap<>();
        input.texts().forEach((language, text) -> {
            if (!languages.isConfigured(language)) {
                throw DomainException.invalid("texts." + language, "unknown language " + language);
            }
            if (text != null && (text.title() != null && !text.title().isBlank() || text.hasAlt())) {
                texts.put(language, new MediaText(blankToNull(text.title()), blankToNull(text.alt())));
            }
        });
        return tx.executeWrite(s -> {
            MediaFile f = file(id);
            ETags.check(expectedVersion, f.version());
            MediaFile updated = files.update(f.withTexts(Boolean.TRUE.equals(input.decorative()), texts));
            audit.record(AuditLog.Event.of(actor.name(), "media.changed", null, null).detail(id));
            for (ContentReads.Naming user : reads.naming(MediaLinks.SCHEME + id)) {
                if (user.live()) {
                    reads.variant(user.variantId()).ifPresent(v -> reads.document(v.documentId()).ifPresent(doc ->
                            publicChanges.record(PublicChanges.CHANGED, doc, v, Map.of("media", id))));
                }
            }
            return view(updated);
        });
    }

    /** Deletes a file no language version uses; its bytes go when no other file shares them. */
    public void delete(String id, Long expectedVersion, Actor actor) {
        String orphan = tx.executeWrite(s -> {
            MediaFile f = file(id);
            ETags.check(expectedVersion, f.version());
            List<ContentReads.Naming> users = reads.naming(MediaLinks.SCHEME + id);
            if (!users.isEmpty()) {
                throw DomainException.conflict("media-in-use", "media " + id + " is used by "
                        + String.join(", ", users.stream().map(u -> u.translationKey() + " (" + u.language()
                        + (u.live() ? ", live" : ", draft") + ")").toList()) + "; remove it there first");
            }
            files.delete(f);
            audit.record(AuditLog.Event.of(actor.name(), "media.deleted", null, null).detail(id));
            return files.countBySha256(f.sha256()) == 0 ? f.sha256() : null;
        });
        if (orphan != null) {
            try {
                store.delete(orphan);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private MediaFile file(String id) {
        return files.findById(id).orElseThrow(() -> DomainException.notFound("no media " + id));
    }

    static MediaApi.MediaView view(MediaFile f) {
        return new MediaApi.MediaView(f.id(), f.fileName(), f.mediaType(), f.size(), f.width(), f.height(), f.decorative(),
                f.texts(), f.sha256(), f.uploadedBy(), f.createdAt(), f.version(), "media:" + f.id());
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
