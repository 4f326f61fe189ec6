package io.livecalc.engines.solver;

import io.livecalc.api.CalcEngineException;
import io.livecalc.api.ParameterEvaluator;
import io.livecalc.api.ValuationResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.hipparchus.analysis.solvers.BaseUnivariateSolver;
import org.hipparchus.analysis.solvers.BisectionSolver;
import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.analysis.solvers.SecantSolver;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.exception.LocalizedCoreFormats;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.MaxIter;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.MultivariateOptimizer;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.hipparchus.optim.univariate.BrentOptimizer;
import org.hipparchus.optim.univariate.SearchInterval;
import org.hipparchus.optim.univariate.UnivariateObjectiveFunction;

/**
 * One solve: runs the configured Hipparchus algorithm over an evaluator, records every valuation, keeps
 * the best point, and turns every way of stopping into a {@link SolverResult} (Hipparchus signals
 * failures and limits by exceptions; none escapes).
 *
 * <p>Targets ({@code npv_target}) stop as soon as {@code |metric - target| <= tolerance}: for the
 * projection's affine premium_rate that is after the bracket's second point and one secant step.
 * Searches with constraints or several parameters minimise a penalised objective: the metric scaled by
 * its first value, plus {@code 1e3 v + 1e6 v^2} for each constraint's relative violation {@code v} and for
 * the distance outside the bounds (points are clamped into the bounds before evaluation).
 */
final class Search {

