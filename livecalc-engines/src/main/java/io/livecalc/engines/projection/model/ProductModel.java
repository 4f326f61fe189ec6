package io.livecalc.engines.projection.model;

import io.livecalc.api.BufferType;
import io.livecalc.api.EngineConfig;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A product model: turns model points into cash flows on its own time grid. The projection machinery
 * ({@link ProductModelEngine}) does everything else, the same way for every model: discounting under the
 * model's own curve or under each scenario of a SCENARIO buffer (the shared SIMD lane kernels), blocks of
 * 1024 points in a fixed summation order on any number of threads, per-point results and per-scenario
 * totals.
 *
 * <p>To add a model: implement this interface and {@link Basis}, then register an engine type for it
 * (subclass {@link ProductModelEngineProvider} with a no-argument constructor and list it in
 * {@code META-INF/services/io.livecalc.api.EngineProvider}), or construct {@code new ProductModelEngine(model)}
 * directly. The engine is not touched.
 *
 * <p>A model describes itself without any state (the engine's ports and the pipeline's checks use it
 * before anything is loaded); {@link #configure} loads its assumptions.
 */
public interface ProductModel {

    /** A cash flow the model projects, and its sign in the net cash flow (+1 income, -1 outgo). */
    record Flow(String name, int sign) {
        public Flow {
            if (sign != 1 && sign != -1) {
                throw new IllegalArgumentException("flow " + name + ": sign must be +1 or -1, got " + sign);
            }
        }
    }

    /** Name, lower case, also the engine type: {@code basic_term}, {@code basic_term_me}. */
    String name();

    /** One line for {@code livecalc engines}. */
    String description();

    /** The model point record (an extended record type, e.g. {@link TermModelPoint#TYPE}). */
    BufferType modelPointType();

    /** Projection steps per year: 1 annual, 12 monthly. */
    int stepsPerYear();

    /** The cash flows, in the order they are subtracted from (or added to) the net cash flow. */
    List<Flow> flows();

    /** Per-point values that are not present values (e.g. {@code premium_pp}); may be empty. */
    List<String> pointValues();

    /** Config keys the model reads (file references resolve against the config's base directory). */
    Set<String> configKeys();

    /**
     * Loads the model's assumptions.
     *
     * @throws io.livecalc.api.ConfigurationException a key is missing or malformed
     * @throws io.livecalc.api.DataFileException       a table is missing or invalid (file, line, column named)
     */
    Basis configure(EngineConfig config);

    /** A configured model: immutable and thread-safe. */
    interface Basis {

        /** Reads a model point file in the model's own format into records of {@link #modelPointType()}. */
        MemorySegment readModelPoints(Path file, Arena arena);

        /** The id printed for point {@code i}. */
        long pointId(MemorySegment points, long i);

        /** What is wrong with point {@code i} ("age_at_entry 15 is below the mortality table's first age 18"), or null. */
        String problem(MemorySegment points, long i);

        /** Steps {@code t = 0..steps-1} in which point {@code i} may have cash flows. */
        int steps(MemorySegment points, long i);

        /** Discount factors at {@code t = 0..steps-1} under the model's own curve (the deterministic run). */
        double[] discountFactors(int steps);

        /**
         * Discount factors at {@code t = 0..steps-1} under a scenario: {@code annualRates[k]} is the scenario's
         * rate for year {@code k + 1}. How rates become factors is the model's convention (a zero spot
         * curve for BasicTerm).
         *
         * @throws IllegalArgumentException the scenario has too few years for {@code steps}
         */
        double[] discountFactors(double[] annualRates, int steps);

        /**
         * Projects {@code lanes} consecutive points from {@code first}: fills {@code flows[f][t * lanes + j]}
         * for every flow {@code f}, step {@code t < steps} and lane {@code j} (zero where point {@code j} has
         * no flow), and {@code values[v][j]} for every point value. {@code steps} is at least every lane's
         * {@link #steps}. Called concurrently from several threads with distinct arrays.
         */
        void project(MemorySegment points, long first, int lanes, int steps, double[][] flows, double[][] values);

        /**
         * Optional fast path for a run under a single discount curve: as {@link #project}, but also writes
         * {@code pv[f][j]}, the present value of flow {@code f} of lane {@code j} under {@code df} with exactly
         * the IEEE operations and order the engine would use on the flows {@code project} writes
         * ({@code pv = pv + flow(t) * df[t]} for {@code t = 0..steps-1}), so the engine can skip its own
         * discounting and the numbers do not change. {@code flows} is scratch here: its contents afterwards
         * are unspecified. Returns {@code false}, having written nothing the engine relies on, when the model
         * has no such path for {@code df}; the engine then calls {@link #project} and discounts.
         */
        default boolean projectPresentValues(MemorySegment points, long first, int lanes, int steps, double[] df,
                                             double[][] flows, double[][] values, double[][] pv) {
            return false;
        }

        /** What the run summary should record about the basis (kernel, tables); JSON-friendly. */
        default java.util.Map<String, Object> report() {
            return java.util.Map.of();
        }
    }
}
