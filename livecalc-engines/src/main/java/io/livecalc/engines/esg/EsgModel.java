package io.livecalc.engines.esg;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The interest-rate models of the ESG engine, by their config name ({@code model} / {@code esg_model}). */
public enum EsgModel {

    /** Vasicek {@code dr = a(b - r)dt + sigma dW}, exact Gaussian transition. */
    VASICEK("vasicek", Set.of("initial_rate", "mean_reversion", "long_term_rate", "volatility", "num_scenarios", "dt")),
    /** Hull-White one factor {@code dr = (theta(t) - a r)dt + sigma dW}, theta fitted to the zero curve file. */
    HULL_WHITE("hull_white", Set.of("mean_reversion", "volatility", "curve", "num_scenarios", "dt")),
    /** Cox-Ingersoll-Ross {@code dr = a(b - r)dt + sigma sqrt(r) dW}, full-truncation Euler. */
    CIR("cir", Set.of("initial_rate", "mean_reversion", "long_term_rate", "volatility", "num_scenarios", "dt")),
    /** The original C++ tools' GBM rate generator, bit-compatible (one mt19937_64 stream). */
    GBM("gbm", Set.of("initial_rate", "drift", "volatility", "min_rate", "max_rate", "num_scenarios")),
    /** The original Python ESG: deterministic outer paths, mean-reverting inner paths around them. */
    NESTED("nested", Set.of("initial_rate", "drift", "mean_reversion", "volatility", "outer_paths", "inner_paths_per_outer"));

    private final String configName;
    private final Set<String> modelKeys;

    EsgModel(String configName, Set<String> modelKeys) {
        this.configName = configName;
        this.modelKeys = modelKeys;
    }

    /** The name in configurations, e.g. {@code hull_white}. */
    public String configName() {
        return configName;
    }

    /** The config keys this model reads besides the common ones. */
    Set<String> modelKeys() {
        return modelKeys;
    }

    /** Every config name, in declaration order. */
    public static List<String> configNames() {
        return Arrays.stream(values()).map(EsgModel::configName).toList();
    }

    /** The model called {@code name} (case-insensitive), if any. */
    public static Optional<EsgModel> byConfigName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.configName.equals(n)).findFirst();
    }
}
