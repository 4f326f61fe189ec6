package io.livecalc.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.am.server.ReferenceServer;
import io.livecalc.api.AMCredentials;
import io.livecalc.orchestrator.PipelineBuilder;
import io.livecalc.orchestrator.PipelineResult;
import io.livecalc.orchestrator.credentials.CredentialManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assumptions:// example against the reference server on loopback equals the file-based example. */
class AssumptionsManagerExampleTest {

    @TempDir
    Path out;

    @Test
    void tablesFromTheServiceGiveTheFileBasedNumbersExactly() throws Exception {
        Path examples = ExamplesTest.EXAMPLES;
        try (ReferenceServer server = ReferenceServer.builder(examples.resolve("am-tables"))
                .users(Map.of("actuary", new ReferenceServer.User("secret-password", List.of("*")))).start()) {
            String token = server.issueToken("actuary", Duration.ofMinutes(10));
            CredentialManager credentials = CredentialManager.builder().environment(Map.of()).home(out.resolve("home"))
                    .explicit(new AMCredentials(server.url().toString(), token, out.resolve("cache"))).build();
            PipelineResult fromService = PipelineBuilder.fromJson(examples.resolve("dag_config_assumptions_manager.json"))
                    .credentialManager(credentials).outputDirectory(out).build().run();
            assertTrue(fromService.success(), fromService.engines().toString());
            PipelineResult fromFiles = PipelineBuilder.fromJson(examples.resolve("dag_config_projection_only.json"))
                    .outputDirectory(out.resolve("files")).build().run();
            assertArrayEquals(fromFiles.valuation().orElseThrow().scenarioNpvs(), fromService.valuation().orElseThrow().scenarioNpvs());
            assertTrue(fromService.reports().get("projection").toString().contains("lapse-standard"), fromService.reports().toString());
        }
    }
}
