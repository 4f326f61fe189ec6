package io.livecalc.orchestrator.dag;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** File formats of data sources and outputs. */
public enum FileFormat {
    PARQUET, CSV;

    /** The format a DAG names ({@code "parquet"}, {@code "csv"}, any case). */
    public static Optional<FileFormat> ofName(String name) {
        for (FileFormat f : values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The format a file name implies: {@code .parquet}/{@code .pq} or {@code .csv}. */
    public static Optional<FileFormat> ofPath(Path path) {
        String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".parquet") || n.endsWith(".pq")) {
            return Optional.of(PARQUET);
        }
        return n.endsWith(".csv") ? Optional.of(CSV) : Optional.empty();
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
