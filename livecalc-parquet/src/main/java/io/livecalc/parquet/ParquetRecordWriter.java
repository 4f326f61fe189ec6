package io.livecalc.parquet;

import io.livecalc.api.AtomicFile;
import io.livecalc.api.BufferType;
import io.livecalc.parquet.ColumnChunkEncoder.Page;
import io.livecalc.parquet.RecordSchema.Column;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;

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
 *
 * <p>Fast path: each {@link #write} cuts its records into row groups ({@link ParquetWriteOptions#rowGroupBytes()}
 * of values) and encodes and compresses every (row group, column) chunk on all cores, straight from the
 * records (integers DELTA_BINARY_PACKED, doubles PLAIN); this thread appends the finished chunks in order.
 * At most a few row groups are held encoded at once, and {@code write} returns only when it no longer reads
 * the segment, so the caller may reuse it: rows short of a full row group are copied to a staging buffer (at
 * most one row group) and written with the next write or the commit, so row groups do not depend on chunking.
 */
public final class ParquetRecordWriter implements AutoCloseable {

    /** Encoding threads, and row groups submitted before this thread waits for the oldest (memory stays bounded). */
    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private final AtomicFile out;
    private final RecordSchema schema;
    private final ParquetFileWriter writer;
    private final Column[] columns;
    private final ColumnDescriptor[] descriptors;
    private final CompressionCodecName codec;
    private final JniCodecs codecs;
    private final long groupRows;
    /** A thread that is none of the pool's: a segment it may read is one the pool may read. */
    private static final Thread OTHER_THREAD = new Thread(() -> { });

    private ExecutorService pool;
    /** Row groups submitted to the pool, in file order. */
    private final ArrayDeque<List<Future<List<Page>>>> pending = new ArrayDeque<>();
    /** Records short of a full row group, carried to the next write or the commit (so row groups do not depend on chunking). */
    private final Arena arena = Arena.ofShared();
    private MemorySegment stage;
    private long staged;
    /** The execution time of the staged rows. */
    private double stagedTime = Double.NaN;
    private double executionTimeMs = Double.NaN;
    private long rowsWritten;
    private boolean closed;

    private ParquetRecordWriter(Path file, RecordSchema schema, ParquetWriteOptions options) throws IOException {
        this.schema = schema;
        this.columns = schema.columns.toArray(Column[]::new);
        this.descriptors = schema.fileSchema.getColumns().toArray(ColumnDescriptor[]::new);
        this.codec = options.codec().parquetName();
        this.codecs = new JniCodecs(options.zstdLevel());
        long rowBytes = 0;
        for (Column c : columns) {
            rowBytes += c.fileType().getPrimitiveTypeName() == PrimitiveTypeName.INT32 ? 4 : 8;
        }
        this.groupRows = Math.max(1, options.rowGroupBytes() / rowBytes);
        this.out = AtomicFile.create(file);
        try {
            this.writer = new ParquetFileWriter(new LocalOutputFile(out.temp()), schema.fileSchema, ParquetFileWriter.Mode.OVERWRITE,
                    options.rowGroupBytes(), 0, org.apache.parquet.column.ParquetProperties.DEFAULT_COLUMN_INDEX_TRUNCATE_LENGTH,
                    org.apache.parquet.column.ParquetProperties.DEFAULT_STATISTICS_TRUNCATE_LENGTH, false);
            writer.start();
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
        long stride = schema.stride();
        try {
            long i = 0;
            if (staged > 0 && Double.doubleToLongBits(stagedTime) != Double.doubleToLongBits(executionTimeMs)) {
                emit(stage, 0, staged, stagedTime); // rows of another execution time: a row group of their own
                staged = 0;
            }
            if (staged > 0) { // complete the staged row group first
                i = Math.min(count, groupRows - staged);
                MemorySegment.copy(records, 0, stage, staged * stride, i * stride);
                staged += i;
                if (staged == groupRows) {
                    emit(stage, 0, staged, stagedTime);
                    staged = 0;
                }
            }
            for (; count - i >= groupRows; i += groupRows) {
                emit(records, i, groupRows, executionTimeMs);
            }
            drain(0); // the caller may reuse its segment, and the stage is free again
            if (i < count) {
                if (stage == null) {
                    stage = arena.allocate(groupRows * stride, 16);
                }
                MemorySegment.copy(records, i * stride, stage, staged * stride, (count - i) * stride);
                staged += count - i;
                stagedTime = executionTimeMs;
            }
            rowsWritten += count;
        } catch (IOException | RuntimeException e) {
            throw failed(e);
        }
    }

    /**
     * Row group {@code [first, first + rows)} of {@code records}: encoded on the pool when that pays and the
     * segment may be read by other threads (a confined one may not), else here; appended in order.
     */
    private void emit(MemorySegment records, long first, long rows, double time) throws IOException {
        if (rows > ColumnChunkEncoder.PAGE_ROWS && THREADS > 1 && records.isAccessibleBy(OTHER_THREAD)) {
            pending.add(submit(records, first, rows, time));
            drain(THREADS);
        } else {
            drain(0);
            writeGroup(rows, encodeInline(records, first, rows, time));
        }
    }

    /** Appends finished row groups, oldest first, until at most {@code keep} are pending. */
    private void drain(int keep) throws IOException {
        while (pending.size() > keep) {
            writeGroup(pending.poll());
        }
    }

    private List<Future<List<Page>>> submit(MemorySegment records, long first, long rows, double time) {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(THREADS, r -> {
                Thread t = new Thread(r, "livecalc-parquet-encoder");
                t.setDaemon(true);
                return t;
            });
        }
        List<Future<List<Page>>> chunks = new ArrayList<>(columns.length);
        for (Column c : columns) {
            BytesInputCompressor compressor = codecs.getCompressor(codec);
            chunks.add(pool.submit(() -> ColumnChunkEncoder.encode(c, schema.stride(), records, first, rows, time, compressor)));
        }
        return chunks;
    }

