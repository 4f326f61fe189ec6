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
 * The per-pair output of a Spark run: a folder of {@code part-NNNNN-JOBID.parquet} files, one per partition,
 * that DuckDB, Spark or pandas read as one table ({@code read_parquet('out/*.parquet')}). The executors write
 * and commit the parts in parallel with Spark's output commit protocol ({@link PartCommit}) into a hidden
 * staging folder beside the target, so retried and speculative attempts leave exactly one part per
 * partition; when the job has committed, the staging folder replaces the target in one rename (a failed run
 * leaves the previous result as it was). Needs a filesystem every executor mounts at the same path (local
 * disk for {@code local[N]} and a cluster on one machine, NFS or similar on a real cluster).
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
        return name.matches("part-\\d{5}(-[0-9a-f-]+)?\\.parquet") || name.equals("_SUCCESS") || name.startsWith(".");
    }

    /** Moves the parts into place (replacing a previous result file or folder) and marks the folder _SUCCESS. */
    void commit() {
        try {
            try (Stream<Path> s = Files.list(staging)) {
                for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".")).toList()) {
                    Files.deleteIfExists(p); // checksum files of the committer's _SUCCESS
                }
            }
            if (!Files.exists(staging.resolve("_SUCCESS"))) {
                Files.createFile(staging.resolve("_SUCCESS"));
            }
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