    /** Why the search stopped early, thrown through Hipparchus from the objective function. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String reason;
        final boolean partial;
        final boolean converged;

        Stop(String reason, boolean partial, boolean converged) {
            super(reason, null, false, false);
            this.reason = reason;
            this.partial = partial;
            this.converged = converged;
        }
    }

    private final SolverSettings s;
    private final ParameterEvaluator evaluator;
    private final LongSupplier nanoClock;
    private final long start;
    private final List<SolverResult.Evaluation> history = new ArrayList<>();
    private double[] bestX;
    private double bestScore = Double.POSITIVE_INFINITY;
    private double bestObjective = Double.NaN;
    private boolean bestFeasible;
    private double scale = Double.NaN;
    private int iterations;

    Search(SolverSettings s, ParameterEvaluator evaluator, LongSupplier nanoClock) {
        this.s = s;
        this.evaluator = evaluator;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
    }

    SolverResult run() {
        int n = s.parameters.size();
        double[] lower = new double[n];
        double[] upper = new double[n];
        double[] initial = new double[n];
        for (int i = 0; i < n; i++) {
            lower[i] = s.parameters.get(i).lower();
            upper[i] = s.parameters.get(i).upper();
            initial[i] = s.parameters.get(i).initial();
        }
        String algorithm = s.algorithm;
        try {
            if (s.isTarget() && n == 1 && s.constraints.isEmpty()) {
                solveRoot(lower[0], upper[0], initial[0]);
                return result(false, false, "the solver stopped without meeting the tolerance");
            } else if (n == 1 && algorithm.equals("brent")) {
                new BrentOptimizer(1e-10, 1e-12 * (upper[0] - lower[0])).optimize(new MaxEval(Integer.MAX_VALUE),
                        new MaxIter(s.maxIterations), GoalType.MINIMIZE,
                        new UnivariateObjectiveFunction(x -> penalised(new double[] {x}, lower, upper)),
                        new SearchInterval(lower[0], upper[0], initial[0]));
                iterations = history.size();
                return converged();
            } else {
                MultivariateOptimizer optimizer = algorithm.equals("bobyqa")
                        ? new BOBYQAOptimizer(2 * n + 1, 0.1 * minRange(lower, upper), 1e-6 * minRange(lower, upper))
                        : new SimplexOptimizer(1e-10, 1e-12);
                List<org.hipparchus.optim.OptimizationData> data = new ArrayList<>(List.of(new MaxEval(Integer.MAX_VALUE),
                        new MaxIter(s.maxIterations), GoalType.MINIMIZE, new InitialGuess(initial),
                        new ObjectiveFunction(x -> penalised(x, lower, upper))));
                if (algorithm.equals("bobyqa")) {
                    data.add(new SimpleBounds(lower, upper));
                } else {
                    double[] steps = new double[n];
                    for (int i = 0; i < n; i++) {
                        steps[i] = 0.1 * (upper[i] - lower[i]);
                    }
                    data.add(new NelderMeadSimplex(steps));
                }
                optimizer.optimize(data.toArray(org.hipparchus.optim.OptimizationData[]::new));
                iterations = optimizer.getIterations();
                return converged();
            }
        } catch (Stop stop) {
            return result(stop.converged, stop.partial, stop.reason);
        } catch (MathRuntimeException e) {
            if (e.getSpecifier() == LocalizedCoreFormats.MAX_COUNT_EXCEEDED) {
                return result(false, true, "iteration limit (max_iterations = " + s.maxIterations + ") reached; returning the best point so far");
            }
            if (e.getSpecifier() == LocalizedCoreFormats.NOT_BRACKETING_INTERVAL) {
                return result(false, false, noBracket());
            }
            return result(false, false, algorithm + " failed: " + e.getMessage());
        } catch (CalcEngineException e) {
            boolean interrupted = Thread.currentThread().isInterrupted();
            return result(false, interrupted, (interrupted ? "interrupted during evaluation " : "evaluation ") + (history.size() + 1)
                    + " failed: " + e.getMessage());
        }
    }

    private void solveRoot(double lower, double upper, double initial) {
        double absolute = 1e-12 * (upper - lower);
        BaseUnivariateSolver<UnivariateFunction> solver = switch (s.algorithm) {
            case "secant", "newton" -> new SecantSolver(absolute);
            case "bisection" -> new BisectionSolver(absolute);
            default -> new BrentSolver(absolute);
        };
        UnivariateFunction f = x -> {
            iterations++;
            double m = evaluate(new double[] {Math.min(upper, Math.max(lower, x))}).metric(s.metric);
            double residual = m - s.target;
            if (Math.abs(residual) <= s.tolerance) {
                throw new Stop(s.metric + " = " + m + " meets the target " + s.target + " within " + s.tolerance, false, true);
            }
            return residual;
        };
        solver.solve(Integer.MAX_VALUE, f, lower, upper, initial);
    }

    private String noBracket() {
        StringBuilder sb = new StringBuilder("no bracket: ").append(s.metric).append(" - target has the same sign over [")
                .append(s.parameters.getFirst().lower()).append(", ").append(s.parameters.getFirst().upper()).append("] (");
        for (SolverResult.Evaluation e : history) {
            sb.append(s.parameters.getFirst().name()).append(' ').append(e.parameters().get(s.parameters.getFirst().name()))
                    .append(" -> ").append(e.objective()).append("; ");
        }
        return sb.append("target ").append(s.target).append("); widen ").append(s.parameters.getFirst().name())
                .append(".lower/.upper or check the target").toString();
    }

    private static double minRange(double[] lower, double[] upper) {
        double m = Double.POSITIVE_INFINITY;
        for (int i = 0; i < lower.length; i++) {
            m = Math.min(m, upper[i] - lower[i]);
        }
        return m;
    }

    /** The function the optimisers minimise; see the class comment. */
    private double penalised(double[] x, double[] lower, double[] upper) {
        double[] clamped = new double[x.length];
        double outside = 0;
        for (int i = 0; i < x.length; i++) {
            clamped[i] = Math.min(upper[i], Math.max(lower[i], x[i]));
            outside += Math.abs(x[i] - clamped[i]) / (upper[i] - lower[i]);
        }
        ValuationResult v = evaluate(clamped);
        double score = score(v);
        return score + 1e3 * outside + 1e6 * outside * outside;
    }

