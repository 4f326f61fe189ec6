package io.livecalc.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livecalc.engines.ReferenceData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** An application logging at INFO sees two lines per run, whatever the engines and chunks. */
class QuietLoggingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aChunkedTwoEngineRunLogsOnlyItsStartAndEndAtInfo() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger events = context.getLogger("io.livecalc.events");
        Level rootBefore = root.getLevel();
        Level eventsBefore = events.getLevel();
        root.setLevel(Level.INFO);
        events.setLevel(null); // inherit INFO, as an application's configuration would
        CapturedLogs.clear();
        PipelineResult r;
        try {
            r = Pipeline.builder()
                    .policies("policies", ReferenceData.upstream("policies_10000.csv"))
                    .engine("esg", "esg", e -> e.config("model", "vasicek").config("num_scenarios", 20).config("seed", 7))
                    .engine("projection", "projection", e -> e.input("policies").input("esg.scenarios")
                            .config("mortality_table", ReferenceData.upstream("sample_mortality.csv").toString())
                            .config("lapse_table", ReferenceData.upstream("sample_lapse.csv").toString())
                            .config("expenses", ReferenceData.upstream("sample_expenses.csv").toString()))
                    .chunkPolicies(2048)
                    .output(dir.resolve("totals.parquet"), "projection.scenario_totals")
                    .build().run();
        } finally {
            root.setLevel(rootBefore);
            events.setLevel(eventsBefore);
        }
        assertTrue(r.success(), r.engines().toString());
        assertEquals(5, r.engine("projection").chunks(), "10,000 policies in chunks of 2048");
        List<String> names = new ArrayList<>();
        for (String line : CapturedLogs.lines()) {
            JsonNode n = JSON.readTree(line);
            names.add(n.path("level").asText() + " " + n.path("event").asText());
        }
        assertEquals(List.of("INFO pipeline_start", "INFO pipeline_complete"), names);
    }
}
