"""The Python solver (engine type ``python_solver``): the Java solver's objectives, config keys and result
in Python, with scipy when it is importable and plain Python + numpy otherwise (``use_scipy: false`` forces
the plain path).

Each evaluation asks the JVM to re-run the projection at the given parameters (``set_evaluator``; the
bridge serves it with the orchestrator's ParameterEvaluator). The result has the Java SolverResult's shape:
parameters, objective, converged, iterations, evaluations, history, partial_result, message; the SOLUTION
record (56 bytes) is written in place.

Config keys (as the Java solver's): objective (npv_target | minimize | maximize), metric (mean_npv ...),
target, tolerance, parameters (comma-separated), <p>.initial / <p>.lower / <p>.upper,
constraint.<n>.metric / .operator (>=, <=, ==) / .value, constraint_tolerance (1e-6, relative to
max(1, |value|)), algorithm (brent | secant | newton | bisection | nelder_mead | bobyqa), max_iterations 100,
max_evaluations 200, timeout_seconds 300; and use_scipy (default true).

Algorithms:
  one-parameter targets without constraints: brent (scipy ``brentq`` / a plain Brent), secant (alias newton;
  scipy ``root_scalar(method="secant")`` / a plain secant), bisection (scipy ``bisect`` / plain); the first
  point within ``tolerance`` of the target ends the search, as in the Java solver.
  brent on one parameter otherwise: a bounded scalar minimisation of the penalised objective (scipy
  ``minimize_scalar(method="bounded")``, i.e. Brent's minimiser / plain golden-section search).
  nelder_mead: Nelder-Mead on the penalised objective (scipy / a plain numpy Nelder-Mead).
  bobyqa: scipy has no BOBYQA; it stands in with ``minimize(method="Powell")`` with bounds, or with
  ``method="COBYLA"`` when there are constraints (COBYLA takes them as native inequality constraints, ``==``
  as two); without scipy the plain Nelder-Mead stands in. The message says which.

Constraints, bounds: as in the Java solver, the searches other than COBYLA minimise a penalised objective,
the metric scaled by its first value (targets: the squared scaled residual) plus the exact penalty
``1e3 v + 1e6 v^2`` for each constraint's relative violation ``v`` and for the relative distance outside
the bounds (points are clamped into the bounds before evaluation). The returned point is the best
evaluated one: a feasible point first, then the closest to the target or the best penalised objective.
"""
import math
import time
from collections import namedtuple

import numpy as np

from livecalc.calc_engine_interface import ConfigurationError, EngineInfo, ExecutionError, ICalcEngine

PARAMETERS = ["premium_rate", "mortality_multiplier", "lapse_multiplier", "expense_multiplier"]
METRICS = ["mean_npv", "std_dev", "cte_95", "p50", "p75", "p90", "p95", "p99"]
OBJECTIVES = ["npv_target", "minimize", "maximize"]
ALGORITHMS = ["brent", "secant", "newton", "bisection", "nelder_mead", "bobyqa"]
ROOT_FINDERS = ["brent", "secant", "newton", "bisection"]
OPERATORS = [">=", "<=", "=="]
PLAIN = ["objective", "metric", "target", "tolerance", "algorithm", "parameters", "max_iterations",
         "max_evaluations", "timeout_seconds", "constraint_tolerance", "use_scipy"]
GOLDEN = (math.sqrt(5) - 1) / 2
BEST_SO_FAR = "; returning the best point so far"


def original_algorithm(parameters):
    """The original Python solver's names, as the Java solver reads them: nelder-mead is Nelder-Mead; slsqp
    (its default, a bounded local search) is the bounded local search here, Brent for one parameter, BOBYQA
    for several."""
    return {"nelder-mead": "nelder_mead", "slsqp": "bobyqa" if parameters > 1 else "brent"}


def _jlist(items):
    return "[" + ", ".join(str(i) for i in items) + "]"


class Constraint(namedtuple("Constraint", "number metric operator value")):
    """``metric operator value``."""

    def violation(self, actual):
        """How far ``actual`` is on the wrong side, 0 when the constraint holds exactly."""
        if self.operator == ">=":
            return max(0.0, self.value - actual)
        if self.operator == "<=":
            return max(0.0, actual - self.value)
        return abs(actual - self.value)

    def __str__(self):
        return "%s %s %r" % (self.metric, self.operator, self.value)


