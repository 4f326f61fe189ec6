package io.livecalc.engines.projection;

/**
 * The built-in dynamic lapse: lapse multiplier {@code max(0, 1 + sensitivity * (r_t - referenceRate))},
 * where {@code r_t} is the scenario's rate of the policy year. Rising rates raise lapses for a positive
 * sensitivity. Config keys {@code dynamic_lapse_sensitivity} and {@code dynamic_lapse_reference_rate}.
 *
 * @param sensitivity   k, finite
 * @param referenceRate r_ref, finite
 */
public record DynamicLapse(double sensitivity, double referenceRate) implements ScenarioAdjustment {

    public DynamicLapse {
        if (!Double.isFinite(sensitivity) || !Double.isFinite(referenceRate)) {
            throw new IllegalArgumentException("dynamic lapse needs a finite sensitivity and reference rate, got "
                    + sensitivity + " and " + referenceRate);
        }
    }

    @Override
    public void adjust(Policy policy, int year, double[] lives, double[] rates, double[] mortality, double[] lapse, int n) {
        for (int i = 0; i < n; i++) {
            lapse[i] = lapse[i] * Math.max(0.0, 1.0 + sensitivity * (rates[i] - referenceRate));
        }
    }
}
