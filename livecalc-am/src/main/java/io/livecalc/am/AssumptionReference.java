package io.livecalc.am;

import io.livecalc.api.ConfigurationException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A table of the Assumptions Manager, as a config value names it: {@code assumptions://name:version},
 * e.g. {@code assumptions://mortality-standard:v2.1}. The version is a concrete version (immutable, cached
 * on disk) or one of the moving aliases {@code latest} (the newest published version) and {@code draft}
 * (the newest draft), which are resolved by the service on every run and never cached.
 *
 * @param name    table name: letters, digits, {@code . _ -}
 * @param version concrete version or alias: letters, digits, {@code . _ -}
 */
public record AssumptionReference(String name, String version) {

    /** The scheme prefix of an Assumptions Manager reference. */
    public static final String SCHEME = "assumptions://";
    /** Moving alias: the newest published version. */
    public static final String LATEST = "latest";
    /** Moving alias: the newest draft version. */
    public static final String DRAFT = "draft";

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public AssumptionReference {
        check(name, "name");
        check(version, "version");
        if (isAlias(version)) {
            version = version.toLowerCase(Locale.ROOT);
        }
    }

    /** Whether {@code value} is an Assumptions Manager reference (starts with {@code assumptions://}). */
    public static boolean isReference(String value) {
        return value != null && value.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /**
     * Parses {@code assumptions://name:version} (the scheme may be left out).
     *
     * @throws ConfigurationException the text is not {@code name:version} with allowed characters
     */
    public static AssumptionReference parse(String reference) {
        String body = isReference(reference) ? reference.substring(SCHEME.length()) : reference;
        int colon = body == null ? -1 : body.lastIndexOf(':');
        if (colon <= 0 || colon == body.length() - 1) {
            throw new ConfigurationException("assumption reference '" + reference + "' is not " + SCHEME
                    + "name:version (e.g. " + SCHEME + "mortality-standard:v2.1, or :latest / :draft)");
        }
        try {
            return new AssumptionReference(body.substring(0, colon), body.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("assumption reference '" + reference + "': " + e.getMessage(), e);
        }
    }

    /** Whether {@code version} is a moving alias ({@code latest} or {@code draft}, any case). */
    public static boolean isAlias(String version) {
        return LATEST.equalsIgnoreCase(version) || DRAFT.equalsIgnoreCase(version);
    }

    /** Whether this reference names a moving alias rather than a concrete version. */
    public boolean isAlias() {
        return isAlias(version);
    }

    /** The same table at {@code concreteVersion}. */
    public AssumptionReference at(String concreteVersion) {
        return new AssumptionReference(name, concreteVersion);
    }

    private static void check(String part, String what) {
        if (part == null || !PART.matcher(part).matches()) {
            throw new IllegalArgumentException("table " + what + " '" + part
                    + "' must be 1..128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    /** {@code assumptions://name:version}. */
    @Override
    public String toString() {
        return SCHEME + name + ":" + version;
    }
}
