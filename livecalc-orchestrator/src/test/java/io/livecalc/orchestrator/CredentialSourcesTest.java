package io.livecalc.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.AMCredentials;
import io.livecalc.api.ConfigurationException;
import io.livecalc.orchestrator.credentials.CredentialManager;
import io.livecalc.orchestrator.credentials.CredentialSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Where credentials come from: explicit > environment > $LIVECALC_HOME (~/.livecalc)/credentials.json > none. */
class CredentialSourcesTest {

    static final String EXPLICIT_URL = "https://explicit.example.com";
    static final String ENV_URL = "https://env.example.com";
    static final String FILE_URL = "https://file.example.com";

    @TempDir
    Path home;

    private CredentialManager manager(AMCredentials explicit, Map<String, String> env) {
        return CredentialManager.builder().explicit(explicit).environment(env).home(home)
                .clock(TestTokens.CLOCK).build();
    }

    private Path writeFile(String json) throws IOException {
        Path file = home.resolve(".livecalc").resolve("credentials.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
        return file;
    }

    static Stream<Arguments> everyCombination() {
        List<Arguments> all = new ArrayList<>();
        for (boolean explicit : new boolean[] {false, true}) {
            for (boolean env : new boolean[] {false, true}) {
                for (boolean file : new boolean[] {false, true}) {
                    all.add(Arguments.of(explicit, env, file));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "explicit={0} environment={1} file={2}")
    @MethodSource("everyCombination")
    void theHighestPrioritySourcePresentWins(boolean explicit, boolean env, boolean file) throws IOException {
        Map<String, String> environment = new HashMap<>();
        if (env) {
            environment.put("LIVECALC_AM_URL", ENV_URL);
            environment.put("LIVECALC_AM_TOKEN", "env-token-123456");
            environment.put("LIVECALC_AM_CACHE_DIR", "/var/cache/livecalc");
        }
        if (file) {
            writeFile("{\"am_url\": \"" + FILE_URL + "\", \"am_token\": \"file-token-123456\", \"cache_dir\": \"/tmp/c\"}");
        }
        AMCredentials given = explicit ? new AMCredentials(EXPLICIT_URL, "explicit-token-123456", null) : null;
        CredentialManager m = manager(given, environment);

        CredentialSource expected = explicit ? CredentialSource.EXPLICIT
                : env ? CredentialSource.ENVIRONMENT
                : file ? CredentialSource.CONFIG_FILE
                : CredentialSource.NONE;
        assertEquals(expected, m.source());
        assertEquals(expected != CredentialSource.NONE, m.hasCredentials());
        assertEquals(Optional.empty(), m.problem());
        String url = m.credentials().map(AMCredentials::url).orElse(null);
        switch (expected) {
            case EXPLICIT -> assertEquals(EXPLICIT_URL, url);
            case ENVIRONMENT -> {
                assertEquals(ENV_URL, url);
                assertEquals("env-token-123456", m.credentials().orElseThrow().token());
                assertEquals(Path.of("/var/cache/livecalc"), m.credentials().orElseThrow().cacheDir());
            }
            case CONFIG_FILE -> {
                assertEquals(FILE_URL, url);
                assertEquals("file-token-123456", m.credentials().orElseThrow().token());
                assertEquals(Path.of("/tmp/c"), m.credentials().orElseThrow().cacheDir());
            }
            case NONE -> assertEquals(null, url);
        }
    }

    @Test
    void aHigherSourceWinsWithoutReadingBrokenLowerOnes() throws IOException {
        writeFile("{ not json");
        CredentialManager fromEnv = manager(null, Map.of("LIVECALC_AM_URL", ENV_URL, "LIVECALC_AM_TOKEN", "tok-12345678"));
        assertEquals(CredentialSource.ENVIRONMENT, fromEnv.source());
        assertEquals(Optional.empty(), fromEnv.problem());

        CredentialManager explicit = manager(new AMCredentials(EXPLICIT_URL, "tok-12345678", null),
                Map.of("LIVECALC_AM_URL", ENV_URL));
        assertEquals(CredentialSource.EXPLICIT, explicit.source());
        assertEquals(Optional.empty(), explicit.problem());
    }

    @Test
    void urlWithoutTokenIsAnErrorNamingTheMissingVariable() {
        CredentialManager m = manager(null, Map.of("LIVECALC_AM_URL", ENV_URL));
        // Queries never throw: a run that needs no AM goes on.
        assertFalse(m.hasCredentials());
        assertEquals(Optional.empty(), m.credentials());
        assertEquals(CredentialSource.ENVIRONMENT, m.source());
        String problem = m.problem().orElseThrow();
        assertTrue(problem.contains("LIVECALC_AM_URL is set but LIVECALC_AM_TOKEN is not"), problem);

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> m.require("engine 'projection' (mortality_table = assumptions://mortality-standard:v2.1)"));
        assertTrue(e.getMessage().startsWith("engine 'projection' (mortality_table = assumptions://"), e.getMessage());
        assertTrue(e.getMessage().contains("LIVECALC_AM_TOKEN is not"), e.getMessage());
        assertEquals(List.of(problem), m.validate());
    }

    @Test
    void tokenWithoutUrlIsAnErrorNamingTheMissingVariable() {
        String problem = manager(null, Map.of("LIVECALC_AM_TOKEN", "tok-12345678")).problem().orElseThrow();
        assertTrue(problem.contains("LIVECALC_AM_TOKEN is set but LIVECALC_AM_URL is not"), problem);
        assertFalse(problem.contains("tok-12345678"), problem);
    }

    @Test
    void cacheDirAloneNamesBothMissingVariables() {
        String problem = manager(null, Map.of("LIVECALC_AM_CACHE_DIR", "/tmp/c")).problem().orElseThrow();
        assertTrue(problem.contains("LIVECALC_AM_CACHE_DIR is set but LIVECALC_AM_URL and LIVECALC_AM_TOKEN are not"),
                problem);
    }

    @Test
    void blankVariablesCountAsUnsetAndTheFileIsUsed() throws IOException {
        writeFile("{\"am_url\": \"" + FILE_URL + "\", \"am_token\": \"file-token-123456\"}");
        CredentialManager m = manager(null, Map.of("LIVECALC_AM_URL", " ", "LIVECALC_AM_TOKEN", ""));
        assertEquals(CredentialSource.CONFIG_FILE, m.source());
        assertEquals(null, m.credentials().orElseThrow().cacheDir());
    }

    @Test
    void emptyTokenVariableWithUrlIsAnError() {
        String problem = manager(null, Map.of("LIVECALC_AM_URL", ENV_URL, "LIVECALC_AM_TOKEN", "  "))
                .problem().orElseThrow();
        assertTrue(problem.contains("LIVECALC_AM_TOKEN is not (or empty)"), problem);
    }

    @Test
    void malformedJsonNamesTheFileLineAndColumn() throws IOException {
        Path file = writeFile("{\n  \"am_url\": \"https://am.example.com\",\n  \"am_token\": \"abc\"\n  \"cache_dir\": \"/c\"\n}");
        String problem = manager(null, Map.of()).problem().orElseThrow();
        assertTrue(problem.contains(file.toString()), problem);
        assertTrue(problem.contains("line 4, column 3"), problem);
        assertTrue(problem.contains("malformed JSON"), problem);
    }

    @Test
    void anUnquotedTokenInMalformedJsonIsNotQuotedBack() throws IOException {
        String token = "opaqueSecretTokenValue123456789";
        writeFile("{\"am_url\": \"https://am.example.com\", \"am_token\": " + token + "}");
        String problem = manager(null, Map.of()).problem().orElseThrow();
        assertTrue(problem.contains("line 1, column "), problem);
        assertFalse(problem.contains(token), problem);
        assertTrue(problem.contains(AMCredentials.mask(token)), problem);
    }

    @Test
    void anUnknownKeyIsAnErrorNamingTheKeyAndTheFile() throws IOException {
        Path file = writeFile("{\n  \"am_url\": \"https://am.example.com\",\n  \"token\": \"abc\"\n}");
        CredentialManager m = manager(null, Map.of());
        assertEquals(CredentialSource.CONFIG_FILE, m.source());
        assertFalse(m.hasCredentials());
        String problem = m.problem().orElseThrow();
        assertTrue(problem.contains(file + ", line 3, column 3: unknown key \"token\""), problem);
        assertTrue(problem.contains("am_url, am_token, cache_dir"), problem);
    }

    @Test
    void otherFileProblemsAreNamedWithTheirKey() throws IOException {
        assertFileProblem("", "is empty");
        assertFileProblem("[]", "line 1, column 1: expected a JSON object");
        assertFileProblem("{\"am_url\": \"https://a.example.com\", \"am_token\": 42}", "\"am_token\" must be a string, not a number");
        assertFileProblem("{\"am_url\": \"https://a.example.com\"}", "has no \"am_token\"");
        assertFileProblem("{\"am_token\": \"abc\"}", "has no \"am_url\"");
        assertFileProblem("{\"am_url\": \"https://a\", \"am_url\": \"https://b\", \"am_token\": \"t\"}", "duplicate key \"am_url\"");
        assertFileProblem("{\"am_url\": \"https://a\", \"am_token\": \"t\"} {}", "unexpected content after the JSON object");
    }

    private void assertFileProblem(String json, String expected) throws IOException {
        Path file = writeFile(json);
        String problem = manager(null, Map.of()).problem().orElseThrow(() -> new AssertionError(json));
        assertTrue(problem.contains(expected), problem);
        assertTrue(problem.contains(file.toString()), problem);
    }

    @Test
    void fileCacheDirResolvesTildeAgainstHomeAndRelativeAgainstTheFile() throws IOException {
        Path file = writeFile("{\"am_url\": \"https://a.example.com\", \"am_token\": \"t-12345678\", \"cache_dir\": \"~/.livecalc/cache\"}");
        assertEquals(home.resolve(".livecalc/cache"), manager(null, Map.of()).credentials().orElseThrow().cacheDir());
        writeFile("{\"am_url\": \"https://a.example.com\", \"am_token\": \"t-12345678\", \"cache_dir\": \"cache\"}");
        assertEquals(file.getParent().resolve("cache"), manager(null, Map.of()).credentials().orElseThrow().cacheDir());
        writeFile("{\"am_url\": \"https://a.example.com\", \"am_token\": \"t-12345678\", \"cache_dir\": null}");
        assertEquals(null, manager(null, Map.of()).credentials().orElseThrow().cacheDir());
    }

    @Test
    void livecalcHomeMovesTheFileWhileTildeStillMeansTheUserHome() throws IOException {
        Path elsewhere = home.resolve("state");
        Files.createDirectories(elsewhere);
        Files.writeString(elsewhere.resolve("credentials.json"),
                "{\"am_url\": \"" + FILE_URL + "\", \"am_token\": \"t-12345678\", \"cache_dir\": \"~/tables\"}");
        writeFile("{\"am_url\": \"https://ignored.example.com\", \"am_token\": \"t-87654321\"}");
        CredentialManager m = manager(null, Map.of("LIVECALC_HOME", elsewhere.toString()));
        assertEquals(elsewhere.resolve("credentials.json"), m.configFile());
        assertEquals(CredentialSource.CONFIG_FILE, m.source());
        assertEquals(FILE_URL, m.credentials().orElseThrow().url());
        assertEquals(home.resolve("tables"), m.credentials().orElseThrow().cacheDir());
    }

    @Test
    void withoutAnySourceNothingIsDemandedUntilRequired() {
        CredentialManager m = manager(null, Map.of());
        assertEquals(CredentialSource.NONE, m.source());
        assertFalse(m.hasCredentials());
        assertEquals(Optional.empty(), m.credentials());
        assertEquals(Optional.empty(), m.tokenInfo());
        assertFalse(m.refreshIfNeeded());
        assertEquals("CredentialManager{source=NONE}", m.toString());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> m.require("table assumptions://lapse:v1"));
        assertTrue(e.getMessage().contains("table assumptions://lapse:v1 needs Assumptions Manager credentials, but none were found"),
                e.getMessage());
        assertTrue(e.getMessage().contains("LIVECALC_AM_URL and LIVECALC_AM_TOKEN"), e.getMessage());
        assertTrue(e.getMessage().contains(m.configFile().toString()), e.getMessage());
    }

    @Test
    void clearForgetsAndUpdateReplaces() {
        CredentialManager m = manager(null, Map.of("LIVECALC_AM_URL", ENV_URL, "LIVECALC_AM_TOKEN", "tok-12345678"));
        assertEquals(CredentialSource.ENVIRONMENT, m.source());
        m.clear();
        assertEquals(CredentialSource.NONE, m.source());
        assertEquals(Optional.empty(), m.credentials());
        AMCredentials fresh = new AMCredentials("https://new.example.com", "new-token-12345678", null);
        m.update(fresh);
        assertEquals(CredentialSource.EXPLICIT, m.source());
        assertEquals(fresh, m.credentials().orElseThrow());
        assertEquals(fresh, m.require("test"));
        assertThrows(NullPointerException.class, () -> m.update(null));
    }

    @Test
    void toStringIsTheSeedsFormatWithTheTokenMasked() {
        String token = TestTokens.jwtExpiringAt(TestTokens.NOW.plusSeconds(3500), "signature");
        CredentialManager m = manager(null, Map.of("LIVECALC_AM_URL", "https://am.example.com",
                "LIVECALC_AM_TOKEN", token, "LIVECALC_AM_CACHE_DIR", "/tmp/cache"));
        assertEquals("CredentialManager{source=ENVIRONMENT, url=https://am.example.com, token="
                + AMCredentials.mask(token) + ", cache_dir=/tmp/cache, expires_in=3500s}", m.toString());

        CredentialManager opaque = manager(new AMCredentials("https://am.example.com", "opaque-token-1234", null), Map.of());
        assertEquals("CredentialManager{source=EXPLICIT, url=https://am.example.com, token=opaq...1234,"
                + " cache_dir=none, expires_in=unknown}", opaque.toString());
    }
}