class _Stop(Exception):
    """Ends a search early: converged (target met) or a limit reached (partial)."""

    def __init__(self, reason, partial, converged):
        super().__init__(reason)
        self.partial = partial
        self.converged = converged


class _Failure(Exception):
    """Ends a search without a result: no bracket, a stalled root finder."""


def _flag(v):
    return v if isinstance(v, bool) else str(v).strip().lower() == "true"


class Settings:
    """The validated configuration; every problem is reported at once in one ConfigurationError."""

    def __init__(self, config):
        problems = []
        self._problems = problems

        listed = str(config.get("parameters", "premium_rate"))
        names = []
        for n in (n.strip().lower() for n in listed.split(",")):
            if not n:
                continue
            if n not in PARAMETERS:
                problems.append("config key 'parameters' names '%s', not a parameter; known: %s" % (n, _jlist(PARAMETERS)))
            elif n in names:
                problems.append("config key 'parameters' names '%s' twice" % n)
            else:
                names.append(n)
        if not listed.strip():
            problems.append("config key 'parameters' is empty; name one or more of %s, comma-separated" % _jlist(PARAMETERS))

        numbers = set()
        for k in config:
            parts = k.split(".")
            if k in PLAIN:
                continue
            if len(parts) == 2 and parts[1] in ("initial", "lower", "upper") and parts[0] in PARAMETERS:
                if parts[0] not in names:
                    problems.append("config key '%s' belongs to a parameter not listed in 'parameters' %s" % (k, _jlist(names)))
            elif len(parts) == 3 and parts[0] == "constraint" and parts[1].isdigit() and parts[2] in ("metric", "operator", "value"):
                numbers.add(int(parts[1]))
            else:
                problems.append("unknown config key '%s' (known: %s, <parameter>.initial|lower|upper, "
                                "constraint.<n>.metric|operator|value)" % (k, _jlist(PLAIN)))

        self.objective = self._choice(config, "objective", "npv_target", OBJECTIVES)
        self.metric = self._metric(config, "metric", "mean_npv")
        self.target = None
        if self.objective == "npv_target":
            if "target" in config:
                self.target = self._float(config, "target", 0.0)
            else:
                problems.append("missing required config key 'target' (objective npv_target)")
                self.target = 0.0
        elif "target" in config:
            problems.append("config key 'target' applies to objective 'npv_target' only, not '%s'" % self.objective)
        default_tol = 1e-6 * max(1.0, abs(self.target)) if self.target is not None else 1e-8
        self.tolerance = self._float(config, "tolerance", default_tol)
        if not self.tolerance > 0:
            problems.append("config key 'tolerance' = %r must be > 0" % self.tolerance)
        self.constraint_tolerance = self._float(config, "constraint_tolerance", 1e-6)
        if not self.constraint_tolerance >= 0:
            problems.append("config key 'constraint_tolerance' = %r must be >= 0 (relative to max(1, |value|))"
                            % self.constraint_tolerance)
        self.max_iterations = self._positive_int(config, "max_iterations", 100)
        self.max_evaluations = self._positive_int(config, "max_evaluations", 200)
        self.timeout_seconds = self._float(config, "timeout_seconds", 300.0)
        if not self.timeout_seconds > 0:
            problems.append("config key 'timeout_seconds' = %r must be > 0" % self.timeout_seconds)
        self.use_scipy = _flag(config.get("use_scipy", True))

        self.parameters = []
        for n in names:
            lo = self._float(config, n + ".lower", None)
            hi = self._float(config, n + ".upper", None)
            if lo is None or hi is None:
                continue
            x0 = self._float(config, n + ".initial", 1.0 if lo <= 1.0 <= hi else 0.5 * (lo + hi))
            if not lo > 0:
                problems.append("config key '%s.lower' = %r must be > 0 (the projection needs positive parameters)" % (n, lo))
            if not lo < hi:
                problems.append("config keys '%s.lower' = %r and '%s.upper' = %r: lower must be below upper" % (n, lo, n, hi))
            if not lo <= x0 <= hi:
                problems.append("config key '%s.initial' = %r is outside [%r, %r]" % (n, x0, lo, hi))
            self.parameters.append((n, x0, lo, hi))

        self.constraints = []
        for number in sorted(numbers):
            prefix = "constraint.%d." % number
            metric = self._metric(config, prefix + "metric", None)
            op = str(config.get(prefix + "operator", ">=")).strip()
            value = self._float(config, prefix + "value", 0.0)
            if op not in OPERATORS:
                problems.append("config key '%soperator' = \"%s\" is not one of %s" % (prefix, op, _jlist(OPERATORS)))
            elif metric is not None:
                self.constraints.append(Constraint(number, metric, op, value))

        self.algorithm = self._choice(config, "algorithm", "nelder_mead" if len(names) > 1 else "brent", ALGORITHMS,
                                      original_algorithm(len(names)))
        a = self.algorithm
        if a in ROOT_FINDERS and len(names) > 1:
            problems.append("config key 'algorithm' = \"%s\" tunes one parameter; %d are listed (use nelder_mead or bobyqa)"
                            % (a, len(names)))
        if a in ("secant", "newton", "bisection") and self.objective != "npv_target":
            problems.append("config key 'algorithm' = \"%s\" finds roots: it needs objective 'npv_target', not '%s' "
                            "(use brent, nelder_mead or bobyqa)" % (a, self.objective))
        if a in ROOT_FINDERS and self.objective == "npv_target" and self.constraints:
            problems.append("constraints need a search that can trade them off: use algorithm nelder_mead or bobyqa, not '%s'" % a)
        if a == "bobyqa" and len(names) < 2:
            problems.append("config key 'algorithm' = \"bobyqa\" needs at least 2 parameters; %d is listed (use brent or nelder_mead)"
                            % len(names))
        if problems:
            raise ConfigurationError("; ".join(problems))

    def is_target(self):
        return self.objective == "npv_target"

    def _float(self, config, key, default):
        if key not in config:
            if default is None:
                self._problems.append("missing required config key '%s'" % key)
            return default
        try:
            return float(config[key])
        except (TypeError, ValueError):
            self._problems.append("config key '%s' = %r is not a number" % (key, config[key]))
            return default if default is not None else float("nan")

    def _positive_int(self, config, key, default):
        try:
            v = int(config.get(key, default))
        except (TypeError, ValueError):
            self._problems.append("config key '%s' = %r is not an integer" % (key, config[key]))
            return default
        if v < 1:
            self._problems.append("config key '%s' = %d must be at least 1" % (key, v))
        return v

    def _choice(self, config, key, default, allowed, translate=None):
        v = str(config.get(key, default))
        n = v.strip().lower()
        n = translate.get(n, n) if translate else n
        if n not in allowed:
            self._problems.append("config key '%s' = \"%s\" is not one of %s" % (key, v, _jlist(allowed)))
            return None
        return n

    def _metric(self, config, key, default):
        if key not in config and default is None:
            self._problems.append("missing required config key '%s'" % key)
            return None
        v = str(config.get(key, default)).strip()
        if v not in METRICS:
            self._problems.append("config key '%s' = \"%s\" is not a valuation metric; known: %s" % (key, v, _jlist(METRICS)))
            return None
        return v


