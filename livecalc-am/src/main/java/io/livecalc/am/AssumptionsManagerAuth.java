package io.livecalc.am;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livecalc.am.AssumptionsManagerException.Reason;
import io.livecalc.api.AMCredentials;
import io.livecalc.api.InitializationException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.CharBuffer;
import java.time.Duration;
import java.util.Objects;

/**
 * The Assumptions Manager's authentication endpoints: {@code POST /api/v1/auth/login}
 * ({@code {username, password}} to {@code {"token"}}) and {@code POST /api/v1/auth/refresh} (the current
 * token as bearer, to a fresh {@code {"token"}}).
 *
 * <p>{@link #refresh(AMCredentials)} has the shape of the orchestrator's {@code TokenRefresher}, so
 * {@code CredentialManager.builder().refresher(auth::refresh)} refreshes tokens over HTTP. Neither the
 * password nor the token ever appears in a message.
 */
public final class AssumptionsManagerAuth implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;

    /** With 10 s timeouts. */
    public AssumptionsManagerAuth() {
        this(Duration.ofSeconds(10));
    }

    /** With this connect and request timeout. */
    public AssumptionsManagerAuth(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /**
     * Logs in and returns the token.
     *
     * @throws AssumptionsManagerException wrong user or password (UNAUTHORIZED), unreachable, or another answer
     */
    public String login(String url, String username, char[] password) {
        String body = JSON.createObjectNode().put("username", username).put("password", CharBuffer.wrap(password).toString()).toString();
        String token = post(url, "/api/v1/auth/login", null, body, "Logging in as '" + username + "'");
        return token;
    }

    /**
     * Fresh credentials (same URL and cache folder) for {@code current}, from {@code POST /api/v1/auth/refresh}.
     *
     * @throws AssumptionsManagerException the service refused (log in again) or cannot be reached
     */
    public AMCredentials refresh(AMCredentials current) {
        String token = post(current.url(), "/api/v1/auth/refresh", current.token(), "{}",
                "Refreshing the token " + current.maskedToken());
        return new AMCredentials(current.url(), token, current.cacheDir());
    }

    private String post(String url, String path, String bearer, String body, String what) {
        String base = url.trim().replaceAll("/+$", "");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssumptionsManagerException(Reason.UNREACHABLE, 0, what + " at the Assumptions Manager " + base
                    + " failed: cannot reach it (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InitializationException(what + " at the Assumptions Manager " + base + " was interrupted", e);
        }
        String error = errorText(r.body());
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new AssumptionsManagerException(r.statusCode() == 401 ? Reason.UNAUTHORIZED : Reason.FORBIDDEN, r.statusCode(),
                    what + " at the Assumptions Manager " + base + " was refused (" + r.statusCode() + ")" + error
                            + (bearer == null ? ": check the user name and password" : ": log in again with `livecalc login`"));
        }
        if (r.statusCode() != 200) {
            throw new AssumptionsManagerException(r.statusCode() == 404 ? Reason.NOT_FOUND : Reason.SERVICE_ERROR, r.statusCode(),
                    what + " at the Assumptions Manager " + base + " failed: HTTP " + r.statusCode() + error);
        }
        try {
            JsonNode n = JSON.readTree(r.body());
            String token = n == null ? null : n.hasNonNull("token") ? n.get("token").asText() : n.path("access_token").asText(null);
            if (token == null || token.isBlank()) {
                throw new AssumptionsManagerException(Reason.BAD_TABLE, 200, what + " at the Assumptions Manager " + base
                        + " failed: the answer has no \"token\"");
            }
            return token;
        } catch (IOException e) {
            throw new AssumptionsManagerException(Reason.BAD_TABLE, 200, what + " at the Assumptions Manager " + base
                    + " failed: the answer is not JSON", e);
        }
    }

    private static String errorText(String body) {
        try {
            JsonNode n = body == null || body.isBlank() ? null : JSON.readTree(body);
            return n != null && n.hasNonNull("error") ? " (" + n.get("error").asText() + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
