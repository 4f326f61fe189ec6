package io.livecalc.orchestrator.credentials.internal;

import io.livecalc.api.AMCredentials;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps tokens out of messages: replaces a known secret by its {@link AMCredentials#mask mask}, masks long
 * quoted snippets in parser messages (which may quote a token we cannot know yet), and rebuilds an
 * exception chain whose messages contain the secret.
 */
public final class CredentialRedaction {

    /** Parsers quote the offending text as 'text'; 8 or more characters may be (part of) a token. */
    private static final Pattern QUOTED = Pattern.compile("'([^']{8,})'");

    private CredentialRedaction() {
    }

    /** {@code text} with every occurrence of {@code secret} replaced by its mask. */
    public static String redact(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, AMCredentials.mask(secret));
    }

    /** {@code text} with every quoted snippet of 8 or more characters masked. */
    public static String maskQuoted(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = QUOTED.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("'" + AMCredentials.mask(m.group(1)) + "'"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * A one-line account of a failure: {@code SimpleName: message}, plus the root cause when it differs,
     * with {@code secret} masked.
     */
    public static String describe(Throwable t, String secret) {
        StringBuilder s = new StringBuilder(oneLine(t));
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != t) {
            s.append(" (caused by ").append(oneLine(root)).append(')');
        }
        return redact(s.toString(), secret);
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank()
                ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + message;
    }

    /**
     * {@code t} itself when no message in its chain (causes and suppressed) contains {@code secret};
     * otherwise a copy of the chain as {@link RedactedException}s with the same stack traces and the
     * secret masked, so that logging the cause cannot leak the token.
     */
    public static Throwable scrub(Throwable t, String secret) {
        if (t == null || secret == null || secret.isEmpty() || !mentions(t, secret, 0)) {
            return t;
        }
        return rebuild(t, secret, 0);
    }

    private static boolean mentions(Throwable t, String secret, int depth) {
        if (t == null || depth > 32) {
            return false;
        }
        if (String.valueOf(t.getMessage()).contains(secret)) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (mentions(suppressed, secret, depth + 1)) {
                return true;
            }
        }
        return t.getCause() != t && mentions(t.getCause(), secret, depth + 1);
    }

    private static Throwable rebuild(Throwable t, String secret, int depth) {
        Throwable cause = t.getCause() == null || t.getCause() == t || depth > 32
                ? null
                : rebuild(t.getCause(), secret, depth + 1);
        String message = t.getMessage() == null
                ? t.getClass().getName()
                : t.getClass().getName() + ": " + redact(t.getMessage(), secret);
        RedactedException copy = new RedactedException(message, cause);
        copy.setStackTrace(t.getStackTrace());
        for (Throwable suppressed : t.getSuppressed()) {
            copy.addSuppressed(rebuild(suppressed, secret, depth + 1));
        }
        return copy;
    }

    /** Stands in for an exception whose message contained a token; its message names the original class. */
    public static final class RedactedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RedactedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
