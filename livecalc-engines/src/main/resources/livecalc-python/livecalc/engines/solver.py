"""The Python solver (engine type ``python_solver``): the Java solver's objectives with scipy when it is
importable (``scipy.optimize.brentq``, ``minimize_scalar``, ``minimize(method="Nelder-Mead")``) and plain
Python otherwise (Brent's root finder, bisection, golden-section search, Nelder-Mead).

Each evaluation asks the JVM to re-run the projection at the given parameters (``set_evaluator``; the
bridge serves it with the orchestrator's ParameterEvaluator). The result has the Java SolverResult's shape:
parameters, objective, converged, iterations, evaluations, history, partial_result, message; the SOLUTION
record (56 bytes) is written in place.

Config keys: objective (npv_target | minimize | maximize), metric (mean_npv ...), target, tolerance,
parameters (comma-separated), <p>.initial / <p>.lower / <p>.upper, algorithm (brent | bisection |
nelder_mead), max_iterations 100, max_evaluations 200, timeout_seconds 300, use_scipy true (false forces
the plain implementations).
"""
import math
import time

from livecalc.calc_engine_interface import ConfigurationError, EngineInfo, ExecutionError, ICalcEngine

PARAMETERS = ["premium_rate", "mortality_multiplier", "lapse_multiplier", "expense_multiplier"]
METRICS = ["mean_npv", "std_dev", "cte_95", "p50", "p75", "p90", "p95", "p99"]
PLAIN = {"objective", "metric", "target", "tolerance", "algorithm", "parameters", "max_iterations",
         "max_evaluations", "timeout_seconds", "use_scipy"}
GOLDEN = (math.sqrt(5) - 1) / 2


class _Stop(Exception):
    """Ends a search early: converged (|f| within tolerance) or a limit reached."""

    def __init__(self, converged, reason):
        super().__init__(reason)
        self.converged = converged


def _flag(v):
    return v if isinstance(v, bool) else str(v).strip().lower() == "true"


class Settings:
    def __init__(self, config):
        problems = []
        names = [n.strip().lower() for n in str(config.get("parameters", "premium_rate")).split(",") if n.strip()]
        for n in names:
            if n not in PARAMETERS:
                problems.append("config key 'parameters' names '%s', not a parameter; known: %s" % (n, PARAMETERS))
        for k in config:
            head = k.split(".")[0]
            if k not in PLAIN and not (head in names and k.count(".") == 1 and k.split(".")[1] in ("initial", "lower", "upper")):
                problems.append("unknown config key '%s' (python_solver has no constraints; known: %s, <parameter>.initial|lower|upper)"
                                % (k, sorted(PLAIN)))
        self.objective = str(config.get("objective", "npv_target")).strip().lower()
        if self.objective not in ("npv_target", "minimize", "maximize"):
            problems.append("config key 'objective' = %r is not one of npv_target, minimize, maximize" % self.objective)
        self.metric = str(config.get("metric", "mean_npv")).strip()
        if self.metric not in METRICS:
            problems.append("config key 'metric' = %r is not a valuation metric; known: %s" % (self.metric, METRICS))
        self.target = float(config.get("target", 0.0)) if self.objective == "npv_target" else None
        if self.objective == "npv_target" and "target" not in config:
            problems.append("missing config key 'target' (objective npv_target)")
        default_tol = 1e-6 * max(1.0, abs(self.target)) if self.target is not None else 1e-8
        self.tolerance = float(config.get("tolerance", default_tol))
        self.algorithm = str(config.get("algorithm", "nelder_mead" if len(names) > 1 else "brent")).strip().lower()
        if self.algorithm not in ("brent", "bisection", "nelder_mead"):
            problems.append("config key 'algorithm' = %r is not one of brent, bisection, nelder_mead" % self.algorithm)
        if self.algorithm in ("brent", "bisection") and len(names) != 1:
            problems.append("config key 'algorithm' = %r tunes one parameter; %d are listed" % (self.algorithm, len(names)))
        if self.algorithm == "bisection" and self.objective != "npv_target":
            problems.append("config key 'algorithm' = 'bisection' finds roots: it needs objective 'npv_target'")
        self.max_iterations = int(config.get("max_iterations", 100))
        self.max_evaluations = int(config.get("max_evaluations", 200))
        self.timeout_seconds = float(config.get("timeout_seconds", 300))
        self.use_scipy = _flag(config.get("use_scipy", True))
        self.parameters = []
        for n in names:
            try:
                lo, hi = float(config[n + ".lower"]), float(config[n + ".upper"])
            except KeyError as e:
                problems.append("missing config key '%s'" % e.args[0])
                continue
            x0 = float(config.get(n + ".initial", 1.0 if lo <= 1.0 <= hi else 0.5 * (lo + hi)))
            if not (0 < lo < hi) or not (lo <= x0 <= hi):
                problems.append("parameter '%s': need 0 < lower < upper and initial inside, got %r, %r, %r" % (n, lo, hi, x0))
            self.parameters.append((n, x0, lo, hi))
        if problems:
            raise ConfigurationError("; ".join(problems))


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

    def output_records(self, port, inputs):
        return 1

    def runChunk(self, input_buffer, output_buffer):
        s = self.settings
        if s is None:
            raise ExecutionError("engine not initialized")
        if input_buffer is None or len(input_buffer) == 0:
            raise ExecutionError("input 'scenario_totals' is empty")
        baseline = float(input_buffer["npv"].mean()) if s.metric == "mean_npv" else None
        search = Search(s, self.evaluator)
        result = search.run()
        if baseline is not None:
            result["message"] += " (baseline mean_npv %r)" % baseline
        rec = output_buffer[0]
        for name in PARAMETERS:
            rec[name] = result["parameters"].get(name, float("nan"))
        rec["objective"] = result["objective"]
        rec["iterations"] = result["iterations"]
        rec["evaluations"] = result["evaluations"]
        rec["flags"] = (1 if result["converged"] else 0) | (2 if result["partial_result"] else 0)
        rec["reserved"] = 0
        out = {"rows_processed": result["evaluations"], "bytes_written": output_buffer.dtype.itemsize,
               "warnings": [], "report": result, "success": result["converged"] or result["partial_result"],
               "partial": result["partial_result"] and not result["converged"]}
        if not out["success"]:
            out["error_message"] = result["message"]
        elif out["partial"]:
            out["partial_reason"] = result["message"]
        return out

    def dispose(self):
        self.settings = None

    @property
    def is_initialized(self):
        return self.settings is not None


