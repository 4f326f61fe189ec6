package io.livecalc.engines.projection.model;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import io.livecalc.api.BufferType;
import io.livecalc.api.DataFileException;
import io.livecalc.api.Layouts;
import io.livecalc.buffers.csv.CsvReader;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The TERM_MODEL_POINT record: one model point of a term assurance product model (lifelib's BasicTerm
 * S/M/ME), 40 bytes, little-endian. An extended record type: the 32-byte INPUT record has no policy count
 * and no months in force, so the BasicTerm models declare their own layout instead of overloading INPUT.
 *
 * <pre>
 * offset  size  field
 *   0      8    point_id      u64
 *   8      4    age_at_entry  u32  years
 *  12      4    policy_term   u32  years, at least 1
 *  16      4    duration_mth  i32  months in force at t = 0 (negative: issued in the future); 0 for new business
 *  20      1    sex           u8   0 = M, 1 = F (no BasicTerm model uses it)
 *  21      3    (padding)
 *  24      8    policy_count  f64  policies the point stands for (S/M project one policy)
 *  32      8    sum_assured   f64
 * </pre>
 */
public final class TermModelPoint {

    public static final String POINT_ID = "point_id", AGE_AT_ENTRY = "age_at_entry", POLICY_TERM = "policy_term",
            DURATION_MTH = "duration_mth", SEX = "sex", POLICY_COUNT = "policy_count", SUM_ASSURED = "sum_assured";

    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN).withName(POINT_ID),
            ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).withName(AGE_AT_ENTRY),
            ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).withName(POLICY_TERM),
            ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).withName(DURATION_MTH),
            ValueLayout.JAVA_BYTE.withName(SEX),
            MemoryLayout.paddingLayout(3),
            ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN).withName(POLICY_COUNT),
            ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN).withName(SUM_ASSURED)
    ).withName("TermModelPoint");

    /** The buffer type: at most 10M model points per buffer (400 MB), like INPUT. */
    public static final BufferType TYPE = new BufferType("TERM_MODEL_POINT", LAYOUT, 10_000_000L);

    public static final long SIZE = LAYOUT.byteSize();
    /** The longest policy term accepted, in years. */
    public static final int MAX_TERM = 100;

    private static final long OFFSET_POINT_ID = LAYOUT.byteOffset(groupElement(POINT_ID));
    private static final long OFFSET_AGE = LAYOUT.byteOffset(groupElement(AGE_AT_ENTRY));
    private static final long OFFSET_TERM = LAYOUT.byteOffset(groupElement(POLICY_TERM));
    private static final long OFFSET_DURATION = LAYOUT.byteOffset(groupElement(DURATION_MTH));
    private static final long OFFSET_SEX = LAYOUT.byteOffset(groupElement(SEX));
    private static final long OFFSET_COUNT = LAYOUT.byteOffset(groupElement(POLICY_COUNT));
    private static final long OFFSET_SUM_ASSURED = LAYOUT.byteOffset(groupElement(SUM_ASSURED));

    private TermModelPoint() {
    }

    public static long pointId(MemorySegment s, long i) {
        return s.get(Layouts.U64, i * SIZE + OFFSET_POINT_ID);
    }

    public static int ageAtEntry(MemorySegment s, long i) {
        return s.get(Layouts.U32, i * SIZE + OFFSET_AGE);
    }

    public static int policyTerm(MemorySegment s, long i) {
        return s.get(Layouts.U32, i * SIZE + OFFSET_TERM);
    }

    public static int durationMonths(MemorySegment s, long i) {
        return s.get(Layouts.U32, i * SIZE + OFFSET_DURATION);
    }

    public static int sex(MemorySegment s, long i) {
        return Byte.toUnsignedInt(s.get(Layouts.U8, i * SIZE + OFFSET_SEX));
    }

    public static double policyCount(MemorySegment s, long i) {
        return s.get(Layouts.F64, i * SIZE + OFFSET_COUNT);
    }

    public static double sumAssured(MemorySegment s, long i) {
        return s.get(Layouts.F64, i * SIZE + OFFSET_SUM_ASSURED);
    }

    /** Writes record {@code i} (padding zeroed). */
    public static void set(MemorySegment s, long i, long pointId, int ageAtEntry, int policyTerm, int durationMonths, int sex,
                           double policyCount, double sumAssured) {
        long base = i * SIZE;
        s.set(Layouts.U64, base + OFFSET_POINT_ID, pointId);
        s.set(Layouts.U32, base + OFFSET_AGE, ageAtEntry);
        s.set(Layouts.U32, base + OFFSET_TERM, policyTerm);
        s.set(Layouts.U32, base + OFFSET_DURATION, durationMonths);
        s.set(Layouts.U8, base + OFFSET_SEX, (byte) sex);
        s.set(Layouts.U8, base + OFFSET_SEX + 1, (byte) 0);   // padding, not a slice's fill: one object per point less
        s.set(Layouts.U8, base + OFFSET_SEX + 2, (byte) 0);
        s.set(Layouts.U8, base + OFFSET_SEX + 3, (byte) 0);
        s.set(Layouts.F64, base + OFFSET_COUNT, policyCount);
        s.set(Layouts.F64, base + OFFSET_SUM_ASSURED, sumAssured);
    }

    /**
     * Reads a lifelib model point CSV as it is: {@code point_id} (or {@code policy_id}), {@code age_at_entry},
     * {@code sex} ({@code M}/{@code F}), {@code policy_term}, {@code sum_assured}, and optionally
     * {@code policy_count} (default 1) and {@code duration_mth} (default 0), in any order, case-insensitive;
     * other columns are ignored.
     *
     * @param minAge,maxAge entry ages the model's mortality table covers, checked here so that the message
     *                      points at the line
     * @throws DataFileException a missing column, a malformed value, a term outside 1..{@value #MAX_TERM},
     *                           an age outside {@code minAge..maxAge}, an unknown sex code, a negative count
     *                           or a negative or non-finite sum assured (file, line, column, value named)
     */
    public static MemorySegment readCsv(Path file, Arena arena, int minAge, int maxAge) {
        List<long[]> ints = new ArrayList<>();
        List<double[]> doubles = new ArrayList<>();
        try (CsvReader csv = CsvReader.open(file, "model point file")) {
            csv.readHeader();
            int id = column(csv, POINT_ID, "policy_id");
            int age = column(csv, AGE_AT_ENTRY, null);
            int sex = column(csv, SEX, null);
            int term = column(csv, POLICY_TERM, null);
            int sa = column(csv, SUM_ASSURED, null);
            int count = csv.columnIndex(POLICY_COUNT) + 1;
            int duration = csv.columnIndex(DURATION_MTH) + 1;
            // messages built once, not per row: a first run interprets every concatenation of every row
            String ages = "an entry age the mortality table covers (" + minAge + ".." + maxAge + ")";
            for (String[] row = csv.next(); row != null; row = csv.next()) {
                csv.requireHeaderWidth(row);
                long pid = csv.parseLong(row, id, 0, Long.MAX_VALUE, "a point id (an integer >= 0)");
                long a = csv.parseLong(row, age, minAge, maxAge, ages);
                String sx = row[sex - 1];
                int code;
                if (sx.equalsIgnoreCase("M")) {
                    code = 0;
                } else if (sx.equalsIgnoreCase("F")) {
                    code = 1;
                } else {
                    throw csv.error(sex, sx, "is not a sex code (M or F)");
                }
                long t = csv.parseLong(row, term, 1, MAX_TERM, "a policy term in 1.." + MAX_TERM + " years");
                if (a + t - 1 > maxAge) {
                    throw csv.error(term, row[term - 1], "runs past the mortality table's last age " + maxAge
                            + " (entry age " + a + ")");
                }
                double s = csv.parseDouble(row, sa, 0, Double.MAX_VALUE, "a sum assured >= 0");
                double c = count == 0 ? 1.0 : csv.parseDouble(row, count, 0, Double.MAX_VALUE, "a policy count >= 0");
                long d = duration == 0 ? 0 : monthsInForce(csv, row, duration, t);
                ints.add(new long[] {pid, a, t, d, code});
                doubles.add(new double[] {c, s});
            }
            if (ints.isEmpty()) {
                throw new DataFileException(file, file + ": model point file has no data rows");
            }
        }
        MemorySegment seg = arena.allocate(ints.size() * SIZE, 16);
        for (int i = 0; i < ints.size(); i++) {
            long[] v = ints.get(i);
            double[] d = doubles.get(i);
            set(seg, i, v[0], (int) v[1], (int) v[2], (int) v[3], (int) v[4], d[0], d[1]);
        }
        return seg;
    }

    /** As {@code csv.parseLong} with the range of {@code term}, its message built only for a value it refuses. */
    private static long monthsInForce(CsvReader csv, String[] row, int column, long term) {
        String s = row[column - 1];
        long lo = -12L * MAX_TERM;
        long hi = 12L * term;
        try {
            long v = Long.parseLong(s);
            if (v >= lo && v <= hi) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below, as parseLong refuses it
        }
        throw csv.error(column, s, "is not months in force in " + lo + ".." + hi + " (12 x policy_term)");
    }

    private static int column(CsvReader csv, String name, String alias) {
        int c = csv.columnIndex(name) + 1;
        if (c == 0 && alias != null) {
            c = csv.columnIndex(alias) + 1;
        }
        if (c == 0) {
            throw csv.lineError("model point file has no column '" + name + "'; header: " + String.join(",", csv.header()));
        }
        return c;
    }
}
