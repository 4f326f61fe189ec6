package io.livecalc.api;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * An output file written under a hidden temporary name in the target's folder and renamed to the target
 * on {@link #commit()} (same folder, so the rename is atomic on one file system): readers see the old
 * file or the complete new one, never a half-written one. A file that is not committed is deleted by
 * {@link #abort()} or {@link #close()}.
 *
 * <pre>{@code
 * AtomicFile.write(Path.of("out/result.json"), tmp -> Files.writeString(tmp, json));
 * }</pre>
 *
 * <p>The target's folder is created if missing. On commit the file gets the permissions of the file it
 * replaces, or those of an ordinary new file ({@code rw-r--r--}), not the private ones of a temporary file.
 *
 * <p>A writer holds an exclusive lock on its temporary file until it commits or aborts; the operating
 * system drops the lock when the process dies. {@link #sweepStale} deletes the temporary files of a target
 * that no live writer holds: what a killed run ({@code kill -9}) left behind.
 */
public final class AtomicFile implements AutoCloseable {

    /** Writes the content to the temporary file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temp) throws IOException;
    }

    /** Temporary files being written by this JVM: never swept (a lock test from here would release their lock). */
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    /** A temporary file's permissions until commit: only its owner reads the partial content. */
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path target;
    private final Path temp;
    private final FileChannel lockChannel;
    private boolean committed;

    private AtomicFile(Path target) throws IOException {
        this.target = Objects.requireNonNull(target, "target").toAbsolutePath();
        Path dir = this.target.getParent();
        Files.createDirectories(dir);
        this.temp = createTemp(dir, "." + this.target.getFileName() + ".");
        LIVE.add(temp);
        this.lockChannel = lock(temp);
    }

    /**
     * A new, private file {@code PREFIX<digits>.tmp} in {@code dir}. Not {@code Files.createTempFile}: its names
     * come from a {@code SecureRandom}, whose start-up cost a one-shot run paid for every output (about 20 ms, issue
     * 15). Exclusive creation (O_EXCL: an existing file or link of that name is never opened) is what makes the name
     * safe; it needs to be unique, not unguessable, and a taken name is simply drawn again.
     */
    private static Path createTemp(Path dir, String prefix) throws IOException {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        for (int attempt = 0; ; attempt++) {
            Path candidate = dir.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong() >>> 1) + ".tmp");
            try {
                return posix ? Files.createFile(candidate, PRIVATE) : Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }

    /** An exclusive lock on the new temporary file, or null where the file system has no locks (age alone then guards it). */
    private static FileChannel lock(Path temp) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(temp, StandardOpenOption.WRITE);
            if (channel.tryLock() != null) {
                return channel;
            }
        } catch (IOException | UnsupportedOperationException e) {
            // no lock: sweepers in other processes rely on the file's age
        }
        closeQuietly(channel);
        return null;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close(); // releases the lock
            } catch (IOException ignored) {
                // nothing was written through it
            }
        }
    }

    private void release() {
        closeQuietly(lockChannel);
        LIVE.remove(temp);
    }

    /**
     * Deletes the temporary files of {@code target} ({@code .NAME.<digits>.tmp} beside it) that no live
     * writer holds and that were last modified at least {@code minAge} ago: the leftovers of a writer that
     * was killed before it could commit or abort. Files this JVM is writing, files another process holds
     * locked and younger files are left alone. Best effort: a file that cannot be examined is kept.
     *
     * @return the files deleted
     */
    public static List<Path> sweepStale(Path target, Duration minAge) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Pattern name = Pattern.compile("\\." + Pattern.quote(abs.getFileName().toString()) + "\\.[0-9]+\\.tmp");
        List<Path> swept = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return swept;
        }
        Instant cutoff = Instant.now().minus(minAge);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, p -> name.matcher(p.getFileName().toString()).matches())) {
            for (Path f : files) {
                if (!LIVE.contains(f) && Files.isRegularFile(f) && Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)
                        && deleteUnlocked(f)) {
                    swept.add(f);
                }
            }
        } catch (IOException e) {
            // the folder cannot be listed: nothing is swept, and the writer reports the folder if it matters
        }
        return swept;
    }

    /** Deletes {@code f} if no process holds its lock; the lock is held while deleting, so no writer can take it meanwhile. */
    private static boolean deleteUnlocked(Path f) {
        try (FileChannel channel = FileChannel.open(f, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false; // another process is writing it
            }
            Files.deleteIfExists(f);
            return true;
        } catch (IOException | OverlappingFileLockException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Creates the temporary file for {@code target}.
     *
     * @throws IOException the folder cannot be created or written
     */
    public static AtomicFile create(Path target) throws IOException {
        return new AtomicFile(target);
    }

    /**
     * Writes {@code target} atomically: {@code content} fills the temporary file, which then replaces
     * the target; on any failure the temporary file is deleted and the target is left as it was.
     */
    public static void write(Path target, Content content) throws IOException {
        try (AtomicFile f = create(target)) {
            content.writeTo(f.temp());
            f.commit();
        }
    }

    /** The final name (absolute). */
    public Path target() {
        return target;
    }

    /** The temporary file to write. */
    public Path temp() {
        return temp;
    }

    /** Moves the finished temporary file to the target name, replacing any file there. */
    public void commit() throws IOException {
        if (committed) {
            throw new IllegalStateException(target + " is already committed");
        }
        // the temporary file is private (rw-------); give the result the permissions of the file it
        // replaces, or those of an ordinary new file
        try {
            Files.setPosixFilePermissions(temp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                    : PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the default permissions stand
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
        release();
    }

    public boolean committed() {
        return committed;
    }

    /** Deletes the temporary file unless committed; best effort, idempotent. */
    public void abort() {
        if (!committed) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a hidden temporary name, never the final one
            } finally {
                release();
            }
        }
    }

    /** {@link #abort()}: a file not committed by now is discarded. */
    @Override
    public void close() {
        abort();
    }
}
