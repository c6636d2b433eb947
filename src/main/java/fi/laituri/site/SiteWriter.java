package fi.laituri.site;

import fi.laituri.BuildPause;
import fi.laituri.FileTrees;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Writes builds so that the live site is never half-written, and so that a small change writes little.
 * There are two build directories, {@code builds/a} and {@code builds/b}; {@code current} is a link to one
 * of them, the live site. A build brings the other one up to date, changing only the files that differ
 * from what its manifest says it holds, and then switches {@code current} to it with one atomic rename.
 * The live directory is never written to, so a build killed at any moment leaves the live site whole;
 * the directory it was writing has lost its manifest by then, and the next build starts it afresh. The
 * directory that was live before stays as it was until the next build, for a rollback.
 */
@Singleton
class SiteWriter {

    private static final Logger LOG = LoggerFactory.getLogger(SiteWriter.class);

    static final String CURRENT = "current";
    static final String BUILDS = "builds";
    private static final String[] SLOTS = {"a", "b"};

    /** Manifests this process read or wrote, by file, with the file's time then: reading one is most of a small build. */
    private final Map<Path, Cached> manifests = new ConcurrentHashMap<>();

    private record Cached(FileTime time, Manifest manifest) {
    }

    private final Counter unreadableManifests;

    SiteWriter(MeterRegistry meters) {
        this.unreadableManifests = meters.counter("laituri.site.manifest.unreadable");
    }

