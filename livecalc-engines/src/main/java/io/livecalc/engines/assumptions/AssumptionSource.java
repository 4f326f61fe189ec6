package io.livecalc.engines.assumptions;

import java.nio.file.Path;

/**
 * Resolves assumption references (the values of the {@code mortality_table}, {@code lapse_table} and
 * {@code expenses} config keys) to tables. Today references are file paths
 * ({@link #files(Path)}); an Assumptions Manager source for {@code assumptions://name:version}
 * references implements the same interface.
 *
 * <p>Every method throws {@link io.livecalc.api.DataFileException} when the file is missing or its content
 * is invalid (the message names the file, line, column and value), or an
 * {@link io.livecalc.api.InitializationException} when the reference cannot be resolved.
 */
public interface AssumptionSource {

    MortalityTable mortality(String reference);

    LapseTable lapse(String reference);

    ExpenseAssumptions expenses(String reference);

    /**
     * References as file paths in the original CLI's formats (projection-model.md): mortality and lapse
     * CSV, expenses CSV ({@code name,value}) or JSON (by the {@code .json} extension). Relative paths
     * resolve against {@code baseDirectory}; {@code assumptions://} references are rejected with a
     * message saying an Assumptions Manager is needed.
     */
    static AssumptionSource files(Path baseDirectory) {
        return new AssumptionFiles(baseDirectory);
    }
}