class Search:
    def __init__(self, settings, evaluator):
        self.s = settings
        self.evaluate_in_jvm = evaluator
        self.history = []
        self.best = None
        self.iterations = 0
        self.started = time.perf_counter()
        self.scipy = None
        if settings.use_scipy:
            try:
                import scipy.optimize as optimize
                self.scipy = optimize
            except ImportError:
                pass

    # ---- evaluations ---------------------------------------------------------------------------

    def value(self, x):
        """The metric at parameter vector x; records history and the best point; stops at the limits."""
        s = self.s
        if len(self.history) >= s.max_evaluations:
            raise _Stop(False, "evaluation limit of %d reached" % s.max_evaluations)
        if time.perf_counter() - self.started > s.timeout_seconds:
            raise _Stop(False, "timeout of %g s reached" % s.timeout_seconds)
        params = {p[0]: min(max(float(v), p[2]), p[3]) for p, v in zip(s.parameters, x)}
        metrics = self.evaluate_in_jvm(params)
        m = float(metrics[s.metric])
        self.history.append({"evaluation": len(self.history) + 1, "elapsed_ms": (time.perf_counter() - self.started) * 1000,
                             "parameters": params, "objective": m, "metrics": metrics, "feasible": True})
        score = abs(m - s.target) if s.objective == "npv_target" else (m if s.objective == "minimize" else -m)
        if self.best is None or score < self.best[0]:
            self.best = (score, params, m)
        return m

    def root_function(self, x):
        self.iterations += 1
        f = self.value([x]) - self.s.target
        if abs(f) <= self.s.tolerance:
            raise _Stop(True, "converged: |%s - target| = %g <= tolerance %g" % (self.s.metric, abs(f), self.s.tolerance))
        if self.iterations >= self.s.max_iterations:
            raise _Stop(False, "iteration limit of %d reached" % self.s.max_iterations)
        return f

    def score(self, x):
        self.iterations += 1
        m = self.value(x)
        return m if self.s.objective == "minimize" else -m

    # ---- the search ----------------------------------------------------------------------------

    def run(self):
        s = self.s
        converged, partial, message = False, False, ""
        try:
            if s.objective == "npv_target" and s.algorithm in ("brent", "bisection"):
                _, _, lo, hi = s.parameters[0]
                fa, fb = self.root_function(lo), self.root_function(hi)
                if fa * fb > 0:
                    raise ExecutionError("no bracket: %s - target is %g at %s = %g and %g at %g (same sign)"
                                         % (s.metric, fa, s.parameters[0][0], lo, fb, hi))
                if s.algorithm == "bisection":
                    bisection(self.root_function, lo, hi, fa, fb)
                elif self.scipy is not None:
                    self.scipy.brentq(self.root_function, lo, hi, xtol=1e-14, maxiter=s.max_iterations)
                else:
                    brent_root(self.root_function, lo, hi, fa, fb)
                message = "root finder ended without meeting the tolerance"
            elif len(s.parameters) == 1 and s.algorithm == "brent":
                _, x0, lo, hi = s.parameters[0]
                if self.scipy is not None:
                    r = self.scipy.minimize_scalar(lambda x: self.score([x]), bounds=(lo, hi), method="bounded",
                                                   options={"xatol": s.tolerance, "maxiter": s.max_iterations})
                    converged = bool(r.success)
                else:
                    golden_section(lambda x: self.score([x]), lo, hi, s.tolerance)
                    converged = True
                message = "converged: bounded scalar search" if converged else "bounded scalar search did not converge"
            else:
                x0 = [p[1] for p in s.parameters]
                if self.scipy is not None:
                    r = self.scipy.minimize(self.score, x0, method="Nelder-Mead", bounds=[(p[2], p[3]) for p in s.parameters],
                                            options={"xatol": s.tolerance, "fatol": s.tolerance, "maxiter": s.max_iterations})
                    converged = bool(r.success)
                else:
                    nelder_mead(self.score, x0, [p[3] - p[2] for p in s.parameters], s.tolerance, s.max_iterations)
                    converged = True
                message = "converged: Nelder-Mead" if converged else "Nelder-Mead did not converge"
        except _Stop as stop:
            converged, message = stop.converged, str(stop)
            partial = not stop.converged
        except ExecutionError as e:
            message = str(e)  # no bracket: a failed result that still carries the history
        if s.objective == "npv_target" and not converged and self.best is not None and self.best[0] <= s.tolerance:
            converged = True
        params, objective = (self.best[1], self.best[2]) if self.best else ({p[0]: p[1] for p in s.parameters}, float("nan"))
        return {"parameters": params, "objective": objective, "converged": converged,
                "iterations": self.iterations, "evaluations": len(self.history), "history": self.history,
                "partial_result": partial, "message": message + (" (scipy)" if self.scipy is not None else " (plain Python)")}


