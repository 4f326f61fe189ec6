package io.livecalc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(dir::relativize).sorted().toList();
        }
    }

    @Test
    void committedFileHasOrdinaryPermissionsAndNoTemporaryIsLeft() throws IOException {
        Path target = dir.resolve("sub").resolve("out.json");
        AtomicFile.write(target, tmp -> Files.writeString(tmp, "{}"));
        assertEquals("{}", Files.readString(target));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertEquals(List.of(Path.of("sub")), files());
        try (Stream<Path> s = Files.list(target.getParent())) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void theTemporaryIsAPrivateHiddenFileBesideTheTargetThatTheSweeperRecognises() throws IOException {
        Path target = dir.resolve("out.csv");
        List<Path> temps = new java.util.ArrayList<>();
        List<AtomicFile> writers = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {   // each writer gets its own new file
            AtomicFile f = AtomicFile.create(target);
            writers.add(f);
            temps.add(f.temp());
            assertEquals(dir, f.temp().getParent());
            assertTrue(f.temp().getFileName().toString().matches("\\.out\\.csv\\.[0-9]+\\.tmp"), f.temp().toString());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f.temp())));
            assertEquals(0, Files.size(f.temp()));
        }
        assertEquals(50, new java.util.HashSet<>(temps).size());
        assertEquals(50, files().size());
        for (AtomicFile f : writers) {
            f.close();
        }
        assertEquals(List.of(), files());
    }

    @Test
    void failedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path target = Files.writeString(dir.resolve("out.csv"), "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(target, tmp -> {
            Files.writeString(tmp, "half");
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(Path.of("out.csv")), files());
    }

    @Test
    void closeWithoutCommitDiscardsTheTemporary() throws IOException {
        Path temp;
        try (AtomicFile f = AtomicFile.create(dir.resolve("x.parquet"))) {
            temp = f.temp();
            assertEquals(dir, temp.getParent());
        }
        assertEquals(false, Files.exists(temp));
        assertEquals(List.of(), files());
    }
}
