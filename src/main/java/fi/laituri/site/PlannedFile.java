package fi.laituri.site;

import java.util.List;
import java.util.Set;

/**
 * One file the build will have, before it is rendered: its path below the site root, a fingerprint of
 * everything it is made from, and how to render it. A file whose fingerprint, and the documents it
 * looked up when last rendered, are what they were is not rendered again.
 *
 * @param path        below the site root, without a leading slash
 * @param fingerprint of the inputs the renderer knows of up front (the template model, the document's versions)
 * @param render      makes the bytes; may look up further documents, which it names in {@link Rendered#lookups()}
 * @param carried     the renderer planned this file for the model this build's was made from, and its inputs are as
 *                    they were then (the same path and fingerprint, see {@link SiteModel#since}): if that model's build
 *                    is the live one, the live file is this file, unless a document it looked up changed
 */
record PlannedFile(String path, String fingerprint, Render render, boolean carried) {

    PlannedFile {
        path = relative(path);
    }

    /** A path below the site root as plans name it: without a leading slash. */
    static String relative(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    PlannedFile(String path, String fingerprint, Render render) {
        this(path, fingerprint, render, false);
    }

    /** This file, marked {@link #carried} or not. */
    PlannedFile carriedIf(boolean carried) {
        return carried == this.carried ? this : new PlannedFile(path, fingerprint, render, carried);
    }

    @FunctionalInterface
    interface Render {
        Rendered render();
    }

    /**
     * A rendered file: its bytes, the translation keys it looked up on the way ({@code doc:} links), whose
     * changes must render it again, and the problems found, each naming document, language and line.
     */
    record Rendered(byte[] bytes, Set<String> lookups, List<String> warnings) {

        static Rendered of(byte[] bytes) {
            return new Rendered(bytes, Set.of(), List.of());
        }
    }

    /** A file made from its fingerprinted inputs alone. */
    static PlannedFile of(String path, String fingerprint, java.util.function.Supplier<byte[]> bytes) {
        return new PlannedFile(path, fingerprint, () -> Rendered.of(bytes.get()));
    }
}
