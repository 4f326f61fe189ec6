package io.livecalc.engines.esg;

/**
 * The ten deterministic outer paths of the original Python ESG (esg-and-solver.md), for years
 * {@code y = 0..Y-1}, base rate {@code b} and drift {@code d}:
 * <pre>
 * 0: b                        5: b - 0.01 + 0.002 y
 * 1: b + 0.01 y               6: r = b; each y: r += d; max(0.001, r)
 * 2: max(0.001, b - 0.005 y)  7: b + 0.02 y
 * 3: r = b; each y: r += 0.1 ((b + 0.01) - r); r
 * 4: y < Y/2: b - 0.005 y, else b - 0.005 (Y/2) + 0.01 (y - Y/2)   (Y/2 rounded down, no floor)
 * 8: max(0.001, b - 0.003 y)  9: b + 0.02 sin(0.5 y)
 * </pre>
 * Paths 3 and 6 update {@code r} before storing, so their year 0 is already one step from {@code b}.
 */
final class NestedOuterPaths {

    static final int COUNT = 10;

    private NestedOuterPaths() {
    }

    /** {@code paths[o][y]} for the first {@code outer} of the ten paths. */
    static double[][] generate(int outer, int years, double base, double drift) {
        double[][] paths = new double[outer][years];
        int half = years / 2;
        for (int o = 0; o < outer; o++) {
            double r = base;
            for (int y = 0; y < years; y++) {
                paths[o][y] = switch (o) {
                    case 0 -> base;
                    case 1 -> base + 0.01 * y;
                    case 2 -> Math.max(0.001, base - 0.005 * y);
                    case 3 -> r = r + 0.1 * ((base + 0.01) - r);
                    case 4 -> y < half ? base - 0.005 * y : base - 0.005 * half + 0.01 * (y - half);
                    case 5 -> base - 0.01 + 0.002 * y;
                    case 6 -> Math.max(0.001, r = r + drift);
                    case 7 -> base + 0.02 * y;
                    case 8 -> Math.max(0.001, base - 0.003 * y);
                    case 9 -> base + 0.02 * StrictMath.sin(0.5 * y);
                    default -> throw new IllegalArgumentException("outer path " + o + " does not exist (0.." + (COUNT - 1) + ")");
                };
            }
        }
        return paths;
    }
}
