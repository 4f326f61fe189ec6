package io.livecalc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livecalc.am.AssumptionsManagerAuth;
import io.livecalc.am.AssumptionsManagerClient;
import io.livecalc.am.server.ReferenceServer;
import io.livecalc.am.testing.AmFixtures;
import io.livecalc.api.AMCredentials;
import io.livecalc.api.AMCredentialsProvider;
import io.livecalc.api.LivecalcHome;
import io.livecalc.engines.ReferenceData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AmCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    InputStream stdin;
    Path credentials;

    /** Surefire points LIVECALC_HOME into target/: login and logout must never touch the real ~/.livecalc. */
    @BeforeEach
    void isolateHome() throws IOException {
        assertNotNull(System.getenv(LivecalcHome.ENV), "tests run with LIVECALC_HOME set (surefire)");
        stdin = System.in;
        credentials = LivecalcHome.dir().resolve("credentials.json");
        Files.deleteIfExists(credentials);
    }

    @AfterEach
    void restore() throws IOException {
        System.setIn(stdin);
        Files.deleteIfExists(credentials);
    }

    private static CliRun withInput(String input, String... args) {
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        return CliRun.of(args);
    }

    @Test
    void loginStoresCredentialsThatRunUsesAndLogoutForgets() throws Exception {
        try (ReferenceServer server = AmFixtures.server(AmFixtures.tables(tmp.resolve("tables")))) {
            CliRun wrong = withInput(AmFixtures.USER + "\nnot the password\n", "login", "--url", server.url().toString());
            assertEquals(2, wrong.exit(), wrong.err());
            assertTrue(wrong.err().contains("was refused (401)"), wrong.err());

            CliRun login = withInput(AmFixtures.USER + "\n" + AmFixtures.PASSWORD + "\n", "login", "--url", server.url().toString(),
                    "--cache-dir", tmp.resolve("cache").toString());
            assertEquals(0, login.exit(), login.err());
            Path file = credentials;
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            String token = JSON.readTree(file.toFile()).get("am_token").asText();
            assertFalse(login.out().contains(token), login.out());
            assertTrue(login.out().contains(AMCredentials.mask(token)), login.out());

            Path dag = tmp.resolve("dag.json");
            Files.writeString(dag, """
                    {"data_sources": {"policies": {"type": "csv", "path": "%s"}, "scenarios": {"type": "csv", "path": "%s"}},
                     "engines": [{"id": "projection", "type": "projection", "inputs": ["policies", "scenarios"],
                                  "config": {"mortality_table": "assumptions://mortality-standard:latest",
                                             "lapse_table": "assumptions://lapse-standard:v1",
                                             "expenses": "assumptions://expenses-standard:v1", "threads": 1},
                                  "outputs": ["scenario_totals"]}],
                     "output": {"type": "parquet", "path": "out/totals.parquet"}}
                    """.formatted(ReferenceData.upstream("sample_policies.csv"), ReferenceData.upstream("sample_scenarios.csv")));
            CliRun run = CliRun.of("run", dag.toString());
            assertEquals(0, run.exit(), run.out() + run.err());
            JsonNode summary = JSON.readTree(tmp.resolve("out/totals.summary.json").toFile());
            JsonNode resolved = summary.get("engines").get(0).get("report").get("assumptions");
            assertEquals("v2", resolved.get(0).get("resolved_version").asText());
            assertFalse(Files.readString(tmp.resolve("out/totals.summary.json")).contains(token));

            CliRun logout = CliRun.of("logout");
            assertEquals(0, logout.exit());
            assertFalse(Files.exists(file));
            CliRun orphan = CliRun.of("run", dag.toString());
            assertNotEquals(0, orphan.exit());
            assertTrue((orphan.out() + orphan.err()).contains("needs Assumptions Manager credentials"), orphan.out() + orphan.err());
        }
    }

    @Test
    void amServeServesAFolderUntilStopped() throws Exception {
        Path tables = AmFixtures.tables(tmp.resolve("tables"));
        Path users = tmp.resolve("users.json");
        Files.writeString(users, "{\"" + AmFixtures.USER + "\": \"" + AmFixtures.PASSWORD + "\"}");
        StringWriter out = new StringWriter();
        CommandLine cl = LiveCalcCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        int[] exit = {-1};
        Thread serve = Thread.ofPlatform().start(() -> exit[0] = cl.execute("am", "serve", "--dir", tables.toString(), "--port", "0",
                "--users", users.toString()));
        Matcher m = null;
        for (int i = 0; i < 200 && (m == null || !m.find()); i++) {
            Thread.sleep(20);
            m = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+)").matcher(out.toString());
        }
        assertTrue(m != null && m.find(0), out.toString());
        String url = m.group(1);
        try (AssumptionsManagerAuth auth = new AssumptionsManagerAuth()) {
            AMCredentials creds = new AMCredentials(url, auth.login(url, AmFixtures.USER, AmFixtures.PASSWORD.toCharArray()), null);
            try (AssumptionsManagerClient am = AssumptionsManagerClient.builder(url, AMCredentialsProvider.of(creds)).build()) {
                assertEquals(242, am.resolve("assumptions://mortality-standard:v1").rows());
            }
        }
        serve.interrupt();
        serve.join(5000);
        assertEquals(0, exit[0]);
    }
}