class SolverEngine(ICalcEngine):
    def __init__(self):
        self.settings = None
        self.evaluator = None

    def get_info(self):
        return EngineInfo(name="Python Solver Engine", version="0.1.0", engine_type="python_solver",
                          supports_assumptions_manager=False, max_buffer_size=100_000_000 * 16)

    def set_evaluator(self, evaluate):
        self.evaluator = evaluate

    def initialize(self, config, credentials=None):
        self.settings = Settings(config)
        if self.settings.use_scipy:
            scipy_optimize()  # the import (about 0.3 s) is not part of the solve's time limit

    def output_records(self, port, inputs):
        return 1

    def runChunk(self, input_buffer, output_buffer):
        s = self.settings
        if s is None:
            raise ExecutionError("engine not initialized")
        if input_buffer is None or len(input_buffer) == 0:
            raise ExecutionError("input 'scenario_totals' is empty")
        result = Search(s, self.evaluator).run()
        result["message"] += " (baseline %s %r)" % (s.metric, baseline_metric(input_buffer["npv"], s.metric))
        rec = output_buffer[0]
        for name in PARAMETERS:
            rec[name] = result["parameters"].get(name, float("nan"))
        rec["objective"] = result["objective"]
        rec["iterations"] = result["iterations"]
        rec["evaluations"] = result["evaluations"]
        rec["flags"] = (1 if result["converged"] else 0) | (2 if result["partial_result"] else 0)
        rec["reserved"] = 0
        success = result["converged"] or result["partial_result"]
        out = {"rows_processed": result["evaluations"], "bytes_written": output_buffer.dtype.itemsize,
               "warnings": [], "report": result, "success": success,
               "partial": result["partial_result"] and not result["converged"]}
        if not success:
            out["error_message"] = result["message"]
        elif out["partial"]:
            out["partial_reason"] = result["message"]
        return out

    def dispose(self):
        self.settings = None

    @property
    def is_initialized(self):
        return self.settings is not None


