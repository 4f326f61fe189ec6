package io.livecalc.buffers;

import io.livecalc.api.BufferType;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Owns the off-heap buffers engines exchange data through. An engine writes its output buffer; the next
 * engine is handed the very same {@link MemorySegment}: no copy is made between engines.
 *
 * <p>Every buffer is 16-byte aligned (SIMD loads), zero-filled, sized in whole records of its
 * {@link BufferType}, and released as soon as it is freed. The manager accounts for every byte:
 * per-type record limits (INPUT 10M, SCENARIO 100M, RESULT 100M) and an optional total byte budget
 * (like Arrow's root allocator limit) are enforced before any memory is touched, with messages that
 * name the buffer, the sizes and the remedy.
 *
 * <p>{@link #allocateShared} gives the same kind of buffer backed by a memory-mapped file that another
 * process (a Python engine) maps too, so both see the same bytes.
 *
 * <p>Thread-safe: buffers may be allocated, looked up and freed from any thread; the segments are
 * usable from any thread. Closing the manager frees everything it still holds.
 */
public final class BufferManager implements AutoCloseable {

    /** Alignment of every buffer's first byte. */
    public static final long ALIGNMENT = 16;

    /** Budget of a manager created without one. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    private static final int MAX_NAME_LENGTH = 200;

    private final long byteBudget;
    private final Predicate<String> sharedNames;
    private final Map<String, Allocation> buffers = new LinkedHashMap<>();
    private final Set<String> pending = new HashSet<>();
    private long allocatedBytes;
    private long allocations;
    private long cumulativeBytes;
    private boolean closed;

    private record Allocation(BufferInfo info, Arena arena) {
    }

    /** A manager without a byte budget (the per-type record limits still apply). */
    public BufferManager() {
        this(UNLIMITED);
    }

    /**
     * A manager that refuses any allocation taking its total past {@code byteBudget} bytes.
     *
     * @throws IllegalArgumentException the budget is not positive
     */
    public BufferManager(long byteBudget) {
        this(byteBudget, name -> false);
    }

    /**
     * A manager with a byte budget whose {@link #allocate} gives shared (file-backed) buffers, as
     * {@link #allocateShared} does, to the names {@code sharedNames} accepts: a pipeline that hands some
     * buffers to another process (a Python engine) says which here, and code that allocates them needs no
     * change.
     *
     * @throws IllegalArgumentException the budget is not positive
     */
    public BufferManager(long byteBudget, Predicate<String> sharedNames) {
        if (byteBudget <= 0) {
            throw new IllegalArgumentException("byte budget must be positive, got " + byteBudget);
        }
        this.byteBudget = byteBudget;
        this.sharedNames = Objects.requireNonNull(sharedNames, "sharedNames");
    }

    /**
     * Allocates a zero-filled, 16-byte-aligned off-heap buffer of {@code records} records.
     *
     * @throws InvalidBufferRequestException  the name is blank or {@code records < 1}
     * @throws BufferLimitExceededException   more records than the type allows
     * @throws BufferBudgetExceededException  the manager's byte budget would be exceeded
     * @throws DuplicateBufferException       a buffer of that name exists
     * @throws IllegalStateException          the manager is closed
     */
    public BufferInfo allocate(BufferType type, String name, long records) {
        return allocate(type, name, records, name != null && sharedNames.test(name));
    }

    /**
     * Like {@link #allocate}, but backed by a memory-mapped file (see {@link BufferInfo#sharedFile()}) that
     * another process can map read-write. The file is removed when the buffer is freed, when the manager
     * closes, and at JVM exit.
     *
     * @throws BufferException the file cannot be created or mapped (the message names it)
     */
    public BufferInfo allocateShared(BufferType type, String name, long records) {
        return allocate(type, name, records, true);
    }

    private BufferInfo allocate(BufferType type, String name, long records, boolean shared) {
        Objects.requireNonNull(type, "type");
        validateName(name);
        long bytes = checkedSize(type, name, records);
        reserve(name, bytes);
        Allocation allocation;
        try {
            allocation = shared ? mapShared(type, name, records, bytes) : offHeap(type, name, records, bytes);
        } catch (RuntimeException | Error e) {
            unreserve(name, bytes);
            throw e;
        }
        synchronized (this) {
            pending.remove(name);
            if (!closed) {
                buffers.put(name, allocation);
                allocations++;
                cumulativeBytes += bytes;
                return allocation.info();
            }
        }
        release(allocation);
        unreserve(null, bytes);
        throw new IllegalStateException("BufferManager was closed while buffer '" + name + "' was being allocated");
    }

    private static Allocation offHeap(BufferType type, String name, long records, long bytes) {
        Arena arena = Arena.ofShared();
        try {
            MemorySegment segment = arena.allocate(bytes, ALIGNMENT); // zero-filled by contract
            return new Allocation(new BufferInfo(name, type, records, segment, null), arena);
        } catch (OutOfMemoryError e) {
            arena.close();
            throw new BufferException("buffer '" + name + "': the system refused " + bytes + " bytes of off-heap memory ("
                    + records + " " + type.name() + " records); free memory or process the work in smaller chunks", e);
        }
    }

    private static Allocation mapShared(BufferType type, String name, long records, long bytes) {
        Path file = SharedMemoryFiles.newPath(name);
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            // Extend by writing the last byte: the file is sparse and reads as zeros until written.
            ch.write(java.nio.ByteBuffer.wrap(new byte[1]), bytes - 1);
            MemorySegment segment = ch.map(FileChannel.MapMode.READ_WRITE, 0, bytes, arena); // page-aligned
            SharedMemoryFiles.mapped(file, segment);
            return new Allocation(new BufferInfo(name, type, records, segment, file), arena);
        } catch (IOException | RuntimeException e) {
            arena.close();
            SharedMemoryFiles.delete(file);
            throw new BufferException("buffer '" + name + "': cannot create shared memory file " + file + " of " + bytes
                    + " bytes: " + e.getMessage() + " (set -Dlivecalc.shm.dir to a folder with enough space)", e);
        }
    }

    private static void validateName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidBufferRequestException("buffer name must not be blank");
        }
        if (name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidBufferRequestException("buffer name must be at most " + MAX_NAME_LENGTH
                    + " printable characters: '" + name + "'");
        }
    }

    private static long checkedSize(BufferType type, String name, long records) {
        if (records < 1) {
            throw new InvalidBufferRequestException("buffer '" + name + "': " + records + " " + type.name()
                    + " records requested; a buffer holds at least 1 record");
        }
        if (records > type.maxRecords()) {
            throw new BufferLimitExceededException("buffer '" + name + "': " + records + " " + type.name() + " records ("
                    + (records <= Long.MAX_VALUE / type.recordSize() ? bytes(records * type.recordSize()) : "over 8 EiB")
                    + ") exceed the " + type.name() + " limit of " + type.maxRecords() + " records ("
                    + bytes(type.maxRecords() * type.recordSize()) + ") per buffer; split the work into chunks of at most "
                    + type.maxRecords() + " records (the orchestrator chunks policies for you)");
        }
        return records * type.recordSize();
    }

    private synchronized void reserve(String name, long bytes) {
        if (closed) {
            throw new IllegalStateException("BufferManager is closed; cannot allocate buffer '" + name + "'");
        }
        if (buffers.containsKey(name) || pending.contains(name)) {
            BufferInfo existing = buffers.containsKey(name) ? buffers.get(name).info() : null;
            throw new DuplicateBufferException("buffer '" + name + "' is already allocated"
                    + (existing != null ? " (" + existing.type().name() + ", " + existing.recordCount() + " records)" : "")
                    + "; free it first or choose another name");
        }
        if (bytes > byteBudget - allocatedBytes) {
            throw new BufferBudgetExceededException("buffer '" + name + "': " + bytes(bytes) + " requested but the manager's budget of "
                    + bytes(byteBudget) + " has " + bytes(byteBudget - allocatedBytes) + " left (" + bytes(allocatedBytes)
                    + " in " + buffers.size() + " buffer(s)); free buffers, raise the budget or process smaller chunks");
        }
        allocatedBytes += bytes;
        pending.add(name);
    }

    private synchronized void unreserve(String name, long bytes) {
        allocatedBytes -= bytes;
        if (name != null) {
            pending.remove(name);
        }
    }

    /**
     * The buffer of that name.
     *
     * @throws UnknownBufferException no such buffer; the message lists the existing names
     */
    public synchronized BufferInfo get(String name) {
        Allocation a = buffers.get(name);
        if (a == null) {
            throw new UnknownBufferException("no buffer named '" + name + "'; existing buffers: " + buffers.keySet());
        }
        return a.info();
    }

    public synchronized boolean contains(String name) {
        return buffers.containsKey(name);
    }

    /** Bytes currently allocated (and reserved by allocations in progress). */
    public synchronized long totalAllocated() {
        return allocatedBytes;
    }

    /**
     * Buffers allocated since the manager was created, freed ones included: what shows that a caller reuses
     * its buffers (the count stays put across repeated work).
     */
    public synchronized long allocationCount() {
        return allocations;
    }

    /** Bytes allocated since the manager was created, freed buffers included. */
    public synchronized long allocatedBytesTotal() {
        return cumulativeBytes;
    }

    /** The byte budget, {@link #UNLIMITED} when none was set. */
    public long byteBudget() {
        return byteBudget;
    }

    /** Buffer name to bytes, sorted by name; a snapshot. */
    public synchronized Map<String, Long> stats() {
        Map<String, Long> stats = new TreeMap<>();
        buffers.forEach((name, a) -> stats.put(name, a.info().totalBytes()));
        return stats;
    }

    /**
     * Frees the buffer: its memory is released (and a shared buffer's file removed) at once. Freeing a
     * name that is not allocated, or freeing twice, does nothing.
     *
     * @return whether a buffer was freed by this call
     */
    public boolean free(String name) {
        Allocation a;
        synchronized (this) {
            a = buffers.remove(name);
            if (a == null) {
                return false;
            }
            allocatedBytes -= a.info().totalBytes();
        }
        release(a);
        return true;
    }

    /** Frees every buffer; the manager stays usable. */
    public void freeAll() {
        Map<String, Allocation> all;
        synchronized (this) {
            all = new LinkedHashMap<>(buffers);
            buffers.clear();
            all.values().forEach(a -> allocatedBytes -= a.info().totalBytes());
        }
        all.values().forEach(BufferManager::release);
    }

    /** Frees every buffer and refuses further allocations. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        freeAll();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /**
     * The shared-memory file behind {@code segment} when it is (a slice of) a live shared buffer of any
     * manager in this JVM, with the segment's offset in that file: what another process needs to map the
     * same bytes. Empty for ordinary off-heap, heap or freed memory.
     */
    public static Optional<SharedRegion> sharedRegion(MemorySegment segment) {
        return SharedMemoryFiles.regionOf(Objects.requireNonNull(segment, "segment"));
    }

    private static void release(Allocation a) {
        a.info().sharedFile().ifPresent(SharedMemoryFiles::unmapped);
        a.info().markFreed();
        a.arena().close(); // unmaps; later access through the segment throws IllegalStateException
        a.info().sharedFile().ifPresent(SharedMemoryFiles::delete);
    }

    static String bytes(long n) {
        if (n == Long.MAX_VALUE) {
            return "unlimited";
        }
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%,d B (%.1f %s)", n, v, units[u]);
    }

    @Override
    public synchronized String toString() {
        return "BufferManager[" + buffers.size() + " buffers, " + bytes(allocatedBytes) + " of " + bytes(byteBudget) + "]";
    }
}
