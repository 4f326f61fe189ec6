package io.livecalc.engines.projection.internal;

import io.livecalc.api.DataFileException;
import io.livecalc.buffers.csv.CsvReader;
import io.livecalc.engines.projection.model.TermModelPoint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The assumptions of lifelib's BasicTerm models (basic-term-model.md), read from lifelib's CSV files as
 * they are, with every fractional power computed once here, on the small tables, with
 * {@link StrictMath#pow} (so that the results do not depend on the JIT's {@code Math.pow} and match
 * lifelib's premiums to the cent). Immutable.
 */
public final class BasicTermBasis {

    /** Columns 0..5 of the select table; column 5 applies to duration 5 and over. */
    public static final int SELECT_YEARS = 6;
    /** Lapse by duration is flat from duration 4 (2%): durations 0..4 are tabulated. */
    static final int LAPSE_YEARS = 5;

    public final int minAge;
    public final int maxAge;
    /** Monthly mortality {@code 1 - (1 - q[age][d])^(1/12)}, index {@code (age - minAge) * 6 + min(d, 5)}. */
    public final double[] monthlyMortality;
    /** Monthly lapse {@code 1 - (1 - max(0.10 - 0.02 d, 0.02))^(1/12)} for duration {@code min(d, 4)}. */
    public final double[] monthlyLapse;
    /** Annual zero spot rates by year 0..N-1 ({@code disc_rate_ann.csv}). */
    public final double[] spot;
    /** Premium rates per unit sum assured by {@code [age][term]} (NaN where the table has none), or null. */
    public final double[][] premiumRates;
    public final double loading;
    public final double acquisition;
    final double maintenance;
    final double inflation;

    public BasicTermBasis(double[] annualSelect, int minAge, int maxAge, double[] spot, double[][] premiumRates, double loading,
                   double acquisition, double maintenance, double inflation) {
        this.minAge = minAge;
        this.maxAge = maxAge;
        this.monthlyMortality = new double[annualSelect.length];
        for (int i = 0; i < annualSelect.length; i++) {
            monthlyMortality[i] = 1 - StrictMath.pow(1 - annualSelect[i], 1.0 / 12);
        }
        this.monthlyLapse = new double[LAPSE_YEARS];
        for (int d = 0; d < LAPSE_YEARS; d++) {
            monthlyLapse[d] = 1 - StrictMath.pow(1 - Math.max(0.1 - 0.02 * d, 0.02), 1.0 / 12);
        }
        this.spot = spot;
        this.premiumRates = premiumRates;
        this.loading = loading;
        this.acquisition = acquisition;
        this.maintenance = maintenance;
        this.inflation = inflation;
    }

    /** Monthly mortality at attained age {@code age} and policy year {@code duration >= 0}. */
    public double mortality(int age, int duration) {
        return monthlyMortality[(age - minAge) * SELECT_YEARS + Math.min(duration, SELECT_YEARS - 1)];
    }

    public double lapse(int duration) {
        return monthlyLapse[Math.min(duration, LAPSE_YEARS - 1)];
    }

    /**
     * Discount factors {@code disc(t) = (1 + r_mth(t))^(-t)}, {@code r_mth(t) = (1 + spot[t div 12])^(1/12) - 1},
     * for {@code t = 0..steps-1}.
     *
     * @param spot annual zero spot rates by year index 0.. (at least {@code ceil(steps / 12)} of them)
     */
    public static double[] discountFactors(double[] spot, int steps) {
        double[] df = new double[steps];
        double[] monthly = new double[spot.length];
        for (int y = 0; y < spot.length; y++) {
            monthly[y] = StrictMath.pow(1 + spot[y], 1.0 / 12) - 1;
        }
        for (int t = 0; t < steps; t++) {
            df[t] = StrictMath.pow(1 + monthly[t / 12], -t);
        }
        return df;
    }

    /** Maintenance expense per policy in force at month {@code t}: {@code maint / 12 * (1 + inflation)^(t/12)}. */
    public double[] maintenanceByMonth(int steps) {
        double[] e = new double[steps];
        for (int t = 0; t < steps; t++) {
            e[t] = maintenance / 12 * StrictMath.pow(1 + inflation, t / 12.0);
        }
        return e;
    }

    // ---- files ---------------------------------------------------------------------------------

    /** The select table {@code Age,0,1,2,3,4,5}: consecutive ages, rates in [0, 1]. Returns {minAge, maxAge} and the rates. */
    public static Object[] readMortality(Path file) {
        List<double[]> rows = new ArrayList<>();
        int first = -1;
        try (CsvReader csv = CsvReader.open(file, "mortality table")) {
            csv.requireHeader(List.of("Age", "0", "1", "2", "3", "4", "5"), false);
            for (String[] row = csv.next(); row != null; row = csv.next()) {
                csv.requireHeaderWidth(row);
                int expected = first < 0 ? -1 : first + rows.size();
                long age = csv.parseLong(row, 1, 0, 150, "an age in 0..150");
                if (first < 0) {
                    first = (int) age;
                } else if (age != expected) {
                    throw csv.error(1, row[0], "is not the next age: expected " + expected + " (ages must be consecutive)");
                }
                double[] q = new double[SELECT_YEARS];
                for (int d = 0; d < SELECT_YEARS; d++) {
                    q[d] = csv.parseDouble(row, d + 2, 0, 1, "a mortality rate in [0, 1]");
                }
                rows.add(q);
            }
            if (rows.isEmpty()) {
                throw new DataFileException(file, file + ": mortality table has no data rows");
            }
        }
        double[] all = new double[rows.size() * SELECT_YEARS];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, all, i * SELECT_YEARS, SELECT_YEARS);
        }
        return new Object[] {first, first + rows.size() - 1, all};
    }

    /** {@code year,zero_spot}: years 0, 1, 2, ... in order; rates above -1. */
    public static double[] readDiscountCurve(Path file) {
        List<Double> rates = new ArrayList<>();
        try (CsvReader csv = CsvReader.open(file, "discount curve")) {
            csv.requireHeader(List.of("year", "zero_spot"), false);
            for (String[] row = csv.next(); row != null; row = csv.next()) {
                csv.requireHeaderWidth(row);
                csv.parseLong(row, 1, rates.size(), rates.size(), "year " + rates.size() + " (years run 0, 1, 2, ... in order)");
                rates.add(csv.parseDouble(row, 2, -0.99, 10, "an annual rate in -0.99..10"));
            }
            if (rates.isEmpty()) {
                throw new DataFileException(file, file + ": discount curve has no data rows");
            }
        }
        return rates.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** {@code age_at_entry,policy_term,premium_rate}, into {@code [age][term]} (NaN where absent). */
    public static double[][] readPremiumTable(Path file) {
        double[][] rates = new double[151][TermModelPoint.MAX_TERM + 1];
        for (double[] r : rates) {
            Arrays.fill(r, Double.NaN);
        }
        try (CsvReader csv = CsvReader.open(file, "premium table")) {
            csv.requireHeader(List.of("age_at_entry", "policy_term", "premium_rate"), false);
            boolean any = false;
            for (String[] row = csv.next(); row != null; row = csv.next()) {
                csv.requireHeaderWidth(row);
                int age = (int) csv.parseLong(row, 1, 0, 150, "an age in 0..150");
                int term = (int) csv.parseLong(row, 2, 1, TermModelPoint.MAX_TERM, "a term in 1.." + TermModelPoint.MAX_TERM);
                if (!Double.isNaN(rates[age][term])) {
                    throw csv.lineError("a second premium rate for age " + age + " and term " + term);
                }
                rates[age][term] = csv.parseDouble(row, 3, 0, 1, "a premium rate in [0, 1]");
                any = true;
            }
            if (!any) {
                throw new DataFileException(file, file + ": premium table has no data rows");
            }
        }
        return rates;
    }
}
