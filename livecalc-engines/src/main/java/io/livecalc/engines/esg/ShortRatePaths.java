package io.livecalc.engines.esg;

/**
 * Simulates the short-rate models (Vasicek, Hull-White, CIR, nested) in blocks of paths, lanes = paths.
 *
 * <h2>Time grid and what a year's rate is</h2>
 * A year has {@code S = 1/dt} steps; step {@code k} is time {@code k/S} years. The rate of projection year
 * {@code y} (1-based) is the short rate at the start of that year, time {@code y - 1}; so year 1 carries the
 * initial rate and a run of {@code Y} years simulates {@code (Y - 1) S} steps.
 *
 * <h2>Transitions</h2>
 * <ul>
 *   <li>Vasicek, exact: {@code r' = b + (r - b) e^{-a dt} + sigma sqrt((1 - e^{-2a dt}) / (2a)) Z};</li>
 *   <li>Hull-White, exact: {@code r = x + alpha(t)}, {@code x' = x e^{-a dt} + sigma sqrt((1 - e^{-2a dt}) / (2a)) Z},
 *       {@code x(0) = 0}, {@code alpha(t) = f(0,t) + sigma^2 / (2a^2) (1 - e^{-at})^2} (Brigo-Mercurio 3.37),
 *       which is the solution for the theta that fits the zero curve's forwards {@code f(0,t)};</li>
 *   <li>CIR, full-truncation Euler (Lord, Koekkoek and van Dijk 2010): with {@code x+ = max(x, 0)},
 *       {@code x' = x + a(b - x+) dt + sigma sqrt(x+) sqrt(dt) Z}, rate {@code r = x+ >= 0};</li>
 *   <li>nested (annual): {@code r' = max(0.001, r + a (outer[y+1] - r) + sigma Z)} from {@code r = outer[0]}.</li>
 * </ul>
 * {@code Z} of path {@code p}, step {@code k} (1-based) is {@link PathStreams#normal}{@code (key(seed, id_p), k - 1)}:
 * a path's numbers depend only on the seed and its scenario id.
 *
 * <h2>Blocks</h2>
 * Blocks hold {@link #BLOCK} consecutive paths (in output order; a nested block never spans two outer
 * paths). They are fixed by the configuration, not by the thread count or the SIMD width.
 */
final class ShortRatePaths {

    static final int BLOCK = 64;

    /** Receives the rates of a block after every step; step 0 is the initial rate. */
    @FunctionalInterface
    interface StepListener {
        void onStep(int step, double[] rates, int lanes);
    }

    /** Per-thread arrays. */
    static final class Scratch {
        final long[] keys = new long[BLOCK];
        final double[] state = new double[BLOCK];
        final double[] rates = new double[BLOCK];
        final long[] words = new long[BLOCK];
    }

    private final EsgSettings s;
    private final NormalDraws normals;
    private final int steps;
    private final int blocksPerOuter;
    private final double decay;       // e^{-a dt}
    private final double shockScale;  // sigma sqrt((1 - e^{-2a dt}) / (2a)), or sigma sqrt(dt) for CIR
    private final double dt;
    private final double[] alpha;     // Hull-White alpha(t_k), k = 0..steps
    private final double[][] outer;   // nested outer paths

    /**
     * @param curve the zero curve (Hull-White only, else ignored)
     * @param steps steps to simulate: {@code (years - 1) * stepsPerYear} for a run; tests may ask for more
     */
    ShortRatePaths(EsgSettings s, ZeroCurve curve, NormalDraws normals, int steps) {
        this.s = s;
        this.normals = normals;
        this.steps = steps;
        int lanesPerOuter = s.model == EsgModel.NESTED ? s.inner : s.scenarios;
        this.blocksPerOuter = (lanesPerOuter + BLOCK - 1) / BLOCK;
        this.dt = 1.0 / s.stepsPerYear;
        double a = s.meanReversion;
        this.decay = Math.exp(-a * dt);
        this.shockScale = s.model == EsgModel.CIR ? s.volatility * Math.sqrt(dt)
                : s.volatility * Math.sqrt(-Math.expm1(-2 * a * dt) / (2 * a));
        if (s.model == EsgModel.HULL_WHITE) {
            alpha = new double[steps + 1];
            double c = s.volatility * s.volatility / (2 * a * a);
            for (int k = 0; k <= steps; k++) {
                double t = (double) k / s.stepsPerYear;
                double g = -Math.expm1(-a * t);
                alpha[k] = curve.forward(t) + c * g * g;
            }
        } else {
            alpha = null;
        }
        outer = s.model == EsgModel.NESTED ? NestedOuterPaths.generate(s.outer, Math.max(s.years, steps + 1), s.initialRate, s.drift) : null;
    }

