package io.livecalc.engines.assumptions;

import io.livecalc.am.AssumptionReference;
import io.livecalc.am.AssumptionTable;
import io.livecalc.am.AssumptionsManagerClient;
import io.livecalc.am.AssumptionsManagerException.Reason;
import io.livecalc.am.AssumptionsManagerException;
import io.livecalc.api.AMCredentials;
import io.livecalc.api.AMCredentialsProvider;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.EngineConfig;
import io.livecalc.engines.esg.ZeroCurve;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves an engine's assumption references, whatever their kind:
 * <ul>
 *   <li>{@code assumptions://name:version} (version concrete, {@code latest} or {@code draft}): from the
 *       Assumptions Manager through an {@link AssumptionsManagerClient} (disk cache, retries, token refresh),
 *       created on the first such reference, so an engine that names none never needs credentials;</li>
 *   <li>{@code local://path} and plain paths: files in the original CLI's formats, relative paths against
 *       the config's base directory.</li>
 * </ul>
 * Table shapes from the service: mortality 242 values (male ages 0..120, then female), lapse 50 (policy
 * years 1..50), expenses 4 (acquisition, maintenance, percent of premium, claim), yield curve rows of
 * {@code (maturity_years, zero_rate)}; a table of another shape fails naming the table, the version and
 * both sizes.
 *
 * <p>{@link #resolutions()} lists what each reference resolved to (for the run summary, through the
 * engine's {@code report()}). Close the resolver when initialisation is done.
 */
public final class AssumptionResolver implements AssumptionSource, AutoCloseable {

    /** Values of a mortality table: ages 0..120 for male, then female. */
    public static final int MORTALITY_VALUES = 2 * (MortalityTable.MAX_AGE + 1);
    /** The prefix of a file reference that is explicit about being local. */
    public static final String LOCAL = "local://";

    private final String engineId;
    private final Path baseDirectory;
    private final AssumptionSource files;
    private final AMCredentials credentials;
    private final AMCredentialsProvider provider;
    private final List<Map<String, Object>> resolutions = new ArrayList<>();
    private AssumptionsManagerClient client;

    private AssumptionResolver(EngineConfig config, AMCredentials credentials, AMCredentialsProvider provider) {
        this.engineId = config.engineId();
        this.baseDirectory = config.baseDirectory();
        this.files = AssumptionSource.files(baseDirectory);
        this.credentials = credentials;
        this.provider = provider;
    }

    /**
     * @param config      the engine's config (engine id, base directory)
     * @param credentials the credentials given to {@code initialize}, or {@code null}
     * @param provider    a refreshing provider (from the orchestrator), or {@code null} to use {@code credentials} as they are
     */
    public static AssumptionResolver create(EngineConfig config, AMCredentials credentials, AMCredentialsProvider provider) {
        return new AssumptionResolver(config, credentials, provider);
    }

    @Override
    public MortalityTable mortality(String reference) {
        if (!AssumptionReference.isReference(reference)) {
            return local(reference, files::mortality);
        }
        AssumptionTable t = sized(reference, "mortality", MORTALITY_VALUES, "242 (male ages 0..120, then female)");
        double[] v = t.values();
        return build(t, "mortality", () -> new MortalityTable(Arrays.copyOfRange(v, 0, MORTALITY_VALUES / 2),
                Arrays.copyOfRange(v, MORTALITY_VALUES / 2, MORTALITY_VALUES)));
    }

    @Override
    public LapseTable lapse(String reference) {
        if (!AssumptionReference.isReference(reference)) {
            return local(reference, files::lapse);
        }
        AssumptionTable t = sized(reference, "lapse", LapseTable.YEARS, "50 (policy years 1..50)");
        return build(t, "lapse", () -> new LapseTable(t.values()));
    }

    @Override
    public ExpenseAssumptions expenses(String reference) {
        if (!AssumptionReference.isReference(reference)) {
            return local(reference, files::expenses);
        }
        AssumptionTable t = sized(reference, "expenses", 4, "4 (acquisition, maintenance, percent_of_premium, claim_expense)");
        double[] v = t.values();
        return build(t, "expenses", () -> new ExpenseAssumptions(v[0], v[1], v[2], v[3]));
    }

    /** The Hull-White initial zero curve: a CSV file ({@link ZeroCurve#read}) or an AM table of rows {@code (maturity_years, zero_rate)}. */
    public ZeroCurve zeroCurve(String reference) {
        if (!AssumptionReference.isReference(reference)) {
            return local(reference, r -> ZeroCurve.read(path(r)));
        }
        AssumptionTable t = table(reference);
        int cols = t.schema().colCount();
        if (cols != 2 || t.values().length < 2 || t.values().length % 2 != 0) {
            throw shape(t, "yield curve", t.schema().rowCount() + " rows x " + cols + " columns",
                    "rows of 2 columns (maturity_years, zero_rate)");
        }
        double[] v = t.values();
        double[] maturities = new double[v.length / 2];
        double[] rates = new double[v.length / 2];
        for (int i = 0; i < maturities.length; i++) {
            maturities[i] = v[2 * i];
            rates[i] = v[2 * i + 1];
        }
        return build(t, "yield curve", () -> new ZeroCurve(maturities, rates));
    }

    /** A file reference ({@code local://} or plain) resolved against the base directory. */
    public Path path(String reference) {
        String p = reference.regionMatches(true, 0, LOCAL, 0, LOCAL.length()) ? reference.substring(LOCAL.length()) : reference;
        return baseDirectory.resolve(p).normalize();
    }

    /**
     * One entry per reference resolved, in order: for the Assumptions Manager {@link AssumptionTable#summary()}
     * ({@code reference, name, requested_version, resolved_version, rows_loaded, cache_hit, offline, table_type}),
     * for files {@code reference} and {@code path}.
     */
    public List<Map<String, Object>> resolutions() {
        return List.copyOf(resolutions);
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    // ---------------------------------------------------------------------------------------------

    private <T> T local(String reference, Function<String, T> read) {
        String stripped = reference.regionMatches(true, 0, LOCAL, 0, LOCAL.length()) ? reference.substring(LOCAL.length()) : reference;
        T value = read.apply(stripped);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reference", reference);
        m.put("path", path(reference).toString());
        resolutions.add(m);
        return value;
    }

    private AssumptionTable sized(String reference, String kind, int expected, String expectedText) {
        AssumptionTable t = table(reference);
        if (t.values().length != expected) {
            throw shape(t, kind, t.values().length + " values (" + t.schema().rowCount() + " rows x " + t.schema().colCount() + ")",
                    expectedText);
        }
        return t;
    }

    private AssumptionTable table(String reference) {
        AssumptionReference ref = AssumptionReference.parse(reference);
        AssumptionTable t = client(ref).resolve(ref);
        resolutions.add(t.summary());
        return t;
    }

    private AssumptionsManagerClient client(AssumptionReference ref) {
        if (client != null) {
            return client;
        }
        String why = "engine '" + engineId + "' (" + ref + ")";
        AMCredentialsProvider p = provider != null ? provider : credentials != null ? AMCredentialsProvider.of(credentials) : null;
        if (p == null) {
            throw new ConfigurationException(why + " needs Assumptions Manager credentials, but none were given: add \"am_credentials\""
                    + " {url, token, cache_dir} to the DAG, set LIVECALC_AM_URL and LIVECALC_AM_TOKEN, or run `livecalc login`.");
        }
        AMCredentials known = credentials != null ? credentials : p.require(why);
        client = AssumptionsManagerClient.builder(known.url(), p).cacheDir(known.cacheDir()).engineId(engineId)
                .environment(System.getenv()).build();
        return client;
    }

    /** Builds the model's object, turning its range checks into a message naming the table and version. */
    private <T> T build(AssumptionTable t, String kind, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new AssumptionsManagerException(Reason.BAD_TABLE, 200, "engine '" + engineId + "': " + kind + " table '" + t.name()
                    + "' version '" + t.version() + "' (" + t.requested() + ") is unusable: " + e.getMessage());
        }
    }

    private AssumptionsManagerException shape(AssumptionTable t, String kind, String actual, String expected) {
        return new AssumptionsManagerException(Reason.BAD_TABLE, 200, "engine '" + engineId + "': " + kind + " table '" + t.name()
                + "' version '" + t.version() + "' has " + actual + "; a " + kind + " table needs " + expected);
    }
}