def scipy_optimize():
    """``scipy.optimize``, or None when scipy is not importable."""
    try:
        import scipy.optimize as optimize
        return optimize
    except ImportError:
        return None


def baseline_metric(npv, metric):
    """A metric of scenario NPVs, as the Java ValuationResult computes it (population std_dev, linearly
    interpolated percentiles, cte_95 the mean of the worst 5%)."""
    v = np.sort(np.asarray(npv, dtype=float))
    if metric == "mean_npv":
        return float(v.mean())
    if metric == "std_dev":
        return float(v.std())
    if metric == "cte_95":
        return float(v[:max(1, int(math.ceil(0.05 * len(v))))].mean())
    return float(np.percentile(v, float(metric[1:])))


class Search:
    """One solve: runs the configured algorithm over the evaluator, records every valuation, keeps the best
    point and turns every way of stopping into a result dict."""

    def __init__(self, settings, evaluator, clock=time.perf_counter):
        s = self.s = settings
        self.scipy = scipy_optimize() if s.use_scipy else None  # imported before the clock starts
        self.evaluate_in_jvm = evaluator
        self.clock = clock
        self.started = clock()
        self.lower = np.array([p[2] for p in s.parameters])
        self.upper = np.array([p[3] for p in s.parameters])
        self.initial = np.array([p[1] for p in s.parameters])
        self.history = []
        self.best = None  # (feasible, rank, params, metric)
        self.scale = float("nan")
        self.iterations = 0
        self.last = None  # (clamped x, metrics): the optimiser and COBYLA's constraints ask for the same point
        self.note = ""

    # ---- evaluations ---------------------------------------------------------------------------

    def evaluate(self, x):
        """Every metric at x (clamped into the bounds): limits first, then the JVM, history and best point."""
        s = self.s
        x = np.minimum(self.upper, np.maximum(self.lower, np.asarray(x, dtype=float).reshape(-1)))
        if self.last is not None and np.array_equal(self.last[0], x):
            return self.last[1]
        if self.clock() - self.started >= s.timeout_seconds:
            raise _Stop("timeout after %r s (timeout_seconds)%s" % (s.timeout_seconds, BEST_SO_FAR), True, False)
        if len(self.history) >= s.max_evaluations:
            raise _Stop("evaluation limit (max_evaluations = %d) reached%s" % (s.max_evaluations, BEST_SO_FAR), True, False)
        if s.is_target() and len(s.parameters) == 1 and self.iterations > s.max_iterations:
            raise _Stop("iteration limit (max_iterations = %d) reached%s" % (s.max_iterations, BEST_SO_FAR), True, False)
        params = {p[0]: float(v) for p, v in zip(s.parameters, x)}
        metrics = {k: float(v) for k, v in self.evaluate_in_jvm(params).items()}
        feasible = self.feasible(metrics)
        m = metrics[s.metric]
        self.history.append({"evaluation": len(self.history) + 1, "elapsed_ms": (self.clock() - self.started) * 1000,
                             "parameters": params, "objective": m, "metrics": metrics, "feasible": feasible})
        rank = abs(m - s.target) if s.is_target() and not s.constraints else self.score(metrics)
        b = self.best
        if b is None or (feasible and not b[0]) or (feasible == b[0] and rank < b[1]):
            self.best = (feasible, rank, params, m)
        self.last = (x, metrics)
        return metrics

    def feasible(self, metrics):
        s = self.s
        return all(c.violation(metrics[c.metric]) <= s.constraint_tolerance * max(1.0, abs(c.value)) for c in s.constraints)

    def objective(self, metrics):
        """The metric scaled by its first value (targets: the squared scaled residual); lower is better."""
        s = self.s
        m = metrics[s.metric]
        if math.isnan(self.scale):
            self.scale = max(1.0, abs(s.target if s.is_target() else m))
        if s.objective == "minimize":
            return m / self.scale
        if s.objective == "maximize":
            return -m / self.scale
        return ((m - s.target) / self.scale) ** 2

    def score(self, metrics):
        """Objective plus the exact penalty of the constraints."""
        p = 0.0
        for c in self.s.constraints:
            v = c.violation(metrics[c.metric]) / max(1.0, abs(c.value))
            p += 1e3 * v + 1e6 * v * v
        return self.objective(metrics) + p

    def penalised(self, x):
        """What the optimisers minimise: score at the clamped point plus the distance outside the bounds."""
        x = np.asarray(x, dtype=float).reshape(-1)
        outside = float(np.sum(np.abs(x - np.clip(x, self.lower, self.upper)) / (self.upper - self.lower)))
        return self.score(self.evaluate(x)) + 1e3 * outside + 1e6 * outside * outside

    # ---- the search ----------------------------------------------------------------------------

    def run(self):
        s = self.s
        try:
            if s.is_target() and len(s.parameters) == 1 and not s.constraints:
                self.solve_root()
                return self.result(False, False, "the solver stopped without meeting the tolerance")
            if len(s.parameters) == 1 and s.algorithm == "brent":
                self.minimise_scalar()
            elif s.algorithm == "bobyqa":
                self.bobyqa()
            else:
                self.nelder_mead()
            return self.converged()
        except _Stop as stop:
            return self.result(stop.converged, stop.partial, str(stop))
        except _Failure as failure:
            return self.result(False, False, str(failure))
        except ExecutionError as e:
            return self.result(False, False, "evaluation %d failed: %s" % (len(self.history) + 1, e))

    def solve_root(self):
        s = self.s
        _, x0, lo, hi = s.parameters[0]
        known = {}

        def residual(x):
            if x in known:
                return known[x]
            self.iterations += 1
            m = self.evaluate([x])[s.metric]
            r = m - s.target
            if abs(r) <= s.tolerance:
                raise _Stop("%s = %r meets the target %r within %r" % (s.metric, m, s.target, s.tolerance), False, True)
            known[x] = r
            return r

        xtol = 1e-12 * (hi - lo)
        if s.algorithm in ("secant", "newton"):
            if self.scipy is not None:
                self.scipy.root_scalar(residual, method="secant", x0=lo, x1=hi, xtol=xtol, maxiter=10 ** 6)
            else:
                secant(residual, lo, hi, xtol)
            return
        # Brent (as Hipparchus, from the initial point): initial, lower, then upper; bisection: lower, upper
        a, b = (lo, x0) if s.algorithm == "brent" else (lo, hi)
        if s.algorithm == "brent" and x0 not in (lo, hi):
            residual(x0)
            if (residual(lo) > 0) == (known[x0] > 0):
                a, b = x0, hi
        if (residual(a) > 0) == (residual(b) > 0):
            raise _Failure(self.no_bracket())
        if s.algorithm == "bisection":
            if self.scipy is not None:
                self.scipy.bisect(residual, a, b, xtol=xtol, maxiter=10 ** 6)
            else:
                bisection(residual, a, b, known[a], xtol)
        elif self.scipy is not None:
            self.scipy.brentq(residual, a, b, xtol=xtol, maxiter=10 ** 6)
        else:
            brent_root(residual, a, b, known[a], known[b], xtol)

    def no_bracket(self):
        s = self.s
        name, _, lo, hi = s.parameters[0]
        tried = "".join("%s %r -> %r; " % (name, e["parameters"][name], e["objective"]) for e in self.history)
        return ("no bracket: %s - target has the same sign over [%r, %r] (%starget %r); widen %s.lower/.upper or check the target"
                % (s.metric, lo, hi, tried, s.target, name))

    def minimise_scalar(self):
        s = self.s
        lo, hi = self.lower[0], self.upper[0]
        f = lambda x: self.penalised([x])
        if self.scipy is not None:
            r = self.scipy.minimize_scalar(f, bounds=(lo, hi), method="bounded",
                                           options={"xatol": 1e-10 * max(1.0, abs(hi)), "maxiter": s.max_iterations})
            if r.status == 1:
                self.iteration_limit()
        else:
            self.note = "golden-section search for Brent's minimiser"
            golden_section(f, lo, hi, 1e-10 * max(1.0, abs(hi)), s.max_iterations, self.iteration_limit)
        self.iterations = len(self.history)

    def nelder_mead(self):
        s = self.s
        steps = 0.1 * (self.upper - self.lower)
        simplex = [self.initial] + [self.initial + np.where(np.arange(len(steps)) == i, self.step(i, steps[i]), 0.0)
                                    for i in range(len(steps))]
        if self.scipy is not None:
            r = self.scipy.minimize(self.penalised, self.initial, method="Nelder-Mead",
                                    bounds=list(zip(self.lower, self.upper)),
                                    options={"initial_simplex": np.array(simplex), "maxiter": s.max_iterations,
                                             "maxfev": 10 ** 9, "xatol": 1e-8, "fatol": self.fatol()})
            self.iterations = int(r.nit)
            if r.status == 2 or (r.status == 1 and r.nit >= s.max_iterations):
                self.iteration_limit()
        else:
            nelder_mead(self, np.array(simplex), self.fatol(), s.max_iterations)

    def bobyqa(self):
        s = self.s
        bounds = list(zip(self.lower, self.upper))
        span = float(np.min(self.upper - self.lower))
        if self.scipy is None:
            self.note = "plain Nelder-Mead stands in for BOBYQA"
            self.nelder_mead()
        elif not s.constraints:
            self.note = "BOBYQA stand-in: scipy Powell, bounded"
            r = self.scipy.minimize(self.penalised, self.initial, method="Powell", bounds=bounds,
                                    options={"maxiter": s.max_iterations, "maxfev": 10 ** 9, "xtol": 1e-6 * span,
                                             "ftol": self.fatol()})
            self.iterations = int(r.nit)
            if r.status == 2:
                self.iteration_limit()
        else:
            self.note = "BOBYQA stand-in: scipy COBYLA with the constraints as inequality constraints"
            cons = []
            for c in s.constraints:
                scale = max(1.0, abs(c.value))
                if c.operator in (">=", "=="):
                    cons.append({"type": "ineq", "fun": lambda x, c=c, k=scale: (self.evaluate(x)[c.metric] - c.value) / k})
                if c.operator in ("<=", "=="):
                    cons.append({"type": "ineq", "fun": lambda x, c=c, k=scale: (c.value - self.evaluate(x)[c.metric]) / k})
            r = self.scipy.minimize(lambda x: self.objective(self.evaluate(x)), self.initial, method="COBYLA",
                                    bounds=bounds, constraints=cons,
                                    options={"rhobeg": 0.1 * span, "tol": 1e-6 * span, "maxiter": 10 ** 6,
                                             "catol": s.constraint_tolerance})
            self.iterations = len(self.history)

    def step(self, i, step):
        """The initial simplex steps up, or down when that would leave the bounds."""
        return step if self.initial[i] + step <= self.upper[i] else -step

    def fatol(self):
        """Function tolerance of the penalised objective: the tolerance on the scaled metric (targets: squared)."""
        s = self.s
        return (s.tolerance / max(1.0, abs(s.target))) ** 2 if s.is_target() else s.tolerance

    def iteration_limit(self):
        raise _Stop("iteration limit (max_iterations = %d) reached%s" % (self.s.max_iterations, BEST_SO_FAR), True, False)

    # ---- results -------------------------------------------------------------------------------

    def converged(self):
        s = self.s
        if self.best is None or not self.best[0]:
            return self.result(False, False, "%s finished but no evaluated point satisfies the constraints %s; returning the least "
                               "violating point" % (s.algorithm, _jlist(s.constraints)))
        return self.result(True, False, "%s converged: %s %s = %r%s" % (s.algorithm, s.objective, s.metric, self.best[3],
                                                                        " subject to " + _jlist(s.constraints) if s.constraints else ""))

    def result(self, converged, partial, message):
        s = self.s
        best_feasible = self.best is not None and self.best[0]
        if converged and not best_feasible:
            message += "; but constraints %s do not hold" % _jlist(s.constraints)
        message += " (scipy)" if self.scipy is not None else " (plain Python)"
        if self.note:
            message += " [%s]" % self.note
        return {"parameters": dict(self.best[2]) if self.best else {}, "objective": self.best[3] if self.best else float("nan"),
                "converged": converged and best_feasible, "iterations": max(self.iterations, 0),
                "evaluations": len(self.history), "history": self.history, "partial_result": partial, "message": message}


