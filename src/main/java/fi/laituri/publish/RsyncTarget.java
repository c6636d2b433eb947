package fi.laituri.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An rsync destination: a daemon's module ({@code rsync://host/module/path}, password in {@code RSYNC_PASSWORD}) or a
 * folder over ssh ({@code user@host:path}). rsync sends only what changed; {@code --delay-updates} puts the changed
 * files in place together at the end, and deletions come after that.
 */
final class RsyncTarget implements Target {

    private static final Pattern TRANSFERRED = Pattern.compile("Number of regular files transferred: ([\\d,]+)");
    private static final Pattern DELETED = Pattern.compile("Number of deleted files: ([\\d,]+)");
    private static final Pattern FILES = Pattern.compile("Number of files: [\\d,]+ \\(reg: ([\\d,]+)");

    private final String destination;

    RsyncTarget(String destination) {
        this.destination = destination.endsWith("/") ? destination : destination + "/";
    }

    @Override
    public Published site(Path build) throws IOException, InterruptedException {
        return rsync(List.of("--delete-after", "--delay-updates", "--exclude=/" + FolderTarget.MARK), build);
    }

    /**
     * Two passes: the index files without the {@code segments_N} that name them and without the link, then everything
     * with the link and deletions, so a node never opens a commit whose files are not there yet.
     */
    @Override
    public Published search(Path searchFolder) throws IOException, InterruptedException {
        rsync(List.of("--exclude=segments_*", "--exclude=/current", "--exclude=/.current-*"), searchFolder);
        return rsync(List.of("--delete-after", "--delay-updates", "--exclude=/.current-*"), searchFolder);
    }

    private Published rsync(List<String> options, Path from) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("rsync", "--archive", "--stats", "--checksum"));
        command.addAll(options);
        command.add(from.toAbsolutePath() + "/");
        command.add(destination);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("rsync cannot be run (" + e.getMessage() + "); install it to publish to " + destination, e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0) {
            String last = output.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
            throw new IOException("rsync to " + destination + " failed with exit code " + exit + ": " + last);
        }
        int files = number(FILES, output);
        int written = number(TRANSFERRED, output);
        return new Published(written, Math.max(0, files - written), number(DELETED, output));
    }

    private static int number(Pattern pattern, String output) {
        Matcher m = pattern.matcher(output);
        return m.find() ? Integer.parseInt(m.group(1).replace(",", "")) : 0;
    }

    @Override
    public String toString() {
        return destination;
    }
}
