package io.livecalc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineConfigTest {

    private final EngineConfig config = EngineConfig.builder("projection")
            .put("threads", "2").put("seed", 42).put("volatility", "0.015").put("drift", new BigDecimal("0.02"))
            .put("whole", 3.0).put("half", 2.5).put("flag", "TRUE").put("name", "gbm").put("huge", "1e400")
            .put("mortality_table", "tables/mort.csv").put("am_token", "eyJhbGciOiJIUzI1NiJ9.secret")
            .baseDirectory(Path.of("/srv/dags")).build();

    @Test
    void stringsAndJsonScalarsConvertToTheRequestedType() {
        assertEquals(2, config.getInt("threads"));
        assertEquals(42L, config.getLong("seed"));
        assertEquals(0.015, config.getDouble("volatility"));
        assertEquals(0.02, config.getDouble("drift"));
        assertEquals(3, config.getInt("whole"));
        assertTrue(config.getBoolean("flag"));
        assertEquals("42", config.getString("seed"));
    }

    @Test
    void defaultsApplyOnlyWhenTheKeyIsAbsent() {
        assertEquals(7, config.getInt("absent", 7));
        assertEquals(2, config.getInt("threads", 7));
        assertEquals(1.0, config.getDouble("absent", 1.0));
        assertFalse(config.getBoolean("absent", false));
    }

    @Test
    void missingRequiredKeyNamesEngineKeyAndExpectedType() {
        var e = assertThrows(ConfigurationException.class, () -> config.getPath("lapse_table"));
        assertEquals("engine 'projection': missing required config key 'lapse_table' (expected a string)", e.getMessage());
        var e2 = assertThrows(ConfigurationException.class, () -> config.getDouble("initial_rate"));
        assertEquals("engine 'projection': missing required config key 'initial_rate' (expected a number)", e2.getMessage());
    }

    @Test
    void wrongTypeNamesEngineKeyValueAndExpectedType() {
        var e = assertThrows(ConfigurationException.class, () -> config.getInt("name"));
        assertEquals("engine 'projection': config key 'name' = \"gbm\" is not an integer", e.getMessage());
        var e2 = assertThrows(ConfigurationException.class, () -> config.getInt("half"));
        assertEquals("engine 'projection': config key 'half' = 2.5 is not an integer", e2.getMessage());
        var e3 = assertThrows(ConfigurationException.class, () -> config.getDouble("huge"));
        assertEquals("engine 'projection': config key 'huge' = \"1e400\" is not a finite number", e3.getMessage());
        var e4 = assertThrows(ConfigurationException.class, () -> config.getBoolean("threads"));
        assertEquals("engine 'projection': config key 'threads' = \"2\" is not a boolean (true or false)", e4.getMessage());
    }

    @Test
    void integerOutOfRangeIsRejectedNotWrapped() {
        EngineConfig c = EngineConfig.of("esg", Map.of("n", 3_000_000_000L, "big", "99999999999999999999"));
        assertEquals(3_000_000_000L, c.getLong("n"));
        var e = assertThrows(ConfigurationException.class, () -> c.getInt("n"));
        assertEquals("engine 'esg': config key 'n' = 3000000000 is not an integer in the 32-bit range", e.getMessage());
        var e2 = assertThrows(ConfigurationException.class, () -> c.getLong("big"));
        assertEquals("engine 'esg': config key 'big' = \"99999999999999999999\" is not an integer in the 64-bit range", e2.getMessage());
    }

    @Test
    void relativePathsResolveAgainstTheBaseDirectory() {
        assertEquals(Path.of("/srv/dags/tables/mort.csv"), config.getPath("mortality_table"));
        EngineConfig abs = config.with("mortality_table", "/data/m.csv");
        assertEquals(Path.of("/data/m.csv"), abs.getPath("mortality_table"));
    }

    @Test
    void unknownKeysAreListedWithTheKnownOnes() {
        EngineConfig c = EngineConfig.of("proj", Map.of("threads", 2, "mortalty_table", "m.csv"));
        var e = assertThrows(ConfigurationException.class, () -> c.requireKnownKeys(List.of("threads", "mortality_table")));
        assertEquals("engine 'proj': unknown config key ['mortalty_table' (did you mean 'mortality_table'?)]; known keys: [mortality_table, threads]", e.getMessage());
        c.with("mortalty_table", "x").requireKnownKeys(List.of("threads", "mortalty_table"));
    }

    @Test
    void secretLookingValuesAreMaskedInToStringAndErrors() {
        String s = config.toString();
        assertFalse(s.contains("secret"), s);
        assertTrue(s.contains("am_token=\"eyJh...cret\""), s);
        var e = assertThrows(ConfigurationException.class, () -> config.getInt("am_token"));
        assertEquals("engine 'projection': config key 'am_token' = \"eyJh...cret\" is not an integer", e.getMessage());
    }

    @Test
    void isImmutable() {
        assertThrows(UnsupportedOperationException.class, () -> config.asMap().put("x", 1));
        EngineConfig changed = config.with("threads", 4);
        assertEquals(2, config.getInt("threads"));
        assertEquals(4, changed.getInt("threads"));
    }

    @Test
    void nullValuesAreRejected() {
        java.util.HashMap<String, Object> m = new java.util.HashMap<>();
        m.put("seed", null);
        var e = assertThrows(ConfigurationException.class, () -> EngineConfig.of("esg", m));
        assertEquals("engine 'esg': config key 'seed' is null; omit the key or give a value", e.getMessage());
    }
}