# ---- plain implementations (no scipy) ------------------------------------------------------------

def bisection(f, a, b, fa, xtol):
    while abs(b - a) > xtol:
        m = 0.5 * (a + b)
        fm = f(m)
        if (fm > 0) == (fa > 0):
            a, fa = m, fm
        else:
            b = m
    raise _Failure("bisection narrowed the bracket to %r without meeting the tolerance" % abs(b - a))


def secant(f, x0, x1, xtol):
    f0, f1 = f(x0), f(x1)
    while abs(x1 - x0) > xtol:
        if f1 == f0:
            raise _Failure("secant: the residual is flat (%r at %r and %r); try brent" % (f1, x0, x1))
        x0, f0, x1 = x1, f1, x1 - f1 * (x1 - x0) / (f1 - f0)
        f1 = f(x1)
    raise _Failure("secant steps shrank below %r without meeting the tolerance" % xtol)


def brent_root(f, a, b, fa, fb, xtol):
    """Brent's method (Brent 1973, as in Numerical Recipes zbrent); ends by f raising _Stop."""
    c, fc = a, fa
    d = e = b - a
    while True:
        if (fb > 0) == (fc > 0):
            c, fc = a, fa
            d = e = b - a
        if abs(fc) < abs(fb):
            a, b, c = b, c, b
            fa, fb, fc = fb, fc, fb
        tol = 2e-16 * abs(b) + 0.5 * xtol
        m = 0.5 * (c - b)
        if abs(m) <= tol:
            raise _Failure("brent narrowed the bracket to %r without meeting the tolerance" % abs(m))
        if abs(e) >= tol and abs(fa) > abs(fb):
            s = fb / fa
            if a == c:
                p, q = 2 * m * s, 1 - s
            else:
                q, r = fa / fc, fb / fc
                p = s * (2 * m * q * (q - r) - (b - a) * (r - 1))
                q = (q - 1) * (r - 1) * (s - 1)
            if p > 0:
                q = -q
            p = abs(p)
            if 2 * p < min(3 * m * q - abs(tol * q), abs(e * q)):
                e, d = d, p / q
            else:
                d = e = m
        else:
            d = e = m
        a, fa = b, fb
        b += d if abs(d) > tol else math.copysign(tol, m)
        fb = f(b)


