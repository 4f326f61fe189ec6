package io.livecalc.cli;

import io.livecalc.am.AssumptionReference;
import io.livecalc.am.AssumptionsManagerAuth;
import io.livecalc.api.AMCredentials;
import io.livecalc.api.AMCredentialsProvider;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.PolicyRecord;
import io.livecalc.api.ValuationResult;
import io.livecalc.engines.assumptions.AssumptionResolver;
import io.livecalc.engines.assumptions.AssumptionSource;
import io.livecalc.engines.assumptions.ExpenseAssumptions;
import io.livecalc.engines.assumptions.LapseTable;
import io.livecalc.engines.assumptions.MortalityTable;
import io.livecalc.engines.projection.Projection;
import io.livecalc.engines.projection.ValuationJson;
import io.livecalc.engines.scenario.GbmScenarioGenerator;
import io.livecalc.engines.scenario.ScenarioSet;
import java.io.PrintWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code livecalc project}: a drop-in for the original C++ CLI. Same options, same numbers (its GBM
 * scenario generator is reproduced bit for bit), same JSON.
 */
@Command(name = "project", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Values a portfolio under a scenario set with the reference annual model; prints the original "
                + "CLI's JSON (statistics, distribution) to stdout, or writes it to --output. Accepts every option of the "
                + "original C++ CLI; like it, reports configuration, loading steps and statistics on stderr (-q: not).",
                "With --model basic_term|basic_term_s|basic_term_me: lifelib's BasicTerm models from lifelib's files as they are; "
                + "--output FILE.csv|.parquet gets one row per model point (premium_pp and present values), stdout the totals as JSON."})
