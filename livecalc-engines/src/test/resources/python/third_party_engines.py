"""Engines written only against the seed's Python interface (``from calc_engine_interface import ...``),
plus misbehaving ones for the bridge's failure tests."""
import os
import sys
import time

import numpy as np
from calc_engine_interface import ConfigurationError, EngineInfo, ExecutionError, ICalcEngine


class ScenarioShock(ICalcEngine):
    """Adds config 'spread' to every rate of the input scenarios; prints to stdout on purpose."""

    def __init__(self):
        self._initialized = False
        self.spread = 0.0

    def initialize(self, config, credentials=None):
        if "spread" not in config:
            raise ConfigurationError("Missing spread")
        self.spread = float(config["spread"])
        self._initialized = True

    def get_info(self):
        return EngineInfo(name="Scenario shock", version="1.0.0", engine_type="custom", supports_assumptions_manager=False)

    def runChunk(self, input_buffer, output_buffer):
        if not self._initialized:
            raise ExecutionError("Engine not initialized")
        start = time.time()
        print("shocking", len(input_buffer), "rows")  # must not corrupt the control channel
        output_buffer["scenario_id"] = input_buffer["scenario_id"]
        output_buffer["year"] = input_buffer["year"]
        output_buffer["rate"] = input_buffer["rate"] + self.spread
        return {"execution_time_ms": (time.time() - start) * 1000, "rows_processed": len(input_buffer), "warnings": []}

    def dispose(self):
        self._initialized = False

    @property
    def is_initialized(self):
        return self._initialized


class Misbehaving(ScenarioShock):
    """config 'mode': exit, segfault, hang, raise, value_error, fail_once (crashes on the first run of each process
    whose marker file does not exist yet)."""

    def initialize(self, config, credentials=None):
        self.mode = config.get("mode", "none")
        self.marker = config.get("marker")
        if "pidfile" in config:
            with open(config["pidfile"], "a") as f:
                f.write("%d\n" % os.getpid())
        if self.mode == "bad_config":
            raise ConfigurationError("spread must be positive, got -1")
        self._initialized = True
        self.spread = 0.0

    def runChunk(self, input_buffer, output_buffer):
        if self.mode == "exit":
            sys.stderr.write("about to exit with 3\n")
            sys.exit(3)
        if self.mode == "segfault":
            sys.stderr.write("about to segfault\n")
            sys.stderr.flush()
            import ctypes
            ctypes.string_at(0)
        if self.mode == "hang":
            while True:
                time.sleep(0.01)
        if self.mode == "raise":
            return self.deep(3)
        if self.mode == "fail_once" and not os.path.exists(self.marker):
            open(self.marker, "w").close()
            os._exit(9)
        return super().runChunk(input_buffer, output_buffer)

    def deep(self, n):
        if n == 0:
            raise ValueError("rates must be finite")
        return self.deep(n - 1)


class NotAnEngine:
    def initialize(self, config, credentials=None):
        pass


class LayoutEcho(ScenarioShock):
    """Writes every field of every record type from the dtypes (checked from Java with the record classes);
    inputs/outputs are dicts when several ports are connected."""

    def runChunk(self, inputs, outputs):
        for port, a in outputs.items():
            for i, name in enumerate(a.dtype.names):
                a[name] = np.arange(len(a)) + i + 1 if a.dtype[name].kind == "u" else (np.arange(len(a)) + i + 1) * 0.5
        return {"rows_processed": sum(len(v) for v in inputs.values())}


class FlatRates(ICalcEngine):
    """A generator that fills whatever output it is given and says neither its size nor what it expects."""

    def initialize(self, config, credentials=None):
        self.rate = float(config.get("rate", 0.02))

    def get_info(self):
        return EngineInfo(name="Flat rates", version="1.0.0", engine_type="esg", supports_assumptions_manager=False)

    def runChunk(self, input_buffer, output_buffer):
        output_buffer["rate"] = self.rate
        return {"rows_processed": len(output_buffer)}

    def dispose(self):
        pass

    def is_initialized(self):
        return True
