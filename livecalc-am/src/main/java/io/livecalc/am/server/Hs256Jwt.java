package io.livecalc.am.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HS256 JSON Web Tokens with {@code sub}, {@code iat} and {@code exp}: issued and verified by the reference server. */
final class Hs256Jwt {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final String HEADER = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    /** A verified token's claims. */
    record Claims(String subject, Instant expiresAt) {
    }

    /** Why a token was refused (the text goes into the 401 answer; it never contains the token). */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    private final byte[] secret;

    Hs256Jwt(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("an HS256 secret needs at least 32 bytes, got " + secret.length);
        }
        this.secret = secret.clone();
    }

    String issue(String subject, Instant now, Duration ttl) {
        String payload = JSON.createObjectNode().put("sub", subject).put("iat", now.getEpochSecond())
                .put("exp", now.plus(ttl).getEpochSecond()).put("iss", "livecalc-am-reference").toString();
        String signingInput = HEADER + "." + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + B64.encodeToString(sign(signingInput));
    }

    /**
     * Checks the signature and that {@code exp} is after {@code now - grace} (grace 0: not expired).
     *
     * @throws Invalid malformed, wrong algorithm, bad signature or expired
     */
    Claims verify(String token, Instant now, Duration grace) throws Invalid {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new Invalid("the token is not a JWT (header.payload.signature)");
        }
        JsonNode header;
        JsonNode payload;
        try {
            header = JSON.readTree(B64D.decode(parts[0]));
            payload = JSON.readTree(B64D.decode(parts[1]));
        } catch (IOException | IllegalArgumentException e) {
            throw new Invalid("the token does not decode");
        }
        if (!"HS256".equals(header.path("alg").asText())) {
            throw new Invalid("the token is not signed with HS256");
        }
        byte[] given;
        try {
            given = B64D.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new Invalid("the token's signature does not decode");
        }
        if (!MessageDigest.isEqual(given, sign(parts[0] + "." + parts[1]))) {
            throw new Invalid("the token's signature is not valid (issued by another server, or altered)");
        }
        if (!payload.path("exp").canConvertToLong() || !payload.hasNonNull("sub")) {
            throw new Invalid("the token has no exp or sub claim");
        }
        Instant exp = Instant.ofEpochSecond(payload.get("exp").asLong());
        if (!exp.plus(grace).isAfter(now)) {
            throw new Invalid("the token expired at " + exp);
        }
        return new Claims(payload.get("sub").asText(), exp);
    }

    private byte[] sign(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
