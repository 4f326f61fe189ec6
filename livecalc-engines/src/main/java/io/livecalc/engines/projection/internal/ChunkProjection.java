package io.livecalc.engines.projection.internal;

import io.livecalc.api.EngineExecutionException;
import io.livecalc.api.PolicyRecord;
import io.livecalc.api.ResultDetailRecord;
import io.livecalc.api.ResultRecord;
import io.livecalc.engines.internal.ParallelBlocks;
import io.livecalc.engines.projection.Policy;
import io.livecalc.engines.projection.ScenarioAdjustment;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;

/**
 * One {@code runChunk}: projects every policy of the chunk under every scenario and returns the portfolio
 * total per scenario, optionally writing the (policy, scenario) results and details.
 *
 * <h2>Kernels</h2>
 * Without a {@link ScenarioAdjustment} (the fast kernel) a policy's cash flows do not depend on the
 * scenario: they are computed once per policy, and per-pair NPVs are {@code sum_t CF(t) * df[t][s]},
 * summed over t in year order, lanes = scenarios. With an adjustment (the general kernel) the model's
 * recursion runs per (policy, scenario), lanes = scenarios.
 *
 * <h2>Summation order, and why results do not depend on the thread count</h2>
 * Policies are cut into fixed blocks of {@link #BLOCK} (independent of the thread count); each block
 * yields a partial total per scenario and the partials are added in block order, so 1, 2 or 8 threads
 * give bit-identical totals. Within a block:
 * <ul>
 *   <li>per-pair NPVs (RESULT / RESULT_DETAIL) of both kernels are computed with the same operations in
 *       the same order as the model's scalar recursion (no FMA), so they equal the original engine's
 *       per-policy NPVs bit for bit;</li>
 *   <li>fast kernel totals are {@code sum_t (sum_p CF_p(t)) * df[t][s]}: the cash flows of the block's
 *       policies are added first (in policy order), then discounted once per scenario. This is what makes
 *       the fast kernel O(policies x years + years x scenarios), but its rounding differs from the
 *       original's {@code sum_p NPV(p, s)} in the last bits (about 1e-15 relative on the reference sets);</li>
 *   <li>general kernel totals are {@code sum_p NPV(p, s)} in policy order.</li>
 * </ul>
 * So the two kernels agree to rounding (not bitwise) on totals, and bitwise on per-pair results.
 */
public final class ChunkProjection {

    /** Policies per block: the unit of work and of the fixed summation order. */
    public static final int BLOCK = 1024;

    private final String engineId;
    private final CashFlowModel model;
    private final LaneMath math;
    private final MemorySegment policies;
    private final int policyCount;
    private final ScenarioGrid grid;
    private final ScenarioAdjustment adjustment;
    private final MemorySegment results;
    private final MemorySegment details;
    private final Thread caller = Thread.currentThread();

    public ChunkProjection(String engineId, CashFlowModel model, LaneMath math, MemorySegment policies, int policyCount,
                    ScenarioGrid grid, ScenarioAdjustment adjustment, MemorySegment results, MemorySegment details) {
        this.engineId = engineId;
        this.model = model;
        this.math = math;
        this.policies = policies;
        this.policyCount = policyCount;
        this.grid = grid;
        this.adjustment = adjustment;
        this.results = results;
        this.details = details;
    }

    /**
     * Runs the chunk on the calling thread plus {@code threads - 1} tasks of {@code pool}.
     *
     * @param initialTotals per scenario, the value the block partials are added to (zeros, or the totals of
     *                      earlier chunks of the same run)
     * @return the portfolio NPV per scenario, in scenario order
     * @throws EngineExecutionException when the calling thread is interrupted (transient) or a worker fails
     */
    public double[] run(ExecutorService pool, int threads, double[] initialTotals) {
        int blocks = (policyCount + BLOCK - 1) / BLOCK;
        double[][] partials = new double[blocks][];
        ParallelBlocks.run("engine '" + engineId + "': chunk of " + policyCount + " policies", pool, threads, blocks,
                () -> new Scratch(grid.scenarios),
                (b, scratch) -> partials[b] = adjustment == null ? fastBlock(b, scratch) : generalBlock(b, scratch));
        // Always start from the given totals (zeros, or the previous chunks' totals when accumulating) and add
        // the blocks in order: a run split into chunks of whole blocks then adds exactly what one run adds.
        double[] totals = initialTotals.clone();
        for (int b = 0; b < blocks; b++) {
            math.add(totals, partials[b], grid.scenarios);
        }
        return totals;
    }

    private void checkCancelled() {
        if (caller.isInterrupted()) {
            throw new CancellationException();
        }
    }

