package io.livecalc.engines.assumptions;

/**
 * The four expense scalars of the model, in currency units per policy unless stated. Given to the projection as a
 * value ({@code .config("expenses", new ExpenseAssumptions(500, 50, 0.05, 100))}) or read from a file.
 *
 * @param acquisition      per policy, policy year 1 only
 * @param maintenance      per policy, every year
 * @param percentOfPremium fraction of the annual premium, every year (0.05 = 5%)
 * @param claim            per expected death
 */
public record ExpenseAssumptions(double acquisition, double maintenance, double percentOfPremium, double claim) {

    public ExpenseAssumptions {
        check("acquisition", acquisition);
        check("maintenance", maintenance);
        check("percent_of_premium", percentOfPremium);
        check("claim_expense", claim);
    }

    private static void check(String name, double v) {
        if (!Double.isFinite(v) || v < 0) {
            throw new IllegalArgumentException("expense '" + name + "' must be a finite number >= 0, got " + v);
        }
    }
}