    private List<List<Page>> encodeInline(MemorySegment records, long first, long rows, double time) throws IOException {
        List<List<Page>> chunks = new ArrayList<>(columns.length);
        for (Column c : columns) {
            chunks.add(ColumnChunkEncoder.encode(c, schema.stride(), records, first, rows, time, codecs.getCompressor(codec)));
        }
        return chunks;
    }

    /** Waits for a row group's chunks (in column order) and appends them. */
    private void writeGroup(List<Future<List<Page>>> group) throws IOException {
        List<List<Page>> chunks = new ArrayList<>(group.size());
        for (Future<List<Page>> f : group) {
            try {
                chunks.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while encoding", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IOException(cause);
            }
        }
        long rows = 0;
        for (Page p : chunks.getFirst()) {
            rows += p.values();
        }
        writeGroup(rows, chunks);
    }

    private void writeGroup(long rows, List<List<Page>> chunks) throws IOException {
        writer.startBlock(rows);
        for (int c = 0; c < columns.length; c++) {
            writer.startColumn(descriptors[c], rows, codec);
            Encoding levels = columns[c].fileType().getRepetition() == Repetition.OPTIONAL ? Encoding.RLE : Encoding.BIT_PACKED;
            for (Page p : chunks.get(c)) {
                writer.writeDataPage(p.values(), p.uncompressedSize(), p.bytes(), p.statistics(), p.values(), Encoding.BIT_PACKED, levels,
                        p.encoding());
            }
            writer.endColumn();
        }
        writer.endBlock();
    }

    /** Finishes the file and moves it to its final name, replacing any file there. */
    public void commit() {
        ensureOpen();
        try {
            if (staged > 0) {
                emit(stage, 0, staged, stagedTime);
                staged = 0;
            }
            drain(0);
            closed = true;
            stopPool();
            writer.end(Map.of("livecalc.buffer_type", schema.type.name()));
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
            stopPool();
            writer.abort();
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

    private void stopPool() {
        pending.forEach(g -> g.forEach(f -> f.cancel(true)));
        pending.clear();
        if (pool != null) {
            pool.shutdownNow();
            try { // the tasks read the stage, which is freed next
                pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pool = null;
        }
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("writer of " + out.target() + " is already " + (out.committed() ? "committed" : "aborted"));
        }
    }
}
