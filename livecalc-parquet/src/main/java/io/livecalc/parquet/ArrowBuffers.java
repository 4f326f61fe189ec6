package io.livecalc.parquet;

import io.livecalc.api.Layouts;
import io.livecalc.api.BufferType;
import io.livecalc.parquet.RecordSchema.Column;
import io.livecalc.parquet.RecordSchema.Storage;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Buffers as Arrow {@link VectorSchemaRoot}s and back, for users who live in Arrow. Arrow is an optional
 * dependency of livecalc-parquet: an application that calls this class adds {@code org.apache.arrow:arrow-vector}
 * and an allocator ({@code arrow-memory-unsafe} or {@code arrow-memory-netty}) itself.
 *
 * <p>One vector per record field, named as in the Parquet schemas: u8 fields become {@code UInt1},
 * u32 {@code UInt4}, u64 {@code UInt8}, f64 {@code Float8}; no nulls.
 *
 * <p><b>Copies, not zero-copy.</b> LiveCalc buffers are arrays of packed records (row-major: a policy's
 * 32 bytes together), while Arrow holds each column in its own contiguous buffer. No Arrow vector can
 * point into a record buffer (the values of one field are 32 bytes apart, not adjacent), so each column
 * is gathered once, O(rows) per column. Wrapping foreign memory without a copy, as build-recipe.md §2
 * shows, works only for a segment that already is one contiguous column.
 */
public final class ArrowBuffers {

    private ArrowBuffers() {
    }

    /**
     * Copies the first {@code count} records of {@code records} into a new root allocated from
     * {@code allocator}; the caller closes the root.
     */
    public static VectorSchemaRoot toArrow(MemorySegment records, long count, BufferType type, BufferAllocator allocator) {
        RecordSchema schema = RecordSchema.of(type);
        if (count < 0 || count > Integer.MAX_VALUE || records.byteSize() / schema.stride() < count) {
            throw new IllegalArgumentException("cannot export " + count + " " + type.name() + " records from a segment of "
                    + records.byteSize() + " bytes");
        }
        int n = (int) count;
        long stride = schema.stride();
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (Column c : schema.columns) {
                if (!c.inRecord()) {
                    continue;
                }
                long pos = c.offset();
                switch (c.storage()) {
                    case U8 -> {
                        UInt1Vector v = add(vectors, new UInt1Vector(c.name(), allocator), n);
                        for (int i = 0; i < n; i++, pos += stride) {
                            v.set(i, (int) RecordSchema.getInteger(records, pos, Storage.U8));
                        }
                    }
                    case U32 -> {
                        UInt4Vector v = add(vectors, new UInt4Vector(c.name(), allocator), n);
                        for (int i = 0; i < n; i++, pos += stride) {
                            v.set(i, records.get(Layouts.U32, pos));
                        }
                    }
                    case U64 -> {
                        UInt8Vector v = add(vectors, new UInt8Vector(c.name(), allocator), n);
                        for (int i = 0; i < n; i++, pos += stride) {
                            v.set(i, records.get(Layouts.U64, pos));
                        }
                    }
                    case F64 -> {
                        Float8Vector v = add(vectors, new Float8Vector(c.name(), allocator), n);
                        for (int i = 0; i < n; i++, pos += stride) {
                            v.set(i, records.get(Layouts.F64, pos));
                        }
                    }
                }
            }
            return new VectorSchemaRoot(vectors);
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
    }

    private static <V extends FieldVector> V add(List<FieldVector> vectors, V v, int n) {
        vectors.add(v);
        v.setInitialCapacity(n);
        v.allocateNew();
        v.setValueCount(n);
        return v;
    }

    /**
     * The rows of {@code root} as records of {@code type} in a new heap segment: what a pipeline takes as data in
     * memory, e.g. {@code Pipeline.builder().policies("policies", ArrowBuffers.records(root, BufferType.INPUT))}
     * (the orchestrator needs no Arrow for it). One copy, column by column, as {@link #fromArrow} makes it.
     *
     * @throws IllegalArgumentException naming the column (and row) of a missing vector, a wrong type, a null or an
     *                                  out-of-range value
     */
    public static MemorySegment records(VectorSchemaRoot root, BufferType type) {
        long bytes = (long) root.getRowCount() * type.recordSize();
        MemorySegment records = MemorySegment.ofArray(new long[Math.toIntExact((bytes + 7) / 8)]).asSlice(0, bytes);
        fromArrow(root, type, records);
        return records;
    }

    /**
     * Copies the rows of {@code root} into {@code target} as records of {@code type}; returns the row
     * count. Vectors are found by name; any integer vector (signed or unsigned, any width) fits an
     * integer field when its values do, any floating-point or integer vector fits a double field.
     *
     * @throws IllegalArgumentException naming the column (and row) for a missing vector, a wrong type,
     *                                  a null or an out-of-range value, or a target that is too small
     */
    public static long fromArrow(VectorSchemaRoot root, BufferType type, MemorySegment target) {
        RecordSchema schema = RecordSchema.of(type);
        int n = root.getRowCount();
        if (target.byteSize() / schema.stride() < n) {
            throw new IllegalArgumentException("Arrow root has " + n + " rows but the target segment holds only "
                    + target.byteSize() / schema.stride() + " " + type.name() + " records");
        }
        for (Column c : schema.columns) {
            if (!c.inRecord()) {
                continue;
            }
            FieldVector v = root.getVector(c.name());
            if (v == null) {
                throw new IllegalArgumentException("Missing required column '" + c.name() + "' in " + schema.name
                        + " schema (Arrow VectorSchemaRoot)");
            }
            boolean integerVector = v instanceof BaseIntVector;
            if (!(integerVector || (c.storage() == Storage.F64 && v instanceof FloatingPointVector))) {
                throw new IllegalArgumentException("Column '" + c.name() + "' in " + schema.name + " schema (Arrow VectorSchemaRoot) has type "
                        + v.getField().getType() + ", expected " + (c.storage().isInteger() ? "an integer" : "a number"));
            }
            boolean signed = v.getField().getType() instanceof ArrowType.Int t && t.getIsSigned();
            long pos = c.offset();
            for (int i = 0; i < n; i++, pos += schema.stride()) {
                if (v.isNull(i)) {
                    throw new IllegalArgumentException("Arrow row " + (i + 1) + ", column '" + c.name()
                            + "': null in a required column of the " + schema.name + " schema");
                }
                if (c.storage() == Storage.F64) {
                    double d = integerVector ? ((BaseIntVector) v).getValueAsLong(i) : ((FloatingPointVector) v).getValueAsDouble(i);
                    target.set(Layouts.F64, pos, d);
                } else {
                    long x = ((BaseIntVector) v).getValueAsLong(i);
                    if (!RecordSchema.fits(c, x, signed)) {
                        throw new IllegalArgumentException(schema.outOfRange("Arrow row " + (i + 1), c, x, signed));
                    }
                    RecordSchema.setInteger(target, pos, c.storage(), x);
                }
            }
        }
        return n;
    }
}