def bisection(f, a, b, fa, fb):
    while True:
        m = 0.5 * (a + b)
        fm = f(m)
        if (fm < 0) == (fa < 0):
            a, fa = m, fm
        else:
            b, fb = m, fm


def brent_root(f, a, b, fa, fb):
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
        tol = 2e-16 * abs(b) + 1e-15
        m = 0.5 * (c - b)
        if abs(m) <= tol:
            raise _Stop(False, "bracket narrowed to %g without meeting the tolerance" % abs(m))
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


def golden_section(f, a, b, tol):
    c, d = b - GOLDEN * (b - a), a + GOLDEN * (b - a)
    fc, fd = f(c), f(d)
    while abs(b - a) > tol * max(1.0, abs(c) + abs(d)):
        if fc < fd:
            b, d, fd = d, c, fc
            c = b - GOLDEN * (b - a)
            fc = f(c)
        else:
            a, c, fc = c, d, fd
            d = a + GOLDEN * (b - a)
            fd = f(d)


def nelder_mead(f, x0, spans, tol, max_iterations):
    n = len(x0)
    simplex = [list(x0)] + [[x0[j] + (0.05 * spans[i] if i == j else 0) for j in range(n)] for i in range(n)]
    values = [f(x) for x in simplex]
    for _ in range(max_iterations):
        order = sorted(range(n + 1), key=lambda i: values[i])
        simplex, values = [simplex[i] for i in order], [values[i] for i in order]
        if abs(values[-1] - values[0]) <= tol * max(1.0, abs(values[0])):
            return
        centroid = [sum(x[j] for x in simplex[:-1]) / n for j in range(n)]
        reflect = [centroid[j] + (centroid[j] - simplex[-1][j]) for j in range(n)]
        fr = f(reflect)
        if fr < values[0]:
            expand = [centroid[j] + 2 * (centroid[j] - simplex[-1][j]) for j in range(n)]
            fe = f(expand)
            simplex[-1], values[-1] = (expand, fe) if fe < fr else (reflect, fr)
        elif fr < values[-2]:
            simplex[-1], values[-1] = reflect, fr
        else:
            contract = [centroid[j] + 0.5 * (simplex[-1][j] - centroid[j]) for j in range(n)]
            fc = f(contract)
            if fc < values[-1]:
                simplex[-1], values[-1] = contract, fc
            else:
                for i in range(1, n + 1):
                    simplex[i] = [simplex[0][j] + 0.5 * (simplex[i][j] - simplex[0][j]) for j in range(n)]
                    values[i] = f(simplex[i])
    raise _Stop(False, "iteration limit of %d reached" % max_iterations)
