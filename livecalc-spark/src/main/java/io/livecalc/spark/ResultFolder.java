package io.livecalc.spark;

import io.livecalc.api.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The per-pair output of a Spark run: a folder of {@code part-NNNNN.parquet} files, one per partition,
 * written by the tasks into a hidden staging folder beside the target and moved into place when every task
 * has succeeded. A task attempt writes its part atomically (temporary file, rename), so retried and
 * speculative attempts leave exactly one part per partition. Needs a filesystem every executor mounts at the
 * same path (local disk for {@code local[N]}, NFS or similar on a cluster).
 */
final class ResultFolder {

    final Path target;
    final Path staging;

    private ResultFolder(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    static ResultFolder create(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        Path staging = abs.resolveSibling("." + abs.getFileName() + ".spark-" + UUID.randomUUID() + ".tmp");
        refuseForeignFolder(abs);
        try {
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the staging folder " + staging + ": " + e.getMessage(), e);
        }
        return new ResultFolder(abs, staging);
    }

    /** Replacing a folder that is not a previous result would delete someone's files: refuse instead. */
    private static void refuseForeignFolder(Path target) {
        if (!Files.isDirectory(target)) {
            return;
        }
        try (Stream<Path> s = Files.list(target)) {
            List<Path> foreign = s.filter(p -> !isOurs(p.getFileName().toString())).limit(3).toList();
            if (!foreign.isEmpty()) {
                throw new ConfigurationException("output " + target + " is a folder that holds other files than a previous result's parts "
                        + "(e.g. " + foreign.getFirst().getFileName() + "); choose another output path");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + target + ": " + e.getMessage(), e);
        }
    }

    private static boolean isOurs(String name) {
        return name.matches("part-\\d{5}\\.parquet") || name.equals("_SUCCESS") || name.startsWith(".");
    }

    /** Moves the parts into place (replacing a previous result file or folder) and marks the folder _SUCCESS. */
    void commit() {
        try {
            try (Stream<Path> s = Files.list(staging)) {
                for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".")).toList()) {
                    Files.deleteIfExists(p); // temporary files of task attempts that died before their rename
                }
            }
            Files.createFile(staging.resolve("_SUCCESS"));
            if (Files.isDirectory(target)) {
                refuseForeignFolder(target);
                deleteTree(target);
            } else {
                Files.deleteIfExists(target);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the Spark result parts from " + staging + " to " + target + ": " + e.getMessage(), e);
        }
    }

    /** Removes the staging folder (a failed run leaves the previous result as it was). */
    void abort() {
        try {
            deleteTree(staging);
        } catch (IOException e) {
            // best effort: a leftover hidden folder is harmless
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
