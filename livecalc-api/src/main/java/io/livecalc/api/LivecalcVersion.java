package io.livecalc.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The LiveCalc version and the git commit it was built from, as recorded in run summaries and printed by
 * {@code livecalc --version}. Read once from a resource the build writes into livecalc-api's jar.
 *
 * @param version the Maven version, e.g. {@code 0.1.0-SNAPSHOT}; {@code development} when run from unbuilt sources
 * @param commit  the abbreviated commit id, with {@code -dirty} when the working tree had changes;
 *                {@code unknown} when built outside a git checkout
 */
public record LivecalcVersion(String version, String commit) {

    private static final LivecalcVersion CURRENT = load();

    /** The version of the LiveCalc on the class path. */
    public static LivecalcVersion current() {
        return CURRENT;
    }

    @Override
    public String toString() {
        return version + " (" + commit + ")";
    }

    private static LivecalcVersion load() {
        Properties p = new Properties();
        try (InputStream in = LivecalcVersion.class.getResourceAsStream("livecalc-version.properties")) {
            if (in != null) { // absent or unfiltered when run from sources outside Maven (an IDE): "development"
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = resolved(p.getProperty("version"));
        String commit = resolved(p.getProperty("commit"));
        boolean dirty = "true".equals(resolved(p.getProperty("dirty")));
        return new LivecalcVersion(version == null ? "development" : version,
                commit == null ? "unknown" : dirty ? commit + "-dirty" : commit);
    }

    /** A property the build did not fill (no git checkout) is still {@code ${...}}: treat it as absent. */
    private static String resolved(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? null : value.strip();
    }
}
