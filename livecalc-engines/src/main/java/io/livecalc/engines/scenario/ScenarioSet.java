package io.livecalc.engines.scenario;

import io.livecalc.api.ScenarioRecord;
import io.livecalc.buffers.csv.ScenarioCsv;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable set of interest-rate scenarios: {@link #count()} scenarios with ids, each giving the
 * annual rate of years {@code 1..}{@link #years()}.
 *
 * <p>As SCENARIO records ({@link ScenarioRecord}) a set is written grouped by scenario, in scenario
 * order, years ascending from 1; {@link #fromRecords} accepts exactly that shape.
 */
public final class ScenarioSet {

    /**
     * A SCENARIO record as two little-endian words: scenario_id (low half) and year (high half), then the rate's bits.
     * The records are copied to and from a long[] a chunk at a time and the fields taken apart in plain array code: the
     * per-field segment accesses are several calls each until the JIT compiles them, and a one-shot run converted
     * its 50,000 records interpreted (issue 15).
     */
    private static final ValueLayout.OfLong WORDS = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Records per copy. */
    private static final int CHUNK = 8192;

    static {
        if (ScenarioRecord.SIZE != 16 || ScenarioRecord.OFFSET_SCENARIO_ID != 0 || ScenarioRecord.OFFSET_YEAR != 4
                || ScenarioRecord.OFFSET_RATE != 8) {
            throw new AssertionError("ScenarioSet's word view no longer fits ScenarioRecord's layout");
        }
    }

    private final long[] ids;
    private final int years;
    private final double[] rates; // scenario-major: rates[s * years + (year - 1)]

    /**
     * @param ids   scenario ids (unsigned 32-bit values), distinct
     * @param years years per scenario, at least 1
     * @param rates scenario-major rates, {@code ids.length * years} values, finite and above -1
     * @throws IllegalArgumentException on any inconsistency, naming the scenario and year
     */
    public ScenarioSet(long[] ids, int years, double[] rates) {
        if (years < 1) {
            throw new IllegalArgumentException("a scenario set needs at least one year, got " + years);
        }
        if ((long) ids.length * years != rates.length) {
            throw new IllegalArgumentException(ids.length + " scenarios x " + years + " years need "
                    + (long) ids.length * years + " rates, got " + rates.length);
        }
        Set<Long> seen = new HashSet<>();
        for (int s = 0; s < ids.length; s++) {
            if (ids[s] < 0 || ids[s] > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("scenario id " + ids[s] + " is not an unsigned 32-bit value");
            }
            if (!seen.add(ids[s])) {
                throw new IllegalArgumentException("scenario id " + ids[s] + " appears twice");
            }
            for (int y = 0; y < years; y++) {
                double r = rates[s * years + y];
                if (!Double.isFinite(r) || r <= -1.0) {
                    throw new IllegalArgumentException("scenario " + ids[s] + " year " + (y + 1) + ": rate " + r
                            + " is not a finite rate above -1");
                }
            }
        }
        this.ids = ids.clone();
        this.years = years;
        this.rates = rates.clone();
    }

    /**
     * Reads SCENARIO records: every record of the segment ({@code byteSize / 16} of them), grouped by
     * scenario id, years {@code 1..N} ascending within each scenario, the same N for all.
     *
     * @throws IllegalArgumentException the records do not have that shape (message names the record)
     */
    public static ScenarioSet fromRecords(MemorySegment records) {
        long size = records.byteSize();
        if (size == 0 || size % ScenarioRecord.SIZE != 0) {
            throw new IllegalArgumentException("scenario buffer of " + size + " bytes is not a positive whole number of "
                    + ScenarioRecord.SIZE + "-byte SCENARIO records");
        }
        long n = size / ScenarioRecord.SIZE;
        int years = 0;
        while (years < n && ScenarioRecord.scenarioId(records, years) == ScenarioRecord.scenarioId(records, 0)) {
            years++;
        }
        if (n % years != 0 || n / years > Integer.MAX_VALUE || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("scenario buffer: " + n + " records are not a whole number of scenarios of "
                    + years + " years (the first scenario's length)");
        }
        int count = (int) (n / years);
        long[] ids = new long[count];
        double[] rates = new double[(int) n];
        long[] words = new long[2 * CHUNK];
        for (long first = 0; first < n; first += CHUNK) {   // copied a chunk at a time, taken apart in plain array code
            int m = (int) Math.min(CHUNK, n - first);
            MemorySegment.copy(records, WORDS, first * ScenarioRecord.SIZE, words, 0, 2 * m);
            for (int k = 0; k < m; k++) {
                int i = (int) first + k;
                int s = i / years;
                int y = i - s * years;
                long id = words[2 * k] & 0xFFFF_FFFFL;
                long year = words[2 * k] >>> 32;
                if (y == 0) {
                    ids[s] = id;
                }
                if (id != ids[s] || year != y + 1) {
                    throw new IllegalArgumentException("scenario buffer record " + i + " (scenario_id " + id + ", year " + year
                            + "): expected scenario_id " + ids[s] + " year " + (y + 1)
                            + "; records must be grouped by scenario with years 1.." + years + " ascending");
                }
                rates[i] = Double.longBitsToDouble(words[2 * k + 1]);
            }
        }
        return new ScenarioSet(ids, years, rates);
    }

    /**
     * Reads a scenarios CSV, long or wide layout ({@link ScenarioCsv}).
     *
     * @throws io.livecalc.api.DataFileException the file is missing or invalid (file, line, column, value named)
     */
    public static ScenarioSet fromCsv(Path file) {
        try (Arena arena = Arena.ofConfined()) {
            return fromRecords(ScenarioCsv.read(file, arena));
        }
    }

    public int count() {
        return ids.length;
    }

    public int years() {
        return years;
    }

    /** The id of the scenario at position {@code s} (0-based, in set order). */
    public long id(int s) {
        return ids[s];
    }

    /** The rate of scenario position {@code s} (0-based) in projection year {@code year} (1-based). */
    public double rate(int s, int year) {
        Objects.checkIndex(year - 1, years);
        return rates[s * years + year - 1];
    }

    /** Bytes of the SCENARIO records {@link #writeRecords} writes. */
    public long recordBytes() {
        return (long) rates.length * ScenarioRecord.SIZE;
    }

    /** Writes the set as SCENARIO records at the start of {@code target}. */
    public void writeRecords(MemorySegment target) {
        if (target.byteSize() < recordBytes()) {
            throw new IllegalArgumentException("scenario buffer too small: needs " + recordBytes() + " bytes ("
                    + rates.length + " records), given " + target.byteSize());
        }
        long[] words = new long[2 * CHUNK];
        for (long first = 0; first < rates.length; first += CHUNK) {
            int m = (int) Math.min(CHUNK, rates.length - first);
            for (int k = 0; k < m; k++) {
                int i = (int) first + k;
                int s = i / years;
                words[2 * k] = ids[s] | (long) (i - s * years + 1) << 32;
                words[2 * k + 1] = Double.doubleToRawLongBits(rates[i]);
            }
            MemorySegment.copy(words, 0, target, WORDS, first * ScenarioRecord.SIZE, 2 * m);
        }
    }

    /** The set as SCENARIO records in a new 16-byte aligned segment of {@code arena}. */
    public MemorySegment toRecords(Arena arena) {
        MemorySegment seg = arena.allocate(recordBytes(), 16);
        writeRecords(seg);
        return seg;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScenarioSet other && other.years == years && Arrays.equals(other.ids, ids)
                && Arrays.equals(other.rates, rates);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(rates);
    }

    @Override
    public String toString() {
        return "ScenarioSet[" + ids.length + " scenarios x " + years + " years]";
    }
}
