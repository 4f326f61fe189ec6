package io.livecalc.buffers;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the bytes of a shared buffer (or a slice of one) live, for another process to map them: see
 * {@link BufferManager#sharedRegion}.
 *
 * @param file   the memory-mapped file behind the buffer
 * @param offset byte offset of the region in the file
 * @param bytes  length of the region in bytes
 */
public record SharedRegion(Path file, long offset, long bytes) {
    public SharedRegion {
        Objects.requireNonNull(file, "file");
        if (offset < 0 || bytes < 0) {
            throw new IllegalArgumentException("negative offset or length: " + offset + ", " + bytes);
        }
    }
}
