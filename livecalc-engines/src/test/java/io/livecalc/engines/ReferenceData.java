package io.livecalc.engines;

import io.livecalc.api.testing.TestDataDir;
import java.nio.file.Path;

/** The original engine's inputs and results and lifelib's data, in the repository's {@code testdata/}. */
public final class ReferenceData {

    private static final Path ROOT = TestDataDir.root();

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

    /**
     * The projection's config keys for the sample assumptions (mortality, lapse, expenses of upstream-data/), as
     * absolute paths: {@code .config(ReferenceData.sampleAssumptions())}.
     */
    public static java.util.Map<String, Object> sampleAssumptions() {
        return java.util.Map.of("mortality_table", upstream("sample_mortality.csv").toString(),
                "lapse_table", upstream("sample_lapse.csv").toString(), "expenses", upstream("sample_expenses.csv").toString());
    }

    /** A file of lifelib's BasicTerm data, {@code lifelib/} (model points, tables, premium table). */
    public static Path lifelib(String name) {
        return ROOT.resolve("lifelib").resolve(name);
    }
}
