package fi.laituri.publish;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where {@code laituri publish} sends files: a port with one adapter per kind of static host. A target ends up
 * holding exactly what it was given (files it had that the build no longer has are deleted, after the new ones are
 * in place), and a file that is already the same is not sent again.
 */
public interface Target {

    /** Makes the target hold exactly the files of {@code build}, a build folder (what {@code <site>/current} links to). */
    Published site(Path build) throws IOException, InterruptedException;

    /**
     * Copies a search folder ({@code builds/} and the {@code current} link) so that a search node reading the target
     * switches to the new index at once and never sees a half-copied one.
     */
    Published search(Path searchFolder) throws IOException, InterruptedException;

    /**
     * The target {@code to} names: {@code s3://bucket/prefix}, an rsync destination ({@code rsync://host/module/path} or
     * {@code [user@]host:path}), or else a local folder. {@code env} holds the S3 settings ({@code LAITURI_PUBLISH_S3_*}).
     */
    static Target parse(String to, Map<String, String> env) {
        if (to.startsWith("s3://")) {
            return S3Target.of(URI.create(to), env);
        }
        if (to.startsWith("rsync://") || to.matches("^[^/:]+:.*")) {
            return new RsyncTarget(to);
        }
        return new FolderTarget(Path.of(to));
    }
}
