package io.livecalc.am;

import io.livecalc.api.AMCredentials;
import io.livecalc.api.AMCredentialsProvider;
import java.nio.file.Path;

/**
 * The second process of {@code AssumptionsManagerClientTest.twoProcessesShareOneCache}: resolves the
 * given references {@code rounds} times with a fresh client each round, against the cache folder
 * shared with the test. Arguments: url cacheDir rounds reference...; the token comes in LIVECALC_AM_TOKEN.
 */
public final class CacheUser {
    public static void main(String[] args) {
        AMCredentials creds = new AMCredentials(args[0], System.getenv("LIVECALC_AM_TOKEN"), Path.of(args[1]));
        int rounds = Integer.parseInt(args[2]);
        for (int r = 0; r < rounds; r++) {
            try (AssumptionsManagerClient c = AssumptionsManagerClient.builder(creds.url(), AMCredentialsProvider.of(creds))
                    .cacheDir(creds.cacheDir()).build()) {
                for (int i = 3; i < args.length; i++) {
                    AssumptionTable t = c.resolve(args[i]);
                    if (t.values().length == 0) {
                        throw new IllegalStateException("empty table " + args[i]);
                    }
                }
            }
        }
        System.out.println("ok");
    }
}
