package com.example.valuation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.ValuationResult;
import io.livecalc.orchestrator.DagValidationException;
import io.livecalc.orchestrator.Pipeline;
import io.livecalc.orchestrator.PipelineResult;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an application sees when it depends on livecalc-orchestrator and livecalc-engines through the BOM. */
class ValuationTest {

    private static final Path DATA = Path.of("data");

    @Test
    void theSampleValuationGivesTheOriginalEnginesNumbers() {
        PipelineResult r = Valuation.run(DATA);
        assertTrue(r.success(), r.engines().toString());
        ValuationResult v = r.valuation().orElseThrow();
        // sample10_samplescenarios3.json of the original C++ engine (printed to 6 decimals)
        assertEquals(-2925.131473, v.metric("mean_npv"), 5e-7);
        assertArrayEquals(new double[] {-2833.866474, -4307.096933, -1634.431010}, v.scenarioNpvs(), 5e-7);
    }

    @Test
    void theVectorApiIsUsedExactlyWhenTheJvmWasStartedWithIt() {
        boolean expected = Boolean.getBoolean("consumer.vectorApi");
        assertEquals(expected, ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        // and the ESG -> projection chain runs either way
        PipelineResult r = Valuation.esgToProjection(DATA, 3, 100).run();
        assertTrue(r.success(), r.engines().toString());
        assertEquals(300, r.valuation().orElseThrow().scenarioCount());
    }

    @Test
    void theClassPathHoldsNoParquetHadoopOrArrowAndStaysSmall() throws Exception {
        List<Path> jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).filter(p -> p.toString().endsWith(".jar")).toList();
        List<Path> heavy = jars.stream().filter(p -> p.getFileName().toString().matches("(parquet|hadoop|arrow|zstd|snappy).*")).toList();
        assertEquals(List.of(), heavy);
        long bytes = 0;
        for (Path jar : jars) {
            if (!jar.getFileName().toString().matches("(junit|opentest4j|apiguardian|surefire|jmh|jopt|commons-math3|common-).*")) {
                bytes += Files.size(jar); // the application's runtime class path, not the test tools
            }
        }
        System.out.printf("consumer runtime class path: %.1f MB of jars%n", bytes / 1e6); // the README's figure
        assertTrue(bytes < 12_000_000, "runtime class path " + bytes + " bytes: " + jars);
    }

    @Test
    void aParquetSourceWithoutLivecalcParquetIsRefusedNamingTheArtifact() {
        DagValidationException e = assertThrows(DagValidationException.class, () -> Pipeline.builder()
                .policies("policies", DATA.resolve("policies.parquet"))
                .engine("projection", "projection", s -> s.input("policies"))
                .build());
        assertTrue(e.getMessage().contains("io.livecalc:livecalc-parquet"), e.getMessage());
    }
}
