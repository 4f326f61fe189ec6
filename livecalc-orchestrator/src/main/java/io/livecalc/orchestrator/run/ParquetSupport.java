package io.livecalc.orchestrator.run;

import io.livecalc.api.BufferType;
import io.livecalc.api.ConfigurationException;
import io.livecalc.buffers.BufferInfo;
import io.livecalc.parquet.ParquetFiles;
import io.livecalc.parquet.ParquetRecordWriter;
import io.livecalc.parquet.ParquetWriteOptions;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;

/**
 * The orchestrator's only door to Parquet. livecalc-parquet (Parquet-MR, two Hadoop jars, codecs: ~25 MB) is an
 * optional dependency, so an application running pipelines from CSV files or memory does not carry it. No
 * other orchestrator class names a Parquet type: this one is loaded only when a Parquet file is read or
 * written, and {@link #missing} lets validation refuse such a pipeline, naming the artifact to add, before
 * any engine starts.
 */
public final class ParquetSupport {

    static final String ARTIFACT = "io.livecalc:livecalc-parquet";
    private static final boolean AVAILABLE = present();

    private ParquetSupport() {
    }

    /** The problem to report for a Parquet file when livecalc-parquet is not on the class path, else null. */
    public static String missing(String what, Path file) {
        return AVAILABLE ? null : what + " " + file + " is a Parquet file, and Parquet support is not on the class path:"
                + " add the dependency " + ARTIFACT + " (version from io.livecalc:livecalc-bom), or use a CSV file";
    }

    /** Reads the file into a buffer of exactly its row count, from the pipeline's kept buffers. */
    public static BufferInfo read(Path file, BufferType type, PipelineBuffers buffers, String name) {
        require(file);
        try (io.livecalc.parquet.ParquetRecordReader r = ParquetFiles.openReader(file, type)) {
            if (r.rowCount() == 0) {
                // an api exception, not ParquetFormatException: verifying this class must not need livecalc-parquet
                throw new io.livecalc.api.DataFileException(file, file + " has no rows: there is nothing to fill a " + type.name()
                        + " buffer with");
            }
            BufferInfo b = buffers.acquire(type, name, r.rowCount());
            try {
                r.read(b.segment());
                return b;
            } catch (RuntimeException e) {
                buffers.release(name);
                throw e;
            }
        }
    }

    public static long rowCount(Path file) {
        require(file);
        return ParquetFiles.rowCount(file);
    }

    public static List<String> columns(Path file) {
        require(file);
        return ParquetFiles.columns(file);
    }

    public static void write(Path file, BufferType type, MemorySegment records, long count) {
        require(file);
        ParquetFiles.write(file, type, records, count, ParquetWriteOptions.defaults());
    }

    public static OutputSink openWriter(Path file, BufferType type) {
        require(file);
        ParquetRecordWriter w = ParquetFiles.openWriter(file, type, ParquetWriteOptions.defaults());
        return new OutputSink() {
            @Override
            public void setExecutionTimeMs(double milliseconds) {
                w.setExecutionTimeMs(milliseconds);
            }

            @Override
            public void write(MemorySegment records, long count) {
                w.write(records, count);
            }

            @Override
            public void commit() {
                w.commit();
            }

            @Override
            public void close() {
                w.close();
            }
        };
    }

    private static void require(Path file) {
        String problem = missing("file", file);
        if (problem != null) {
            throw new ConfigurationException(problem);
        }
    }

    private static boolean present() {
        try {
            Class.forName("io.livecalc.parquet.ParquetFiles", false, ParquetSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
