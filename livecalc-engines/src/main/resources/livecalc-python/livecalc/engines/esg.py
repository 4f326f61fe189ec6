"""The Python ESG (engine type ``python_esg``): SCENARIO records written in place, with numpy.

Models (config ``model``, alias ``esg_model``):

* ``nested`` - the original Python ESG's outer/inner model, reproducing its output bit for bit: ten
  deterministic outer paths, inner paths r = max(0.001, r + a (outer - r) + sigma Z) with Z drawn from
  ``numpy.random.RandomState(hash((o, i, seed)) % 2**31)`` per inner path, rates stored as float32.
  Keys: outer_paths 10 (3..10), inner_paths_per_outer 100 (100..10000), projection_years 50 (1..100),
  initial_rate 0.03, drift 0.0, mean_reversion 0.1, volatility 0.01, seed 42.
  Scenario id = outer * stride + inner, stride = max(1000, smallest power of 10 >= inner).
* ``vasicek`` - dr = a (b - r) dt + sigma dW with the exact transition; year y holds the short rate at
  time y - 1. Keys: initial_rate 0.03, mean_reversion 0.10, long_term_rate 0.05, volatility 0.01,
  num_scenarios 1000, projection_years 50 (1..1000), dt 1 (1/n year), seed 42 (numpy PCG64).
"""
import math
import time

import numpy as np

from livecalc.calc_engine_interface import ConfigurationError, EngineInfo, ExecutionError, ICalcEngine

# assumptions_version: the original ESG's version of its AM yield-curve table; accepted, the outer paths are
# its built-in ones (which the original uses whenever it has no Assumptions Manager client).
COMMON = {"model", "esg_model", "projection_years", "seed", "threads", "assumptions_version"}
# The original ESG's esg_model values: it generates its nested outer/inner paths for both.
ORIGINAL_MODELS = {"vasicek", "cir"}
KEYS = {
    "nested": {"outer_paths", "inner_paths_per_outer", "initial_rate", "drift", "mean_reversion", "volatility"},
    "vasicek": {"initial_rate", "mean_reversion", "long_term_rate", "volatility", "num_scenarios", "dt"},
}


def outer_paths(years, base=0.03, drift=0.0):
    """The original ESG's ten deterministic outer paths, float64, shape (10, years)."""
    y = np.arange(years, dtype=np.float64)
    half = years // 2
    paths = np.empty((10, years))
    paths[0] = base
    paths[1] = base + 0.01 * y
    paths[2] = np.maximum(0.001, base - 0.005 * y)
    r = base
    for t in range(years):
        r += 0.1 * ((base + 0.01) - r)
        paths[3, t] = r
    paths[4] = [base - 0.005 * t if t < half else base - 0.005 * half + 0.01 * (t - half) for t in range(years)]
    paths[5] = base - 0.01 + 0.002 * y
    r = base
    for t in range(years):
        r += drift
        paths[6, t] = max(0.001, r)
    paths[7] = base + 0.02 * y
    paths[8] = np.maximum(0.001, base - 0.003 * y)
    paths[9] = [base + 0.02 * np.sin(0.5 * t) for t in range(years)]  # numpy scalar sin, as the original
    return paths


class Settings:
    def __init__(self, config):
        problems = []
        self.problems = problems
        self.config = config
        esg_model = config.get("esg_model")
        original_defaults = esg_model is not None and str(esg_model).strip().lower() in ORIGINAL_MODELS
        if original_defaults:
            esg_model = "nested"  # the original's meaning, and its defaults below (the Java ESG reads it the same way)
        model = config.get("model", esg_model)
        if "model" in config and esg_model is not None and str(model).strip().lower() != str(esg_model).strip().lower():
            raise ConfigurationError("config keys 'model' = %r and 'esg_model' = %r disagree (esg_model 'vasicek' or 'cir' is "
                                     "the original ESG's nested model); give one" % (model, config.get("esg_model")))
        if model is None:
            raise ConfigurationError("missing config key 'model' (alias 'esg_model'): one of %s" % sorted(KEYS))
        self.model = str(model).strip().lower()
        if self.model not in KEYS:
            raise ConfigurationError("config key 'model' = %r is not a model of python_esg; known: %s" % (model, sorted(KEYS)))
        unknown = sorted(set(config) - COMMON - KEYS[self.model])
        if unknown:
            problems.append("config keys %s do not apply to model '%s' (its keys: %s and %s)"
                            % (unknown, self.model, sorted(KEYS[self.model]), sorted(COMMON)))
        self.seed = self.integer("seed", 42, 0, 2 ** 63 - 1)
        self.initial_rate = self.number("initial_rate", 0.03)
        self.volatility = self.number("volatility", 0.01)
        if self.volatility < 0:
            problems.append("config key 'volatility' = %r must not be negative" % self.volatility)
        if self.model == "nested":
            self.outer = self.integer("outer_paths", 3 if original_defaults else 10, 3, 10)
            self.inner = self.integer("inner_paths_per_outer", 1000 if original_defaults else 100, 100, 10000)
            self.years = self.integer("projection_years", 50, 1, 100)
            self.drift = self.number("drift", 0.0)
            self.mean_reversion = self.number("mean_reversion", 0.1)
            self.stride = 1000
            while self.stride < self.inner:
                self.stride *= 10
            self.scenarios = self.outer * self.inner
        else:
            self.mean_reversion = self.number("mean_reversion", 0.10)
            if not self.mean_reversion > 0:
                problems.append("config key 'mean_reversion' = %r must be > 0" % self.mean_reversion)
            self.long_term_rate = self.number("long_term_rate", 0.05)
            self.scenarios = self.integer("num_scenarios", 1000, 1, 2 ** 31 - 1)
            self.years = self.integer("projection_years", 50, 1, 1000)
            dt = self.number("dt", 1.0)
            steps = round(1.0 / dt) if dt > 0 else 0
            if not (0 < dt <= 1) or abs(1.0 / dt - steps) > 1e-9 * steps:
                problems.append("config key 'dt' = %r must be 1/n of a year for a whole n" % dt)
            self.steps_per_year = max(1, steps)
        if problems:
            raise ConfigurationError("; ".join(problems))

    def number(self, key, default):
        v = self.config.get(key, default)
        try:
            f = float(v)
            if math.isfinite(f):
                return f
        except (TypeError, ValueError):
            pass
        self.problems.append("config key '%s' = %r is not a finite number" % (key, v))
        return default

    def integer(self, key, default, lo, hi):
        v = self.config.get(key, default)
        try:
            f = float(v)
            if f == int(f) and lo <= int(f) <= hi:
                return int(f)
        except (TypeError, ValueError, OverflowError):
            pass
        self.problems.append("config key '%s' = %r is not an integer in %d..%d" % (key, v, lo, hi))
        return default

    def records(self):
        return self.scenarios * self.years


