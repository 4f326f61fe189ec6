package io.livecalc.engines.assumptions;

import io.livecalc.api.PolicyRecord;

import java.util.Arrays;

/**
 * Annual mortality rates {@code q[gender][age]} for genders 0 (male) and 1 (female), ages 0..120, each in
 * [0, 1]. Immutable.
 */
public final class MortalityTable {

    /** Highest age of the table ({@link PolicyRecord#MAX_AGE}); attained ages above it use this row. */
    public static final int MAX_AGE = PolicyRecord.MAX_AGE;

    private final double[][] q;

    /**
     * @param male   121 rates, ages 0..120
     * @param female 121 rates, ages 0..120
     * @throws IllegalArgumentException a length is not 121 or a rate is outside [0, 1]
     */
    public MortalityTable(double[] male, double[] female) {
        this.q = new double[][] {check(male, "male"), check(female, "female")};
    }

    /**
     * A table held in memory, to give the projection as a value instead of a file:
     * {@code .config("mortality_table", MortalityTable.of(male, female))}.
     *
     * @throws IllegalArgumentException a length is not 121 or a rate is outside [0, 1]
     */
    public static MortalityTable of(double[] male, double[] female) {
        return new MortalityTable(male, female);
    }

    /** The rate for {@code gender} (0 male, 1 female) at {@code age} (0..120). */
    public double q(int gender, int age) {
        return q[gender][age];
    }

    private static double[] check(double[] rates, String gender) {
        if (rates.length != MAX_AGE + 1) {
            throw new IllegalArgumentException(gender + " mortality needs " + (MAX_AGE + 1) + " rates (ages 0.." + MAX_AGE + "), got " + rates.length);
        }
        for (int age = 0; age < rates.length; age++) {
            if (!(rates[age] >= 0.0 && rates[age] <= 1.0)) {
                throw new IllegalArgumentException(gender + " mortality at age " + age + " is " + rates[age] + ", not in [0, 1]");
            }
        }
        return rates.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MortalityTable t && Arrays.deepEquals(t.q, q);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(q);
    }

    /** Short, for messages: a configuration that holds the table shows this, not 242 numbers. */
    @Override
    public String toString() {
        return "MortalityTable[ages 0.." + MAX_AGE + ", male and female]";
    }
}
