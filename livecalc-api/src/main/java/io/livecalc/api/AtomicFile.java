package io.livecalc.api;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

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
 */
public final class AtomicFile implements AutoCloseable {

    /** Writes the content to the temporary file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temp) throws IOException;
    }

    private final Path target;
    private final Path temp;
    private boolean committed;

    private AtomicFile(Path target) throws IOException {
        this.target = Objects.requireNonNull(target, "target").toAbsolutePath();
        Path dir = this.target.getParent();
        Files.createDirectories(dir);
        this.temp = Files.createTempFile(dir, "." + this.target.getFileName() + ".", ".tmp");
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
        // createTempFile makes the file private (rw-------); give the result the permissions of the file it
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
            }
        }
    }

    /** {@link #abort()}: a file not committed by now is discarded. */
    @Override
    public void close() {
        abort();
    }
}