    /** Number of blocks of the run. */
    int blocks() {
        return s.model == EsgModel.NESTED ? s.outer * blocksPerOuter : blocksPerOuter;
    }

    /** Output ordinal of block {@code b}'s first path. */
    int firstPath(int b) {
        int o = b / blocksPerOuter;
        int inBlock = (b % blocksPerOuter) * BLOCK;
        return s.model == EsgModel.NESTED ? o * s.inner + inBlock : inBlock;
    }

    /** Paths in block {@code b}. */
    int lanes(int b) {
        int perOuter = s.model == EsgModel.NESTED ? s.inner : s.scenarios;
        return Math.min(BLOCK, perOuter - (b % blocksPerOuter) * BLOCK);
    }

    /** Simulates block {@code b}, reporting every step to {@code listener}. */
    void simulate(int b, Scratch sc, StepListener listener) {
        int first = firstPath(b);
        int n = lanes(b);
        for (int j = 0; j < n; j++) {
            sc.keys[j] = PathStreams.key(s.seed, s.scenarioId(first + j));
        }
        double[] r = sc.rates;
        double[] x = sc.state;
        long[] w = sc.words;
        double[] target = s.model == EsgModel.NESTED ? outer[b / blocksPerOuter] : null;
        switch (s.model) {
            case VASICEK -> java.util.Arrays.fill(r, 0, n, s.initialRate);
            case HULL_WHITE -> {
                java.util.Arrays.fill(x, 0, n, 0.0);
                java.util.Arrays.fill(r, 0, n, alpha[0]);
            }
            case CIR -> {
                java.util.Arrays.fill(x, 0, n, s.initialRate);
                java.util.Arrays.fill(r, 0, n, s.initialRate);
            }
            case NESTED -> java.util.Arrays.fill(r, 0, n, target[0]);
            default -> throw new IllegalStateException("model " + s.model + " is not a short-rate model");
        }
        listener.onStep(0, r, n);
        for (int k = 1; k <= steps; k++) {
            normals.words(sc.keys, k - 1, w, n);
            switch (s.model) {
                case VASICEK -> vasicekStep(r, w, n);
                case HULL_WHITE -> hullWhiteStep(x, r, w, n, alpha[k]);
                case CIR -> cirStep(x, r, w, n);
                case NESTED -> nestedStep(r, w, n, target[k]);
                default -> throw new IllegalStateException();
            }
            listener.onStep(k, r, n);
        }
    }

    // One step of every lane from the lanes' random words, the normal draw fused into the loop; each model its own
    // small method so that C2 compiles each loop on its own.

    private void vasicekStep(double[] r, long[] w, int n) {
        double b0 = s.longTermRate;
        double e = decay;
        double sd = shockScale;
        for (int j = 0; j < n; j++) {
            r[j] = b0 + (r[j] - b0) * e + sd * StandardNormal.fromWord(w[j]);
        }
    }

    private void hullWhiteStep(double[] x, double[] r, long[] w, int n, double al) {
        double e = decay;
        double sd = shockScale;
        for (int j = 0; j < n; j++) {
            x[j] = x[j] * e + sd * StandardNormal.fromWord(w[j]);
            r[j] = x[j] + al;
        }
    }

    private void cirStep(double[] x, double[] r, long[] w, int n) {
        double adt = s.meanReversion * dt;
        double b0 = s.longTermRate;
        double sd = shockScale;
        for (int j = 0; j < n; j++) {
            double xp = Math.max(x[j], 0.0);
            x[j] = x[j] + adt * (b0 - xp) + sd * Math.sqrt(xp) * StandardNormal.fromWord(w[j]);
            r[j] = Math.max(x[j], 0.0);
        }
    }

    private void nestedStep(double[] r, long[] w, int n, double t) {
        double a = s.meanReversion;
        double sigma = s.volatility;
        for (int j = 0; j < n; j++) {
            r[j] = Math.max(0.001, r[j] + a * (t - r[j]) + sigma * StandardNormal.fromWord(w[j]));
        }
    }
}
