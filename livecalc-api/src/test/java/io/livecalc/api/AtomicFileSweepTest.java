package io.livecalc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run sweeps the temporary files of its output that a killed writer left, and never one a live writer holds. */
class AtomicFileSweepTest {

    private static final Duration MIN_AGE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    /** A temporary file of {@code target}'s name, last modified {@code age} ago. */
    private Path leftover(String name, Duration age) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, "half a parquet file");
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(age)));
        return f;
    }

    @Test
    void anUnlockedOldTemporaryFileOfTheOutputIsSweptAndNothingElse() throws IOException {
        Path target = dir.resolve("results.parquet");
        Path stale = leftover(".results.parquet.1234567.tmp", Duration.ofMinutes(5));
        Path young = leftover(".results.parquet.7654321.tmp", Duration.ofSeconds(1));
        Path otherOutput = leftover(".results.parquet.x.1234567.tmp", Duration.ofMinutes(5));
        Path notTemporary = leftover("results.parquet.1234567.tmp", Duration.ofMinutes(5));
        assertEquals(List.of(stale), AtomicFile.sweepStale(target, MIN_AGE));
        assertTrue(Files.exists(young) && Files.exists(otherOutput) && Files.exists(notTemporary));
    }

    @Test
    void aTemporaryFileThisJvmIsWritingIsKept() throws IOException {
        Path target = dir.resolve("results.parquet");
        try (AtomicFile live = AtomicFile.create(target)) {
            Files.setLastModifiedTime(live.temp(), FileTime.from(Instant.now().minus(Duration.ofHours(1))));
            assertEquals(List.of(), AtomicFile.sweepStale(target, MIN_AGE));
            assertTrue(Files.exists(live.temp()));
        }
    }

    @Test
    void aFileLockedByAnotherLiveProcessIsKeptAndSweptOnceThatProcessIsKilled() throws Exception {
        Path target = dir.resolve("results.parquet");
        Path temp = leftover(".results.parquet.99.tmp", Duration.ofMinutes(5));
        // another writer: fcntl locks, as the JVM's FileChannel takes them
        Process writer = new ProcessBuilder("python3", "-c", "import fcntl, sys, time\n"
                + "f = open(sys.argv[1], 'r+'); fcntl.lockf(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(120)",
                temp.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());
            assertEquals(List.of(), AtomicFile.sweepStale(target, MIN_AGE));
            assertTrue(Files.exists(temp));
        } finally {
            writer.destroyForcibly(); // kill -9: the lock dies with it, the file stays
            writer.waitFor(10, TimeUnit.SECONDS);
        }
        assertTrue(Files.exists(temp));
        assertEquals(List.of(temp), AtomicFile.sweepStale(target, MIN_AGE));
    }
}
