package fi.laituri.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * One Laituri at a time uses a data folder: its embedded MariaDB cannot be shared, and a second one started
 * on the same files would wait for a lock and fail without saying why. The holder writes its pid and its
 * database's URL into {@code laituri.lock}, so a second command can say which process holds the folder and
 * how to reach its database meanwhile. The operating system drops the lock when the holder exits, however.
 */
public final class DataFolderLock implements AutoCloseable {

    static final String FILE = "laituri.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the folder, or throws {@link HeldElsewhere} naming the Laituri that has it. */
    public static DataFolderLock acquire(Path folder) {
        Path file = folder.resolve(FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(folder);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new HeldElsewhere(folder, Files.readAllLines(file, StandardCharsets.UTF_8));
            }
            return new DataFolderLock(file, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot use the data folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Tells later comers where this holder's database is. */
    void record(String jdbcUrl) {
        byte[] text = (ProcessHandle.current().pid() + "\n" + jdbcUrl + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(text), 0);
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // The channel's close below releases it as well.
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing was written through it that could be lost.
        }
    }

    /** Another Laituri (another process, or another start in this one) has the folder. */
    public static final class HeldElsewhere extends RuntimeException {
        HeldElsewhere(Path folder, List<String> lines) {
            super(describe(folder, lines));
        }

        private static String describe(Path folder, List<String> lines) {
            String holder = lines.isEmpty() || lines.get(0).isBlank() ? "another Laituri" : "another Laituri (pid " + lines.get(0) + ")";
            String url = lines.size() > 1 && !lines.get(1).isBlank() ? lines.get(1) : null;
            return holder + " is using the data folder " + folder + " and its embedded database; "
                    + (url == null ? "stop it first, or set LAITURI_DATA_DIR to another folder"
                    : "stop it first, or point this command at its database with LAITURI_DB_URL=" + url);
        }
    }
}
