package io.livecalc.orchestrator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

/** Real JWTs (header.payload.signature, base64url without padding) built for the tests; unsigned. */
final class TestTokens {

    static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private TestTokens() {
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A JWT with the given payload JSON and a signature part built from {@code signatureSeed}. */
    static String jwt(String payloadJson, String signatureSeed) {
        return b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(payloadJson) + "." + b64(signatureSeed);
    }

    /** A JWT whose {@code exp} is {@code exp}, with {@code iat} an hour earlier. */
    static String jwtExpiringAt(Instant exp, String signatureSeed) {
        return jwt("{\"sub\":\"actuary\",\"iat\":" + (exp.getEpochSecond() - 3600) + ",\"exp\":" + exp.getEpochSecond()
                + "}", signatureSeed);
    }

    static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
