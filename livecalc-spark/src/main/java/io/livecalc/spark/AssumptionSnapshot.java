package io.livecalc.spark;

import io.livecalc.api.AMCredentials;
import io.livecalc.api.EngineConfig;
import io.livecalc.engines.assumptions.AssumptionResolver;
import io.livecalc.engines.assumptions.AssumptionSource;
import io.livecalc.engines.assumptions.ExpenseAssumptions;
import io.livecalc.engines.assumptions.LapseTable;
import io.livecalc.engines.assumptions.MortalityTable;
import java.io.Serializable;

/**
 * A projection's assumption tables, resolved once on the driver and broadcast to the tasks, so that
 * executors need neither the assumption files nor an Assumptions Manager connection.
 */
final class AssumptionSnapshot implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The config keys naming the tables. */
    static final String MORTALITY = "mortality_table", LAPSE = "lapse_table", EXPENSES = "expenses";

    private final String mortalityRef, lapseRef, expensesRef;
    private final double[] male = new double[MortalityTable.MAX_AGE + 1];
    private final double[] female = new double[MortalityTable.MAX_AGE + 1];
    private final double[] lapse = new double[LapseTable.YEARS];
    private final double[] expenses;

    private AssumptionSnapshot(EngineConfig config, AssumptionSource source) {
        mortalityRef = config.getString(MORTALITY);
        lapseRef = config.getString(LAPSE);
        expensesRef = config.getString(EXPENSES);
        MortalityTable m = source.mortality(mortalityRef);
        for (int age = 0; age <= MortalityTable.MAX_AGE; age++) {
            male[age] = m.q(0, age);
            female[age] = m.q(1, age);
        }
        LapseTable l = source.lapse(lapseRef);
        for (int year = 1; year <= LapseTable.YEARS; year++) {
            lapse[year - 1] = l.w(year);
        }
        ExpenseAssumptions e = source.expenses(expensesRef);
        expenses = new double[] {e.acquisition(), e.maintenance(), e.percentOfPremium(), e.claim()};
    }

    /**
     * Resolves the tables {@code config} names on the driver as the engine would: files relative to the
     * config's base directory, {@code assumptions://} references through the Assumptions Manager.
     */
    static AssumptionSnapshot of(EngineConfig config, AMCredentials credentials) {
        try (AssumptionResolver resolver = AssumptionResolver.create(config, credentials, null)) {
            return new AssumptionSnapshot(config, resolver);
        }
    }

    /** Whether {@code config} names the same tables this snapshot holds. */
    boolean matches(EngineConfig config) {
        return mortalityRef.equals(config.getString(MORTALITY, null)) && lapseRef.equals(config.getString(LAPSE, null))
                && expensesRef.equals(config.getString(EXPENSES, null));
    }

    /** A source answering the snapshot's references with its tables. */
    AssumptionSource source() {
        MortalityTable m = new MortalityTable(male, female);
        LapseTable l = new LapseTable(lapse);
        ExpenseAssumptions e = new ExpenseAssumptions(expenses[0], expenses[1], expenses[2], expenses[3]);
        return new AssumptionSource() {
            @Override
            public MortalityTable mortality(String reference) {
                return check(reference, mortalityRef, m);
            }

            @Override
            public LapseTable lapse(String reference) {
                return check(reference, lapseRef, l);
            }

            @Override
            public ExpenseAssumptions expenses(String reference) {
                return check(reference, expensesRef, e);
            }
        };
    }

    private static <T> T check(String reference, String held, T table) {
        if (!held.equals(reference)) {
            throw new IllegalStateException("assumption '" + reference + "' was not broadcast (the driver broadcast '" + held + "')");
        }
        return table;
    }
}
