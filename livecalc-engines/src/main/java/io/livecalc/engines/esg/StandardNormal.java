package io.livecalc.engines.esg;

/**
 * The standard normal quantile by Wichura's AS241 (PPND16, relative accuracy about 1e-16), written with
 * additions, multiplications, divisions, a square root and a logarithm built from the same operations
 * ({@link #log}), never a fused multiply-add or a library transcendental. {@link VectorNormals} performs
 * the very same operations lane by lane, which is what makes scalar and SIMD draws bit-identical.
 */
final class StandardNormal {

    // AS241 central region |q| <= 0.425: x = q * A(r) / B(r), r = 0.180625 - q^2 (highest degree first)
    static final double[] A = {2.5090809287301226727e+3, 3.3430575583588128105e+4, 6.7265770927008700853e+4,
            4.5921953931549871457e+4, 1.3731693765509461125e+4, 1.9715909503065514427e+3, 1.3314166789178437745e+2,
            3.3871328727963666080e+0};
    static final double[] B = {5.2264952788528545610e+3, 2.8729085735721942674e+4, 3.9307895800092710610e+4,
            2.1213794301586595867e+4, 5.3941960214247511077e+3, 6.8718700749205790830e+2, 4.2313330701600911252e+1, 1.0};
    // intermediate tail, r = sqrt(-log(min(u, 1-u))) - 1.6 when sqrt(...) <= 5
    static final double[] C = {7.74545014278341407640e-4, 2.27238449892691845833e-2, 2.41780725177450611770e-1,
            1.27045825245236838258e+0, 3.64784832476320460504e+0, 5.76949722146069140550e+0, 4.63033784615654529590e+0,
            1.42343711074968357734e+0};
    static final double[] D = {1.05075007164441684324e-9, 5.47593808499534494600e-4, 1.51986665636164571966e-2,
            1.48103976427480074590e-1, 6.89767334985100004550e-1, 1.67638483018380384940e+0, 2.05319162663775882187e+0, 1.0};
    // far tail, r = sqrt(...) - 5
    static final double[] E = {2.01033439929228813265e-7, 2.71155556874348757815e-5, 1.24266094738807843860e-3,
            2.65321895265761230930e-2, 2.96560571828504891230e-1, 1.78482653991729133580e+0, 5.46378491116411436990e+0,
            6.65790464350110377720e+0};
    static final double[] F = {2.04426310338993978564e-15, 1.42151175831644588870e-7, 1.84631831751005468180e-5,
            7.86869131145613259100e-4, 1.48753612908506148525e-2, 1.36929880922735805310e-1, 5.99832206555887937690e-1, 1.0};

    /** log(m), m in [sqrt(1/2), sqrt(2)): 2 atanh(s), s = (m - 1) / (m + 1); coefficients 2 / (2k + 1), k = 11..0. */
    static final double[] LOG_SERIES = new double[12];
    static final double LN2_HI = 6.93147180369123816490e-01; // fdlibm's split of ln 2: e * LN2_HI is exact
    static final double LN2_LO = 1.90821492927058770002e-10;
    static final double SQRT2 = 1.4142135623730951;
    static final long MANTISSA = 0x000F_FFFF_FFFF_FFFFL;
    static final long ONE_BITS = 0x3FF0_0000_0000_0000L;
    /** 2^52 as bits: OR-ing a biased exponent e into its mantissa gives the double 2^52 + e. */
    static final long EXPONENT_BITS = 0x4330_0000_0000_0000L;
    static final double EXPONENT_OFFSET = 0x1p52 + 1023;

    static {
        for (int k = 11; k >= 0; k--) {
            LOG_SERIES[11 - k] = 2.0 / (2 * k + 1);
        }
    }

    private StandardNormal() {
    }

    /** Phi^-1(u) for u strictly inside (0, 1). */
    static double inverseCdf(double u) {
        double q = u - 0.5;
        if (Math.abs(q) <= 0.425) {
            double r = 0.180625 - q * q;
            return q * horner(A, r) / horner(B, r);
        }
        double r = Math.sqrt(-log(q < 0 ? u : 1.0 - u));
        double x;
        if (r <= 5.0) {
            r = r - 1.6;
            x = horner(C, r) / horner(D, r);
        } else {
            r = r - 5.0;
            x = horner(E, r) / horner(F, r);
        }
        return q < 0 ? -x : x;
    }

    static double horner(double[] c, double x) {
        double p = c[0];
        for (int i = 1; i < c.length; i++) {
            p = p * x + c[i];
        }
        return p;
    }

    /** Natural logarithm of a positive normal double, about 1 ulp; the operations {@link VectorNormals} repeats. */
    static double log(double x) {
        long bits = Double.doubleToRawLongBits(x);
        double e = Double.longBitsToDouble((bits >>> 52) | EXPONENT_BITS) - EXPONENT_OFFSET;
        double m = Double.longBitsToDouble((bits & MANTISSA) | ONE_BITS);
        if (m > SQRT2) {
            m = m * 0.5;
            e = e + 1.0;
        }
        double s = (m - 1.0) / (m + 1.0);
        double logM = s * horner(LOG_SERIES, s * s);
        return e * LN2_HI + (e * LN2_LO + logM);
    }
}
