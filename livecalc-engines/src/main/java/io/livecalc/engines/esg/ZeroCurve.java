package io.livecalc.engines.esg;

import io.livecalc.api.DataFileException;
import io.livecalc.buffers.csv.CsvReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An initial zero-coupon curve, the input of the Hull-White model.
 *
 * <h2>File format</h2>
 * CSV with the header {@code maturity_years,zero_rate}, then one row per pillar: maturity in years
 * (strictly increasing, > 0, at most 1000) and the continuously compounded zero rate {@code R(T)}, so that
 * {@code P(0,T) = exp(-R(T) T)}; rates must be finite and above -1. For example:
 * <pre>
 * maturity_years,zero_rate
 * 1,0.030
 * 5,0.034
 * 10,0.037
 * 30,0.040
 * </pre>
 *
 * <h2>Interpolation</h2>
 * {@code ln P(0,T)} is linear between pillars (piecewise-constant instantaneous forwards, the forward of a
 * segment being {@code (R_i T_i - R_{i-1} T_{i-1}) / (T_i - T_{i-1})}); before the first pillar the forward
 * is {@code R_1} (so {@code R(T) = R_1}), after the last one it is the last segment's forward. Forwards are
 * right-continuous: {@code f(0, T_i)} is the forward of the segment starting at {@code T_i}.
 */
public final class ZeroCurve {

    private final double[] maturities;
    private final double[] rates;
    private final double[] forwards; // forwards[i]: forward on [T_{i-1}, T_i), T_{-1} = 0; forwards[n]: after T_{n-1}

    /**
     * @param maturities pillar maturities in years, strictly increasing, each in (0, 1000]
     * @param rates      continuously compounded zero rates, finite and above -1
     * @throws IllegalArgumentException otherwise, naming the pillar
     */
    public ZeroCurve(double[] maturities, double[] rates) {
        if (maturities.length == 0 || maturities.length != rates.length) {
            throw new IllegalArgumentException("a zero curve needs at least one pillar and one rate per maturity; got "
                    + maturities.length + " maturities and " + rates.length + " rates");
        }
        int n = maturities.length;
        forwards = new double[n + 1];
        for (int i = 0; i < n; i++) {
            double t = maturities[i];
            if (!(t > 0 && t <= 1000) || i > 0 && !(t > maturities[i - 1])) {
                throw new IllegalArgumentException("zero curve pillar " + (i + 1) + ": maturity " + t
                        + " must be in (0, 1000] and above the previous one");
            }
            if (!Double.isFinite(rates[i]) || rates[i] <= -1) {
                throw new IllegalArgumentException("zero curve pillar " + (i + 1) + ": rate " + rates[i] + " is not a finite rate above -1");
            }
            forwards[i] = i == 0 ? rates[0]
                    : (rates[i] * t - rates[i - 1] * maturities[i - 1]) / (t - maturities[i - 1]);
        }
        forwards[n] = n == 1 ? rates[0] : forwards[n - 1];
        this.maturities = maturities.clone();
        this.rates = rates.clone();
    }

    /**
     * Reads the CSV format above.
     *
     * @throws DataFileException the file is missing or malformed (file, line, column and value named)
     */
    public static ZeroCurve read(Path file) {
        List<double[]> rows = new ArrayList<>();
        try (CsvReader csv = CsvReader.open(file, "zero curve file")) {
            csv.requireHeader(List.of("maturity_years", "zero_rate"), false);
            for (String[] row = csv.next(); row != null; row = csv.next()) {
                csv.requireColumns(row, 2);
                double t = csv.parseDouble(row, 1, Double.MIN_VALUE, 1000, "a maturity in (0, 1000] years");
                if (!rows.isEmpty() && !(t > rows.getLast()[0])) {
                    throw csv.error(1, row[0], "maturities must increase strictly (previous " + rows.getLast()[0] + ")");
                }
                double r = csv.parseDouble(row, 2);
                if (r <= -1) {
                    throw csv.error(2, row[1], "is not a rate above -1");
                }
                rows.add(new double[] {t, r});
            }
            if (rows.isEmpty()) {
                throw csv.error(0, null, "no pillars after the header");
            }
        }
        return new ZeroCurve(rows.stream().mapToDouble(r -> r[0]).toArray(), rows.stream().mapToDouble(r -> r[1]).toArray());
    }

    /** The flat curve {@code R(T) = rate}. */
    public static ZeroCurve flat(double rate) {
        return new ZeroCurve(new double[] {1.0}, new double[] {rate});
    }

    /** The instantaneous forward {@code f(0, t)}, {@code t >= 0}. */
    public double forward(double t) {
        int i = 0;
        while (i < maturities.length && t >= maturities[i]) {
            i++;
        }
        return forwards[i];
    }

    /** {@code -ln P(0, t) = integral_0^t f(0, s) ds}. */
    public double integratedForward(double t) {
        double acc = 0;
        double prev = 0;
        for (int i = 0; i < maturities.length; i++) {
            if (t <= maturities[i]) {
                return acc + forwards[i] * (t - prev);
            }
            acc = rates[i] * maturities[i];
            prev = maturities[i];
        }
        return acc + forwards[maturities.length] * (t - prev);
    }

    /** The zero-coupon price {@code P(0, t) = exp(-integral_0^t f)}. */
    public double discountFactor(double t) {
        return Math.exp(-integratedForward(t));
    }

    /** Pillar maturities (a copy). */
    public double[] maturities() {
        return maturities.clone();
    }

    /** Pillar zero rates (a copy). */
    public double[] rates() {
        return rates.clone();
    }
}
