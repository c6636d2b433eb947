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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
 *
 * <p>A build's manifest ({@code builds/a.manifest}) is a {@link Manifest.Delta}: what differs from a base
 * ({@code builds/base-<id>.manifest}), a whole manifest written once and shared by the builds whose deltas name it.
 * A build writes its delta against the base of the live build's manifest, so a small change writes a small file
 * however large the site; when the delta grows past a tenth of the base, the site fingerprint changed or the
 * live build has no base, it writes a new base with every entry and an empty delta. Bases that neither slot's
 * manifest names are deleted once the new manifest is in place.
 */
@Singleton
class SiteWriter {

    private static final Logger LOG = LoggerFactory.getLogger(SiteWriter.class);

    static final String CURRENT = "current";
    static final String BUILDS = "builds";
    private static final String[] SLOTS = {"a", "b"};

    /**
     * Manifests this process read or wrote, by file, with the file's time then: reading one is most of a small build.
     * Bases are here too, by their own file: a base is never changed, and the next delta is written against it.
     */
    private final Map<Path, Cached> manifests = new ConcurrentHashMap<>();

    /** A manifest whole, and the name of the base its file is a delta of (null when the file is whole: a base, an old slot manifest). */
    private record Cached(FileTime time, Manifest manifest, String base) {
    }

    /** The base a build writes its delta against: its file's name, beside the slots' manifests, and what it holds. */
    private record Base(String name, Manifest manifest) {
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
        return load(file).map(Cached::manifest);
    }

