package io.livecalc.am;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import io.livecalc.am.AssumptionsManagerException.Reason;
import io.livecalc.am.server.ReferenceServer;
import io.livecalc.am.testing.AmFixtures;
import io.livecalc.am.testing.LogLines;
import io.livecalc.api.AMCredentials;
import io.livecalc.api.AMCredentialsProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssumptionsManagerClientTest {

    @TempDir
    Path tmp;

    Path tables;
    Path cacheDir;
    ReferenceServer server;
    AMCredentials creds;
    /** Table requests the server received (data and schema), by path. */
    final List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The next this-many table requests answer {@link #failStatus}. */
    final AtomicInteger failNext = new AtomicInteger();
    volatile int failStatus = 503;

    @BeforeEach
    void start() {
        tables = AmFixtures.tables(tmp.resolve("tables"));
        cacheDir = tmp.resolve("cache");
        server = AmFixtures.server(tables);
        server.addFilter(new Filter() {
            @Override
            public void doFilter(HttpExchange ex, Chain chain) throws IOException {
                String path = ex.getRequestURI().getPath();
                if (path.contains("/tables/")) {
                    requests.add(path);
                    if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        byte[] body = "{\"error\":\"simulated failure\"}".getBytes();
                        ex.sendResponseHeaders(failStatus, body.length);
                        ex.getResponseBody().write(body);
                        ex.close();
                        return;
                    }
                }
                chain.doFilter(ex);
            }

            @Override
            public String description() {
                return "failure injection";
            }
        });
        creds = AmFixtures.login(server, cacheDir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private AssumptionsManagerClient client(AMCredentials c) {
        return client(AMCredentialsProvider.of(c), c.cacheDir());
    }

    private AssumptionsManagerClient client(AMCredentialsProvider p, Path cache) {
        return AssumptionsManagerClient.builder(server.url().toString(), p).cacheDir(cache)
                .retries(3, Duration.ofMillis(10), Duration.ofMillis(40)).engineId("test").build();
    }

    @Test
    void resolvesMortalityAsMaleThenFemaleAndCachesIt() {
        try (LogLines logs = LogLines.install(); AssumptionsManagerClient am = client(creds)) {
            AssumptionTable t = am.resolve("assumptions://mortality-standard:v1");
            assertEquals(242, t.rows());
            assertEquals(0.00450, t.values()[0]);
            assertEquals(0.00380, t.values()[121]);
            assertEquals(1.0, t.values()[241]);
            assertEquals("mortality", t.schema().tableType());
            assertEquals(2, t.schema().rowCount());
            assertFalse(t.cacheHit());
            var events = logs.events("assumption_resolved");
            assertEquals(1, events.size());
            assertEquals("mortality-standard", events.get(0).get("assumption_name").asText());
            assertEquals("v1", events.get(0).get("resolved_version").asText());
            assertEquals(242, events.get(0).get("rows_loaded").asInt());
            assertFalse(events.get(0).get("cache_hit").asBoolean());
            assertEquals("test", events.get(0).get("engine_id").asText());
        }
        requests.clear();
        try (AssumptionsManagerClient restarted = client(creds)) {
            AssumptionTable again = restarted.resolve("assumptions://mortality-standard:v1");
            assertTrue(again.cacheHit());
            assertEquals(242, again.rows());
            assertEquals(List.of(), requests, "a cached concrete version needs no request");
        }
    }

    @Test
    void lapseExpensesAndCurveHaveTheirShapes() {
        try (AssumptionsManagerClient am = client(creds)) {
            assertEquals(50, am.resolve("assumptions://lapse-standard:v1").rows());
            AssumptionTable e = am.resolve("assumptions://expenses-standard:v1");
            assertArrayEquals(new double[] {500, 50, 0.05, 100}, e.values());
            assertArrayEquals(new double[] {500, 50, 0.05, 200}, am.resolve("assumptions://expenses-standard:v2").values());
            AssumptionTable c = am.resolve("assumptions://yield-curve:v1");
            assertEquals(4, c.schema().rowCount());
            assertEquals(2, c.schema().colCount());
            assertArrayEquals(new double[] {1, 0.03, 5, 0.034, 10, 0.037, 30, 0.04}, c.values());
        }
    }

    @Test
    void latestAndDraftMoveAndAreNeverCached() throws IOException {
        try (AssumptionsManagerClient am = client(creds)) {
            assertEquals("v2", am.resolve("assumptions://mortality-standard:latest").version());
            AmFixtures.addVersion(tables, "mortality-standard", "v10", AmFixtures.upstream("sample_mortality.csv"));
            AmFixtures.addVersion(tables, "mortality-standard", "v11-rc", AmFixtures.upstream("mortality_demo.csv"));
            Files.writeString(tables.resolve("mortality-standard/v11-rc/version.json"), "{\"status\": \"draft\"}");
            AssumptionTable latest = am.resolve("assumptions://mortality-standard:latest");
            assertEquals("v10", latest.version(), "v10 sorts after v2 and v11-rc is a draft");
            assertEquals(0.00450, latest.values()[0]);
            assertEquals("v11-rc", am.resolve("assumptions://mortality-standard:DRAFT").version());
            assertEquals(List.of("v10", "v11-rc", "v2"), am.cacheFolder().map(f -> cachedFiles(f.resolve("mortality-standard"))).orElseThrow());
            var e = assertThrows(AssumptionsManagerException.class, () -> am.resolve("assumptions://lapse-standard:draft"));
            assertEquals(Reason.NOT_FOUND, e.reason());
            assertTrue(e.getMessage().contains("no draft version"), e.getMessage());
        }
    }

    private static List<String> cachedFiles(Path dir) {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString().replace(".table", "")).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void expiredTokenIsRefreshedOnceThen401Fails() {
        String expired = server.issueToken(AmFixtures.USER, Duration.ofSeconds(-60));
        AtomicInteger refreshes = new AtomicInteger();
        AMCredentials start = new AMCredentials(creds.url(), expired, cacheDir);
        AMCredentialsProvider refreshing = new AMCredentialsProvider() {
            AMCredentials current = start;

            @Override
            public AMCredentials require(String why) {
                return current;
            }

            @Override
            public AMCredentials refresh(AMCredentials rejected) {
                refreshes.incrementAndGet();
                try (AssumptionsManagerAuth auth = new AssumptionsManagerAuth()) {
                    current = auth.refresh(rejected);
                }
                return current;
            }
        };
        try (AssumptionsManagerClient am = client(refreshing, cacheDir)) {
            assertEquals(50, am.resolve("assumptions://lapse-standard:v1").rows());
            assertEquals(1, refreshes.get());
        }
        AMCredentials garbage = new AMCredentials(creds.url(), "not-a-valid-token-at-all", null);
        try (AssumptionsManagerClient am = client(garbage)) {
            var e = assertThrows(AssumptionsManagerException.class, () -> am.resolve("assumptions://lapse-standard:v1"));
            assertEquals(Reason.UNAUTHORIZED, e.reason());
            assertEquals(401, e.status());
            assertTrue(e.getMessage().contains("table 'lapse-standard' version 'v1'"), e.getMessage());
            assertTrue(e.getMessage().contains("not-...-all") && !e.getMessage().contains("not-a-valid-token-at-all"), e.getMessage());
            assertTrue(e.getMessage().contains("livecalc login"), e.getMessage());
        }
    }

    @Test
    void forbiddenAndNotFoundHaveTheirOwnMessagesAndAreNotRetried() {
        try (AssumptionsManagerAuth auth = new AssumptionsManagerAuth()) {
            String token = auth.login(creds.url(), AmFixtures.RESTRICTED_USER, AmFixtures.RESTRICTED_PASSWORD.toCharArray());
            try (AssumptionsManagerClient am = client(new AMCredentials(creds.url(), token, null))) {
                assertEquals(50, am.resolve("assumptions://lapse-standard:v1").rows());
                requests.clear();
                var e = assertThrows(AssumptionsManagerException.class, () -> am.resolve("assumptions://mortality-standard:v1"));
                assertEquals(Reason.FORBIDDEN, e.reason());
                assertTrue(e.getMessage().contains("table 'mortality-standard' version 'v1' (403 Forbidden)"), e.getMessage());
                assertEquals(1, requests.size());
            }
        }
        try (AssumptionsManagerClient am = client(creds)) {
            requests.clear();
            var e = assertThrows(AssumptionsManagerException.class, () -> am.resolve("assumptions://mortality-standard:v9"));
            assertEquals(Reason.NOT_FOUND, e.reason());
            assertTrue(e.getMessage().contains("Table 'mortality-standard' version 'v9' does not exist"), e.getMessage());
            assertTrue(e.getMessage().contains("[v1, v2]"), e.getMessage());
            var missing = assertThrows(AssumptionsManagerException.class, () -> am.resolve("assumptions://no-such-table:latest"));
            assertTrue(missing.getMessage().contains("Table 'no-such-table' does not exist"), missing.getMessage());
        }
    }

    @Test
    void retriesTransientFailuresThenSucceeds() {
        failNext.set(2);
        failStatus = 503;
        try (LogLines logs = LogLines.install(); AssumptionsManagerClient am = client(creds)) {
            assertEquals(50, am.resolve("assumptions://lapse-standard:v1").rows());
            assertEquals(2, logs.events("am_retry").size());
        }
        failNext.set(1);
        failStatus = 429;
        try (AssumptionsManagerClient am = client(creds)) {
            assertEquals(242, am.resolve("assumptions://mortality-standard:v1").rows());
        }
    }

    @Test
    void persistentServerErrorFailsAfterTheAttempts() {
        failNext.set(100);
        failStatus = 500;
        try (AssumptionsManagerClient am = client(creds)) {
            var e = assertThrows(AssumptionsManagerException.class, () -> am.resolve("assumptions://lapse-standard:v1"));
            assertEquals(Reason.SERVICE_ERROR, e.reason());
            assertEquals(500, e.status());
            assertEquals(3, requests.size(), "three attempts, then it gives up");
            assertTrue(e.getMessage().contains("answered 500 for table 'lapse-standard' version 'v1' after 3 attempts: simulated failure"),
                    e.getMessage());
        }
    }

    @Test
    void corruptCacheEntryIsDetectedAndFetchedAgain() throws IOException {
        Path file;
        try (AssumptionsManagerClient am = client(creds)) {
            am.resolve("assumptions://mortality-standard:v1");
            file = am.cacheFolder().orElseThrow().resolve("mortality-standard/v1.table");
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 0x40;
        Files.write(file, bytes);
        try (LogLines logs = LogLines.install(); AssumptionsManagerClient am = client(creds)) {
            AssumptionTable t = am.resolve("assumptions://mortality-standard:v1");
            assertFalse(t.cacheHit());
            assertEquals(1.0, t.values()[241]);
            assertEquals(1, logs.events("am_cache_corrupt").size());
        }
        try (AssumptionsManagerClient am = client(creds)) {
            assertTrue(am.resolve("assumptions://mortality-standard:v1").cacheHit(), "the refetched entry is valid");
        }
    }

    @Test
    void offlineModeServesCachedConcreteVersionsWithAWarning() {
        try (AssumptionsManagerClient am = client(creds)) {
            am.resolve("assumptions://mortality-standard:v1");
        }
        server.close();
        try (LogLines logs = LogLines.install(); AssumptionsManagerClient am = client(creds)) {
            var alias = assertThrows(AssumptionsManagerException.class, () -> am.resolve("assumptions://mortality-standard:latest"));
            assertEquals(Reason.UNREACHABLE, alias.reason());
            assertTrue(alias.getMessage().contains("moving alias") && alias.getMessage().contains("cached versions of 'mortality-standard': [v1]"),
                    alias.getMessage());
            assertTrue(am.isOffline());
            AssumptionTable t = am.resolve("assumptions://mortality-standard:v1");
            assertTrue(t.cacheHit() && t.offline());
            var missing = assertThrows(AssumptionsManagerException.class, () -> am.resolve("assumptions://mortality-standard:v2"));
            assertTrue(missing.getMessage().contains("version 'v2' is not in the cache"), missing.getMessage());
            assertEquals(1, logs.events("am_offline").size());
            assertEquals("WARN", logs.events("am_offline").get(0).get("level").asText());
        }
        try (AssumptionsManagerClient am = AssumptionsManagerClient.builder(creds.url(), AMCredentialsProvider.of(creds))
                .cacheDir(cacheDir).offline(true).build()) {
            assertTrue(am.resolve("assumptions://mortality-standard:v1").offline());
        }
    }

    @Test
    void evictsLeastRecentlyUsedEntriesAboveTheLimit() throws IOException {
        AmFixtures.addVersion(tables, "mortality-standard", "v3", AmFixtures.upstream("sample_mortality.csv"));
        long entry = TableCache.encode(new TableSchema("mortality-standard", "v1", "mortality", 2, 121, List.of("gender"),
                java.util.Collections.nCopies(121, "100")), new double[242]).length;
        try (AssumptionsManagerClient am = AssumptionsManagerClient.builder(creds.url(), AMCredentialsProvider.of(creds))
                .cacheDir(cacheDir).cacheLimit(2 * entry + entry / 2).build()) {
            Path dir = am.cacheFolder().orElseThrow().resolve("mortality-standard");
            am.resolve("assumptions://mortality-standard:v1");
            am.resolve("assumptions://mortality-standard:v2");
            Files.setLastModifiedTime(dir.resolve("v1.table"), FileTime.from(Instant.now().minusSeconds(60)));
            Files.setLastModifiedTime(dir.resolve("v2.table"), FileTime.from(Instant.now().minusSeconds(30)));
            assertTrue(am.resolve("assumptions://mortality-standard:v1").cacheHit(), "a hit makes v1 the most recently used");
            am.resolve("assumptions://mortality-standard:v3");
            assertEquals(List.of("v1", "v3"), cachedFiles(dir), "v2 was the least recently used");
        }
    }

    @Test
    void twoProcessesShareOneCache() throws Exception {
        String[] refs = {"assumptions://mortality-standard:v1", "assumptions://mortality-standard:v2", "assumptions://lapse-standard:v1",
            "assumptions://lapse-standard:v2", "assumptions://expenses-standard:v1", "assumptions://yield-curve:v1"};
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), CacheUser.class.getName(), creds.url(), cacheDir.toString(), "5"));
        cmd.addAll(List.of(refs));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LIVECALC_AM_TOKEN", creds.token());
        Process other = pb.start();
        for (int round = 0; round < 5; round++) {
            try (AssumptionsManagerClient am = client(creds)) {
                for (String r : refs) {
                    assertTrue(am.resolve(r).rows() > 0);
                }
            }
        }
        assertTrue(other.waitFor(30, TimeUnit.SECONDS));
        String out = new String(other.getInputStream().readAllBytes());
        assertEquals(0, other.exitValue(), out);
        assertTrue(out.contains("ok"), out);
        try (AssumptionsManagerClient am = client(creds)) {
            for (String r : refs) {
                assertTrue(am.resolve(r).cacheHit(), r + " is a valid entry after both processes wrote it");
            }
        }
    }

    @Test
    void theTokenIsNeverInALogLineOrMessage() {
        String token = creds.token();
        List<String> messages = new ArrayList<>();
        try (LogLines logs = LogLines.install()) {
            failNext.set(1);
            try (AssumptionsManagerClient am = client(creds)) {
                am.resolve("assumptions://mortality-standard:latest");
                messages.add(assertThrows(AssumptionsManagerException.class, () -> am.resolve("assumptions://mortality-standard:v7")).getMessage());
            }
            try (AssumptionsManagerClient am = client(new AMCredentials(creds.url(), token + "x", null))) {
                messages.add(assertThrows(AssumptionsManagerException.class, () -> am.resolve("assumptions://lapse-standard:v1")).getMessage());
            }
            server.close();
            try (AssumptionsManagerClient am = client(creds)) {
                messages.add(assertThrows(AssumptionsManagerException.class, () -> am.resolve("assumptions://lapse-standard:v1")).getMessage());
            }
            assertFalse(logs.lines().isEmpty());
            for (String line : logs.lines()) {
                assertFalse(line.contains(token), line);
            }
        }
        for (String m : messages) {
            assertFalse(m.contains(token), m);
        }
        assertTrue(messages.get(1).contains(AMCredentials.mask(token + "x")), messages.get(1));
    }

    @Test
    void referencesParseAndRejectBadNames() {
        assertEquals(new AssumptionReference("mortality-standard", "v2.1"), AssumptionReference.parse("assumptions://mortality-standard:v2.1"));
        assertTrue(AssumptionReference.parse("assumptions://m:LATEST").isAlias());
        assertEquals("latest", AssumptionReference.parse("assumptions://m:LATEST").version());
        assertThrows(io.livecalc.api.ConfigurationException.class, () -> AssumptionReference.parse("assumptions://mortality"));
        assertThrows(io.livecalc.api.ConfigurationException.class, () -> AssumptionReference.parse("assumptions://../etc:v1"));
        assertTrue(VersionOrder.INSTANCE.compare("v1.9", "v1.10") < 0);
        assertTrue(VersionOrder.INSTANCE.compare("v2", "v10") < 0);
    }
}
