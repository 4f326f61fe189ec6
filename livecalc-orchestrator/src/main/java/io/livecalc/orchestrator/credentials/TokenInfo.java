package io.livecalc.orchestrator.credentials;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livecalc.api.AMCredentials;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * What a bearer token says about itself: for a JWT, the {@code exp}, {@code iat} and {@code sub} claims
 * read from its base64url payload (the signature is not verified: that is the service's job). Opaque
 * tokens are allowed, but their expiry is unknown, so they never "need refresh".
 *
 * <p>Holds only the masked token ({@link AMCredentials#mask}), never the secret itself. Immutable.
 */
public final class TokenInfo {

    /** What kind of token this is. */
    public enum Format {
        /** Three base64url parts whose header and payload are JSON objects. */
        JWT,
        /** Not a JWT (no JSON header); accepted, expiry unknown. */
        OPAQUE,
        /** Looks like a JWT (starts with {@code eyJ} or has three dot-separated parts) but does not decode. */
        MALFORMED_JWT
    }

    /** Default time before expiry at which a token needs refreshing: 5 minutes. */
    public static final Duration DEFAULT_REFRESH_THRESHOLD = Duration.ofMinutes(5);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*={0,2}");

    private final Format format;
    private final String masked;
    private final String problem;
    private final Instant expiresAt;
    private final Instant issuedAt;
    private final String subject;

    private TokenInfo(Format format, String masked, String problem, Instant expiresAt, Instant issuedAt,
            String subject) {
        this.format = format;
        this.masked = masked;
        this.problem = problem;
        this.expiresAt = expiresAt;
        this.issuedAt = issuedAt;
        this.subject = subject;
    }

    /**
     * Reads a token. Never throws for a bad token: a token that looks like a JWT but does not decode is
     * {@link Format#MALFORMED_JWT} with a {@link #formatProblem()} that never quotes the token.
     *
     * @throws NullPointerException when {@code token} is null
     */
    public static TokenInfo of(String token) {
        Objects.requireNonNull(token, "token");
        String masked = AMCredentials.mask(token);
        String[] parts = token.split("\\.", -1);
        boolean looksLikeJwt = token.startsWith("eyJ") || parts.length == 3;
        if (!looksLikeJwt) {
            return new TokenInfo(Format.OPAQUE, masked, null, null, null, null);
        }
        if (parts.length != 3) {
            return malformed(masked, "a JWT has 3 dot-separated parts (header.payload.signature), this token has "
                    + parts.length);
        }
        if (!BASE64URL.matcher(parts[2]).matches()) {
            return malformed(masked, "the JWT signature is not base64url");
        }
        JsonNode header;
        JsonNode payload;
        try {
            header = decodeObject(parts[0], "header");
            payload = decodeObject(parts[1], "payload");
        } catch (IllegalArgumentException e) {
            return malformed(masked, e.getMessage());
        }
        if (!header.path("alg").isTextual()) {
            return malformed(masked, "the JWT header has no \"alg\"");
        }
        Instant exp;
        Instant iat;
        try {
            exp = numericDate(payload, "exp");
            iat = numericDate(payload, "iat");
        } catch (IllegalArgumentException e) {
            return malformed(masked, e.getMessage());
        }
        JsonNode sub = payload.get("sub");
        String subject = sub != null && sub.isTextual() ? sub.asText() : null;
        return new TokenInfo(Format.JWT, masked, null, exp, iat, subject);
    }

    private static TokenInfo malformed(String masked, String problem) {
        return new TokenInfo(Format.MALFORMED_JWT, masked, problem, null, null, null);
    }

    private static JsonNode decodeObject(String part, String name) {
        if (part.isEmpty() || !BASE64URL.matcher(part).matches()) {
            throw new IllegalArgumentException("the JWT " + name + " is not base64url");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the JWT " + name + " is not base64url");
        }
        JsonNode node;
        try {
            node = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the decoded text: say where, not what.
            throw new IllegalArgumentException("the JWT " + name + " is not JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + " of the decoded "
                    + name + ")");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the JWT " + name + " is not a JSON object");
        }
        return node;
    }

    /** RFC 7519 NumericDate: seconds since the epoch, possibly fractional; absent is null. */
    private static Instant numericDate(JsonNode payload, String claim) {
        JsonNode node = payload.get(claim);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw new IllegalArgumentException("the JWT claim \"" + claim + "\" is not a number of seconds (it is "
                    + node.getNodeType().name().toLowerCase(Locale.ROOT) + ")");
        }
        BigDecimal seconds = node.decimalValue();
        try {
            long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(whole, nanos);
        } catch (ArithmeticException | DateTimeException e) {
            throw new IllegalArgumentException("the JWT claim \"" + claim + "\" is out of range");
        }
    }

    /** JWT, opaque, or malformed JWT. */
    public Format format() {
        return format;
    }

    /** True for a well-formed JWT. */
    public boolean isJwt() {
        return format == Format.JWT;
    }

    /** Why a {@link Format#MALFORMED_JWT} token does not decode; empty for the other formats. */
    public Optional<String> formatProblem() {
        return Optional.ofNullable(problem);
    }

    /** The token masked as {@link AMCredentials#mask} does it. */
    public String maskedToken() {
        return masked;
    }

    /** The {@code exp} claim; empty for opaque tokens and JWTs without one (expiry unknown). */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /** The {@code iat} claim, if present. */
    public Optional<Instant> issuedAt() {
        return Optional.ofNullable(issuedAt);
    }

    /** The {@code sub} claim (usually the user name), if present. */
    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    /**
     * Whole seconds from the clock's now to {@code exp}, negative once expired (rounded towards negative
     * infinity, so a token 0.5 s past expiry reports -1); empty when the expiry is unknown.
     */
    public OptionalLong secondsUntilExpiry(Clock clock) {
        if (expiresAt == null) {
            return OptionalLong.empty();
        }
        long millis = Duration.between(clock.instant(), expiresAt).toMillis();
        return OptionalLong.of(Math.floorDiv(millis, 1000L));
    }

    /** True when {@code exp} is known and not after the clock's now. */
    public boolean isExpired(Clock clock) {
        return expiresAt != null && !clock.instant().isBefore(expiresAt);
    }

    /** {@link #needsRefresh(Clock, Duration)} with the default 5-minute threshold. */
    public boolean needsRefresh(Clock clock) {
        return needsRefresh(clock, DEFAULT_REFRESH_THRESHOLD);
    }

    /**
     * True when {@code exp} is known and at most {@code threshold} away (or past). Opaque tokens and JWTs
     * without {@code exp} never need a refresh by time.
     */
    public boolean needsRefresh(Clock clock, Duration threshold) {
        if (expiresAt == null) {
            return false;
        }
        return Duration.between(clock.instant(), expiresAt).compareTo(threshold) <= 0;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("TokenInfo{token=").append(masked).append(", format=").append(format);
        if (problem != null) {
            s.append(", problem=").append(problem);
        }
        if (expiresAt != null) {
            s.append(", exp=").append(expiresAt);
        }
        if (issuedAt != null) {
            s.append(", iat=").append(issuedAt);
        }
        if (subject != null) {
            s.append(", sub=").append(subject);
        }
        return s.append('}').toString();
    }
}