    /**
     * As {@link #read}, with the name of the manifest's base. A delta whose base is missing or cannot be read is
     * unreadable: it is there, so a build completed it, and the base was lost since.
     */
    private Optional<Cached> load(Path file) {
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
            return Optional.of(cached);
        }
        try {
            String base = Manifest.Delta.baseOf(file);
            Manifest manifest = base == null ? Manifest.read(file) : Manifest.Delta.read(file).over(base(file.resolveSibling(base)));
            Cached read = new Cached(time, manifest, base);
            manifests.put(file, read);
            return Optional.of(read);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return unreadable(file, e);
        }
    }

    /**
     * The base manifest at {@code file}, read once while its file time stays. It is missing only when lost: then the
     * delta naming it cannot be read ({@link NoSuchFileException} would say there is no manifest, which is normal).
     */
    private Manifest base(Path file) throws IOException {
        try {
            FileTime time = Files.getLastModifiedTime(file);
            Cached cached = manifests.get(file);
            if (cached != null && cached.time().equals(time)) {
                return cached.manifest();
            }
            Manifest base = Manifest.read(file);
            // Bases another process's builds deleted would stay here for good: the new one drops those whose file is gone.
            manifests.keySet().removeIf(p -> p.getParent().equals(file.getParent())
                    && p.getFileName().toString().startsWith("base-") && !Files.exists(p));
            manifests.put(file, new Cached(time, base, null));
            return base;
        } catch (NoSuchFileException e) {
            throw new IOException("the manifest base " + file + " is missing", e);
        }
    }

    private <T> Optional<T> unreadable(Path file, IOException e) {
        LOG.warn("the site manifest {} cannot be read; this build renders every file afresh", file, e);
        unreadableManifests.increment();
        return Optional.empty();
    }

    /**
     * Starts a build into the directory that is not live. {@code carry}: the build may leave the live build's unchanged
     * files to be carried over ({@link Staging#carries}), as a one-edit build does; a full build puts every file.
     */
    Staging stage(Path siteRoot, String siteFingerprint, boolean carry) {
        return stage(siteRoot, siteFingerprint, carry, 0);
    }

    /** As {@link #stage(Path, String, boolean)}, for a build of about {@code files} files, which its maps are sized for. */
    Staging stage(Path siteRoot, String siteFingerprint, boolean carry, int files) {
        Path root = siteRoot.toAbsolutePath().normalize();
        try {
            Path builds = Files.createDirectories(root.resolve(BUILDS));
            Path live = live(root);
            String slot = live != null && live.getFileName().toString().equals(SLOTS[0]) ? SLOTS[1] : SLOTS[0];
            Cached liveRead = live == null ? null
                    : load(manifestOf(live)).filter(c -> c.manifest().site().equals(siteFingerprint)).orElse(null);
            Manifest liveManifest = liveRead == null ? null : liveRead.manifest();
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
                    baseOf(builds, liveRead), target, held, siteFingerprint, emptied, carry, files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The base the live build's manifest is a delta of, or null when there is none to write against (no live
     * manifest, a whole one of an earlier version, a base that cannot be read any more): the build writes a new one.
     */
    private Base baseOf(Path builds, Cached live) {
        if (live == null || live.base() == null) {
            return null;
        }
        try {
            return new Base(live.base(), base(builds.resolve(live.base())));
        } catch (IOException e) {
            LOG.warn("the site manifest base {} cannot be read; this build writes a new one", live.base(), e);
            return null;
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

    /**
     * Writes a file's bytes in one system call when it is a page: {@link Files#write} hands them over 8 KB at a
     * time, three calls for a page with its inline stylesheet, 116,000 for a 10,000-document build. Larger files
     * (sitemaps, feeds) go in pieces of {@link #WRITE_PIECE}, the most a thread keeps in its buffer for writing.
     */
    static void writeWhole(Path file, byte[] bytes, StandardOpenOption... options) throws IOException {
        try (FileChannel channel = FileChannel.open(file, options)) {
            for (int at = 0; at < bytes.length; ) {
                ByteBuffer piece = ByteBuffer.wrap(bytes, at, Math.min(WRITE_PIECE, bytes.length - at));
                while (piece.hasRemaining()) {
                    at += channel.write(piece);
                }
            }
        }
    }

    /**
     * The JDK copies what a channel writes from the heap into a buffer of the thread's own, kept for the thread's
     * next write, at the size of the largest write so far: a long-lived thread that wrote a large file at once
     * would hold that much memory.
     */
    private static final int WRITE_PIECE = 256 * 1024;

    /** One build being written. {@link #write} and {@link #keep} may be called from several threads. */
    final class Staging {

        private final Path root;
        private final Path live;
        private final Manifest liveManifest;
        /** The base this build's manifest is written against; null when a new one is written. */
        private final Base base;
        /** The entries this build puts that differ from the base's (changed or added): the delta, gathered as files are put. */
        private final Map<String, Manifest.Entry> changed = new ConcurrentHashMap<>();
        /** How many of the base's paths this build has put: when all, none was removed, with no look at each. */
        private final java.util.concurrent.atomic.LongAdder inBase = new java.util.concurrent.atomic.LongAdder();
        /**
         * Whether the build's manifest is made whole ({@link #files}): when there is no base to write a delta against
         * (the first build, a live build of an earlier version) or the base is of other templates or settings, so that
         * every file is rendered. Otherwise only what differs from the base is kept ({@link #changed}).
         */
        private final boolean whole;
        private final Path target;
        private final Manifest held;
        private final String siteFingerprint;
        private final Map<String, Manifest.Entry> files;

        private Staging(Path root, Path live, Manifest liveManifest, Base base, Path target, Manifest held,
                        String siteFingerprint, boolean fresh, boolean carry, int expected) {
            this.root = root;
            this.live = live;
            this.liveManifest = liveManifest;
            this.base = base;
            this.whole = base == null || !base.manifest().site().equals(siteFingerprint);
            this.target = target;
            this.held = held;
            this.siteFingerprint = siteFingerprint;
            // Sized for as many files as the build or the live build has: tens of thousands, put from every core, which
            // would otherwise stop to copy the map as it grows.
            this.files = whole ? new ConcurrentHashMap<>(Math.max(16, Math.max(expected, liveManifest.files().size()))) : null;
            this.fresh = fresh;
            Map<String, Manifest.Entry> baseFiles = whole ? null : base.manifest().files();
            this.liveDelta = whole || fresh || !carry ? null : Manifest.Overlay.of(liveManifest, baseFiles);
            this.heldDelta = liveDelta == null ? null : Manifest.Overlay.of(held, baseFiles);
            this.putPaths = heldDelta == null ? null : ConcurrentHashMap.newKeySet();
        }

        /**
         * The live build's and this folder's manifests as overlays of this build's base, when both are (and the folder
         * was not emptied): then the two differ only where their deltas do, and files the live build has unchanged
         * need not be put one by one ({@link #carries}). Null otherwise.
         */
        private final Manifest.Overlay liveDelta;
        private final Manifest.Overlay heldDelta;
        /** The paths put, when carrying: what the live build's delta says of them is replaced. */
        private final Set<String> putPaths;

        /**
         * Whether the files this build does not {@link #write} or {@link #keep} are taken to be the live build's, as
         * they are: {@link #publish} then brings this folder up to date with the live build where the two differ (the
         * paths of their deltas) and writes the live build's delta with this build's changes. A build after one edit
         * of a 300,000-page site then puts a few files, not every one.
         */
        boolean carries() {
            return heldDelta != null;
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

        /** What the live site was built from (empty when it was built with other templates or settings). */
        Manifest live() {
            return liveManifest;
        }

        /** Puts a freshly rendered file into the build. */
        void write(String path, byte[] bytes, Manifest.Entry entry) {
            put(path, entry);
            if (!holds(path, entry)) {
                try {
                    if (fresh) {
                        writeWhole(created(path), bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    } else {
                        Path tmp = replaceable(path);
                        writeWhole(tmp, bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                                StandardOpenOption.WRITE);
                        Files.move(tmp, resolve(path), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                BuildPause.at("mid-files");
            }
        }


        /**
         * Puts the live site's file, unchanged, into the build: as a hard link to it where the file system allows (no
         * file of a build is ever rewritten in place, only replaced by a rename, so the two never part), made in place
         * in an empty build and renamed into place in one that holds an older file; otherwise as a copy.
         */
        void keep(String path, Manifest.Entry entry) {
            put(path, entry);
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
                    replaceFromLive(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                BuildPause.at("mid-files");
            }
        }

        /**
         * Replaces {@code path} in the build by the live build's file: a hard link to it where links can be made (no
         * file of a build is ever rewritten in place), otherwise a copy, renamed into place.
         */
        private void replaceFromLive(String path) throws IOException {
            Path tmp = replaceable(path);
            Files.deleteIfExists(tmp);
            if (links) {
                try {
                    Files.createLink(tmp, live.resolve(path));
                    Files.move(tmp, resolve(path), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    return;
                } catch (UnsupportedOperationException | IOException e) {
                    links = false;
                    Files.deleteIfExists(tmp);
                }
            }
            Files.copy(live.resolve(path), tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, resolve(path), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        /**
         * Records a file put into the build: every entry when the manifest is made whole, otherwise only the delta, with
         * one lookup in the base for each file (a kept file's entry is nearly always the base's own object), so writing
         * the manifest needs no pass over the whole site.
         */
        private void put(String path, Manifest.Entry entry) {
            if (putPaths != null) {
                putPaths.add(path);
            }
            if (whole) {
                files.put(path, entry);
                return;
            }
            Manifest.Entry had = base.manifest().files().get(path);
            if (had != null) {
                inBase.increment();
            }
            if (had != entry && !entry.equals(had)) {
                changed.put(path, entry);
            }
        }

        /**
         * How large a delta may grow, changes and removals, before a new base is written: a tenth of the base, and at least
         * a hundred entries, which cost nothing to write each time. On a small site one edit changes more than a tenth of
         * the files, and a new base at every build would leave no build whose folder and live build share one, which
         * carrying files over needs ({@link #carries}).
         */
        private int bound() {
            return Math.max(100, base.manifest().files().size() / 10);
        }

        private boolean holds(String path, Manifest.Entry entry) {
            Manifest.Entry had = held.files().get(path);
            if (had == null) {
                return false;
            }
            heldAgain.increment();
            return had.hash().equals(entry.hash());
        }

        /** How many of the files the folder held this build has put again: when all, there is nothing to remove. */
        private final java.util.concurrent.atomic.LongAdder heldAgain = new java.util.concurrent.atomic.LongAdder();

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

        /**
         * Removes what the build no longer has, records the manifest and makes the build live. {@code planned} gives the
         * paths of every file of the build, and {@code deleted} those of the live build's it has not; {@code planned} is
         * asked only when the build dropped files (each path is put once, so counts tell when it did not) and it does
         * not {@link #carries carry} files.
         */
        Path publish(java.util.function.Supplier<Set<String>> planned, java.util.Collection<String> deleted) {
            try {
                java.util.function.Predicate<String> put = whole ? files::containsKey : path -> planned.get().contains(path);
                if (carries()) {
                    bringUpToDate(deleted);
                } else {
                    for (String path : heldAgain.sum() == held.files().size() ? Set.<String>of() : held.files().keySet()) {
                        if (!put.test(path)) {
                            Path file = resolve(path);
                            Files.deleteIfExists(file);
                            removeEmptyParents(file.getParent());
                        }
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
                Set<String> removed = whole ? Set.of() : carries() ? carriedRemoved(deleted) : removed(put);
                Map<String, Manifest.Entry> delta = carries() ? carriedDelta(deleted) : changed;
                Manifest manifest = new Manifest(siteFingerprint, whole ? Collections.unmodifiableMap(files)
                        : new Manifest.Overlay(base.manifest().files(), delta, removed));
                Path file = manifestOf(target);
                String written = writeManifest(manifest, delta, removed, file);
                // Where a new base was written, the build's manifest is held as that base's entries (an empty delta of
                // it), so the next build finds the live manifest an overlay of its base and may carry files over.
                Manifest held = base != null && written.equals(base.name()) ? manifest
                        : manifests.get(file.resolveSibling(written)).manifest();
                manifests.put(file, new Cached(Files.getLastModifiedTime(file), held, written));
                removeOtherBuilds(written);
                return target;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Writes the build's manifest at {@code file} as a delta against the base, or, when there is none or the
         * delta is past its bound, writes a new base with every entry first and an empty delta against it (a build
         * killed in between leaves a base no manifest names, deleted by the next build). Returns the base's name.
         */
        private String writeManifest(Manifest manifest, Map<String, Manifest.Entry> changed, Set<String> removed, Path file)
                throws IOException {
            if (whole || changed.size() + removed.size() > bound()) {
                // A base holds its entries itself, not as an overlay of the base before: bases never chain.
                Manifest flat = whole ? manifest : new Manifest(manifest.site(), new java.util.HashMap<>(manifest.files()));
                String name = "base-" + UUID.randomUUID() + ".manifest";
                Path written = file.resolveSibling(name);
                flat.write(written);
                manifests.put(written, new Cached(Files.getLastModifiedTime(written), flat, null));
                new Manifest.Delta(siteFingerprint, name, Map.of(), Set.of()).write(file);
                return name;
            }
            new Manifest.Delta(siteFingerprint, base.name(), changed, removed).write(file);
            return base.name();
        }

        /**
         * Carrying: makes this folder hold what the live build holds, but for the files put (written or kept already)
         * and those {@code deleted}, which it must not have. Both manifests are overlays of one base, so they can differ
         * only at the paths of their deltas. A file it lacks, or holds with other bytes, is linked from the live build's
         * (copied where links cannot be made) and renamed into place, as every file of a build is.
         */
        private void bringUpToDate(java.util.Collection<String> deleted) throws IOException {
            Set<String> gone = new HashSet<>(deleted);
            Set<String> paths = new HashSet<>(gone);
            paths.addAll(liveDelta.changed().keySet());
            paths.addAll(liveDelta.removed());
            paths.addAll(heldDelta.changed().keySet());
            paths.addAll(heldDelta.removed());
            paths.removeAll(putPaths);
            for (String path : paths) {
                Manifest.Entry want = gone.contains(path) ? null : liveManifest.files().get(path);
                Manifest.Entry have = held.files().get(path);
                Path file = resolve(path);
                if (want == null) {
                    if (Files.deleteIfExists(file)) {
                        removeEmptyParents(file.getParent());
                    }
                } else if (have == null || !have.hash().equals(want.hash())) {
                    replaceFromLive(path);
                    BuildPause.at("mid-files");
                }
            }
        }

        /**
         * Carrying: the delta of this build against the base, the live build's but for the paths put (whose entries this
         * build's own delta, {@link #changed}, has when they differ from the base's) and those {@code deleted}.
         */
        private Map<String, Manifest.Entry> carriedDelta(java.util.Collection<String> deleted) {
            Set<String> gone = new HashSet<>(deleted);
            Map<String, Manifest.Entry> delta = new java.util.HashMap<>();
            liveDelta.changed().forEach((path, entry) -> {
                if (!putPaths.contains(path) && !gone.contains(path)) {
                    delta.put(path, entry);
                }
            });
            delta.putAll(changed);
            return delta;
        }

        /** Carrying: the base's paths this build has not: those the live build had not and were not put again, and those deleted. */
        private Set<String> carriedRemoved(java.util.Collection<String> deleted) {
            Set<String> removed = new HashSet<>();
            for (String path : liveDelta.removed()) {
                if (!putPaths.contains(path)) {
                    removed.add(path);
                }
            }
            for (String path : deleted) {
                if (base.manifest().files().containsKey(path)) {
                    removed.add(path);
                }
            }
            return removed;
        }

        /** How many of the base's paths this build does not have: each path is put once, so a count tells. */
        private int gone() {
            return base.manifest().files().size() - (int) inBase.sum();
        }

        /**
         * The base's paths this build does not have. When the build put every one of them (most builds) that is
         * known from the count alone; a build that dropped files looks each of the base's paths up once, as
         * {@link SiteBuilder} already does with the live build's to list them.
         */
        private Set<String> removed(java.util.function.Predicate<String> put) {
            if (gone() == 0) {
                return Set.of();
            }
            Set<String> removed = new HashSet<>();
            for (String path : base.manifest().files().keySet()) {
                if (!put.test(path)) {
                    removed.add(path);
                }
            }
            return removed;
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

        /**
         * Builds of earlier versions (one directory per content hash) are not needed once a slot is live, nor are
         * bases that neither this build's manifest ({@code base}) nor the other slot's names. The other slot's is
         * read from its first lines; while it cannot be read, every base stays.
         */
        private void removeOtherBuilds(String base) throws IOException {
            Path builds = root.resolve(BUILDS);
            Set<String> used = new HashSet<>(Set.of(base));
            boolean known = true;
            Path other = builds.resolve(target.getFileName().toString().equals(SLOTS[0]) ? SLOTS[1] : SLOTS[0]);
            try {
                String named = Manifest.Delta.baseOf(manifestOf(other));
                if (named != null) {
                    used.add(named);
                }
            } catch (NoSuchFileException e) {
                // No manifest there: it names no base.
            } catch (IOException e) {
                known = false;
            }
            try (Stream<Path> s = Files.list(builds)) {
                for (Path p : s.toList()) {
                    String name = p.getFileName().toString();
                    if (name.startsWith("base-") && name.endsWith(".manifest")) {
                        if (known && !used.contains(name)) {
                            Files.deleteIfExists(p);
                            manifests.remove(p);
                        }
                    } else if (!name.equals(SLOTS[0]) && !name.equals(SLOTS[1]) && !name.endsWith(".manifest")) {
                        FileTrees.delete(p);
                    }
                }
            }
        }
    }

}
