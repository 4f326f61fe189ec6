package io.livecalc.am.testing;

import io.livecalc.am.AssumptionsManagerAuth;
import io.livecalc.am.server.ReferenceServer;
import io.livecalc.api.AMCredentials;
import io.livecalc.api.testing.TestDataDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A reference server over the original engine's sample tables ({@code testdata/upstream-data}),
 * on loopback, for the tests of every module:
 * <ul>
 *   <li>{@code mortality-standard}: v1 = sample_mortality.csv, v2 = mortality_demo.csv</li>
 *   <li>{@code lapse-standard}: v1 = sample_lapse.csv, v2 = lapse_demo.csv</li>
 *   <li>{@code expenses-standard}: v1 = sample_expenses.csv, v2 = expenses_demo.json</li>
 *   <li>{@code yield-curve}: v1 = a four-pillar zero curve</li>
 * </ul>
 * User {@link #USER} / {@link #PASSWORD} may read everything; {@link #RESTRICTED_USER} only
 * {@code lapse-*}.
 */
public final class AmFixtures {

    public static final String USER = "actuary";
    public static final String PASSWORD = "correct horse battery";
    public static final String RESTRICTED_USER = "intern";
    public static final String RESTRICTED_PASSWORD = "intern-password";

    /** The zero curve served as {@code yield-curve:v1}. */
    public static final String CURVE_CSV = "maturity_years,zero_rate\n1,0.030\n5,0.034\n10,0.037\n30,0.040\n";

    private AmFixtures() {
    }

    /** A file of the original engine's sample data, {@code testdata/upstream-data}. */
    public static Path upstream(String name) {
        return TestDataDir.resolve("upstream-data", name);
    }

    /** Fills {@code dir} with the tables listed above and returns it. */
    public static Path tables(Path dir) {
        addVersion(dir, "mortality-standard", "v1", upstream("sample_mortality.csv"));
        addVersion(dir, "mortality-standard", "v2", upstream("mortality_demo.csv"));
        addVersion(dir, "lapse-standard", "v1", upstream("sample_lapse.csv"));
        addVersion(dir, "lapse-standard", "v2", upstream("lapse_demo.csv"));
        addVersion(dir, "expenses-standard", "v1", upstream("sample_expenses.csv"));
        addVersion(dir, "expenses-standard", "v2", upstream("expenses_demo.json"));
        try {
            Path curve = dir.resolve("yield-curve/v1/curve.csv");
            Files.createDirectories(curve.getParent());
            Files.writeString(curve, CURVE_CSV);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** Copies {@code file} as {@code dir/table/version/<file name>}. */
    public static void addVersion(Path dir, String table, String version, Path file) {
        try {
            Path target = dir.resolve(table).resolve(version).resolve(file.getFileName().toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server on loopback (any free port, or {@code port}) over {@code tables} with the two users. */
    public static ReferenceServer server(Path tables, int port) {
        try {
            return ReferenceServer.builder(tables).port(port)
                    .users(Map.of(USER, new ReferenceServer.User(PASSWORD, null),
                            RESTRICTED_USER, new ReferenceServer.User(RESTRICTED_PASSWORD, java.util.List.of("lapse-*"))))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ReferenceServer server(Path tables) {
        return server(tables, 0);
    }

    /** Credentials of {@link #USER}, logged in over HTTP, caching in {@code cacheDir}. */
    public static AMCredentials login(ReferenceServer server, Path cacheDir) {
        try (AssumptionsManagerAuth auth = new AssumptionsManagerAuth()) {
            return new AMCredentials(server.url().toString(), auth.login(server.url().toString(), USER, PASSWORD.toCharArray()), cacheDir);
        }
    }
}