def golden_section(f, a, b, xtol, max_iterations, on_limit):
    c, d = b - GOLDEN * (b - a), a + GOLDEN * (b - a)
    fc, fd = f(c), f(d)
    for _ in range(max_iterations):
        if abs(b - a) <= xtol:
            return
        if fc < fd:
            b, d, fd = d, c, fc
            c = b - GOLDEN * (b - a)
            fc = f(c)
        else:
            a, c, fc = c, d, fd
            d = a + GOLDEN * (b - a)
            fd = f(d)
    on_limit()


def nelder_mead(search, simplex, fatol, max_iterations, xatol=1e-8):
    """Nelder-Mead (standard coefficients) on search.penalised; counts search.iterations."""
    f = search.penalised
    values = np.array([f(x) for x in simplex])
    n = len(simplex) - 1
    for search.iterations in range(1, max_iterations + 1):
        order = np.argsort(values, kind="stable")
        simplex, values = simplex[order], values[order]
        if values[-1] - values[0] <= fatol and np.max(np.abs(simplex[1:] - simplex[0])) <= xatol:
            return
        centroid = simplex[:-1].mean(axis=0)
        reflect = centroid + (centroid - simplex[-1])
        fr = f(reflect)
        if fr < values[0]:
            expand = centroid + 2 * (centroid - simplex[-1])
            fe = f(expand)
            simplex[-1], values[-1] = (expand, fe) if fe < fr else (reflect, fr)
        elif fr < values[-2]:
            simplex[-1], values[-1] = reflect, fr
        else:
            toward = simplex[-1] if fr >= values[-1] else reflect  # inside or outside contraction
            contract = centroid + 0.5 * (toward - centroid)
            fc = f(contract)
            if fc < min(values[-1], fr):
                simplex[-1], values[-1] = contract, fc
            else:
                for i in range(1, n + 1):
                    simplex[i] = simplex[0] + 0.5 * (simplex[i] - simplex[0])
                    values[i] = f(simplex[i])
    search.iteration_limit()