class EsgEngine(ICalcEngine):
    """numpy ESG: ``nested`` (the original, bit for bit) and ``vasicek`` (exact transition)."""

    def __init__(self):
        self.settings = None

    def get_info(self):
        return EngineInfo(name="Python ESG Engine", version="0.1.0", engine_type="python_esg",
                          supports_assumptions_manager=False, max_buffer_size=100_000_000 * 16)

    def initialize(self, config, credentials=None):
        self.settings = Settings(config)

    def output_records(self, port, inputs):
        return self.settings.records()

    def runChunk(self, input_buffer, output_buffer):
        s = self.settings
        if s is None:
            raise ExecutionError("engine not initialized")
        start = time.perf_counter()
        n = s.records()
        if len(output_buffer) < n:
            raise ExecutionError("output 'scenarios' too small: needs %d SCENARIO records (%d scenarios x %d years), given %d"
                                 % (n, s.scenarios, s.years, len(output_buffer)))
        rates = self.nested(s) if s.model == "nested" else self.vasicek(s)
        out = output_buffer[:n]
        out["scenario_id"] = np.repeat(self.ids(s), s.years)
        out["year"] = np.tile(np.arange(1, s.years + 1, dtype=np.uint32), s.scenarios)
        out["rate"] = rates.reshape(-1)
        return {"execution_time_ms": (time.perf_counter() - start) * 1000, "rows_processed": n, "bytes_written": n * 16,
                "warnings": []}

    @staticmethod
    def ids(s):
        if s.model == "nested":
            return (np.arange(s.outer, dtype=np.uint64)[:, None] * s.stride + np.arange(s.inner, dtype=np.uint64)).reshape(-1)
        return np.arange(s.scenarios, dtype=np.uint64)

    @staticmethod
    def nested(s):
        """Rates (scenarios, years) as the original computed them: float64 steps, stored as float32."""
        outer = outer_paths(s.years, s.initial_rate, s.drift)
        rates = np.empty((s.outer, s.inner, s.years), dtype=np.float32)
        for o in range(s.outer):
            z = np.empty((s.inner, max(0, s.years - 1)))
            for i in range(s.inner):
                z[i] = np.random.RandomState(hash((o, i, s.seed)) % 2 ** 31).normal(0, 1, size=s.years - 1)
            r = np.full(s.inner, outer[o, 0])
            rates[o, :, 0] = r
            for y in range(1, s.years):
                r = np.maximum(0.001, r + s.mean_reversion * (outer[o, y] - r) + s.volatility * z[:, y - 1])
                rates[o, :, y] = r
        return rates.reshape(s.scenarios, s.years).astype(np.float64)

    @staticmethod
    def vasicek(s):
        a, b, sigma = s.mean_reversion, s.long_term_rate, s.volatility
        dt = 1.0 / s.steps_per_year
        decay = math.exp(-a * dt)
        sd = sigma * math.sqrt((1 - math.exp(-2 * a * dt)) / (2 * a))
        rng = np.random.default_rng(s.seed)
        rates = np.empty((s.scenarios, s.years))
        r = np.full(s.scenarios, s.initial_rate)
        rates[:, 0] = r
        for y in range(1, s.years):
            for _ in range(s.steps_per_year):
                r = b + (r - b) * decay + sd * rng.standard_normal(s.scenarios)
            rates[:, y] = r
        return rates

    def dispose(self):
        self.settings = None

    @property
    def is_initialized(self):
        return self.settings is not None
