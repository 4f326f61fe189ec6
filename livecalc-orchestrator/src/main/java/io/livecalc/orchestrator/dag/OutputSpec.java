package io.livecalc.orchestrator.dag;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the pipeline's result goes: {@code output} in a DAG. The file is written in the Parquet schema of
 * the record type of the output it takes (per-pair results, scenario totals, or scenarios), atomically,
 * with a JSON run summary beside it.
 *
 * @param format   the file format (Parquet)
 * @param path     absolute path
 * @param from     {@code engine.port} to write, or {@code null} for the single terminal engine's output
 * @param location where it was declared, for error messages
 */
public record OutputSpec(FileFormat format, Path path, String from, String location) {
    public OutputSpec {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(location, "location");
    }
}
