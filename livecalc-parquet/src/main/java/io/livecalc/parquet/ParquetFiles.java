package io.livecalc.parquet;

import io.livecalc.api.BufferType;
import io.livecalc.buffers.BufferInfo;
import io.livecalc.buffers.BufferManager;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * Parquet files to and from LiveCalc buffers: policies and scenarios in, results and scenario totals out.
 *
 * <pre>{@code
 * long n = ParquetFiles.rowCount(policies);                           // footer only
 * BufferInfo in = ParquetFiles.readPolicies(policies, manager, "policies");
 * ...
 * ParquetFiles.write(out, results, ParquetWriteOptions.defaults());   // ZSTD, atomic
 * }</pre>
 *
 * <p>Reads are columnar and go straight into the record memory (no per-row objects). Every user error
 * (missing or non-Parquet file, truncated file, missing column, wrong type, null, out-of-range value) is
 * a {@link ParquetFormatException} with a message that names the file and, for values, row and column.
 * For files larger than memory use {@link #openReader} and {@link #openWriter}.
 */
public final class ParquetFiles {

    private ParquetFiles() {
    }

    /** Top-level column names of a Parquet file, from its footer (no data is read); the file checks first. */
    public static java.util.List<String> columns(Path file) {
        ParquetRecordReader.rowCount(file); // missing, truncated or not-Parquet files fail here with their own messages
        org.apache.parquet.ParquetReadOptions o = org.apache.parquet.ParquetReadOptions.builder(new org.apache.parquet.conf.PlainParquetConfiguration())
                .withCodecFactory(new JniCodecs(ParquetWriteOptions.DEFAULT_ZSTD_LEVEL)).build();
        try (org.apache.parquet.hadoop.ParquetFileReader r = org.apache.parquet.hadoop.ParquetFileReader.open(
                new org.apache.parquet.io.LocalInputFile(file), o)) {
            return r.getFooter().getFileMetaData().getSchema().getFields().stream().map(org.apache.parquet.schema.Type::getName).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Rows in a Parquet file, from its footer (no data is read). */
    public static long rowCount(Path file) {
        return ParquetRecordReader.rowCount(file);
    }

    /** Reads a policy file into {@code target} (whole INPUT records); returns the rows read. */
    public static long readPolicies(Path file, MemorySegment target) {
        return read(file, BufferType.INPUT, target);
    }

    /** Allocates an INPUT buffer of exactly the file's row count in {@code manager} and reads the policies. */
    public static BufferInfo readPolicies(Path file, BufferManager manager, String bufferName) {
        return read(file, BufferType.INPUT, manager, bufferName);
    }

    /** Reads a scenario file into {@code target} (whole SCENARIO records); returns the rows read. */
    public static long readScenarios(Path file, MemorySegment target) {
        return read(file, BufferType.SCENARIO, target);
    }

    /** Allocates a SCENARIO buffer of exactly the file's row count and reads the scenarios. */
    public static BufferInfo readScenarios(Path file, BufferManager manager, String bufferName) {
        return read(file, BufferType.SCENARIO, manager, bufferName);
    }

    /**
     * Reads a whole file into {@code target} as records of {@code type}.
     *
     * @throws IllegalArgumentException if {@code target} holds fewer records than the file has rows
     */
    public static long read(Path file, BufferType type, MemorySegment target) {
        try (ParquetRecordReader r = ParquetRecordReader.open(file, type)) {
            long capacity = target.byteSize() / type.recordSize();
            if (capacity < r.rowCount()) {
                throw new IllegalArgumentException(file + " has " + r.rowCount() + " rows but the target segment holds only "
                        + capacity + " " + type.name() + " records");
            }
            return r.read(target);
        }
    }

    /**
     * Allocates a buffer of {@code type} sized to the file in {@code manager} and fills it; the buffer is
     * freed again if reading fails. A file without rows is a {@link ParquetFormatException} (a buffer
     * holds at least one record).
     */
    public static BufferInfo read(Path file, BufferType type, BufferManager manager, String bufferName) {
        try (ParquetRecordReader r = ParquetRecordReader.open(file, type)) {
            if (r.rowCount() == 0) {
                throw new ParquetFormatException(file, file + " has no rows: there is nothing to fill a " + type.name() + " buffer with");
            }
            BufferInfo buffer = manager.allocate(type, bufferName, r.rowCount());
            try {
                r.read(buffer.segment());
                return buffer;
            } catch (RuntimeException e) {
                manager.free(bufferName);
                throw e;
            }
        }
    }

    /**
     * Writes the first {@code count} records of {@code records} atomically (temporary file, then rename).
     * The buffer type picks the schema; see {@link ParquetRecordWriter}.
     */
    public static void write(Path file, BufferType type, MemorySegment records, long count, ParquetWriteOptions options) {
        try (ParquetRecordWriter w = ParquetRecordWriter.open(file, type, options)) {
            w.write(records, count);
            w.commit();
        }
    }

    /**
     * Writes every record of a buffer: policies (INPUT), scenarios, results (RESULT: components null;
     * RESULT_DETAIL: components filled) or scenario totals, atomically.
     */
    public static void write(Path file, BufferInfo buffer, ParquetWriteOptions options) {
        write(file, buffer.type(), buffer.segment(), buffer.recordCount(), options);
    }

    /** Opens a batch reader of {@code type} records; the schema is validated now. */
    public static ParquetRecordReader openReader(Path file, BufferType type) {
        return ParquetRecordReader.open(file, type);
    }

    /** Opens a chunk-by-chunk writer of {@code type} records; nothing appears at {@code file} before commit. */
    public static ParquetRecordWriter openWriter(Path file, BufferType type, ParquetWriteOptions options) {
        return ParquetRecordWriter.open(file, type, options);
    }
}
