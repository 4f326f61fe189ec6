package io.livecalc.api.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's {@code testdata/} folder, the one place every module's tests and benchmarks read shared
 * data from: the system property {@code livecalc.testdata.dir} (surefire sets it), else the first
 * {@code testdata/} beside a {@code pom.xml} found walking up from the working folder (an IDE run).
 */
public final class TestDataDir {

    private static final Path ROOT = locate();

    private TestDataDir() {
    }

    /** The folder itself. */
    public static Path root() {
        return ROOT;
    }

    /** A file below it, e.g. {@code resolve("upstream-data", "sample_policies.csv")}. */
    public static Path resolve(String folder, String name) {
        return ROOT.resolve(folder).resolve(name);
    }

    private static Path locate() {
        String prop = System.getProperty("livecalc.testdata.dir");
        if (prop != null) {
            Path dir = Path.of(prop).toAbsolutePath().normalize();
            if (!Files.isRegularFile(dir.resolve("README.md"))) {
                throw new IllegalStateException("livecalc.testdata.dir=" + prop + " is not the repository's testdata folder");
            }
            return dir;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("testdata");
            if (Files.isRegularFile(candidate.resolve("README.md")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("testdata/ not found above " + Path.of("").toAbsolutePath()
                + ": run from inside the repository or set -Dlivecalc.testdata.dir");
    }
}
