package io.livecalc.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.AMCredentials;
import io.livecalc.api.BufferType;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineExecutionException;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.ICalcEngine;
import io.livecalc.api.PortSpec;
import io.livecalc.engines.ReferenceData;
import io.livecalc.engines.projection.ProjectionEngineProvider;
import io.livecalc.orchestrator.credentials.CredentialManager;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whichever source the AM token comes from, it appears nowhere a run leaves text: log lines, the run
 * summary, engine errors and warnings; its masked form does (in the engine_init events).
 */
class PipelineSecretsTest {

    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsZWFrLXRlc3QifQ.S3cr3tS1gnatureLeakCheck";
    private static final String MASKED = AMCredentials.mask(TOKEN);

    @TempDir
    Path dir;

    /** A careless engine: echoes the token in a warning and then in its failure. */
    static class Careless implements ICalcEngine {
        static final EngineInfo INFO = new EngineInfo("Careless", "1", "careless", true, Long.MAX_VALUE,
                List.of(PortSpec.required("totals", BufferType.SCENARIO_TOTAL, "in")),
                List.of(PortSpec.required("totals", BufferType.SCENARIO_TOTAL, "out")));
        private AMCredentials credentials;

        @Override
        public void initialize(EngineConfig config, AMCredentials credentials) {
            this.credentials = credentials;
        }

        @Override
        public EngineInfo getInfo() {
            return INFO;
        }

        @Override
        public OptionalLong outputRecords(String port, Map<String, MemorySegment> inputs) {
            return OptionalLong.of(inputs.get("totals").byteSize() / 16);
        }

        @Override
        public ExecutionResult runChunk(MemorySegment input, MemorySegment output) {
            throw new EngineExecutionException("AM rejected token " + credentials.token() + " for table mortality:v2");
        }

        @Override
        public void dispose() {
        }

        @Override
        public boolean isInitialized() {
            return credentials != null;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dag", "environment", "file"})
    void theTokenNeverAppearsInLogsSummaryOrErrors(String source) throws IOException {
        CredentialManager.Builder cm = CredentialManager.builder().home(dir.resolve("home")).environment(Map.of());
        switch (source) {
            case "environment" -> cm.environment(Map.of(CredentialManager.ENV_URL, "https://am.example.com",
                    CredentialManager.ENV_TOKEN, TOKEN));
            case "file" -> {
                Path file = dir.resolve("home/.livecalc/credentials.json");
                Files.createDirectories(file.getParent());
                Files.writeString(file, "{\"am_url\": \"https://am.example.com\", \"am_token\": \"" + TOKEN + "\"}");
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            default -> { }
        }
        EngineFactory factory = new EngineFactory().register(new ProjectionEngineProvider()).register("careless", Careless::new);
        PipelineBuilder b = Pipeline.builder().factory(factory).credentialManager(cm.build())
                .policies("policies", ReferenceData.upstream("sample_policies.csv"))
                .scenarios("scenarios", ReferenceData.upstream("sample_scenarios.csv"))
                .engine("projection", "projection", e -> e.input("policies").input("scenarios")
                        .config("mortality_table", ReferenceData.upstream("sample_mortality.csv").toString())
                        .config("lapse_table", ReferenceData.upstream("sample_lapse.csv").toString())
                        .config("expenses", ReferenceData.upstream("sample_expenses.csv").toString()))
                // names an AM table, so the pipeline hands credentials to its engines
                .engine("careless", "careless", e -> e.input("projection.scenario_totals").config("table", "assumptions://mortality:v2"))
                .output(dir.resolve("totals.parquet"), "projection.scenario_totals")
                .maxAttempts(1);
        if (source.equals("dag")) {
            b.credentials(new AMCredentials("https://am.example.com", TOKEN, null));
        }
        try (CredentialLogCapture logs = CredentialLogCapture.install()) {
            ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            ch.qos.logback.classic.Level before = root.getLevel();
            root.setLevel(ch.qos.logback.classic.Level.DEBUG);
            PipelineResult r;
            try {
                r = b.build().run();
            } finally {
                root.setLevel(before);
            }
            assertEquals(EngineRun.Status.FAILED, r.engine("careless").status());
            String everything = String.join("\n", logs.lines()) + "\n" + Files.readString(r.summary().orElseThrow())
                    + "\n" + r.engines().values().stream().map(EngineRun::toString).collect(Collectors.joining("\n"))
                    + "\n" + String.join("\n", r.warnings());
            assertFalse(everything.contains(TOKEN), "the token leaked (" + source + ")");
            assertFalse(everything.contains("S3cr3tS1gnatureLeakCheck"), "part of the token leaked (" + source + ")");
            assertTrue(r.engine("careless").error().contains(MASKED), r.engine("careless").error());
            assertTrue(logs.lines().stream().anyMatch(l -> l.contains("\"event\":\"engine_init\"") && l.contains(MASKED)),
                    "engine_init shows the masked token");
        }
    }

    @Test
    void aPipelineThatNamesNoAssumptionsManagerTableNeverLooksUpCredentials() throws IOException {
        Path file = dir.resolve("home/.livecalc/credentials.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"am_url\": \"https://am.example.com\", \"am_token\": \"" + TOKEN + "\"}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        CredentialManager manager = CredentialManager.builder().home(dir.resolve("home")).environment(Map.of()).build();
        AMCredentials[] received = {new AMCredentials("https://sentinel.example.com", "sentinel-token", null)};
        EngineFactory factory = new EngineFactory().register(new ProjectionEngineProvider()).register("careless", () -> new Careless() {
            @Override
            public void initialize(EngineConfig config, AMCredentials credentials) {
                received[0] = credentials;
            }

            @Override
            public ExecutionResult runChunk(MemorySegment input, MemorySegment output) {
                return ExecutionResult.success(0, 0, 0);
            }
        });
        try (CredentialLogCapture logs = CredentialLogCapture.install()) {
            PipelineResult r = Pipeline.builder().factory(factory).credentialManager(manager)
                    .policies("policies", ReferenceData.upstream("sample_policies.csv"))
                    .scenarios("scenarios", ReferenceData.upstream("sample_scenarios.csv"))
                    .engine("projection", "projection", e -> e.input("policies").input("scenarios")
                            .config("mortality_table", ReferenceData.upstream("sample_mortality.csv").toString())
                            .config("lapse_table", ReferenceData.upstream("sample_lapse.csv").toString())
                            .config("expenses", ReferenceData.upstream("sample_expenses.csv").toString()))
                    .engine("careless", "careless", e -> e.input("projection.scenario_totals"))
                    .build().run();
            assertTrue(r.success(), r.engines().toString());
            assertEquals(null, received[0], "engines get no credentials");
            assertEquals(List.of(), logs.lines().stream().filter(l -> l.contains("credentials_")).toList(),
                    "the credentials file was never read");
        }
    }
}
