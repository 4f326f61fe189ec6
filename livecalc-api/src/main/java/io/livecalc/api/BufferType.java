package io.livecalc.api;

import java.lang.foreign.StructLayout;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A kind of buffer: its record layout and the most records one buffer of it may hold.
 *
 * <p>The three record types of the original system are constants here; engines that need another
 * record (a detail output, a product model's model points) declare their own type with the same
 * constructor, and the {@code BufferManager} treats it like the built-in ones. Two types are the same
 * type when their name, layout and limit are equal.
 *
 * <p>Lives in the API module rather than beside the BufferManager because {@link EngineInfo} declares
 * its ports by buffer type.
 *
 * @param name       upper-case identifier, e.g. {@code INPUT}
 * @param layout     the record layout; the record stride is {@code layout.byteSize()}
 * @param maxRecords the most records one buffer of this type may hold; larger work is chunked
 */
public record BufferType(String name, StructLayout layout, long maxRecords) {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    /** Policy data (projection input): {@link PolicyRecord}, 32 bytes, at most 10M records (320 MB). */
    public static final BufferType INPUT = new BufferType("INPUT", PolicyRecord.LAYOUT, 10_000_000L);

    /** Economic scenarios (ESG to projection): {@link ScenarioRecord}, 16 bytes, at most 100M (1.6 GB). */
    public static final BufferType SCENARIO = new BufferType("SCENARIO", ScenarioRecord.LAYOUT, 100_000_000L);

    /** Projection results (projection to solver): {@link ResultRecord}, 24 bytes, at most 100M (2.4 GB). */
    public static final BufferType RESULT = new BufferType("RESULT", ResultRecord.LAYOUT, 100_000_000L);

    /** Portfolio NPV per scenario: {@link ScenarioTotalRecord}, 16 bytes, at most 100M records. */
    public static final BufferType SCENARIO_TOTAL = new BufferType("SCENARIO_TOTAL", ScenarioTotalRecord.LAYOUT, 100_000_000L);

    /** Per-pair results with component present values: {@link ResultDetailRecord}, 48 bytes, at most 100M. */
    public static final BufferType RESULT_DETAIL = new BufferType("RESULT_DETAIL", ResultDetailRecord.LAYOUT, 100_000_000L);

    /** A solver's solution: {@link SolutionRecord}, 56 bytes, one record per solve. */
    public static final BufferType SOLUTION = new BufferType("SOLUTION", SolutionRecord.LAYOUT, 1);

    public BufferType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(layout, "layout");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("buffer type name must match " + NAME + ": '" + name + "'");
        }
        if (layout.byteSize() <= 0 || layout.byteSize() % layout.byteAlignment() != 0) {
            throw new IllegalArgumentException("buffer type " + name + ": record layout of " + layout.byteSize()
                    + " bytes is not a whole number of its " + layout.byteAlignment() + "-byte alignment");
        }
        if (maxRecords <= 0) {
            throw new IllegalArgumentException("buffer type " + name + ": maxRecords must be positive, got " + maxRecords);
        }
    }

    /** Bytes per record (the stride between records). */
    public long recordSize() {
        return layout.byteSize();
    }

    @Override
    public String toString() {
        return name + "(" + recordSize() + " B/record, max " + maxRecords + ")";
    }
}
