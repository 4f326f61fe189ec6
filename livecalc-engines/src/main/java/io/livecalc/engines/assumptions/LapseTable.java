package io.livecalc.engines.assumptions;

import java.util.Arrays;

/** Annual lapse rates {@code w[year]} for policy years 1..50, each in [0, 1]. Immutable. */
public final class LapseTable {

    /** Policy years of the table, and the longest projection. */
    public static final int YEARS = 50;

    private final double[] w;

    /**
     * @param rates 50 rates, policy years 1..50
     * @throws IllegalArgumentException the length is not 50 or a rate is outside [0, 1]
     */
    public LapseTable(double[] rates) {
        if (rates.length != YEARS) {
            throw new IllegalArgumentException("lapse table needs " + YEARS + " rates (years 1..50), got " + rates.length);
        }
        for (int y = 0; y < YEARS; y++) {
            if (!(rates[y] >= 0.0 && rates[y] <= 1.0)) {
                throw new IllegalArgumentException("lapse rate of year " + (y + 1) + " is " + rates[y] + ", not in [0, 1]");
            }
        }
        this.w = rates.clone();
    }

    /**
     * A table held in memory, to give the projection as a value: {@code .config("lapse_table", LapseTable.of(rates))}.
     *
     * @throws IllegalArgumentException the length is not 50 or a rate is outside [0, 1]
     */
    public static LapseTable of(double... rates) {
        return new LapseTable(rates);
    }

    /** The rate of policy year {@code year} (1..50). */
    public double w(int year) {
        return w[year - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LapseTable t && Arrays.equals(t.w, w);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(w);
    }

    @Override
    public String toString() {
        return "LapseTable[policy years 1.." + YEARS + "]";
    }
}
