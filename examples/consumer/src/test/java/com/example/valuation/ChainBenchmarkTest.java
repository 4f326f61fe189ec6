package com.example.valuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** JMH runs the application's benchmark in a forked JVM that gets LiveCalc's flags through jvmArgsAppend. */
class ChainBenchmarkTest {

    @Test
    void theBenchmarkedChainValuesTheThousandEsgScenarios() {
        ChainBenchmark b = new ChainBenchmark();
        b.data = "data";
        b.setUp();
        assertEquals(1000, b.esgToProjection().valuation().orElseThrow().scenarioCount());
    }

    @Test
    void theBenchmarkRunsInAForkWithTheLivecalcFlags() throws Exception {
        Options options = new OptionsBuilder()
                .include(ChainBenchmark.class.getName())
                .forks(1)
                .jvmArgsAppend("--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED")
                .warmupIterations(1).warmupTime(TimeValue.seconds(1))
                .measurementIterations(2).measurementTime(TimeValue.seconds(1))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        assertEquals(1, results.size());
        double ms = results.iterator().next().getPrimaryResult().getScore();
        assertTrue(ms > 0 && ms < 10_000, ms + " ms per chain run");
    }
}
