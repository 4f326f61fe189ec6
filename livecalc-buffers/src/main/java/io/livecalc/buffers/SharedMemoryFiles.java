package io.livecalc.buffers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names, tracks and removes the files behind shared buffers. Files live in {@code /dev/shm} (RAM-backed)
 * when it is a writable folder, else in {@code java.io.tmpdir}; the system property
 * {@code livecalc.shm.dir} overrides both.
 *
 * <p>A file is removed when its buffer is freed, when its manager closes, and by a shutdown hook at JVM
 * exit. A JVM that dies without running hooks (SIGKILL, crash) leaves its files behind, so the first
 * shared allocation in every JVM removes the files of processes that no longer exist (the pid is part of
 * the name).
 */
final class SharedMemoryFiles {

    private static final String PREFIX = "livecalc-";
    private static final Pattern OWNED = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-\\d+-.*\\.buf");
    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    /** Live mappings: file to {address, bytes} of its segment, for {@link #regionOf}. */
    private static final Map<Path, long[]> MAPPED = new ConcurrentHashMap<>();
    private static volatile boolean initialised;

    private SharedMemoryFiles() {
    }

    static Path directory() {
        String override = System.getProperty("livecalc.shm.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return shm;
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** A new, unique path for a buffer of this name; registers it for removal at JVM exit. */
    static Path newPath(String bufferName) {
        initialiseOnce();
        String safe = bufferName.replaceAll("[^A-Za-z0-9_.-]", "_");
        if (safe.length() > 80) {
            safe = safe.substring(0, 80);
        }
        Path p = directory().resolve(PREFIX + PID + "-" + SEQUENCE.incrementAndGet() + "-" + safe + ".buf");
        LIVE.add(p);
        return p;
    }

    static void mapped(Path file, MemorySegment segment) {
        MAPPED.put(file, new long[] {segment.address(), segment.byteSize()});
    }

    static void unmapped(Path file) {
        MAPPED.remove(file);
    }

    static Optional<SharedRegion> regionOf(MemorySegment s) {
        if (s.isNative() && s.byteSize() > 0) {
            long start = s.address();
            long end = start + s.byteSize();
            for (Map.Entry<Path, long[]> e : MAPPED.entrySet()) {
                long[] m = e.getValue();
                if (start >= m[0] && end <= m[0] + m[1]) {
                    return Optional.of(new SharedRegion(e.getKey(), start - m[0], s.byteSize()));
                }
            }
        }
        return Optional.empty();
    }

    static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove shared buffer file " + p, e);
        } finally {
            LIVE.remove(p);
        }
    }

    private static synchronized void initialiseOnce() {
        if (initialised) {
            return;
        }
        initialised = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : LIVE) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort at exit; the next JVM's sweep removes what is left
                }
            }
        }, "livecalc-shm-cleanup"));
        removeFilesOfDeadProcesses(directory());
    }

    /** Removes {@code livecalc-<pid>-*.buf} files whose process is gone. Returns how many were removed. */
    static int removeFilesOfDeadProcesses(Path dir) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*.buf")) {
            for (Path f : files) {
                Matcher m = OWNED.matcher(f.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                long pid = Long.parseLong(m.group(1));
                boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (pid != PID && !alive && Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // a sweep that cannot list the folder changes nothing; allocation reports real problems itself
        }
        return removed;
    }
}
