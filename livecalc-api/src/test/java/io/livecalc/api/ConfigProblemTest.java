package io.livecalc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigProblemTest {

    private static final List<String> KEYS = List.of("projection_years", "seed", "mortality_table", "num_scenarios");

    @Test
    void aMisspeltKeyIsMatchedToTheNearestKnownKey() {
        assertEquals(Optional.of("projection_years"), ConfigProblem.closest("projection_yaers", KEYS));
        assertEquals(Optional.of("mortality_table"), ConfigProblem.closest("mortalty_table", KEYS));
        assertEquals(Optional.of("num_scenarios"), ConfigProblem.closest("Num-Scenarios", KEYS));
        assertEquals(Optional.of("seed"), ConfigProblem.closest("sed", KEYS));
    }

    @Test
    void aKeyFarFromEveryKnownKeyGetsNoSuggestion() {
        assertEquals(Optional.empty(), ConfigProblem.closest("colour", KEYS));
        assertEquals(Optional.empty(), ConfigProblem.closest("udf_script", KEYS));
    }

    @Test
    void anUnknownKeyProblemNamesTheKeyTheSuggestionAndTheKnownKeys() {
        assertEquals(new ConfigProblem("sede", "unknown config key 'sede' (did you mean 'seed'?); known keys: [seed, threads]"),
                ConfigProblem.unknownKey("sede", List.of("threads", "seed")));
        assertEquals(new ConfigProblem("colour", "unknown config key 'colour'; known keys: [seed, threads]"),
                ConfigProblem.unknownKey("colour", List.of("threads", "seed")));
    }

    @Test
    void aSwapOfTwoLettersIsOneEdit() {
        assertEquals(1, ConfigProblem.distance("yaers", "years"));
        assertEquals(3, ConfigProblem.distance("kitten", "sitting"));
    }
}
