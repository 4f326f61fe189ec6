package io.livecalc.cli;

import io.livecalc.api.ValuationResult;
import io.livecalc.engines.projection.Projection;
import io.livecalc.engines.projection.ValuationJson;
import io.livecalc.engines.scenario.GbmScenarioGenerator;
import java.io.PrintWriter;
import java.lang.foreign.Arena;
import java.nio.file.Path;
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
                + "CLI's JSON (statistics, distribution) to stdout, or writes it to --output.",
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

    @Option(names = "--seed", description = "GBM seed (default ${DEFAULT-VALUE}).")
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

    /** Mirrors the original CLI's defaults (GbmScenarioGenerator.Parameters.originalCliDefaults()). */
    private GbmScenarioGenerator.Parameters gbm() {
        return new GbmScenarioGenerator.Parameters(scenarios, seed, initialRate, drift, volatility, minRate, maxRate);
    }

    @Override
    public Integer call() throws Exception {
        if (!model.equals("annual")) {
            return ModelCommand.run(this);
        }
        requireOptions(new String[] {"--policies=FILE", "--mortality=FILE", "--lapse=FILE", "--expenses=FILE"},
                policies, mortality, lapse, expenses);
        try (Arena arena = Arena.ofShared()) {
            Projection.Builder b = Projection.builder()
                    .policies(PolicyFiles.read(policies, arena))
                    .mortality(mortality).lapse(lapse).expenses(expenses)
                    .mortalityMultiplier(mortalityMultiplier).lapseMultiplier(lapseMultiplier).expenseMultiplier(expenseMultiplier)
                    .gbm(gbm());
            if (scenariosFile != null) {
                b.scenariosFile(scenariosFile);
            }
            if (threads != null) {
                if (threads < 1) {
                    throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
                }
                b.threads(threads);
            }
            if (dynamicLapse != null) {
                applyDynamicLapse(b);
            }
            ValuationResult result = b.run();
            if (output != null) {
                ValuationJson.write(result, output);
            } else {
                PrintWriter out = spec.commandLine().getOut();
                out.println(ValuationJson.toJson(result));
                out.flush();
            }
            return 0;
        }
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
}