    private double[] fastBlock(int b, Scratch sc) {
        int from = b * BLOCK;
        int to = Math.min(policyCount, from + BLOCK);
        int scenarios = grid.scenarios;
        double[] aggregate = new double[grid.years];
        int blockYears = 0;
        boolean perPair = results != null || details != null;
        for (int p = from; p < to; p++) {
            if ((p & 63) == 0) {
                checkCancelled();
            }
            int years = model.cashFlows(PolicyRecord.age(policies, p), PolicyRecord.gender(policies, p),
                    PolicyRecord.term(policies, p), PolicyRecord.sumAssured(policies, p), model.premium(PolicyRecord.premium(policies, p)),
                    sc.cf, details == null ? null : sc.flows);
            blockYears = Math.max(blockYears, years);
            for (int t = 0; t < years; t++) {
                aggregate[t] = aggregate[t] + sc.cf[t];
            }
            if (perPair) {
                Arrays.fill(sc.npv, 0, scenarios, 0.0);
                for (int t = 0; t < years; t++) {
                    math.addScaled(sc.npv, sc.cf[t], grid.df[t], scenarios);
                }
                if (details != null) {
                    Arrays.fill(sc.pvPremium, 0, scenarios, 0.0);
                    Arrays.fill(sc.pvDeath, 0, scenarios, 0.0);
                    Arrays.fill(sc.pvExpense, 0, scenarios, 0.0);
                    for (int t = 0; t < years; t++) {
                        math.addScaled(sc.pvPremium, sc.flows.premium[t], grid.df[t], scenarios);
                        math.addScaled(sc.pvDeath, sc.flows.death[t], grid.df[t], scenarios);
                        math.addScaled(sc.pvExpense, sc.flows.expense[t], grid.df[t], scenarios);
                    }
                }
                write(p, sc);
            }
        }
        double[] partial = new double[scenarios];
        for (int t = 0; t < blockYears; t++) {
            math.addScaled(partial, aggregate[t], grid.df[t], scenarios);
        }
        return partial;
    }

    private double[] generalBlock(int b, Scratch sc) {
        int from = b * BLOCK;
        int to = Math.min(policyCount, from + BLOCK);
        int scenarios = grid.scenarios;
        double[] partial = new double[scenarios];
        boolean detail = details != null;
        for (int p = from; p < to; p++) {
            checkCancelled();
            Policy policy = new Policy(PolicyRecord.policyId(policies, p), PolicyRecord.age(policies, p),
                    PolicyRecord.gender(policies, p), PolicyRecord.sumAssured(policies, p), model.premium(PolicyRecord.premium(policies, p)),
                    PolicyRecord.term(policies, p), PolicyRecord.productType(policies, p),
                    PolicyRecord.underwritingClass(policies, p));
            Arrays.fill(sc.lives, 0, scenarios, 1.0);
            Arrays.fill(sc.npv, 0, scenarios, 0.0);
            if (detail) {
                Arrays.fill(sc.pvPremium, 0, scenarios, 0.0);
                Arrays.fill(sc.pvDeath, 0, scenarios, 0.0);
                Arrays.fill(sc.pvExpense, 0, scenarios, 0.0);
            }
            int years = CashFlowModel.years(policy.term());
            for (int t = 1; t <= years; t++) {
                Arrays.fill(sc.mortality, 0, scenarios, 1.0);
                Arrays.fill(sc.lapse, 0, scenarios, 1.0);
                adjustment.adjust(policy, t, sc.lives, grid.rates[t - 1], sc.mortality, sc.lapse, scenarios);
                boolean alive = math.generalYear(model.mortality(policy.gender(), policy.age(), t), model.lapse(t),
                        policy.premium(), policy.sumAssured(), model.expense(t, policy.premium()), model.claimExpense(),
                        model.expenseMultiplier(), sc.lives, sc.mortality, sc.lapse, grid.df[t - 1], sc.npv,
                        detail ? sc.pvPremium : null, sc.pvDeath, sc.pvExpense, scenarios);
                if (!alive) {
                    break;
                }
            }
            math.add(partial, sc.npv, scenarios);
            if (results != null || detail) {
                write(p, sc);
            }
        }
        return partial;
    }

    private void write(int p, Scratch sc) {
        int scenarios = grid.scenarios;
        long policyId = PolicyRecord.policyId(policies, p);
        long base = (long) p * scenarios;
        if (results != null) {
            for (int s = 0; s < scenarios; s++) {
                long i = base + s;
                ResultRecord.scenarioId(results, i, grid.set.id(s));
                ResultRecord.policyId(results, i, policyId);
                ResultRecord.npv(results, i, sc.npv[s]);
                ResultRecord.reserved(results, i, 0L);
            }
        }
        if (details != null) {
            for (int s = 0; s < scenarios; s++) {
                long i = base + s;
                ResultDetailRecord.scenarioId(details, i, grid.set.id(s));
                ResultDetailRecord.policyId(details, i, policyId);
                ResultDetailRecord.npv(details, i, sc.npv[s]);
                ResultDetailRecord.premiumIncome(details, i, sc.pvPremium[s]);
                ResultDetailRecord.deathBenefits(details, i, sc.pvDeath[s]);
                ResultDetailRecord.surrenderBenefits(details, i, 0.0);
                ResultDetailRecord.expenses(details, i, sc.pvExpense[s]);
            }
        }
    }

    /** Per-worker arrays, reused across blocks. */
    private static final class Scratch {
        final double[] cf = new double[CashFlowModel.MAX_YEARS];
        final CashFlowModel.YearlyFlows flows = new CashFlowModel.YearlyFlows();
        final double[] npv;
        final double[] pvPremium;
        final double[] pvDeath;
        final double[] pvExpense;
        final double[] lives;
        final double[] mortality;
        final double[] lapse;

        Scratch(int scenarios) {
            npv = new double[scenarios];
            pvPremium = new double[scenarios];
            pvDeath = new double[scenarios];
            pvExpense = new double[scenarios];
            lives = new double[scenarios];
            mortality = new double[scenarios];
            lapse = new double[scenarios];
        }
    }
}