final class ProjectCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "NAME", description = "Product model: annual (default, the original engine's), "
            + "basic_term, basic_term_s or basic_term_me (lifelib's BasicTerm_M, _S, _ME).")
    String model = "annual";

    @Option(names = "--policies", paramLabel = "FILE", description = "Policies, CSV or Parquet (annual model).")
    Path policies;

    @Option(names = "--mortality", paramLabel = "FILE", description = "Mortality CSV: age,male_qx,female_qx for ages 0..120 "
            + "(annual); lifelib's select table Age,0..5 (basic_term*).")
    String mortality;

    @Option(names = "--lapse", paramLabel = "FILE", description = "Lapse CSV: year,lapse_rate for years 1..50 (annual).")
    String lapse;

    @Option(names = "--expenses", paramLabel = "FILE", description = "Expenses CSV (name,value) or JSON (annual).")
    String expenses;

    @Option(names = "--model-points", paramLabel = "FILE", description = "Model points, lifelib CSV or Parquet (basic_term*).")
    Path modelPoints;

    @Option(names = "--discount-curve", paramLabel = "FILE", description = "Discount curve year,zero_spot (basic_term*).")
    String discountCurve;

    @Option(names = "--premium-table", paramLabel = "FILE", description = "Premium table age_at_entry,policy_term,premium_rate (basic_term_me).")
    String premiumTable;

    @Option(names = "--scenarios-file", paramLabel = "FILE", description = "Scenarios CSV, long (scenario_id,year,rate) or wide (scenario_index,year_1..); default: generate with GBM.")
    Path scenariosFile;

    @Option(names = "--scenarios", paramLabel = "N", description = "GBM scenarios to generate (default ${DEFAULT-VALUE}).")
    int scenarios = 1000;

    @Option(names = "--seed", converter = UnsignedSeed.class, description = "GBM seed, 0..2^64-1 as the original's (default ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--initial-rate", paramLabel = "R", description = "GBM initial rate (default ${DEFAULT-VALUE}).")
    double initialRate = 0.04;

    @Option(names = "--drift", description = "GBM drift (default ${DEFAULT-VALUE}).")
    double drift = 0.0;

    @Option(names = "--volatility", description = "GBM volatility (default ${DEFAULT-VALUE}).")
    double volatility = 0.015;

    @Option(names = "--min-rate", description = "GBM floor (default ${DEFAULT-VALUE}).")
    double minRate = 0.0;

    @Option(names = "--max-rate", description = "GBM cap (default ${DEFAULT-VALUE}).")
    double maxRate = 0.20;

    @Option(names = "--mortality-mult", paramLabel = "M", description = "Mortality multiplier, > 0 (default ${DEFAULT-VALUE}).")
    double mortalityMultiplier = 1.0;

    @Option(names = "--lapse-mult", paramLabel = "M", description = "Lapse multiplier, > 0 (default ${DEFAULT-VALUE}).")
    double lapseMultiplier = 1.0;

    @Option(names = "--expense-mult", paramLabel = "M", description = "Expense multiplier, > 0 (default ${DEFAULT-VALUE}).")
    double expenseMultiplier = 1.0;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all CPUs). Results do not depend on it.")
    Integer threads;

    @Option(names = "--dynamic-lapse", paramLabel = "K[,R_REF]",
            description = "Dynamic lapse: lapse multiplier max(0, 1 + K (r_t - R_REF)); R_REF defaults to the GBM initial rate.")
    String dynamicLapse;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the JSON here (atomically) instead of stdout.")
    Path output;

    @Option(names = "--assumptions-config", paramLabel = "FILE", description = "The original CLI's assumptions JSON: "
            + "mortality/lapse/expenses {source: local://PATH | PATH | assumptions://NAME:VERSION, multiplier}, scenarios "
            + "{count, seed, initial_rate, drift, volatility, min_rate, max_rate}, udf {enabled, script}. Its tables win over "
            + "--mortality/--lapse/--expenses; options given on the command line win over its multipliers and scenario settings.")
    Path assumptionsConfig;

    @Option(names = "--udfs", paramLabel = "FILE", description = "The original CLI's Python UDF script: refused (exit 2). "
            + "The original loaded it but never applied it to a valuation; use --dynamic-lapse or a Java ScenarioAdjustment.")
    Path udfs;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Assumptions Manager table cache for assumptions:// "
            + "tables (default: the credentials' cache_dir or LIVECALC_AM_CACHE_DIR; with neither, tables are not cached on disk).")
    Path cacheDir;

    @Option(names = {"-q", "--quiet"}, description = "No progress or statistics on stderr (errors and warnings still; annual model).")
    boolean quiet;

    /** The GBM settings: command line, else the assumptions config, else the original CLI's defaults. */
    private GbmScenarioGenerator.Parameters gbm(OriginalAssumptionsConfig config) {
        Map<String, Number> c = config == null ? Map.of() : config.scenarios;
        return new GbmScenarioGenerator.Parameters(
                given("--scenarios") || !c.containsKey("count") ? scenarios : c.get("count").intValue(),
                given("--seed") || !c.containsKey("seed") ? seed : c.get("seed").longValue(),
                pick("--initial-rate", initialRate, c.get("initial_rate")), pick("--drift", drift, c.get("drift")),
                pick("--volatility", volatility, c.get("volatility")), pick("--min-rate", minRate, c.get("min_rate")),
                pick("--max-rate", maxRate, c.get("max_rate")));
    }

    /** Whether {@code option} was on the command line (rather than left at its default). */
    private boolean given(String option) {
        return spec.commandLine().getParseResult() != null && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private double pick(String option, double value, Number fromConfig) {
        return given(option) || fromConfig == null ? value : fromConfig.doubleValue();
    }

    @Override
    public Integer call() throws Exception {
        if (!model.equals("annual")) {
            if (assumptionsConfig != null || udfs != null) {
                throw new IllegalArgumentException("--assumptions-config and --udfs belong to the annual model, not " + model);
            }
            return ModelCommand.run(this);
        }
        OriginalAssumptionsConfig config = assumptionsConfig == null ? null : OriginalAssumptionsConfig.read(assumptionsConfig);
        refuseUdfs(config);
        if (config == null) {
            requireOptions(new String[] {"--policies=FILE", "--mortality=FILE", "--lapse=FILE", "--expenses=FILE"},
                    policies, mortality, lapse, expenses);
        } else {
            requireOptions(new String[] {"--policies=FILE"}, policies);
        }
        PrintWriter err = spec.commandLine().getErr();
        if (config != null) {
            config.warnings.forEach(w -> err.println("livecalc project: warning: " + w));
            if (mortality != null || lapse != null || expenses != null) {
                // the original's words; as there, a table the config names wins over the option
                err.println("Warning: Both --assumptions-config and individual files provided. Using config file.");
            }
            err.flush();
        }
        String mortalityRef = table(config, config == null ? null : config.mortality, mortality, "mortality", "--mortality");
        String lapseRef = table(config, config == null ? null : config.lapse, lapse, "lapse", "--lapse");
        String expensesRef = table(config, config == null ? null : config.expenses, expenses, "expenses", "--expenses");
        double mM = multiplier("--mortality-mult", mortalityMultiplier, config == null ? null : config.mortality);
        double mL = multiplier("--lapse-mult", lapseMultiplier, config == null ? null : config.lapse);
        double mE = multiplier("--expense-mult", expenseMultiplier, config == null ? null : config.expenses);
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        GbmScenarioGenerator.Parameters gbm = gbm(config);
        OriginalCliProgress log = new OriginalCliProgress(quiet ? null : err);
        log.configuration(policies, mortalityRef, lapseRef, expensesRef, scenariosFile, gbm, mM, mL, mE);
        if (config != null) {
            log.line("Loading assumptions config: " + assumptionsConfig);
        }
        try (Arena arena = Arena.ofShared();
             AssumptionsManagerAuth auth = anyReference(mortalityRef, lapseRef, expensesRef) ? new AssumptionsManagerAuth() : null;
             AssumptionResolver resolver = AssumptionResolver.create(EngineConfig.of("project", Map.of()), null,
                     auth == null ? null : credentials(auth))) {
            MemorySegment records = log.step("Loading policies from " + policies + "...", () -> PolicyFiles.read(policies, arena),
                    r -> " loaded " + r.byteSize() / PolicyRecord.SIZE + " policies from "
                            + (PolicyFiles.isParquet(policies) ? "Parquet" : "CSV"));
            MortalityTable mt = log.step("Loading mortality table from " + mortalityRef + "...",
                    () -> resolver.mortality(mortalityRef), t -> " done");
            LapseTable lt = log.step("Loading lapse table from " + lapseRef + "...", () -> resolver.lapse(lapseRef), t -> " done");
            ExpenseAssumptions et = log.step("Loading expense assumptions from " + expensesRef + "...",
                    () -> resolver.expenses(expensesRef), t -> " done");
            ScenarioSet set = scenariosFile != null
                    ? log.step("Loading scenarios from " + scenariosFile + "...", () -> ScenarioSet.fromCsv(scenariosFile),
                            s -> " loaded " + s.count() + " scenarios")
                    : log.step("Generating " + gbm.count() + " scenarios...", () -> GbmScenarioGenerator.generate(gbm), s -> " done");
            Projection.Builder b = Projection.builder()
                    .policies(records)
                    .mortality(mortalityRef).lapse(lapseRef).expenses(expensesRef)
                    .assumptionSource(fixed(mt, lt, et))
                    .mortalityMultiplier(mM).lapseMultiplier(mL).expenseMultiplier(mE)
                    .gbm(gbm).scenarios(set);
            if (threads != null) {
                b.threads(threads);
            }
            if (dynamicLapse != null) {
                applyDynamicLapse(b);
            }
            long count = records.byteSize() / PolicyRecord.SIZE;
            log.line("Running valuation (" + count + " policies \u00d7 " + set.count() + " scenarios = " + count * set.count()
                    + " projections)...");
            ValuationResult result = b.run();
            log.results(result);
            if (output != null) {
                ValuationJson.write(result, output);
                log.line("");
                log.line("Output written to: " + output);
            } else {
                PrintWriter out = spec.commandLine().getOut();
                out.println(ValuationJson.toJson(result));
                out.flush();
            }
            return 0;
        }
    }

    /** The original built a UDF context but never passed it to the valuation: running silently without it would mislead. */
    private void refuseUdfs(OriginalAssumptionsConfig config) {
        String why = ": Python UDF scripts are not run by livecalc project (the original CLI loaded them but never applied "
                + "them to a valuation, so its numbers are those without UDFs); leave the UDFs out, or use --dynamic-lapse or a "
                + "Java ScenarioAdjustment";
        if (udfs != null) {
            throw new ConfigurationException("--udfs " + udfs + why);
        }
        if (config != null && config.enabledUdfScript() != null) {
            throw new ConfigurationException(config.file + ": \"udf\" is enabled (script " + config.enabledUdfScript() + ")" + why);
        }
    }

    /** The table the config names, else the option's: a path or an assumptions:// reference. */
    private static String table(OriginalAssumptionsConfig config, OriginalAssumptionsConfig.Table fromConfig, String option,
            String key, String optionName) {
        if (fromConfig != null && fromConfig.reference() != null) {
            return fromConfig.reference();
        }
        if (option == null) {
            throw new ConfigurationException(config.file + " names no " + key + " table (\"" + key + "\": {\"source\": ...}) and "
                    + optionName + " was not given");
        }
        return option;
    }

    private double multiplier(String option, double value, OriginalAssumptionsConfig.Table fromConfig) {
        return given(option) || fromConfig == null || fromConfig.multiplier() == null ? value : fromConfig.multiplier();
    }

    private static boolean anyReference(String... references) {
        for (String r : references) {
            if (AssumptionReference.isReference(r)) {
                return true;
            }
        }
        return false;
    }

    /** The tables loaded (and reported) above, so the engine does not read them again. */
    private static AssumptionSource fixed(MortalityTable m, LapseTable l, ExpenseAssumptions e) {
        return new AssumptionSource() {
            @Override
            public MortalityTable mortality(String reference) {
                return m;
            }

            @Override
            public LapseTable lapse(String reference) {
                return l;
            }

            @Override
            public ExpenseAssumptions expenses(String reference) {
                return e;
            }
        };
    }

    /** `livecalc login`'s credentials (or LIVECALC_AM_*), with --cache-dir as the table cache when given. */
    private AMCredentialsProvider credentials(AssumptionsManagerAuth auth) {
        AMCredentialsProvider p = AmCommands.credentialManager(auth);
        if (cacheDir == null) {
            return p;
        }
        Path dir = cacheDir.toAbsolutePath().normalize();
        return new AMCredentialsProvider() {
            @Override
            public AMCredentials require(String why) {
                AMCredentials c = p.require(why);
                return new AMCredentials(c.url(), c.token(), dir);
            }

            @Override
            public AMCredentials refresh(AMCredentials rejected) {
                AMCredentials c = p.refresh(rejected);
                return new AMCredentials(c.url(), c.token(), dir);
            }
        };
    }

    /** Fails as picocli does for required options when any of {@code values} is missing. */
    void requireOptions(String[] names, Object... values) {
        java.util.List<String> missing = new java.util.ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (values[i] == null) {
                missing.add("'" + names[i] + "'");
            }
        }
        if (!missing.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required option"
                    + (missing.size() > 1 ? "s" : "") + ": " + String.join(", ", missing)
                    + (model.equals("annual") ? "" : " (model " + model + ")"));
        }
    }

    private void applyDynamicLapse(Projection.Builder b) {
        String[] parts = dynamicLapse.split(",", -1);
        try {
            if (parts.length == 1) {
                b.dynamicLapse(Double.parseDouble(parts[0].trim()));
            } else if (parts.length == 2) {
                b.dynamicLapse(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
            } else {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--dynamic-lapse expects K or K,R_REF (numbers), got '" + dynamicLapse + "'");
        }
    }

    /** The original read the seed as an unsigned 64-bit number (std::stoull); the generator uses the same 64 bits. */
    static final class UnsignedSeed implements picocli.CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String v = value.trim();
            return v.startsWith("-") ? Long.parseLong(v) : Long.parseUnsignedLong(v);
        }
    }
}
