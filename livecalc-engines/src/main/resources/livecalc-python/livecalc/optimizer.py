"""Runs a class written against the original system's Python solver interface (``initialize``, ``get_info``,
``optimize(projection_callback, initial_parameters)``, ``dispose``, ``is_initialized``; no ``runChunk``) as an
ICalcEngine, so that the original ``SolverEngine`` runs as engine type ``python`` with its own configuration.

Each call of its projection callback values the portfolio in the JVM (the worker's evaluator) and answers
with what the original's ``ValuationResult`` holds: ``mean_npv``, ``std_dev``, ``cte_95`` and
``percentiles``. The result is written, in place, as the SOLUTION record of the output and reported in the
Java solver's shape.
"""

INTERFACE = ("initialize", "get_info", "optimize", "dispose", "is_initialized")


def is_optimizer(cls):
    """Whether ``cls`` has the original solver's interface instead of runChunk."""
    return isinstance(cls, type) and not hasattr(cls, "runChunk") and all(hasattr(cls, m) for m in INTERFACE)


class Valuation:
    """The original's ValuationResult: the metrics as attributes, the percentiles also in a dict."""

    def __init__(self, metrics):
        for name, value in metrics.items():
            setattr(self, name, float(value))
        self.percentiles = {k: float(v) for k, v in metrics.items() if k.startswith("p") and k[1:].isdigit()}


class OptimizerEngine:
    def __init__(self, engine, evaluate):
        self.engine = engine
        self.evaluate = evaluate

    def initialize(self, config, credentials=None):
        self.engine.initialize(config, credentials)

    def get_info(self):
        return self.engine.get_info()

    def output_records(self, port, inputs):
        return 1  # one SOLUTION record

    def runChunk(self, input_buffer, output_buffer):
        evaluations = [0]

        def projection(parameters):
            evaluations[0] += 1
            return Valuation(self.evaluate(parameters))

        r = self.engine.optimize(projection)
        parameters = {k: float(v) for k, v in dict(r.final_parameters).items()}
        converged, partial = bool(r.converged), bool(getattr(r, "partial_result", False))
        rec = output_buffer[0]
        for name in rec.dtype.names:
            if name not in ("objective", "iterations", "evaluations", "flags", "reserved"):
                rec[name] = parameters.get(name, float("nan"))
        rec["objective"] = float(r.objective_value)
        rec["iterations"] = int(r.iterations)
        rec["evaluations"] = evaluations[0]
        rec["flags"] = (1 if converged else 0) | (2 if partial else 0)
        rec["reserved"] = 0
        violations = dict(getattr(r, "constraint_violations", {}) or {})
        message = "%s after %d iterations%s" % ("converged" if converged else "did not converge", int(r.iterations),
                                                 "; constraint violations %s" % violations if violations else "")
        report = {"parameters": parameters, "objective": float(r.objective_value), "converged": converged,
                  "iterations": int(r.iterations), "evaluations": evaluations[0], "partial_result": partial, "message": message}
        out = {"rows_processed": evaluations[0], "bytes_written": output_buffer.dtype.itemsize, "report": report,
               "success": converged or partial, "partial": partial and not converged}
        if not out["success"]:
            out["error_message"] = message
        return out

    def dispose(self):
        self.engine.dispose()

    @property
    def is_initialized(self):
        v = self.engine.is_initialized
        return bool(v() if callable(v) else v)