    /** Objective part (scaled) plus constraint penalties, lower is better. */
    private double score(ValuationResult v) {
        double m = v.metric(s.metric);
        if (Double.isNaN(scale)) {
            scale = Math.max(1.0, Math.abs(s.isTarget() ? s.target : m));
        }
        double objective = switch (s.objective) {
            case "minimize" -> m / scale;
            case "maximize" -> -m / scale;
            default -> (m - s.target) / scale * ((m - s.target) / scale);
        };
        return objective + penalty(v);
    }

    private double penalty(ValuationResult v) {
        double p = 0;
        for (SolverSettings.Constraint c : s.constraints) {
            double rel = c.violation(v.metric(c.metric())) / Math.max(1.0, Math.abs(c.value()));
            p += 1e3 * rel + 1e6 * rel * rel;
        }
        return p;
    }

    private boolean feasible(ValuationResult v) {
        for (SolverSettings.Constraint c : s.constraints) {
            if (c.violation(v.metric(c.metric())) > s.constraintTolerance * Math.max(1.0, Math.abs(c.value()))) {
                return false;
            }
        }
        return true;
    }

    /** Values the portfolio at {@code x}: limits first, then the evaluator, history and best point. */
    private ValuationResult evaluate(double[] x) {
        double elapsedS = (nanoClock.getAsLong() - start) / 1e9;
        if (elapsedS >= s.timeoutSeconds) {
            throw new Stop("timeout after " + s.timeoutSeconds + " s (timeout_seconds); returning the best point so far", true, false);
        }
        if (history.size() >= s.maxEvaluations) {
            throw new Stop("evaluation limit (max_evaluations = " + s.maxEvaluations + ") reached; returning the best point so far", true, false);
        }
        if (s.isTarget() && s.parameters.size() == 1 && iterations > s.maxIterations) {
            throw new Stop("iteration limit (max_iterations = " + s.maxIterations + ") reached; returning the best point so far", true, false);
        }
        Map<String, Double> params = parameterMap(x);
        ValuationResult v = evaluator.evaluate(params);
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String m : ValuationResult.METRICS) {
            metrics.put(m, v.metric(m));
        }
        boolean feasible = feasible(v);
        double m = v.metric(s.metric);
        history.add(new SolverResult.Evaluation(history.size() + 1, (nanoClock.getAsLong() - start) / 1e6, params, m, metrics, feasible));
        double rank = s.isTarget() && s.constraints.isEmpty() ? Math.abs(m - s.target) : score(v);
        if (bestX == null || (feasible && !bestFeasible) || (feasible == bestFeasible && rank < bestScore)) {
            bestX = x.clone();
            bestScore = rank;
            bestObjective = m;
            bestFeasible = feasible;
        }
        return v;
    }

    private Map<String, Double> parameterMap(double[] x) {
        Map<String, Double> params = new LinkedHashMap<>();
        for (int i = 0; i < x.length; i++) {
            params.put(s.parameters.get(i).name(), x[i]);
        }
        return params;
    }

    /** The optimiser finished: converged when the best point satisfies the constraints. */
    private SolverResult converged() {
        if (!bestFeasible) {
            return result(false, false, s.algorithm + " finished but no evaluated point satisfies the constraints "
                    + s.constraints + "; returning the least violating point");
        }
        return result(true, false, s.algorithm + " converged: " + s.objective + " " + s.metric + " = " + bestObjective
                + (s.constraints.isEmpty() ? "" : " subject to " + s.constraints));
    }

    private SolverResult result(boolean converged, boolean partial, String message) {
        Map<String, Double> params = bestX == null ? Map.of() : parameterMap(bestX);
        boolean ok = converged && bestFeasible;
        return new SolverResult(params, bestObjective, ok, Math.max(iterations, 0), history.size(), history, partial,
                converged && !bestFeasible ? message + "; but constraints " + s.constraints + " do not hold" : message);
    }
}
