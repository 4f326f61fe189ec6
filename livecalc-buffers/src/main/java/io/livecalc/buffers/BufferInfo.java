package io.livecalc.buffers;

import io.livecalc.api.BufferType;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One buffer allocated by a {@link BufferManager}: its name, record type, size and memory.
 *
 * <p>The memory starts 16-byte aligned and zero-filled. After {@link BufferManager#free} the segment is
 * unmapped: {@link #segment()} throws {@link BufferFreedException}, and a segment obtained earlier throws
 * {@link IllegalStateException} on access (never a crash, never a stale read).
 */
public final class BufferInfo {

    private final String name;
    private final BufferType type;
    private final long recordCount;
    private final MemorySegment segment;
    private final Path sharedFile;
    private volatile boolean freed;

    BufferInfo(String name, BufferType type, long recordCount, MemorySegment segment, Path sharedFile) {
        this.name = name;
        this.type = type;
        this.recordCount = recordCount;
        this.segment = segment;
        this.sharedFile = sharedFile;
    }

    public String name() {
        return name;
    }

    public BufferType type() {
        return type;
    }

    public long recordCount() {
        return recordCount;
    }

    /** Bytes per record. */
    public long recordSize() {
        return type.recordSize();
    }

    /** {@code recordCount * recordSize}. */
    public long totalBytes() {
        return recordCount * type.recordSize();
    }

    /**
     * The buffer's memory, exactly {@link #totalBytes()} long.
     *
     * @throws BufferFreedException the buffer has been freed
     */
    public MemorySegment segment() {
        if (freed) {
            throw new BufferFreedException("buffer '" + name + "' (" + type.name() + ", " + recordCount
                    + " records) has been freed; allocate it again to reuse the name");
        }
        return segment;
    }

    /** Whether the buffer is backed by a memory-mapped file another process can map. */
    public boolean isShared() {
        return sharedFile != null;
    }

    /** The memory-mapped file behind a shared buffer (removed when the buffer is freed). */
    public Optional<Path> sharedFile() {
        return Optional.ofNullable(sharedFile);
    }

    public boolean isFreed() {
        return freed;
    }

    void markFreed() {
        freed = true;
    }

    @Override
    public String toString() {
        return "BufferInfo[" + name + ", " + type.name() + ", " + recordCount + " x " + recordSize() + " B = "
                + totalBytes() + " B" + (sharedFile != null ? ", shared " + sharedFile : "") + (freed ? ", freed" : "") + "]";
    }
}
