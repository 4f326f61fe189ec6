package io.livecalc.engines;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the original engine's reference data ({@code shared/reference}): the system property
 * {@code livecalc.reference.dir} (surefire sets it), else the first {@code shared/reference} found
 * walking up from the working folder.
 */
public final class ReferenceData {

    private static final Path ROOT = locate();

    private ReferenceData() {
    }

    public static Path root() {
        return ROOT;
    }

    /** A file of {@code upstream-data/}. */
    public static Path upstream(String name) {
        return ROOT.resolve("upstream-data").resolve(name);
    }

    /** A file of {@code expected/}. */
    public static Path expected(String name) {
        return ROOT.resolve("expected").resolve(name);
    }

    /** A file of lifelib's BasicTerm data, {@code lifelib/} (model points, tables, premium table). */
    public static Path lifelib(String name) {
        return ROOT.resolve("lifelib").resolve(name);
    }

    private static Path locate() {
        String prop = System.getProperty("livecalc.reference.dir");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("reference");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("reference data not found: set -Dlivecalc.reference.dir or run below a folder"
                + " that has shared/reference (property was " + prop + ")");
    }
}
