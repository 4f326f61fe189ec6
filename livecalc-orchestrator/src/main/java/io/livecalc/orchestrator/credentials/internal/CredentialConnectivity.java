package io.livecalc.orchestrator.credentials.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * Is anything answering HTTP at the Assumptions Manager's base URL? A {@code HEAD} request without the
 * token (a wrong URL must not receive it); any HTTP status, even 404 or 405, counts as reachable.
 */
public final class CredentialConnectivity {

    private CredentialConnectivity() {
    }

    /**
     * Empty when the URL answered within {@code timeout}; otherwise a problem naming the URL and the error.
     */
    public static Optional<String> check(URI url, Duration timeout) {
        try (HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build()) {
            HttpRequest request = HttpRequest.newBuilder(url)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .timeout(timeout)
                    .build();
            client.send(request, HttpResponse.BodyHandlers.discarding());
            return Optional.empty();
        } catch (HttpTimeoutException e) {
            return Optional.of(unreachable(url, "no answer within " + timeout.toMillis() + " ms ("
                    + CredentialRedaction.describe(e, null) + ")"));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of(unreachable(url, CredentialRedaction.describe(e, null)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(unreachable(url, "the check was interrupted"));
        }
    }

    private static String unreachable(URI url, String why) {
        return "the Assumptions Manager at " + url + " is not reachable: " + why;
    }
}
