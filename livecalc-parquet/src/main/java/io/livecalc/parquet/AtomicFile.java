package io.livecalc.parquet;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A file written under a hidden temporary name in the target's folder and renamed on success (same
 * folder, so the rename is atomic on one file system): readers see the old file or the complete new one,
 * never a half-written one.
 */
final class AtomicFile {

    final Path target;
    final Path temp;
    private boolean done;

    AtomicFile(Path target) throws IOException {
        this.target = target.toAbsolutePath();
        Path dir = this.target.getParent();
        Files.createDirectories(dir);
        this.temp = Files.createTempFile(dir, "." + this.target.getFileName() + ".", ".tmp");
    }

    /** Moves the finished temporary file to the target name, replacing any file there. */
    void commit() throws IOException {
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
        done = true;
    }

    boolean committed() {
        return done;
    }

    /** Deletes the temporary file unless committed; best effort, idempotent. */
    void abort() {
        if (!done) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a hidden temporary name, never the final one
            }
        }
    }
}
