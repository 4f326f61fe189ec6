package com.example.valuation;

import io.livecalc.orchestrator.Pipeline;
import io.livecalc.orchestrator.PipelineResult;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The ESG -> projection chain of an application, timed with JMH (the forks get the JVM flags from the runner). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ChainBenchmark {

    @Param("data")
    public String data;

    private Pipeline pipeline;

    @Setup
    public void setUp() {
        pipeline = Valuation.esgToProjection(Path.of(data), 10, 100);
    }

    @Benchmark
    public PipelineResult esgToProjection() {
        PipelineResult r = pipeline.run();
        if (!r.success()) {
            throw new IllegalStateException("the chain failed: " + r.engines());
        }
        return r;
    }
}
