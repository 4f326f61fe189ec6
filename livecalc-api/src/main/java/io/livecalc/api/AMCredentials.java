package io.livecalc.api;

import java.net.URI;
import java.nio.file.Path;

/**
 * Credentials for the Assumptions Manager (AM) service, handed to engines in
 * {@link ICalcEngine#initialize}. The token is a secret: {@link #toString()} masks it, and nothing in
 * LiveCalc logs it unmasked.
 *
 * @param url      base URL of the AM service, e.g. {@code https://am.example.com}
 * @param token    bearer token (JWT)
 * @param cacheDir folder for the on-disk table cache; {@code null} means no disk cache
 */
public record AMCredentials(String url, String token, Path cacheDir) {

    /**
     * Masks a secret for display: the first 4 and last 4 characters around {@code ...}, or {@code ***}
     * when it has fewer than 8 characters (so short secrets reveal nothing). {@code null} stays
     * {@code null}.
     */
    public static String mask(String secret) {
        if (secret == null) {
            return null;
        }
        if (secret.length() < 8) {
            return "***";
        }
        return secret.substring(0, 4) + "..." + secret.substring(secret.length() - 4);
    }

    /** True when the URL is an absolute http(s) URL with a host and the token is not blank. */
    public boolean isValid() {
        if (url == null || url.isBlank() || token == null || token.isBlank()) {
            return false;
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme();
            return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The token masked as {@link #mask(String)} does it. */
    public String maskedToken() {
        return mask(token);
    }

    @Override
    public String toString() {
        return "AMCredentials[url=" + url + ", token=" + mask(token) + ", cacheDir=" + cacheDir + "]";
    }
}
