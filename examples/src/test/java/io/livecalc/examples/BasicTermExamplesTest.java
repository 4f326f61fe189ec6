package io.livecalc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.BufferType;
import io.livecalc.engines.projection.model.BasicTermModel;
import io.livecalc.engines.projection.model.ProductModelEngine;
import io.livecalc.orchestrator.Pipeline;
import io.livecalc.orchestrator.PipelineBuilder;
import io.livecalc.orchestrator.PipelineResult;
import io.livecalc.parquet.ParquetFiles;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The BasicTerm example DAGs, and the same pipeline built in code, reproduce lifelib's published results. */
class BasicTermExamplesTest {

    private static final Path EXAMPLES = ExamplesTest.EXAMPLES;

    @TempDir
    Path out;

    /** Sum of pv_net_cf over a results file; checks point 1's premium when {@code premium} is given. */
    private static double sumOfNetCashFlows(Path file, BufferType type, double premium) {
        long rows = ParquetFiles.rowCount(file);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment records = arena.allocate(rows * type.recordSize(), 16);
            ParquetFiles.read(file, type, records);
            if (!Double.isNaN(premium)) {
                assertEquals(premium, records.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, 16), 0.0, "point 1 premium_pp");
            }
            double sum = 0;
            for (long i = 0; i < rows; i++) {
                sum += records.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, i * type.recordSize() + 16 + 5 * 8);
            }
            return sum;
        }
    }

    @Test
    void basicTermDagReproducesLifelib() {
        PipelineResult r = PipelineBuilder.fromJson(EXAMPLES.resolve("dag_config_basic_term.json")).outputDirectory(out).build().run();
        assertTrue(r.success(), r.engines().toString());
        double total = r.valuation().orElseThrow().mean();
        assertEquals(14_489_630.5346, total, 1e-9 * 14_489_630.5346);
        Path file = out.resolve("basic_term_results.parquet");
        assertEquals(10_000, ParquetFiles.rowCount(file));
        assertEquals(total, sumOfNetCashFlows(file, ProductModelEngine.resultType(BasicTermModel.M), 94.84), 1e-9 * total);
    }

    @Test
    void basicTermMeDagReproducesLifelib() {
        PipelineResult r = PipelineBuilder.fromJson(EXAMPLES.resolve("dag_config_basic_term_me.json")).outputDirectory(out).build().run();
        assertTrue(r.success(), r.engines().toString());
        assertEquals(215_146_132.0685, r.valuation().orElseThrow().mean(), 1e-9 * 215_146_132.0685);
    }

    @Test
    void theSamePipelineBuiltInCodeGivesTheSameTotal() {
        Path data = EXAMPLES.resolve("data/lifelib");
        PipelineResult r = Pipeline.builder()
                .engine("basic_term", "basic_term", e -> e
                        .config("model_points", data.resolve("model_point_table.csv").toString())
                        .config("mortality_table", data.resolve("mort_table.csv").toString())
                        .config("discount_curve", data.resolve("disc_rate_ann.csv").toString())
                        .config("threads", 2)
                        .output("point_results"))
                .output(out.resolve("code.parquet"), "basic_term.point_results")
                .build().run();
        assertTrue(r.success(), r.engines().toString());
        PipelineResult json = PipelineBuilder.fromJson(EXAMPLES.resolve("dag_config_basic_term.json")).outputDirectory(out).build().run();
        assertEquals(json.valuation().orElseThrow().mean(), r.valuation().orElseThrow().mean(), 0.0);
        assertEquals("basic_term", ((java.util.Map<?, ?>) r.reports().get("basic_term")).get("model"));
    }
}
