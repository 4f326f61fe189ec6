package io.livecalc.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livecalc.api.ScenarioRecord;
import io.livecalc.engines.ReferenceData;
import io.livecalc.engines.projection.ProjectionEngineProvider;
import io.livecalc.orchestrator.run.RunSummary;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the run summary adds for the run report: per-chunk timeline with retries and timeouts, the NPV
 * histogram and the scenario fan, computed exactly.
 */
class RunTimelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static PipelineBuilder projectionThen(String mode, AtomicInteger calls) {
        EngineFactory f = new EngineFactory().register(new ProjectionEngineProvider())
                .register(mode, () -> new PipelineRunTest.Behaving(mode, calls));
        return Pipeline.builder().factory(f)
                .policies("policies", ReferenceData.upstream("sample_policies.csv"))
                .scenarios("scenarios", ReferenceData.upstream("sample_scenarios.csv"))
                .engine("projection", "projection", e -> e.input("policies").input("scenarios")
                        .config("mortality_table", ReferenceData.upstream("sample_mortality.csv").toString())
                        .config("lapse_table", ReferenceData.upstream("sample_lapse.csv").toString())
                        .config("expenses", ReferenceData.upstream("sample_expenses.csv").toString()))
                .engine("next", mode, e -> e.input("projection.scenario_totals"));
    }

    @Test
    void aChunkThatTimedOutAndWasRetriedIsOneCallWithTwoAttemptsAndOneTimeout() throws Exception {
        PipelineResult r = projectionThen("hang-once", new AtomicInteger()).timeout(Duration.ofMillis(300)).maxAttempts(3)
                .build().run();
        assertTrue(r.success(), r.engines().toString());
        List<ChunkRun> t = r.engine("next").timeline();
        assertEquals(1, t.size());
        assertEquals(2, t.get(0).attempts());
        assertEquals(1, t.get(0).retries());
        assertEquals(1, t.get(0).timeouts());
        assertTrue(t.get(0).succeeded());
        assertTrue(t.get(0).durationMs() >= 300, "the timed-out attempt is in the call's time: " + t.get(0).durationMs());
        JsonNode next = JSON.readTree(r.summaryJson()).at("/engines/1");
        assertEquals(1, next.get("retries").asInt());
        assertEquals(1, next.get("timeouts").asInt());
        assertEquals("{\"chunk\":1,\"attempts\":2,\"retries\":1,\"timeouts\":1,\"succeeded\":true}",
                ((com.fasterxml.jackson.databind.node.ObjectNode) next.at("/timeline/0").deepCopy()).without(List.of("start_ms", "duration_ms"))
                        .toString());
        String html = io.livecalc.orchestrator.report.RunReport.render(r.summaryJson());
        assertTrue(html.contains("<rect class=\"chunk timedout\" data-chunk=\"1\" data-attempts=\"2\" data-timeouts=\"1\""), "drawn as timed out");
        assertTrue(html.contains(">1 retry 1 timeout</text>"), "and said so beside the bar");
    }

    @Test
    void aTransientFailureRetriedIsARetriedChunkAndAFailedEngineAFailedOne() {
        PipelineResult flaky = projectionThen("flaky", new AtomicInteger()).maxAttempts(3).build().run();
        ChunkRun c = flaky.engine("next").timeline().get(0);
        assertEquals(List.of(2, 0, true), List.of(c.attempts(), c.timeouts(), c.succeeded()));
        assertTrue(io.livecalc.orchestrator.report.RunReport.render(flaky.summaryJson())
                .contains("<rect class=\"chunk retried\" data-chunk=\"1\" data-attempts=\"2\" data-timeouts=\"0\""));
        PipelineResult failing = projectionThen("fail", new AtomicInteger()).maxAttempts(3).build().run();
        ChunkRun f = failing.engine("next").timeline().get(0);
        assertEquals(List.of(1, 0, false), List.of(f.attempts(), f.timeouts(), f.succeeded()), "not transient: one attempt");
        String html = io.livecalc.orchestrator.report.RunReport.render(failing.summaryJson());
        assertTrue(html.contains("<g class=\"gantt-row status-failed\" data-engine=\"next\">"));
        assertTrue(html.contains("<rect class=\"chunk failed\" data-chunk=\"1\""));
    }

    @Test
    void chunksFollowEachOtherInsideTheirEnginesSpan() {
        PipelineResult r = projectionThen("pass", new AtomicInteger()).chunkPolicies(4).build().run();
        EngineRun p = r.engine("projection");
        assertEquals(3, p.chunks(), "10 policies in chunks of 4");
        List<ChunkRun> t = p.timeline();
        assertEquals(List.of(1, 2, 3), t.stream().map(ChunkRun::chunk).toList());
        double previousEnd = p.startMs();
        for (ChunkRun c : t) {
            assertTrue(c.startMs() >= previousEnd, c + " starts after " + previousEnd);
            assertEquals(1, c.attempts());
            previousEnd = c.startMs() + c.durationMs();
        }
        assertTrue(previousEnd <= p.endMs(), "inside the engine's span");
        assertTrue(r.engine("next").startMs() >= p.endMs(), "the consumer starts after its producer");
        assertTrue(p.startMs() >= 0 && r.engine("next").endMs() <= r.wallTimeMs());
    }

    @Test
    void theHistogramHasCeilSqrtNBinsOfEqualWidthWithTheLargestInTheLast() {
        Map<String, Object> h = RunSummary.histogram(new double[] {9, 0, 1, 2, 3, 4, 5, 6, 7, 8});
        assertEquals(0.0, h.get("min"));
        assertEquals(9.0, h.get("max"));
        assertEquals(2.25, h.get("bin_width"));
        assertEquals("[3, 2, 2, 3]", java.util.Arrays.toString((long[]) h.get("counts")));
        Map<String, Object> same = RunSummary.histogram(new double[] {-5, -5, -5});
        assertEquals("[3]", java.util.Arrays.toString((long[]) same.get("counts")));
        assertEquals(0.0, same.get("bin_width"));
        double[] many = new double[10_000];
        for (int i = 0; i < many.length; i++) {
            many[i] = i;
        }
        long[] counts = (long[]) RunSummary.histogram(many).get("counts");
        assertEquals(50, counts.length, "at most 50 bins");
        assertEquals(200, counts[0]);
        assertEquals(200, counts[49]);
    }

    /** The {@code p}-th percentile of 5 sorted values falling between {@code lo} and {@code hi}: pos = p/100 * 4, weight pos - floor(pos). */
    private static double between(double lo, double hi, double p) {
        double pos = p / 100.0 * 4;
        double f = pos - Math.floor(pos);
        return lo * (1 - f) + hi * f;
    }

    @Test
    void theScenarioFanHoldsThePercentilesOfEachYearsRates() {
        try (Arena arena = Arena.ofConfined()) {
            // 5 scenarios x 2 years; year 1 rates 0.01..0.05, year 2 rates 0.10, 0.20, 0.30, 0.40, 0.50 (in scrambled order)
            double[] y2 = {0.30, 0.10, 0.50, 0.20, 0.40};
            MemorySegment s = arena.allocate(10 * ScenarioRecord.SIZE, 16);
            for (int sc = 0; sc < 5; sc++) {
                ScenarioRecord.scenarioId(s, 2L * sc, sc);
                ScenarioRecord.year(s, 2L * sc, 1);
                ScenarioRecord.rate(s, 2L * sc, 0.01 * (sc + 1));
                ScenarioRecord.scenarioId(s, 2L * sc + 1, sc);
                ScenarioRecord.year(s, 2L * sc + 1, 2);
                ScenarioRecord.rate(s, 2L * sc + 1, y2[sc]);
            }
            ScenarioFan fan = ScenarioFan.of(s);
            assertEquals(List.of(1, 2), fan.years());
            assertEquals(5, fan.scenarios());
            // pos = p/100 * (5 - 1): P5 -> 0.2, P25 -> 1, P50 -> 2, P75 -> 3, P95 -> 3.8, linear between neighbours
            assertEquals(List.of(between(0.01, 0.02, 5), 0.02, 0.03, 0.04, between(0.04, 0.05, 95)), fan.rates().get(0));
            assertEquals(List.of(between(0.10, 0.20, 5), 0.20, 0.30, 0.40, between(0.40, 0.50, 95)), fan.rates().get(1));
            assertNull(ScenarioFan.of(s.asSlice(0, 0)), "no records, no fan");
        }
    }
}
