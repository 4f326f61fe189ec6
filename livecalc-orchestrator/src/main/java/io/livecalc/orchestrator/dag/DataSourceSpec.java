package io.livecalc.orchestrator.dag;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A data source of the pipeline: a file it reads ({@code data_sources.<id>} in a DAG), or data the application
 * handed to the builder in memory (then {@code format} and {@code path} are {@code null}).
 *
 * @param id       the name engines refer to in their inputs
 * @param format   Parquet or CSV; {@code null} for data in memory
 * @param path     absolute path (relative DAG paths are resolved against the DAG file's folder); {@code null} for
 *                 data in memory
 * @param kind     policies or scenarios; {@code null} until recognised from the file's columns
 * @param location where it was declared, for error messages (a JSON location or a builder call)
 */
public record DataSourceSpec(String id, FileFormat format, Path path, DataKind kind, String location) {
    public DataSourceSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(location, "location");
        if ((format == null) != (path == null)) {
            throw new IllegalArgumentException("data source '" + id + "': a file has a format and a path, data in memory neither");
        }
        if (path == null) {
            Objects.requireNonNull(kind, "kind of data in memory");
        }
    }

    /** Whether the application handed the data over in memory (no file). */
    public boolean inMemory() {
        return path == null;
    }

    /** {@code the path}, or {@code "(in memory)"}: how messages and summaries name where the data is. */
    public String where() {
        return path == null ? "(in memory)" : path.toString();
    }

    public DataSourceSpec withKind(DataKind k) {
        return new DataSourceSpec(id, format, path, k, location);
    }
}
