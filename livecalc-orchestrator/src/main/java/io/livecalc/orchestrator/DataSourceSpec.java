package io.livecalc.orchestrator;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file the pipeline reads: {@code data_sources.<id>} in a DAG.
 *
 * @param id       the name engines refer to in their inputs
 * @param format   Parquet or CSV
 * @param path     absolute path (relative DAG paths are resolved against the DAG file's folder)
 * @param kind     policies or scenarios; {@code null} until recognised from the file's columns
 * @param location where it was declared, for error messages (a JSON location or a builder call)
 */
public record DataSourceSpec(String id, FileFormat format, Path path, DataKind kind, String location) {
    public DataSourceSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(location, "location");
    }

    DataSourceSpec withKind(DataKind k) {
        return new DataSourceSpec(id, format, path, k, location);
    }
}
