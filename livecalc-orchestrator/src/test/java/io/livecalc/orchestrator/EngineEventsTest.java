package io.livecalc.orchestrator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livecalc.api.AMCredentials;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineExecutionException;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.InitializationException;
import io.livecalc.orchestrator.run.EngineEvents;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Each event's exact JSON line, as LogstashEncoder writes it, and the masking of secrets. */
class EngineEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "very_long_secret_token_12345";
    private static final AMCredentials CREDENTIALS = new AMCredentials("https://am.example.com", TOKEN, Path.of("/tmp/cache"));

    private String engineId;
    private EngineEvents events;

    @BeforeEach
    void setUp(TestInfo test) {
        engineId = test.getTestMethod().orElseThrow().getName();
        events = new EngineEvents(engineId, "projection", List.of(TOKEN));
        CapturedLogs.clear();
    }

    @Test
    void engineInitCarriesEngineConfigAndMaskedCredentials() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("num_scenarios", 1000);
        values.put("interest_shift", 0.015);
        values.put("mode", "fast");
        values.put("use_vector", true);
        values.put("api_key", "sk-live-0123456789abcdef");
        events.engineInit(FakeEngine.INFO, EngineConfig.of(engineId, values), CREDENTIALS);

        assertEvent("""
                {"level":"DEBUG","event":"engine_init","engine_name":"Fake Engine","engine_version":"1.2.3","supports_am":true,
                 "config.num_scenarios":1000,"config.interest_shift":0.015,"config.mode":"fast","config.use_vector":true,
                 "config.api_key":"sk-l...cdef","am_url":"https://am.example.com","am_token":"very...2345","cache_dir":"/tmp/cache",
                 "message":"engine '%s' (Fake Engine 1.2.3) initialising"}""");
    }

    @Test
    void engineInitWithoutCredentialsHasNoAmFields() {
        events.engineInit(FakeEngine.INFO, EngineConfig.of(engineId, Map.of()), null);

        assertEvent("""
                {"level":"DEBUG","event":"engine_init","engine_name":"Fake Engine","engine_version":"1.2.3","supports_am":true,
                 "message":"engine '%s' (Fake Engine 1.2.3) initialising"}""");
    }

    @Test
    void executionStartCarriesBufferSizes() {
        events.executionStart(1_048_576, 524_288, 1);

        assertEvent("""
                {"level":"DEBUG","event":"execution_start","input_size_bytes":1048576,"output_size_bytes":524288,"attempt":1,
                 "message":"engine '%s' running a chunk (attempt 1)"}""");
    }

    @Test
    void executionCompleteCarriesTimeRowsBytesAndThroughput() {
        events.executionComplete(ExecutionResult.success(1250.0, 10_000, 400_000), 2);

        assertEvent("""
                {"level":"DEBUG","event":"execution_complete","success":true,"execution_time_ms":1250.0,"rows_processed":10000,
                 "bytes_written":400000,"throughput_rows_per_sec":8000.0,"partial":false,"attempt":2,
                 "message":"engine '%s' completed a chunk in 1250.0 ms"}""");
    }

    @Test
    void failedExecutionCompleteIsAnErrorWithTheEnginesMessage() {
        events.executionComplete(ExecutionResult.failure(500.0, "Out of memory"), 1);

        assertEvent("""
                {"level":"ERROR","event":"execution_complete","success":false,"execution_time_ms":500.0,"error":"Out of memory",
                 "attempt":1,"message":"engine '%s' failed a chunk: Out of memory"}""");
    }

    @Test
    void errorCarriesTheMessageAndTheStackTrace() {
        events.error("Solver did not converge", new EngineExecutionException("no root in [0, 1]"));

        ObjectNode line = only();
        String stack = line.remove("stack_trace").asText();
        assertTrue(stack.startsWith("io.livecalc.api.EngineExecutionException: no root in [0, 1]\n\tat "), stack);
        assertFields("""
                {"level":"ERROR","event":"error","error_message":"Solver did not converge",
                 "message":"engine '%s': Solver did not converge"}""", line);
    }

    @Test
    void warningCarriesTheMessage() {
        events.warning("Execution time exceeded threshold");

        assertEvent("""
                {"level":"WARN","event":"warning","warning_message":"Execution time exceeded threshold",
                 "message":"engine '%s': Execution time exceeded threshold"}""");
    }

    @Test
    void stateTransitionIsDebug() {
        events.stateTransition(EngineState.READY, EngineState.RUNNING);

        assertEvent("""
                {"level":"DEBUG","event":"state_transition","old_state":"READY","new_state":"RUNNING",
                 "message":"engine '%s': READY -> RUNNING"}""");
    }

    @Test
    void assumptionResolvedCarriesVersionRowsAndCacheHit() {
        events.assumptionResolved("mortality-standard", "v2.1", 242, true);

        assertEvent("""
                {"level":"DEBUG","event":"assumption_resolved","assumption_name":"mortality-standard","resolved_version":"v2.1",
                 "rows_loaded":242,"cache_hit":true,"message":"engine '%s': assumption mortality-standard v2.1 (242 rows, cache hit)"}""");
    }

    @Test
    void bufferDumpIsCappedAndSaysSo() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(40);
            for (int i = 0; i < 40; i++) {
                buffer.set(ValueLayout.JAVA_BYTE, i, (byte) i);
            }
            events.bufferDump("input", buffer, 16);
            events.bufferDump("small", buffer.asSlice(0, 4), EngineEvents.DEFAULT_MAX_DUMP_BYTES);
        }

        List<ObjectNode> lines = CapturedLogs.eventsOf(engineId);
        assertEquals(2, lines.size());
        assertFields("""
                {"level":"DEBUG","event":"buffer_dump","buffer_name":"input","buffer_size":40,"dumped_bytes":16,
                 "hex_data":"000102030405060708090a0b0c0d0e0f","truncated":true,"message":"engine '%s': buffer input (16 of 40 bytes)"}""",
                lines.get(0));
        assertFields("""
                {"level":"DEBUG","event":"buffer_dump","buffer_name":"small","buffer_size":4,"dumped_bytes":4,
                 "hex_data":"00010203","truncated":false,"message":"engine '%s': buffer small (4 of 4 bytes)"}""", lines.get(1));
    }

    @Test
    void retryTimeoutAndDisposeEvents() {
        events.retry(2, 3, Duration.ofMillis(150), new EngineExecutionException("worker lost", null, true));
        events.timeout(Duration.ofMillis(200), Duration.ofMillis(301), false);
        events.disposed("dispose() was called");

        List<ObjectNode> lines = CapturedLogs.eventsOf(engineId);
        assertFields("""
                {"level":"WARN","event":"execution_retry","attempt":2,"max_attempts":3,"delay_ms":150.0,"error_message":"worker lost",
                 "message":"engine '%s': retrying (attempt 2 of 3) after 150 ms: worker lost"}""", lines.get(0));
        assertFields("""
                {"level":"ERROR","event":"execution_timeout","timeout_ms":200,"elapsed_ms":301.0,"thread_stopped":false,
                 "message":"engine '%s' timed out after 301 ms (timeout 200 ms); its thread ignored the interrupt"}""", lines.get(1));
        assertFields("""
                {"level":"DEBUG","event":"engine_dispose","reason":"dispose() was called","message":"engine '%s' disposed: dispose() was called"}""",
                lines.get(2));
    }

    @Test
    void noSecretAppearsInAnyLogLineOrExceptionWhileTheMaskedTokenDoes() {
        String token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsaXZlY2FsYyJ9.Zm9vYmFyYmF6cXV4";
        String apiKey = "sk-live-0123456789abcdef";
        AMCredentials credentials = new AMCredentials("https://am.example.com", token, Path.of("/tmp/cache"));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("api_key", apiKey);
        values.put("note", "copied from header Bearer " + token);
        EngineConfig config = EngineConfig.of(engineId, values);
        LifecycleConfig lifecycle = LifecycleConfig.builder().timeout(Duration.ofMillis(200))
                .retryPolicy(RetryPolicy.exponential(3, Duration.ofMillis(1))).maxConsecutiveErrors(10).build();

        // an engine that leaks the token into its exceptions, times out once, then fails transiently once
        FakeEngine engine = new FakeEngine().then(
                FakeEngine.fail(new EngineExecutionException("AM rejected bearer " + token,
                        new IllegalStateException("HTTP 401 for token " + token + " and key " + apiKey), false)),
                FakeEngine.sleepUntilInterrupted(),
                FakeEngine.fail(new EngineExecutionException("retry later, token " + token, null, true)),
                FakeEngine.succeed(),
                FakeEngine.fail(new IllegalArgumentException("unexpected " + token)));
        List<Throwable> thrown = new ArrayList<>();
        try (Arena arena = Arena.ofShared();
             EngineLifecycleManager m = new EngineLifecycleManager(() -> engine, lifecycle, d -> { }, System::nanoTime, () -> 0.5)) {
            MemorySegment in = arena.allocate(32);
            MemorySegment out = arena.allocate(24);
            m.initialize(config, credentials);
            thrown.add(assertThrows(EngineExecutionException.class, () -> m.runChunk(in, out)));
            assertTrue(m.runChunk(in, out).success(), "the timeout and the transient failure are retried");
            thrown.add(assertThrows(EngineExecutionException.class, () -> m.runChunk(in, out)));
            m.dispose();

            engine.initializeFailure = new InitializationException("cannot reach AM with " + token);
            thrown.add(assertThrows(InitializationException.class, () -> m.initialize(config, credentials)));
            thrown.add(assertThrows(IllegalStateException.class, () -> m.runChunk(in, out)));
        }

        String masked = AMCredentials.mask(token);
        for (Throwable t : thrown) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            assertFalse(trace.toString().contains(token), trace.toString());
            assertFalse(trace.toString().contains(apiKey), trace.toString());
            assertTrue(trace.toString().contains(masked), trace.toString());
        }
        List<String> lines = CapturedLogs.lines();
        assertTrue(lines.size() > 20, "events captured: " + lines.size());
        for (String line : lines) {
            assertFalse(line.contains(token), line);
            assertFalse(line.contains(apiKey), line);
        }
        ObjectNode init = CapturedLogs.eventsOf(engineId, "engine_init").getFirst();
        assertEquals(masked, init.get("am_token").asText());
        assertEquals("sk-l...cdef", init.get("config.api_key").asText());
        assertEquals("copied from header Bearer " + masked, init.get("config.note").asText());
        assertTrue(CapturedLogs.eventsOf(engineId, "error").stream()
                .anyMatch(e -> e.get("stack_trace").asText().contains("HTTP 401 for token " + masked + " and key sk-l...cdef")));
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** The only captured line of this test's engine. */
    private ObjectNode only() {
        List<ObjectNode> lines = CapturedLogs.eventsOf(engineId);
        assertEquals(1, lines.size(), lines.toString());
        return lines.getFirst();
    }

    private void assertEvent(String expectedTemplate) {
        assertFields(expectedTemplate, only());
    }

    /**
     * The line has exactly the expected fields (with {@code engine_id}, {@code engine_type} and the logger
     * added, {@code %s} standing for the engine id) plus a timestamp and a thread name.
     */
    private void assertFields(String expectedTemplate, ObjectNode line) {
        ObjectNode actual = line.deepCopy();
        assertTrue(actual.remove("ts").isTextual(), "timestamp");
        assertTrue(actual.remove("thread").isTextual(), "thread");
        try {
            ObjectNode expected = (ObjectNode) JSON.readTree(expectedTemplate.formatted(engineId));
            expected.put("engine_id", engineId).put("engine_type", "projection").put("logger", EngineEvents.LOGGER_NAME);
            assertEquals(sorted(expected), sorted(actual));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode sorted(ObjectNode node) {
        ObjectNode out = JSON.createObjectNode();
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.stream().sorted().forEach(n -> out.set(n, node.get(n)));
        return out;
    }
}
