package io.livecalc.orchestrator;

import static io.livecalc.orchestrator.TestTokens.NOW;
import static io.livecalc.orchestrator.TestTokens.at;
import static io.livecalc.orchestrator.TestTokens.jwtExpiringAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.AMCredentials;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.InitializationException;
import io.livecalc.orchestrator.credentials.CredentialManager;
import io.livecalc.orchestrator.credentials.CredentialSource;
import io.livecalc.orchestrator.credentials.TokenRefresher;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialRefreshTest {

    static final String URL = "https://am.example.com";
    static final Instant EXP = NOW.plus(Duration.ofHours(1));

    @TempDir
    Path home;

    private CredentialManager manager(String token, Clock clock, TokenRefresher refresher) {
        return CredentialManager.builder().explicit(new AMCredentials(URL, token, null)).environment(Map.of())
                .home(home).clock(clock).refresher(refresher).build();
    }

    /** A refresher that counts its calls and issues a token valid for an hour after {@code now}. */
    private static TokenRefresher counting(AtomicInteger calls, Instant now, long sleepMillis) {
        return current -> {
            calls.incrementAndGet();
            Thread.sleep(sleepMillis);
            return new AMCredentials(current.url(), jwtExpiringAt(now.plus(Duration.ofHours(1)), "fresh-" + calls.get()),
                    current.cacheDir());
        };
    }

    @Test
    void refreshesAt4m59sBeforeExpiryButNotAt5m01s() {
        AtomicInteger calls = new AtomicInteger();
        String token = jwtExpiringAt(EXP, "old");

        Clock early = at(EXP.minusSeconds(301));
        CredentialManager notYet = manager(token, early, counting(calls, early.instant(), 0));
        assertFalse(notYet.refreshIfNeeded());
        assertEquals(0, calls.get());
        assertEquals(token, notYet.credentials().orElseThrow().token());

        Clock late = at(EXP.minusSeconds(299));
        CredentialManager due = manager(token, late, counting(calls, late.instant(), 0));
        assertTrue(due.refreshIfNeeded());
        assertEquals(1, calls.get());
        assertEquals(jwtExpiringAt(late.instant().plus(Duration.ofHours(1)), "fresh-1"), due.credentials().orElseThrow().token());
        assertEquals(CredentialSource.EXPLICIT, due.source());
        assertFalse(due.refreshIfNeeded(), "the fresh token is an hour from expiry");
        assertEquals(1, calls.get());
    }

    @Test
    void theRefreshThresholdIsConfigurable() {
        AtomicInteger calls = new AtomicInteger();
        Clock clock = at(EXP.minusSeconds(599));
        CredentialManager m = CredentialManager.builder().explicit(new AMCredentials(URL, jwtExpiringAt(EXP, "old"), null))
                .environment(Map.of()).home(home).clock(clock).refresher(counting(calls, clock.instant(), 0))
                .refreshThreshold(Duration.ofMinutes(10)).build();
        assertEquals(Duration.ofMinutes(10), m.refreshThreshold());
        assertTrue(m.refreshIfNeeded());
        assertEquals(1, calls.get());
    }

    @Test
    void eightConcurrentCallersCauseExactlyOneRefresh() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Clock clock = at(EXP.minusSeconds(240));
        CredentialManager m = manager(jwtExpiringAt(EXP, "old"), clock, counting(calls, clock.instant(), 200));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    boolean refreshed = m.refreshIfNeeded();
                    // whoever returns sees the fresh token
                    assertTrue(m.credentials().orElseThrow().token().endsWith(TestTokens.b64("fresh-1")));
                    return refreshed;
                }));
            }
            start.countDown();
            int refreshedCount = 0;
            for (Future<Boolean> f : results) {
                refreshedCount += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, calls.get());
            assertEquals(1, refreshedCount);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingRefresherGivesAClearExceptionWithoutTheToken() {
        String token = jwtExpiringAt(EXP, "distinctive-signature-for-failure");
        CredentialManager m = manager(token, at(EXP.minusSeconds(60)), current -> {
            throw new IOException("POST /api/v1/auth/refresh with Bearer " + current.token() + " answered 503",
                    new IllegalStateException("upstream saw " + current.token()));
        });
        InitializationException e = assertThrows(InitializationException.class, m::refreshIfNeeded);
        String message = e.getMessage();
        assertTrue(message.startsWith("Refreshing the Assumptions Manager token " + AMCredentials.mask(token)
                + " for " + URL + " (expires at " + EXP + ", in 60 s) failed: IOException: POST /api/v1/auth/refresh"),
                message);
        assertTrue(message.contains("answered 503"), message);
        assertFalse(message.contains(token), message);
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains(token), "stack trace leaks the token");
        assertTrue(trace.toString().contains("java.io.IOException: POST"), trace.toString());
        // the old credentials stay in place
        assertEquals(token, m.credentials().orElseThrow().token());
    }

    @Test
    void aRefresherReturningNothingUsableIsRejected() {
        Clock clock = at(EXP.minusSeconds(60));
        String token = jwtExpiringAt(EXP, "old");
        InitializationException nullResult = assertThrows(InitializationException.class,
                () -> manager(token, clock, current -> null).refreshIfNeeded());
        assertTrue(nullResult.getMessage().endsWith("failed: the TokenRefresher returned null."), nullResult.getMessage());

        String expired = jwtExpiringAt(NOW.minusSeconds(10), "stale");
        InitializationException stale = assertThrows(InitializationException.class,
                () -> manager(token, clock, current -> new AMCredentials(URL, expired, null)).refreshIfNeeded());
        assertTrue(stale.getMessage().contains("returned the token " + AMCredentials.mask(expired) + " (expired at"),
                stale.getMessage());
        assertFalse(stale.getMessage().contains(expired));
    }

    @Test
    void requireRefreshesANearlyExpiredTokenFirst() {
        AtomicInteger calls = new AtomicInteger();
        Clock clock = at(EXP.minusSeconds(100));
        CredentialManager m = manager(jwtExpiringAt(EXP, "old"), clock, counting(calls, clock.instant(), 0));
        AMCredentials c = m.require("engine 'projection'");
        assertEquals(1, calls.get());
        assertTrue(c.token().endsWith(TestTokens.b64("fresh-1")));
    }

    @Test
    void requireRejectsAnExpiredTokenWithoutRefresher() {
        String token = jwtExpiringAt(NOW.minusSeconds(20), "expired-signature");
        CredentialManager m = manager(token, TestTokens.CLOCK, null);
        assertTrue(m.hasCredentials());
        assertFalse(m.refreshIfNeeded());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> m.require("engine 'projection'"));
        assertTrue(e.getMessage().contains("the token " + AMCredentials.mask(token) + " (expired at "
                + NOW.minusSeconds(20) + ", 20 s ago)"), e.getMessage());
        assertFalse(e.getMessage().contains(token));
    }

    @Test
    void refreshAfterRejectionRefreshesOnceForTheSameStaleToken() {
        AtomicInteger calls = new AtomicInteger();
        String token = jwtExpiringAt(EXP, "old"); // not near expiry: the service rejected it anyway
        CredentialManager m = manager(token, TestTokens.CLOCK, counting(calls, NOW, 0));
        AMCredentials stale = m.credentials().orElseThrow();
        AMCredentials fresh = m.refresh(stale);
        assertEquals(1, calls.get());
        assertSame(fresh, m.refresh(stale), "a second 401 with the old token reuses the fresh one");
        assertEquals(1, calls.get());
    }

    @Test
    void refreshAfterRejectionWithoutRefresherSaysSo() {
        String token = jwtExpiringAt(EXP, "old-signature");
        CredentialManager m = manager(token, TestTokens.CLOCK, null);
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> m.refresh(m.credentials().orElseThrow()));
        assertTrue(e.getMessage().contains("rejected the token " + AMCredentials.mask(token) + " and no TokenRefresher"),
                e.getMessage());
    }

    @Test
    void opaqueTokensAreNeverRefreshedByTime() {
        AtomicInteger calls = new AtomicInteger();
        CredentialManager m = manager("opaque-token-0123456789", TestTokens.CLOCK, counting(calls, NOW, 0));
        assertFalse(m.refreshIfNeeded());
        assertEquals(0, calls.get());
    }
}
