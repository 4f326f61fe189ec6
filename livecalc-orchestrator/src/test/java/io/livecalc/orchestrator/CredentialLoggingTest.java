package io.livecalc.orchestrator;

import static io.livecalc.orchestrator.TestTokens.NOW;
import static io.livecalc.orchestrator.TestTokens.b64;
import static io.livecalc.orchestrator.TestTokens.jwtExpiringAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livecalc.api.AMCredentials;
import io.livecalc.api.CalcEngineException;
import io.livecalc.orchestrator.credentials.CredentialManager;
import io.livecalc.orchestrator.credentials.CredentialSource;
import io.livecalc.orchestrator.credentials.TokenRefresher;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Log events of the credential manager, captured as the CLI's JSON lines; and the no-leak guarantee. */
class CredentialLoggingTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private Path writeFile(String json, String permissions) throws IOException {
        Path file = home.resolve(".livecalc").resolve("credentials.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
        if (permissions != null) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        }
        return file;
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    @Test
    void aFileReadableByOthersGetsAWarningAndAnOwnerOnlyFileDoesNot() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        String json = "{\"am_url\": \"https://am.example.com\", \"am_token\": \"file-token-12345678\"}";
        Path file = writeFile(json, "rw-r--r--");
        try (CredentialLogCapture capture = CredentialLogCapture.install()) {
            CredentialManager m = CredentialManager.builder().environment(Map.of()).home(home).build();
            assertEquals(CredentialSource.CONFIG_FILE, m.source());
            List<String> warnings = capture.events("credentials_file_permissions");
            assertEquals(1, warnings.size(), capture.lines().toString());
            JsonNode event = parse(warnings.get(0));
            assertEquals("WARN", event.path("level").asText());
            assertEquals(file.toString(), event.path("path").asText());
            assertEquals("rw-r--r--", event.path("permissions").asText());
            assertTrue(event.path("message").asText().contains("chmod 600 " + file), event.toString());
        }

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        try (CredentialLogCapture capture = CredentialLogCapture.install()) {
            CredentialManager m = CredentialManager.builder().environment(Map.of()).home(home).build();
            assertEquals(CredentialSource.CONFIG_FILE, m.source());
            assertEquals(List.of(), capture.events("credentials_file_permissions"));
            assertEquals(1, capture.events("credentials_resolved").size(), capture.lines().toString());
        }
    }

    @Test
    void savedCredentialsAreOwnerOnlyReadBackAndDeletedOnLogout() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        AMCredentials login = new AMCredentials("https://am.example.com", "saved-token-0123456789",
                home.resolve("cache"));
        CredentialManager writer = CredentialManager.builder().environment(Map.of()).home(home).build();
        Path file = writer.saveToConfigFile(login);
        assertEquals(writer.configFile(), file);
        assertEquals(CredentialSource.CONFIG_FILE, writer.source());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        try (var dir = Files.list(file.getParent())) {
            assertEquals(List.of(file), dir.toList(), "no temporary file left behind");
        }

        try (CredentialLogCapture capture = CredentialLogCapture.install()) {
            CredentialManager reader = CredentialManager.builder().environment(Map.of()).home(home).build();
            assertEquals(CredentialSource.CONFIG_FILE, reader.source());
            assertEquals(login, reader.credentials().orElseThrow());
            assertEquals(List.of(), capture.events("credentials_file_permissions"));
            assertTrue(reader.deleteConfigFile());
            assertFalse(Files.exists(file));
            assertEquals(CredentialSource.NONE, reader.source());
            assertFalse(reader.deleteConfigFile());
        }
    }

    @Test
    void theResolvedEventNamesTheSourceWithTypedFields() {
        String token = jwtExpiringAt(NOW.plusSeconds(3500), "sig-resolved");
        try (CredentialLogCapture capture = CredentialLogCapture.install()) {
            CredentialManager m = CredentialManager.builder().home(home).clock(TestTokens.CLOCK)
                    .environment(Map.of("LIVECALC_AM_URL", "https://am.example.com", "LIVECALC_AM_TOKEN", token)).build();
            assertTrue(m.hasCredentials());
            List<String> lines = capture.events("credentials_resolved");
            assertEquals(1, lines.size(), capture.lines().toString());
            JsonNode event = parse(lines.get(0));
            assertEquals("ENVIRONMENT", event.path("source").asText());
            assertEquals("https://am.example.com", event.path("url").asText());
            assertEquals(AMCredentials.mask(token), event.path("token").asText());
            assertTrue(event.path("expires_in_s").isNumber(), event.toString());
            assertEquals(3500, event.path("expires_in_s").asLong());
        }
    }

    /**
     * A distinctive token from each source, driven through every path that reports it: resolution, toString,
     * a failing then a succeeding refresh, an expired token demanded by require, validation. The token
     * (and the secret middle of its signature) never appears in a log line, a toString or an exception
     * (message or stack trace), while its masked form does.
     */
    @ParameterizedTest
    @EnumSource(value = CredentialSource.class, names = {"EXPLICIT", "ENVIRONMENT", "CONFIG_FILE"})
    void noTokenFromAnySourceEverAppearsUnmasked(CredentialSource source) throws IOException {
        String token = jwtExpiringAt(NOW.plusSeconds(60), "LEAK-CANARY-" + source + "-7f3a9c2e5b1d");
        String freshToken = jwtExpiringAt(NOW.plus(Duration.ofHours(1)), "FRESH-CANARY-" + source + "-c0ffee42");
        String expiredToken = jwtExpiringAt(NOW.minusSeconds(5), "EXPIRED-CANARY-" + source + "-deadbeef");
        List<String> texts = new ArrayList<>();

        try (CredentialLogCapture capture = CredentialLogCapture.install()) {
            AtomicInteger calls = new AtomicInteger();
            TokenRefresher refresher = current -> {
                if (calls.incrementAndGet() == 1) {
                    throw new IOException("refresh of " + current.token() + " refused",
                            new IllegalStateException("server log: Bearer " + current.token()));
                }
                return new AMCredentials(current.url(), freshToken, current.cacheDir());
            };
            CredentialManager m = managerFrom(source, token, refresher);
            assertEquals(source, m.source());
            texts.add(m.toString());
            texts.add(m.tokenInfo().orElseThrow().toString());
            texts.add(m.credentials().orElseThrow().toString());
            assertTrue(m.toString().contains(AMCredentials.mask(token)), m.toString());

            CalcEngineException refreshFailure = assertThrows(CalcEngineException.class, m::refreshIfNeeded);
            texts.add(describe(refreshFailure));
            assertTrue(refreshFailure.getMessage().contains(AMCredentials.mask(token)), refreshFailure.getMessage());

            assertTrue(m.refreshIfNeeded());
            texts.add(m.toString());
            texts.addAll(m.validate());

            CredentialManager expired = managerFrom(source, expiredToken, null);
            texts.add(expired.toString());
            texts.addAll(expired.validate());
            CalcEngineException demand = assertThrows(CalcEngineException.class, () -> expired.require("engine 'p'"));
            texts.add(describe(demand));
            assertTrue(demand.getMessage().contains(AMCredentials.mask(expiredToken)), demand.getMessage());

            List<String> lines = capture.lines();
            assertFalse(lines.isEmpty());
            texts.addAll(lines);
            String allLogs = String.join("\n", lines);
            assertTrue(allLogs.contains(AMCredentials.mask(token)), allLogs);
            assertTrue(allLogs.contains(AMCredentials.mask(freshToken)), allLogs);
            assertTrue(allLogs.contains(AMCredentials.mask(expiredToken)), allLogs);
        }

        for (String secret : List.of(token, freshToken, expiredToken)) {
            String signature = secret.substring(secret.lastIndexOf('.') + 1);
            String secretPart = signature.substring(0, signature.length() - 4);
            for (String text : texts) {
                assertFalse(text.contains(secret), "token leaked in: " + text);
                assertFalse(text.contains(secretPart), "signature leaked in: " + text);
            }
        }
    }

    @Test
    void aMalformedFileQuotingAnUnquotedTokenIsReportedMasked() throws IOException {
        String token = "opaqueLeakCanary" + "9d8c7b6a5f4e3d2c1b0a";
        writeFile("{\"am_url\": \"https://am.example.com\", \"am_token\": " + token + "}", null);
        try (CredentialLogCapture capture = CredentialLogCapture.install()) {
            CredentialManager m = CredentialManager.builder().environment(Map.of()).home(home).build();
            CalcEngineException e = assertThrows(CalcEngineException.class, () -> m.require("engine 'p'"));
            List<String> texts = new ArrayList<>(capture.lines());
            texts.add(describe(e));
            texts.add(m.toString());
            for (String text : texts) {
                assertFalse(text.contains(token), text);
            }
            assertEquals(1, capture.events("credentials_problem").size(), capture.lines().toString());
        }
    }

    private CredentialManager managerFrom(CredentialSource source, String token, TokenRefresher refresher)
            throws IOException {
        String url = "https://am.example.com";
        Map<String, String> env = new HashMap<>();
        AMCredentials explicit = null;
        switch (source) {
            case EXPLICIT -> explicit = new AMCredentials(url, token, null);
            case ENVIRONMENT -> {
                env.put("LIVECALC_AM_URL", url);
                env.put("LIVECALC_AM_TOKEN", token);
            }
            case CONFIG_FILE -> writeFile("{\"am_url\": \"" + url + "\", \"am_token\": \"" + token + "\"}", null);
            default -> throw new IllegalArgumentException(source.name());
        }
        return CredentialManager.builder().explicit(explicit).environment(env).home(home).clock(TestTokens.CLOCK)
                .refresher(refresher).build();
    }

    private static String describe(Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        return t.getMessage() + "\n" + trace;
    }

    @Test
    void theCanaryIsDistinctive() {
        // guards the leak test: the canary text really is inside the token's signature
        String token = jwtExpiringAt(NOW, "LEAK-CANARY-X");
        assertTrue(token.endsWith(b64("LEAK-CANARY-X")));
    }
}
