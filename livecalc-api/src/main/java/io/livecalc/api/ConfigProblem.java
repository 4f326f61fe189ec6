package io.livecalc.api;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One thing wrong with an engine's configuration, found before the engine is initialised
 * ({@link EngineProvider#checkConfig}).
 *
 * @param key     the config key at fault, or {@code null} when the problem is not one key's (e.g. two keys
 *                that disagree name the first); pipelines use it to point at the key's place in the DAG
 * @param message what is wrong and, where there is one, the fix, without the engine id
 *                (e.g. {@code config key 'projection_years' = 0 is out of range 1..100})
 */
public record ConfigProblem(String key, String message) {

    public ConfigProblem {
        Objects.requireNonNull(message, "message");
    }

    /**
     * An unknown key, with the closest known key when one is near enough to be a misspelling:
     * {@code unknown config key 'projection_yaers' (did you mean 'projection_years'?); known keys: [...]}.
     */
    public static ConfigProblem unknownKey(String key, Collection<String> known) {
        return new ConfigProblem(key, "unknown config key '" + key + "'"
                + closest(key, known).map(k -> " (did you mean '" + k + "'?)").orElse("")
                + "; known keys: " + new TreeSet<>(known));
    }

    /**
     * The known key {@code key} is most likely a misspelling of: equal ignoring case and '-' for '_',
     * else the nearest by edit distance when that distance is at most a third of the key's length (at least 1).
     */
    public static Optional<String> closest(String key, Collection<String> known) {
        String normal = normalise(key);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : new TreeSet<>(known)) {
            if (normalise(k).equals(normal)) {
                return Optional.of(k);
            }
            int d = distance(normal, normalise(k));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(1, key.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    private static String normalise(String key) {
        return key.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /** Damerau-Levenshtein (optimal string alignment): a swapped pair of letters counts as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    @Override
    public String toString() {
        return message;
    }
}
