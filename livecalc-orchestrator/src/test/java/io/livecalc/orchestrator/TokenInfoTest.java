package io.livecalc.orchestrator;

import static io.livecalc.orchestrator.TestTokens.NOW;
import static io.livecalc.orchestrator.TestTokens.at;
import static io.livecalc.orchestrator.TestTokens.b64;
import static io.livecalc.orchestrator.TestTokens.jwt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.orchestrator.credentials.TokenInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TokenInfoTest {

    @Test
    void readsExpIatAndSubFromTheJwtPayload() {
        TokenInfo info = TokenInfo.of(jwt("{\"sub\":\"jane\",\"iat\":1772438400,\"exp\":1772442000,\"role\":\"x\"}", "sig"));
        assertEquals(TokenInfo.Format.JWT, info.format());
        assertTrue(info.isJwt());
        assertEquals(Optional.of(Instant.ofEpochSecond(1772442000L)), info.expiresAt());
        assertEquals(Optional.of(Instant.ofEpochSecond(1772438400L)), info.issuedAt());
        assertEquals(Optional.of("jane"), info.subject());
        assertEquals(Optional.empty(), info.formatProblem());
    }

    @Test
    void readsAFractionalExpAndAPaddedPayload() {
        String padded = java.util.Base64.getUrlEncoder().encodeToString("{\"exp\":1772442000.25}".getBytes());
        String token = b64("{\"alg\":\"HS256\"}") + "." + padded + ".c2ln";
        TokenInfo info = TokenInfo.of(token);
        assertEquals(Optional.of(Instant.ofEpochSecond(1772442000L, 250_000_000L)), info.expiresAt());
    }

    @Test
    void aJwtWithoutExpHasUnknownExpiryAndNeverNeedsRefresh() {
        TokenInfo info = TokenInfo.of(jwt("{\"sub\":\"jane\"}", "sig"));
        assertTrue(info.isJwt());
        assertEquals(Optional.empty(), info.expiresAt());
        assertEquals(OptionalLong.empty(), info.secondsUntilExpiry(TestTokens.CLOCK));
        assertFalse(info.isExpired(TestTokens.CLOCK));
        assertFalse(info.needsRefresh(TestTokens.CLOCK));
    }

    @Test
    void anOpaqueTokenIsReportedAsNotAJwt() {
        TokenInfo info = TokenInfo.of("lc_live_8f2d9c1e0b7a4f3e");
        assertEquals(TokenInfo.Format.OPAQUE, info.format());
        assertFalse(info.isJwt());
        assertEquals(Optional.empty(), info.expiresAt());
        assertFalse(info.needsRefresh(TestTokens.CLOCK));
        assertEquals("lc_l...4f3e", info.maskedToken());
    }

    @Test
    void theSeedsPlaceholderTokenIsAMalformedJwt() {
        TokenInfo info = TokenInfo.of("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.payload.signature");
        assertEquals(TokenInfo.Format.MALFORMED_JWT, info.format());
        assertTrue(info.formatProblem().orElseThrow().contains("payload"), info.formatProblem().orElseThrow());
    }

    @Test
    void malformedJwtsSayWhatIsWrongWithoutQuotingTheToken() {
        String header = b64("{\"alg\":\"HS256\"}");
        assertProblem("eyJhbGciOiJIUzI1NiJ9.only-two", "3 dot-separated parts");
        assertProblem(header + "." + b64("[1,2]") + ".sig", "payload is not a JSON object");
        assertProblem(header + "." + b64("{\"exp\":") + ".sig", "payload is not JSON (line 1");
        assertProblem(header + "." + b64("{\"exp\":\"tomorrow\"}") + ".sig", "\"exp\" is not a number");
        assertProblem(header + ".pay load.sig", "payload is not base64url");
        assertProblem(b64("{\"typ\":\"JWT\"}") + "." + b64("{}") + ".sig", "no \"alg\"");
        assertProblem(header + "." + b64("{}") + ".s*g", "signature is not base64url");
    }

    private static void assertProblem(String token, String expected) {
        TokenInfo info = TokenInfo.of(token);
        assertEquals(TokenInfo.Format.MALFORMED_JWT, info.format(), token);
        String problem = info.formatProblem().orElseThrow();
        assertTrue(problem.contains(expected), problem);
        assertFalse(problem.contains(token), problem);
        assertFalse(info.toString().contains(token));
    }

    @Test
    void needsRefreshAt4m59sBeforeExpiryButNotAt5m01s() {
        Instant exp = NOW.plus(Duration.ofHours(1));
        TokenInfo info = TokenInfo.of(TestTokens.jwtExpiringAt(exp, "sig"));
        assertTrue(info.needsRefresh(at(exp.minusSeconds(299))));
        assertTrue(info.needsRefresh(at(exp.minusSeconds(300))));
        assertFalse(info.needsRefresh(at(exp.minusSeconds(301))));
        assertFalse(info.isExpired(at(exp.minusSeconds(299))));
        assertEquals(OptionalLong.of(299), info.secondsUntilExpiry(at(exp.minusSeconds(299))));
    }

    @Test
    void theRefreshThresholdIsConfigurable() {
        Instant exp = NOW.plus(Duration.ofHours(1));
        TokenInfo info = TokenInfo.of(TestTokens.jwtExpiringAt(exp, "sig"));
        assertTrue(info.needsRefresh(at(exp.minusSeconds(599)), Duration.ofMinutes(10)));
        assertFalse(info.needsRefresh(at(exp.minusSeconds(601)), Duration.ofMinutes(10)));
        assertFalse(info.needsRefresh(at(exp.minusSeconds(1)), Duration.ZERO));
        assertTrue(info.needsRefresh(at(exp), Duration.ZERO));
    }

    @Test
    void isExpiredFromExpOnwardsWithNegativeSecondsUntilExpiry() {
        Instant exp = NOW;
        TokenInfo info = TokenInfo.of(TestTokens.jwtExpiringAt(exp, "sig"));
        assertFalse(info.isExpired(at(exp.minusMillis(1))));
        assertTrue(info.isExpired(at(exp)));
        assertTrue(info.isExpired(at(exp.plusSeconds(20))));
        assertEquals(OptionalLong.of(-20), info.secondsUntilExpiry(at(exp.plusSeconds(20))));
        assertEquals(OptionalLong.of(-1), info.secondsUntilExpiry(at(exp.plusMillis(500))));
    }

    @Test
    void toStringShowsClaimsAndTheMaskedTokenOnly() {
        String token = TestTokens.jwtExpiringAt(NOW, "very-secret-signature-XYZ");
        String s = TokenInfo.of(token).toString();
        assertFalse(s.contains(token));
        assertTrue(s.contains("token=eyJh..."), s);
        assertTrue(s.contains("exp=" + NOW), s);
        assertTrue(s.contains("sub=actuary"), s);
    }
}
