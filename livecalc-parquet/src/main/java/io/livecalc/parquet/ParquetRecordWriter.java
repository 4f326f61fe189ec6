package io.livecalc.parquet;

import io.livecalc.api.AtomicFile;
import io.livecalc.api.Layouts;
import io.livecalc.api.BufferType;
import io.livecalc.api.PolicyRecord;
import io.livecalc.api.ScenarioRecord;
import io.livecalc.parquet.RecordSchema.Column;
import io.livecalc.parquet.RecordSchema.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Writes records of one buffer type to a Parquet file, chunk after chunk (the orchestrator calls
 * {@link #write} once per policy chunk), then {@link #commit()}s.
 *
 * <p>Atomic: the data goes to a temporary file in the target's folder, which {@link #commit()} renames
 * to the final name. {@link #close()} without a commit, or any failure, deletes the temporary file, so a
 * failed or abandoned write never leaves a half-written file under the final name (an existing file
 * there stays untouched until the commit replaces it).
 *
 * <p>Schema by buffer type: INPUT writes the Policy schema, SCENARIO the Scenario schema, RESULT and
 * RESULT_DETAIL the seed's Result schema (with null components for RESULT), SCENARIO_TOTAL
 * {@code (scenario_id, npv)}. Unsigned fields carry Parquet's unsigned INTEGER annotation (uint8,
 * uint32, uint64), so DuckDB and pyarrow see UTINYINT/UINTEGER/UBIGINT. Not thread-safe.
 */
public final class ParquetRecordWriter implements AutoCloseable {

    private final AtomicFile out;
    private final RecordSchema schema;
    private final ParquetWriter<ParquetRecordWriter> writer;
    private final Column[] columns;
    /** The chunk being written and the row within it, read by {@link SegmentWriteSupport}. */
    private MemorySegment chunk;
    private long row;
    private double executionTimeMs = Double.NaN;
    private long rowsWritten;
    private boolean closed;

    private ParquetRecordWriter(Path file, RecordSchema schema, ParquetWriteOptions options) throws IOException {
        this.schema = schema;
        this.columns = schema.columns.toArray(Column[]::new);
        this.out = AtomicFile.create(file);
        try {
            Builder b = new Builder(new LocalOutputFile(out.temp()), this)
                    .withConf(new PlainParquetConfiguration())
                    .withCodecFactory(new JniCodecs(options.zstdLevel()))
                    .withCompressionCodec(options.codec().parquetName())
                    .withRowGroupSize(options.rowGroupBytes())
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE);
            // Dictionaries are kept for the small integer codes. On doubles and unique policy ids Parquet
            // would build one, find it too large and fall back: time for nothing. On the repeating ids of
            // results a dictionary halves an UNCOMPRESSED file (20 -> 9 MB per 1M rows) but gains nothing
            // under ZSTD, the default, and costs about 25% more write time, so it is off there too.
            for (Column c : columns) {
                boolean small = c.storage() == Storage.U8 || c.name().equals(ScenarioRecord.YEAR) || c.name().equals(PolicyRecord.TERM);
                b.withDictionaryEncoding(c.name(), small);
            }
            this.writer = b.build();
        } catch (IOException | RuntimeException e) {
            out.abort();
            throw e;
        }
    }

    /** Opens a writer of {@code type} records to {@code file}. */
    static ParquetRecordWriter open(Path file, BufferType type, ParquetWriteOptions options) {
        RecordSchema schema = RecordSchema.of(type);
        try {
            return new ParquetRecordWriter(file, schema, options);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + file + ": " + e.getMessage(), e);
        }
    }

    /** The final file name. */
    public Path file() {
        return out.target();
    }

    public BufferType bufferType() {
        return schema.type;
    }

    public long rowsWritten() {
        return rowsWritten;
    }

    /**
     * Value of the Result schema's {@code execution_time_ms} column for the rows written from now on
     * (e.g. the chunk's projection time); {@code NaN}, the default, writes null. Ignored by other schemas.
     */
    public void setExecutionTimeMs(double milliseconds) {
        this.executionTimeMs = milliseconds;
    }

    /**
     * Appends the first {@code count} records of {@code records}.
     *
     * @throws IllegalArgumentException if the segment holds fewer than {@code count} records (nothing is
     *                                  written)
     * @throws UncheckedIOException     if writing fails; the writer is then aborted
     */
    public void write(MemorySegment records, long count) {
        ensureOpen();
        if (count < 0 || records.byteSize() / schema.stride() < count) {
            throw new IllegalArgumentException("cannot write " + count + " " + schema.type.name() + " records from a segment of "
                    + records.byteSize() + " bytes (" + records.byteSize() / schema.stride() + " records)");
        }
        chunk = records;
        try {
            for (row = 0; row < count; row++) {
                writer.write(this);
            }
            rowsWritten += count;
        } catch (IOException | RuntimeException e) {
            throw failed(e);
        } finally {
            chunk = null;
        }
    }

    /** Finishes the file and moves it to its final name, replacing any file there. */
    public void commit() {
        ensureOpen();
        try {
            writer.close();
            closed = true;
            out.commit();
        } catch (IOException | RuntimeException e) {
            throw failed(e);
        }
    }

    /** Aborts and returns the exception to throw: I/O errors wrapped with the file name, others as they are. */
    private RuntimeException failed(Exception e) {
        abort();
        return e instanceof IOException io
                ? new UncheckedIOException("Cannot write " + out.target() + ": " + io.getMessage(), io)
                : (RuntimeException) e;
    }

    /** Discards everything written; the final name is left as it was. Idempotent. */
    public void abort() {
        if (!closed) {
            closed = true;
            try {
                writer.close();
            } catch (IOException | RuntimeException ignored) {
                // the temporary file is deleted below either way
            }
        }
        out.abort();
    }

    /** Aborts unless {@link #commit()} succeeded. */
    @Override
    public void close() {
        if (!out.committed()) {
            abort();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("writer of " + out.target() + " is already " + (out.committed() ? "committed" : "aborted"));
        }
    }

    /** Emits row {@link #row} of {@link #chunk}: reads each field at its offset in the record. */
    private void writeRow(RecordConsumer rc) {
        MemorySegment s = chunk;
        long base = row * schema.stride();
        rc.startMessage();
        for (int c = 0; c < columns.length; c++) {
            Column col = columns[c];
            if (!col.inRecord()) {
                if (col.name().equals(RecordSchema.EXECUTION_TIME_MS) && !Double.isNaN(executionTimeMs)) {
                    rc.startField(col.name(), c);
                    rc.addDouble(executionTimeMs);
                    rc.endField(col.name(), c);
                }
                continue;
            }
            long pos = base + col.offset();
            rc.startField(col.name(), c);
            switch (col.storage()) {
                case U8 -> rc.addInteger(Byte.toUnsignedInt(s.get(Layouts.U8, pos)));
                case U32 -> {
                    int v = s.get(Layouts.U32, pos);
                    if (col.fileType().getPrimitiveTypeName() == PrimitiveTypeName.INT64) {
                        rc.addLong(Integer.toUnsignedLong(v));
                    } else {
                        rc.addInteger(v);
                    }
                }
                case U64 -> rc.addLong(s.get(Layouts.U64, pos));
                case F64 -> rc.addDouble(s.get(Layouts.F64, pos));
            }
            rc.endField(col.name(), c);
        }
        rc.endMessage();
    }

    private static final class SegmentWriteSupport extends WriteSupport<ParquetRecordWriter> {
        private final ParquetRecordWriter owner;
        private RecordConsumer consumer;

        SegmentWriteSupport(ParquetRecordWriter owner) {
            this.owner = owner;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return context();
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return context();
        }

        private WriteContext context() {
            MessageType schema = owner.schema.fileSchema;
            Map<String, String> meta = new HashMap<>();
            meta.put("livecalc.buffer_type", owner.schema.type.name());
            return new WriteContext(schema, meta);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(ParquetRecordWriter record) {
            record.writeRow(consumer);
        }
    }

    private static final class Builder extends ParquetWriter.Builder<ParquetRecordWriter, Builder> {
        private final ParquetRecordWriter owner;

        Builder(OutputFile out, ParquetRecordWriter owner) {
            super(out);
            this.owner = owner;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<ParquetRecordWriter> getWriteSupport(Configuration conf) {
            return new SegmentWriteSupport(owner);
        }

        @Override
        protected WriteSupport<ParquetRecordWriter> getWriteSupport(ParquetConfiguration conf) {
            return new SegmentWriteSupport(owner);
        }
    }
}
