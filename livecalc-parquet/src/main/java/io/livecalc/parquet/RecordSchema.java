package io.livecalc.parquet;

import io.livecalc.api.Layouts;
import io.livecalc.api.BufferType;
import io.livecalc.api.PolicyRecord;
import io.livecalc.api.ResultDetailRecord;
import io.livecalc.api.ResultRecord;
import io.livecalc.api.ScenarioRecord;
import io.livecalc.api.ScenarioTotalRecord;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema of each buffer type (the seed's "Parquet I/O Integration" schemas) and where each
 * column lives in the record. One table drives reading, writing, the Arrow exchange and the CSV converter.
 */
final class RecordSchema {

    /** How a value is stored in the record. */
    enum Storage {
        U8, U32, U64, F64;

        boolean isInteger() {
            return this != F64;
        }
    }

    /** Offset {@code -1}: the column is in the file schema but not in this record (written as null). */
    static final long ABSENT = -1;

    /**
     * One column.
     *
     * @param min,max accepted integer range (max compared unsigned for U64), checked when reading
     */
    record Column(String name, long offset, Storage storage, long min, long max, PrimitiveType fileType) {
        boolean inRecord() {
            return offset >= 0;
        }

        String range() {
            return min + ".." + Long.toUnsignedString(max);
        }
    }

    private static final long U8_MAX = 0xFF, U32_MAX = 0xFFFF_FFFFL, U64_MAX = -1L;

    final String name;
    final BufferType type;
    final List<Column> columns;
    final MessageType fileSchema;

    private RecordSchema(String name, BufferType type, List<Column> columns) {
        this.name = name;
        this.type = type;
        this.columns = columns;
        this.fileSchema = new MessageType(name, columns.stream().map(c -> (org.apache.parquet.schema.Type) c.fileType()).toList());
    }

    long stride() {
        return type.recordSize();
    }

    private static final RecordSchema POLICY = new RecordSchema("Policy", BufferType.INPUT, List.of(
            uint(PolicyRecord.POLICY_ID, PolicyRecord.OFFSET_POLICY_ID, Storage.U64, U64_MAX, 64),
            uint(PolicyRecord.AGE, PolicyRecord.OFFSET_AGE, Storage.U8, PolicyRecord.MAX_AGE, 8),
            uint(PolicyRecord.GENDER, PolicyRecord.OFFSET_GENDER, Storage.U8, U8_MAX, 8),
            f64(PolicyRecord.SUM_ASSURED, PolicyRecord.OFFSET_SUM_ASSURED, Repetition.REQUIRED),
            f64(PolicyRecord.PREMIUM, PolicyRecord.OFFSET_PREMIUM, Repetition.REQUIRED),
            uint(PolicyRecord.TERM, PolicyRecord.OFFSET_TERM, Storage.U32, U32_MAX, 32),
            uint(PolicyRecord.PRODUCT_TYPE, PolicyRecord.OFFSET_PRODUCT_TYPE, Storage.U8, U8_MAX, 8),
            uint(PolicyRecord.UNDERWRITING_CLASS, PolicyRecord.OFFSET_UNDERWRITING_CLASS, Storage.U8, U8_MAX, 8)));

    private static final RecordSchema SCENARIO = new RecordSchema("Scenario", BufferType.SCENARIO, List.of(
            uint(ScenarioRecord.SCENARIO_ID, ScenarioRecord.OFFSET_SCENARIO_ID, Storage.U32, U32_MAX, 32),
            uint(ScenarioRecord.YEAR, ScenarioRecord.OFFSET_YEAR, Storage.U32, U32_MAX, 32),
            f64(ScenarioRecord.RATE, ScenarioRecord.OFFSET_RATE, Repetition.REQUIRED)));

    /** Result column names after npv, in the seed's order. */
    static final String PREMIUM_INCOME = ResultDetailRecord.PREMIUM_INCOME, DEATH_BENEFITS = ResultDetailRecord.DEATH_BENEFITS,
            SURRENDER_BENEFITS = ResultDetailRecord.SURRENDER_BENEFITS, EXPENSES = ResultDetailRecord.EXPENSES,
            EXECUTION_TIME_MS = "execution_time_ms";

    /** The seed's result schema; policy_id is uint64 in the file although a RESULT record holds 32 bits. */
    private static final RecordSchema RESULT = new RecordSchema("Result", BufferType.RESULT, List.of(
            uint(ResultRecord.SCENARIO_ID, ResultRecord.OFFSET_SCENARIO_ID, Storage.U32, U32_MAX, 32),
            uint(ResultRecord.POLICY_ID, ResultRecord.OFFSET_POLICY_ID, Storage.U32, U32_MAX, 64),
            f64(ResultRecord.NPV, ResultRecord.OFFSET_NPV, Repetition.REQUIRED),
            absent(PREMIUM_INCOME), absent(DEATH_BENEFITS), absent(SURRENDER_BENEFITS), absent(EXPENSES),
            absent(EXECUTION_TIME_MS)));

    private static final RecordSchema RESULT_DETAIL = new RecordSchema("Result", BufferType.RESULT_DETAIL, List.of(
            uint(ResultDetailRecord.SCENARIO_ID, ResultDetailRecord.OFFSET_SCENARIO_ID, Storage.U32, U32_MAX, 32),
            uint(ResultDetailRecord.POLICY_ID, ResultDetailRecord.OFFSET_POLICY_ID, Storage.U32, U32_MAX, 64),
            f64(ResultDetailRecord.NPV, ResultDetailRecord.OFFSET_NPV, Repetition.REQUIRED),
            f64(PREMIUM_INCOME, ResultDetailRecord.OFFSET_PREMIUM_INCOME, Repetition.OPTIONAL),
            f64(DEATH_BENEFITS, ResultDetailRecord.OFFSET_DEATH_BENEFITS, Repetition.OPTIONAL),
            f64(SURRENDER_BENEFITS, ResultDetailRecord.OFFSET_SURRENDER_BENEFITS, Repetition.OPTIONAL),
            f64(EXPENSES, ResultDetailRecord.OFFSET_EXPENSES, Repetition.OPTIONAL),
            absent(EXECUTION_TIME_MS)));

    private static final RecordSchema SCENARIO_TOTAL = new RecordSchema("ScenarioTotal", BufferType.SCENARIO_TOTAL, List.of(
            uint(ScenarioTotalRecord.SCENARIO_ID, ScenarioTotalRecord.OFFSET_SCENARIO_ID, Storage.U32, U32_MAX, 32),
            f64(ScenarioTotalRecord.NPV, ScenarioTotalRecord.OFFSET_NPV, Repetition.REQUIRED)));

    /**
     * The schema of a buffer type: the seed's schemas for the built-in types; for an extended record type
     * (a product model's points or results) one column per named field of its layout, padding skipped:
     * f64 as DOUBLE, u64 as unsigned INT64, 32-bit fields as signed INT32, bytes as unsigned INT32 (8 bits).
     *
     * @throws IllegalArgumentException a field of a kind with no column mapping (the message names it)
     */
    static RecordSchema of(BufferType type) {
        for (RecordSchema s : List.of(POLICY, SCENARIO, RESULT, RESULT_DETAIL, SCENARIO_TOTAL)) {
            if (s.type.equals(type)) {
                return s;
            }
        }
        return derived(type);
    }

    private static RecordSchema derived(BufferType type) {
        List<Column> columns = new java.util.ArrayList<>();
        for (java.lang.foreign.MemoryLayout m : type.layout().memberLayouts()) {
            if (m instanceof java.lang.foreign.PaddingLayout) {
                continue;
            }
            String field = m.name().orElseThrow(() -> new IllegalArgumentException("buffer type " + type.name()
                    + " has an unnamed field: no Parquet column can be named for it"));
            long offset = type.layout().byteOffset(java.lang.foreign.MemoryLayout.PathElement.groupElement(field));
            if (m instanceof java.lang.foreign.ValueLayout.OfDouble) {
                columns.add(f64(field, offset, Repetition.REQUIRED));
            } else if (m instanceof java.lang.foreign.ValueLayout.OfLong) {
                columns.add(uint(field, offset, Storage.U64, U64_MAX, 64));
            } else if (m instanceof java.lang.foreign.ValueLayout.OfInt) {
                // signed: stored as the raw 32 bits; the range admits every INT32 value
                columns.add(new Column(field, offset, Storage.U32, Integer.MIN_VALUE, U64_MAX,
                        Types.required(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(32, true)).named(field)));
            } else if (m instanceof java.lang.foreign.ValueLayout.OfByte) {
                columns.add(uint(field, offset, Storage.U8, U8_MAX, 8));
            } else {
                throw new IllegalArgumentException("buffer type " + type.name() + ": field " + field + " (" + m
                        + ") has no Parquet column mapping (f64, u64, 32-bit and byte fields do)");
            }
        }
        return new RecordSchema(type.layout().name().orElse(type.name()), type, List.copyOf(columns));
    }

    Column column(String columnName) {
        for (Column c : columns) {
            if (c.name().equals(columnName)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no column " + columnName + " in " + name);
    }

    /** Whether integer {@code v} (read as signed or unsigned) lies in the column's accepted range. */
    static boolean fits(Column c, long v, boolean signed) {
        return !(signed && v < c.min()) && Long.compareUnsigned(v, c.max()) <= 0;
    }

    /** Message for a value outside the column's range; {@code where} names file and row, or a vector and row. */
    String outOfRange(String where, Column c, long v, boolean signed) {
        return where + ", column '" + c.name() + "': value " + (signed ? Long.toString(v) : Long.toUnsignedString(v))
                + " is out of range " + c.range() + " for the " + name + " record";
    }

    /** Stores an integer already checked by {@link #fits}. */
    static void setInteger(MemorySegment s, long pos, Storage storage, long v) {
        switch (storage) {
            case U8 -> s.set(Layouts.U8, pos, (byte) v);
            case U32 -> s.set(Layouts.U32, pos, (int) v);
            case U64 -> s.set(Layouts.U64, pos, v);
            case F64 -> throw new IllegalArgumentException("not an integer field");
        }
    }

    /** An integer field as an unsigned value. */
    static long getInteger(MemorySegment s, long pos, Storage storage) {
        return switch (storage) {
            case U8 -> Byte.toUnsignedLong(s.get(Layouts.U8, pos));
            case U32 -> Integer.toUnsignedLong(s.get(Layouts.U32, pos));
            case U64 -> s.get(Layouts.U64, pos);
            case F64 -> throw new IllegalArgumentException("not an integer field");
        };
    }

    private static Column uint(String name, long offset, Storage storage, long max, int fileBits) {
        PrimitiveTypeName physical = fileBits == 64 ? PrimitiveTypeName.INT64 : PrimitiveTypeName.INT32;
        PrimitiveType t = Types.required(physical).as(LogicalTypeAnnotation.intType(fileBits, false)).named(name);
        return new Column(name, offset, storage, 0, max, t);
    }

    private static Column f64(String name, long offset, Repetition repetition) {
        return new Column(name, offset, Storage.F64, 0, 0, Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name));
    }

    private static Column absent(String name) {
        return f64(name, ABSENT, Repetition.OPTIONAL);
    }
}
