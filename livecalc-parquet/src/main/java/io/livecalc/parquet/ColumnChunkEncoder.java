package io.livecalc.parquet;

import io.livecalc.api.Layouts;
import io.livecalc.parquet.RecordSchema.Column;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForInteger;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForLong;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;

/**
 * Encodes one column of a run of records into compressed version-1 data pages, straight from the records
 * (no per-value record API). Encodings: integers DELTA_BINARY_PACKED (ids that step by one or repeat
 * pack to a few bits per value), doubles PLAIN (random bits: nothing else pays). A column the record does
 * not hold is all null, except {@code execution_time_ms} when a time is set. Stateless: one call per
 * column chunk, on any thread.
 */
final class ColumnChunkEncoder {

    /** Rows per data page: 1 MiB of doubles, Parquet's usual page size. */
    static final int PAGE_ROWS = 1 << 17;

    private static final ValueLayout.OfDouble LE_DOUBLE = Layouts.F64;

    /** One compressed page and what its header says. */
    record Page(BytesInput bytes, int uncompressedSize, int values, Statistics<?> statistics, Encoding encoding) {
    }

    private ColumnChunkEncoder() {
    }

    /** Rows {@code [first, first + rows)} of {@code records} in column {@code col}, as pages. */
    static List<Page> encode(Column col, long stride, MemorySegment records, long first, long rows, double executionTimeMs,
                             BytesInputCompressor compressor) throws IOException {
        List<Page> pages = new ArrayList<>((int) ((rows + PAGE_ROWS - 1) / PAGE_ROWS));
        boolean optional = col.fileType().getRepetition() == Repetition.OPTIONAL;
        for (long p = first; p < first + rows; p += PAGE_ROWS) {
            int n = (int) Math.min(PAGE_ROWS, first + rows - p);
            Statistics<?> stats = Statistics.createStats(col.fileType());
            BytesInput values;
            Encoding encoding = Encoding.PLAIN;
            boolean present = col.inRecord() || (col.name().equals(RecordSchema.EXECUTION_TIME_MS) && !Double.isNaN(executionTimeMs));
            if (!present) {
                values = BytesInput.empty();
                stats.incrementNumNulls(n);
            } else if (!col.inRecord()) {
                values = constantDoubles(executionTimeMs, n, stats);
            } else if (col.storage() == RecordSchema.Storage.F64) {
                values = plainDoubles(records, p * stride + col.offset(), stride, n, stats);
            } else {
                values = deltaIntegers(col, records, p * stride + col.offset(), stride, n, stats);
                encoding = Encoding.DELTA_BINARY_PACKED;
            }
            BytesInput raw = optional ? BytesInput.concat(definitionLevels(n, present), values) : values;
            BytesInput compressed = compressor.compress(raw);
            pages.add(new Page(compressed, Math.toIntExact(raw.size()), n, stats, encoding));
        }
        return pages;
    }

    /** Version-1 page levels of a flat optional column whose values are all present or all null: one RLE run. */
    private static BytesInput definitionLevels(int n, boolean present) {
        byte[] run = new byte[4 + 5 + 1];
        int len = 4;
        for (long header = (long) n << 1; ; header >>>= 7) { // ULEB128 run header: count << 1, low bit 0 = RLE
            if (header < 0x80) {
                run[len++] = (byte) header;
                break;
            }
            run[len++] = (byte) ((header & 0x7F) | 0x80);
        }
        run[len++] = (byte) (present ? 1 : 0);  // bit width 1: the run's value in one byte
        int body = len - 4;
        run[0] = (byte) body;                     // little-endian length prefix of the RLE data
        run[1] = (byte) (body >>> 8);
        run[2] = (byte) (body >>> 16);
        run[3] = (byte) (body >>> 24);
        return BytesInput.from(run, 0, len);
    }

    private static BytesInput plainDoubles(MemorySegment s, long pos, long stride, int n, Statistics<?> stats) {
        byte[] out = new byte[n * Double.BYTES];
        MemorySegment o = MemorySegment.ofArray(out);
        for (int i = 0; i < n; i++, pos += stride) {
            double v = s.get(Layouts.F64, pos);
            o.set(LE_DOUBLE, (long) i * Double.BYTES, v);
            stats.updateStats(v);
        }
        return BytesInput.from(out);
    }

    private static BytesInput constantDoubles(double v, int n, Statistics<?> stats) {
        byte[] out = new byte[n * Double.BYTES];
        MemorySegment o = MemorySegment.ofArray(out);
        for (int i = 0; i < n; i++) {
            o.set(LE_DOUBLE, (long) i * Double.BYTES, v);
        }
        stats.updateStats(v);
        return BytesInput.from(out);
    }

    /** Integers as the old record writer wrote them: U8 and U32 as their unsigned value, U64 as its bits. */
    private static BytesInput deltaIntegers(Column col, MemorySegment s, long pos, long stride, int n, Statistics<?> stats) {
        boolean int64 = col.fileType().getPrimitiveTypeName() == PrimitiveTypeName.INT64;
        ValuesWriter w = int64
                ? new DeltaBinaryPackingValuesWriterForLong(n * 8 / 4 + 64, n * 8 + 64, HeapByteBufferAllocator.getInstance())
                : new DeltaBinaryPackingValuesWriterForInteger(n * 4 / 4 + 64, n * 4 + 64, HeapByteBufferAllocator.getInstance());
        try {
            switch (col.storage()) {
                case U8 -> {
                    for (int i = 0; i < n; i++, pos += stride) {
                        int v = Byte.toUnsignedInt(s.get(Layouts.U8, pos));
                        if (int64) {
                            w.writeLong(v);
                            stats.updateStats((long) v);
                        } else {
                            w.writeInteger(v);
                            stats.updateStats(v);
                        }
                    }
                }
                case U32 -> {
                    for (int i = 0; i < n; i++, pos += stride) {
                        int v = s.get(Layouts.U32, pos);
                        if (int64) {
                            long u = Integer.toUnsignedLong(v);
                            w.writeLong(u);
                            stats.updateStats(u);
                        } else {
                            w.writeInteger(v);
                            stats.updateStats(v);
                        }
                    }
                }
                case U64 -> {
                    for (int i = 0; i < n; i++, pos += stride) {
                        long v = s.get(Layouts.U64, pos);
                        w.writeLong(v);
                        stats.updateStats(v);
                    }
                }
                case F64 -> throw new IllegalArgumentException("not an integer column: " + col.name());
            }
            return BytesInput.from(w.getBytes().toByteArray()); // a copy: the writer's buffers go on close
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            w.close();
        }
    }
}
