package io.livecalc.engines.projection.internal;

/** Plain loops; also the tail loops of the Vector API implementation. */
final class ScalarLaneMath implements LaneMath {

    static final double LIVES_EPSILON = 1e-10;

    @Override
    public void addScaled(double[] acc, double a, double[] x, int n) {
        addScaled(acc, a, x, 0, n);
    }

    static void addScaled(double[] acc, double a, double[] x, int from, int to) {
        for (int i = from; i < to; i++) {
            acc[i] = acc[i] + a * x[i];
        }
    }

    @Override
    public void addScaledRow(double[] acc, double a, double[] x, int xFrom, int n) {
        addScaledFrom(acc, a, x, xFrom, 0, n);
    }

    static void addScaledFrom(double[] acc, double a, double[] x, int xFrom, int from, int to) {
        for (int i = from; i < to; i++) {
            acc[i] = acc[i] + a * x[xFrom + i];
        }
    }

    @Override
    public void add(double[] acc, double[] x, int n) {
        add(acc, x, 0, n);
    }

    static void add(double[] acc, double[] x, int from, int to) {
        for (int i = from; i < to; i++) {
            acc[i] = acc[i] + x[i];
        }
    }

    @Override
    public boolean generalYear(double qm, double wl, double premium, double sumAssured, double expense, double claim,
                               double expenseMultiplier, double[] lives, double[] mortality, double[] lapse, double[] df,
                               double[] npv, double[] pvPremium, double[] pvDeath, double[] pvExpense, int n) {
        return generalYear(qm, wl, premium, sumAssured, expense, claim, expenseMultiplier, lives, mortality, lapse, df,
                npv, pvPremium, pvDeath, pvExpense, 0, n);
    }

    static boolean generalYear(double qm, double wl, double premium, double sumAssured, double expense, double claim,
                               double expenseMultiplier, double[] lives, double[] mortality, double[] lapse, double[] df,
                               double[] npv, double[] pvPremium, double[] pvDeath, double[] pvExpense, int from, int to) {
        boolean alive = false;
        for (int i = from; i < to; i++) {
            double l = lives[i];
            double q = Math.min(qm * mortality[i], 1.0);
            double w = Math.min(wl * lapse[i], 1.0);
            double p = l * premium;
            double d = l * q;
            double db = d * sumAssured;
            double s = (l - d) * w;
            double e = expense * l;
            e = e + d * claim * expenseMultiplier;
            double cf = p - db - e;
            double v = df[i];
            npv[i] = npv[i] + cf * v;
            if (pvPremium != null) {
                pvPremium[i] = pvPremium[i] + p * v;
                pvDeath[i] = pvDeath[i] + db * v;
                pvExpense[i] = pvExpense[i] + e * v;
            }
            l = (l - d) - s;
            if (l < LIVES_EPSILON) {
                l = 0.0;
            } else {
                alive = true;
            }
            lives[i] = l;
        }
        return alive;
    }

    @Override
    public String name() {
        return "scalar";
    }
}
