package io.livecalc.engines.python;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.livecalc.api.EngineConfig;
import io.livecalc.api.ICalcEngine;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** How the bridge learns the size of a Python engine's output when the class has no output_records method. */
class PythonOutputSizeTest {

    private static EngineConfig flatRates(Map<String, Object> extra) {
        Map<String, Object> c = new java.util.LinkedHashMap<>(Map.of("python.module", "third_party_engines", "python.class", "FlatRates",
                "python.path", PythonBridgeTest.ENGINES.toString(), "python.output_port", "scenarios"));
        c.putAll(extra);
        return EngineConfig.of("flat", c);
    }

    @Test
    void aGeneratorThatNamesNoSizeStaysUnsizedForTheCallerToReport() {
        try (ICalcEngine e = new PythonEngineProvider().create()) {
            e.initialize(flatRates(Map.of()), null);
            assertEquals(OptionalLong.empty(), e.outputRecords("scenarios", Map.of()));
        }
    }

    @Test
    void aConfiguredSizeAnswersForAGeneratorThatNamesNone() {
        try (ICalcEngine e = new PythonEngineProvider().create()) {
            e.initialize(flatRates(Map.of("python.output_records", 7)), null);
            assertEquals(OptionalLong.of(7), e.outputRecords("scenarios", Map.of()));
        }
    }
}
