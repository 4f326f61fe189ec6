package io.livecalc.engines.projection.internal;

import io.livecalc.engines.assumptions.ExpenseAssumptions;
import io.livecalc.engines.assumptions.LapseTable;
import io.livecalc.engines.assumptions.MortalityTable;

/**
 * The assumptions with the multipliers applied, and the scenario-independent per-policy cash flows of
 * the model (projection-model.md). Immutable and thread-safe.
 */
public final class CashFlowModel {

    /** Longest projection, in years. */
    public static final int MAX_YEARS = LapseTable.YEARS;

    private final double[][] qm; // q[gender][age] * mM, uncapped
    private final double[] wl;   // w[year-1] * mL, uncapped
    private final ExpenseAssumptions expenses;
    private final double expenseMultiplier;
    private final double premiumRate;

    public CashFlowModel(MortalityTable mortality, LapseTable lapse, ExpenseAssumptions expenses, double mortalityMultiplier,
                  double lapseMultiplier, double expenseMultiplier) {
        this(mortality, lapse, expenses, mortalityMultiplier, lapseMultiplier, expenseMultiplier, 1.0);
    }

    /** @param premiumRate multiplies every policy's premium (the solver's {@code premium_rate}); 1 changes nothing */
    public CashFlowModel(MortalityTable mortality, LapseTable lapse, ExpenseAssumptions expenses, double mortalityMultiplier,
                  double lapseMultiplier, double expenseMultiplier, double premiumRate) {
        this.premiumRate = premiumRate;
        qm = new double[2][MortalityTable.MAX_AGE + 1];
        for (int g = 0; g < 2; g++) {
            for (int x = 0; x <= MortalityTable.MAX_AGE; x++) {
                qm[g][x] = mortality.q(g, x) * mortalityMultiplier;
            }
        }
        wl = new double[MAX_YEARS];
        for (int t = 1; t <= MAX_YEARS; t++) {
            wl[t - 1] = lapse.w(t) * lapseMultiplier;
        }
        this.expenses = expenses;
        this.expenseMultiplier = expenseMultiplier;
    }

    /** Projected years of a policy: {@code min(term, 50)}. */
    public static int years(long term) {
        return (int) Math.min(term, MAX_YEARS);
    }

    /** {@code q[gender][min(age + t - 1, 120)] * mM}, uncapped. */
    double mortality(int gender, int age, int year) {
        return qm[gender][Math.min(age + year - 1, MortalityTable.MAX_AGE)];
    }

    /** {@code w[t] * mL}, uncapped. */
    double lapse(int year) {
        return wl[year - 1];
    }

    /** This year's per-policy expense before lives, claim expense excluded. */
    double expense(int year, double premium) {
        return year == 1
                ? (expenses.acquisition() + expenses.maintenance() + expenses.percentOfPremium() * premium) * expenseMultiplier
                : (expenses.maintenance() + expenses.percentOfPremium() * premium) * expenseMultiplier;
    }

    /** The premium the model charges for a policy's stated premium: {@code premium * premium_rate} (exact at 1). */
    double premium(double statedPremium) {
        return statedPremium * premiumRate;
    }

    double claimExpense() {
        return expenses.claim();
    }

    double expenseMultiplier() {
        return expenseMultiplier;
    }

    /**
     * The policy's yearly flows, scenario-independent: fills {@code cf[t-1]} (net cash flow of year t) and,
     * when {@code flows != null}, {@code flows.lives/premium/death/expense[t-1]}.
     *
     * @return the number of years booked: {@code min(term, 50)}, or fewer when lives fell below 1e-10
     */
    public int cashFlows(int age, int gender, long term, double sumAssured, double premium, double[] cf, YearlyFlows flows) {
        int years = years(term);
        double l = 1.0;
        double claim = expenses.claim();
        for (int t = 1; t <= years; t++) {
            double q = Math.min(mortality(gender, age, t), 1.0);
            double w = Math.min(wl[t - 1], 1.0);
            double p = l * premium;
            double d = l * q;
            double db = d * sumAssured;
            double s = (l - d) * w;
            double e = expense(t, premium) * l;
            e = e + d * claim * expenseMultiplier;
            cf[t - 1] = p - db - e;
            if (flows != null) {
                flows.lives[t - 1] = l;
                flows.premium[t - 1] = p;
                flows.death[t - 1] = db;
                flows.expense[t - 1] = e;
            }
            l = (l - d) - s;
            if (l < ScalarLaneMath.LIVES_EPSILON) {
                return t;
            }
        }
        return years;
    }

    /** Per-year components of one policy's flows, for the detail output and the cash-flow dump. */
    public static final class YearlyFlows {
        public final double[] lives = new double[MAX_YEARS];
        public final double[] premium = new double[MAX_YEARS];
        public final double[] death = new double[MAX_YEARS];
        public final double[] expense = new double[MAX_YEARS];
    }
}