    /**
     * The manifest at {@code file}, or empty when there is none or it cannot be read: then the build renders
     * and writes every file, which is always right, only slower. An unreadable one is reported, with its cause
     * and in the {@code laituri.site.manifest.unreadable} counter, since it means damage, not a killed build.
     */
    private Optional<Manifest> read(Path file) {
        FileTime time;
        try {
            time = Files.getLastModifiedTime(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return unreadable(file, e);
        }
        Cached cached = manifests.get(file);
        if (cached != null && cached.time().equals(time)) {
            return Optional.of(cached.manifest());
        }
        try {
            Manifest manifest = Manifest.read(file);
            manifests.put(file, new Cached(time, manifest));
            return Optional.of(manifest);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return unreadable(file, e);
        }
    }

    private Optional<Manifest> unreadable(Path file, IOException e) {
        LOG.warn("the site manifest {} cannot be read; this build renders every file afresh", file, e);
        unreadableManifests.increment();
        return Optional.empty();
    }

    /** Starts a build into the directory that is not live. */
    Staging stage(Path siteRoot, String siteFingerprint) {
        Path root = siteRoot.toAbsolutePath().normalize();
        try {
            Path builds = Files.createDirectories(root.resolve(BUILDS));
            Path live = live(root);
            String slot = live != null && live.getFileName().toString().equals(SLOTS[0]) ? SLOTS[1] : SLOTS[0];
            Manifest liveManifest = live == null ? null
                    : read(manifestOf(live)).filter(m -> m.site().equals(siteFingerprint)).orElse(null);
            Path target = builds.resolve(slot);
            Manifest held = read(manifestOf(target)).orElse(null);
            // From here until publish() the target's manifest is gone: a build killed midway leaves it unknown.
            Files.deleteIfExists(manifestOf(target));
            boolean emptied = held == null;
            if (emptied) {
                FileTrees.delete(target);
                held = Manifest.empty(siteFingerprint);
            }
            Files.createDirectories(target);
            return new Staging(root, live, liveManifest == null ? Manifest.empty(siteFingerprint) : liveManifest,
                    target, held, siteFingerprint, emptied);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The files of {@code liveBuild} (see {@link #live}) as its manifest lists them; empty when its manifest is
     * missing or unreadable (a build killed between the swap and the manifest).
     */
    Optional<Set<String>> files(Path liveBuild) {
        return read(manifestOf(liveBuild)).map(m -> m.files().keySet());
    }

    /** The live build directory, or null when there is none yet. */
    static Path live(Path root) throws IOException {
        Path link = root.resolve(CURRENT);
        if (!Files.isSymbolicLink(link)) {
            return null;
        }
        Path target = root.resolve(Files.readSymbolicLink(link)).normalize();
        return Files.isDirectory(target) ? target : null;
    }

    private static Path manifestOf(Path build) {
        return build.resolveSibling(build.getFileName() + ".manifest");
    }

    /** One build being written. {@link #write} and {@link #keep} may be called from several threads. */
    final class Staging {

        private final Path root;
        private final Path live;
        private final Manifest liveManifest;
        private final Path target;
        private final Manifest held;
        private final String siteFingerprint;
        private final Map<String, Manifest.Entry> files;

        private Staging(Path root, Path live, Manifest liveManifest, Path target, Manifest held, String siteFingerprint,
                        boolean fresh) {
            this.root = root;
            this.live = live;
            this.liveManifest = liveManifest;
            this.target = target;
            this.held = held;
            this.siteFingerprint = siteFingerprint;
            // Sized for as many files as the live build has: tens of thousands, put from every core.
            this.files = new ConcurrentHashMap<>(Math.max(16, liveManifest.files().size()));
            this.fresh = fresh;
        }

        /**
         * Whether the build started as an empty folder (the first build, or one after a build was stopped midway):
         * no file in it can be open to a reader, so files are written in place rather than through a renamed copy.
         */
        private final boolean fresh;
        /** Whether hard links to the live build's files can be made here; false after the first that could not. */
        private volatile boolean links = true;
        /** The folders of the build made so far. */
        private final Map<Path, Boolean> folders = new ConcurrentHashMap<>();

        /** How many files have been put into the build so far. */
        int size() {
            return files.size();
        }

        /** What the live site was built from (empty when it was built with other templates or settings). */
        Manifest live() {
            return liveManifest;
        }

        /** Puts a freshly rendered file into the build. */
        void write(String path, byte[] bytes, Manifest.Entry entry) {
            files.put(path, entry);
            if (!holds(path, entry)) {
                try {
                    if (fresh) {
                        Files.write(created(path), bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    } else {
                        Path tmp = replaceable(path);
                        Files.write(tmp, bytes);
                        Files.move(tmp, resolve(path), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                BuildPause.at("mid-files");
            }
        }

        /**
         * Puts the live site's file, unchanged, into the build: into an empty build as a hard link to it where the
         * file system allows (no file of a build is ever rewritten in place, only replaced by a rename, so the two
         * never part), otherwise as a copy.
         */
        void keep(String path, Manifest.Entry entry) {
            files.put(path, entry);
            if (!holds(path, entry)) {
                try {
                    if (fresh && links) {
                        Path file = created(path);
                        try {
                            Files.createLink(file, live.resolve(path));
                            return;
                        } catch (UnsupportedOperationException | IOException e) {
                            // A file system without hard links, or another one: the file is copied, and so are the rest.
                            links = false;
                            Files.deleteIfExists(file);
                        }
                    }
                    Path tmp = replaceable(path);
                    Files.copy(live.resolve(path), tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, resolve(path), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                BuildPause.at("mid-files");
            }
        }

        private boolean holds(String path, Manifest.Entry entry) {
            Manifest.Entry had = held.files().get(path);
            return had != null && had.hash().equals(entry.hash());
        }

        /** A temporary file beside {@code path}; files are replaced by a rename, never rewritten in place. */
        private Path replaceable(String path) throws IOException {
            Path file = resolve(path);
            folder(file.getParent());
            return file.resolveSibling("." + file.getFileName() + ".tmp");
        }

        /** Where {@code path} goes in a build that started empty, its folder made. */
        private Path created(String path) throws IOException {
            Path file = resolve(path);
            folder(file.getParent());
            return file;
        }

        /** Makes a folder of the build once: tens of thousands of files share a few thousand folders. */
        private void folder(Path dir) throws IOException {
            try {
                folders.computeIfAbsent(dir, d -> {
                    try {
                        Files.createDirectories(d);
                        return Boolean.TRUE;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }

        private Path resolve(String path) {
            Path file = target.resolve(path).normalize();
            if (!file.startsWith(target) || file.equals(target)) {
                throw new IllegalStateException("refusing to write outside the site: " + path);
            }
            return file;
        }

        /** Removes what the build no longer has, records the manifest and makes the build live. */
        Path publish() {
            try {
                for (String path : held.files().keySet()) {
                    if (!files.containsKey(path)) {
                        Path file = resolve(path);
                        Files.deleteIfExists(file);
                        removeEmptyParents(file.getParent());
                    }
                }
                BuildPause.at("before-swap");
                Path link = root.resolve(".current-" + ProcessHandle.current().pid());
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, Path.of(BUILDS, target.getFileName().toString()));
                BuildPause.at("swap");
                Files.move(link, root.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                BuildPause.at("swapped");
                // The site is live before its manifest is written: readers need not wait for it, and a build
                // killed in between leaves a live build without a manifest, which the next build renders afresh.
                Manifest manifest = new Manifest(siteFingerprint, java.util.Collections.unmodifiableMap(files));
                Path file = manifestOf(target);
                manifest.write(file);
                manifests.put(file, new Cached(Files.getLastModifiedTime(file), manifest));
                removeOtherBuilds();
                return target;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void removeEmptyParents(Path dir) throws IOException {
            while (dir != null && !dir.equals(target) && dir.startsWith(target)) {
                try {
                    Files.delete(dir);
                } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                    return;
                }
                dir = dir.getParent();
            }
        }

        /** Builds of earlier versions (one directory per content hash) are not needed once a slot is live. */
        private void removeOtherBuilds() throws IOException {
            try (Stream<Path> s = Files.list(root.resolve(BUILDS))) {
                for (Path p : s.toList()) {
                    String name = p.getFileName().toString();
                    if (!name.equals(SLOTS[0]) && !name.equals(SLOTS[1]) && !name.endsWith(".manifest")) {
                        FileTrees.delete(p);
                    }
                }
            }
        }
    }

}
