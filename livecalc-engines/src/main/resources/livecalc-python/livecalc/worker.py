"""Hosts one ICalcEngine for the JVM (``python -m livecalc.worker``), one request at a time.

Control channel: the process's original stdin/stdout, one JSON object per line. At start-up the worker
moves them to private descriptors and points fd 0 at /dev/null and fd 1 at stderr, so nothing the engine
prints (Python or C) can corrupt the channel; the JVM captures stderr for diagnostics.

Buffers never cross the channel: a request names the shared-memory file, offset and length of each port,
and the worker hands the engine numpy structured arrays over the very same pages (``np.frombuffer`` on an
``mmap``). The record dtypes are built from the layouts the JVM sends (the Java record layouts are the one
source of truth) and checked against them.

The worker dies with the JVM: PR_SET_PDEATHSIG (Linux) plus a watchdog on the parent pid, and it exits on
EOF of the control channel.
"""
import importlib
import importlib.util
import json
import mmap
import os
import re
import signal
import sys
import threading
import time
import traceback

INTERFACE = ("initialize", "get_info", "runChunk", "dispose", "is_initialized")
# What the original engines' shape checks say: "Expected (50000,), got (0,)"
EXPECTED_SHAPE = re.compile(r"[Ee]xpected:? \((\d+),\)")


def _private_channel():
    cin = os.dup(0)
    cout = os.dup(1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    try:
        sys.stdout.reconfigure(line_buffering=True)
    except (AttributeError, ValueError):
        pass
    return os.fdopen(cin, "rb", buffering=1 << 16), cout


def _die_with_parent():
    parent = os.getppid()
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the watchdog below still ends the worker
    if os.getppid() != parent:
        os._exit(70)

    def watch():
        while True:
            time.sleep(0.25)
            if os.getppid() != parent:
                os._exit(70)

    threading.Thread(target=watch, name="livecalc-parent-watchdog", daemon=True).start()


def _json_default(o):
    if hasattr(o, "item"):
        return o.item()
    if hasattr(o, "tolist"):
        return o.tolist()
    if hasattr(o, "__dict__"):
        return vars(o)
    return str(o)


class Channel:
    def __init__(self, cin, cout):
        self.cin = cin
        self.cout = cout

    def send(self, obj):
        data = (json.dumps(obj, default=_json_default, allow_nan=True) + "\n").encode()
        view = memoryview(data)
        while view:
            n = os.write(self.cout, view)
            view = view[n:]

    def receive(self):
        line = self.cin.readline()
        if not line:
            os._exit(0)  # the JVM closed the channel (or died)
        return json.loads(line)


def error_of(e, kind=None):
    tb = e.__traceback__
    while tb is not None and tb.tb_next is not None and tb.tb_frame.f_code.co_filename == __file__:
        tb = tb.tb_next  # the engine's frames, not the worker's
    return {"ok": False, "error": {
        "type": type(e).__name__,
        "module": type(e).__module__,
        "bases": [c.__name__ for c in type(e).__mro__],
        "kind": kind,
        "message": str(e),
        "traceback": "".join(traceback.format_exception(type(e), e, tb)),
        "frames": [[f.filename, f.lineno or 0, f.name] for f in traceback.extract_tb(tb)],
        "filename": getattr(e, "filename", None) if isinstance(e, OSError) else None,
    }}


class LoadError(Exception):
    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind


class Host:
    def __init__(self, np, channel):
        self.np = np
        self.channel = channel
        self.engine = None
        self.dtypes = {}
        self.raw = False
        self.maps = {}

    # ---- requests -------------------------------------------------------------------------------

    def handle(self, msg):
        op = msg["op"]
        if op == "ping":
            return {}
        if op == "load":
            return self.load(msg)
        if self.engine is None:
            raise RuntimeError("no engine loaded")
        if op == "initialize":
            self.engine.initialize(msg["config"], msg.get("credentials"))
            return {}
        if op == "run":
            return self.run(msg)
        if op == "output_records":
            f = getattr(self.engine, "output_records", None)
            if f is not None:
                return {"records": f(msg["port"], msg["inputs"])}
            return {"records": self.probe_records(msg)}
        if op == "is_initialized":
            v = self.engine.is_initialized
            return {"value": bool(v() if callable(v) else v)}
        if op == "dispose":
            self.engine.dispose()
            self.close_maps(set())
            return {}
        raise ValueError("unknown request " + repr(op))

    def load(self, msg):
        for name, spec in msg["layouts"].items():
            self.dtypes[name] = self.dtype(name, spec)
        self.raw = msg.get("views") == "bytes"
        module_name, class_name, script = msg.get("module"), msg["class"], msg.get("script")
        try:
            if script:
                spec = importlib.util.spec_from_file_location(os.path.splitext(os.path.basename(script))[0], script)
                if spec is None:
                    raise LoadError("module_not_found", "cannot load script " + script)
                module = importlib.util.module_from_spec(spec)
                sys.modules[spec.name] = module
                spec.loader.exec_module(module)
            else:
                module = importlib.import_module(module_name)
        except ModuleNotFoundError as e:
            where = script or module_name
            if e.name and (module_name == e.name or (module_name or "").startswith(e.name + ".")):
                raise LoadError("module_not_found", "module '%s' not found on sys.path %s" % (e.name, sys.path)) from e
            raise LoadError("import_failed", "importing '%s' failed: %s" % (where, e)) from e
        except FileNotFoundError as e:
            raise LoadError("module_not_found", "script not found: %s" % script) from e
        cls = getattr(module, class_name, None)
        if cls is None:
            raise LoadError("class_not_found", "module '%s' has no class '%s' (it has: %s)" % (
                module.__name__, class_name, sorted(n for n in vars(module) if not n.startswith("_"))))
        from livecalc import optimizer
        missing = [m for m in INTERFACE if not hasattr(cls, m)]
        if optimizer.is_optimizer(cls):
            self.engine = optimizer.OptimizerEngine(cls(), self.evaluate)  # the original solver's interface
        elif not isinstance(cls, type) or missing:
            raise LoadError("not_an_engine", "%s.%s is not an ICalcEngine: missing %s (nor the original solver's %s)" % (
                module.__name__, class_name, missing or "a class", list(optimizer.INTERFACE)))
        else:
            self.engine = cls()
        if hasattr(self.engine, "set_evaluator"):
            self.engine.set_evaluator(self.evaluate)
        info = self.engine.get_info()
        info = info if isinstance(info, dict) else vars(info)
        return {"info": info, "pid": os.getpid()}

    def dtype(self, name, spec):
        np = self.np
        fields = spec["fields"]
        dt = np.dtype({"names": [f[0] for f in fields], "formats": [f[1] for f in fields],
                       "offsets": [f[2] for f in fields], "itemsize": spec["itemsize"]})
        for fname, fmt, offset in fields:
            got = dt.fields[fname]
            if got[1] != offset or got[0] != np.dtype(fmt):
                raise TypeError("record %s field %s: dtype %s at %d, layout %s at %d" % (name, fname, got[0], got[1], fmt, offset))
        if dt.itemsize != spec["itemsize"]:
            raise TypeError("record %s: dtype of %d bytes, layout of %d" % (name, dt.itemsize, spec["itemsize"]))
        return dt

    def run(self, msg):
        ins = {p: self.view(s) for p, s in msg["inputs"].items()}
        outs = {p: self.view(s) for p, s in msg["outputs"].items()}
        start = time.perf_counter()
        if msg.get("single", True):
            result = self.engine.runChunk(next(iter(ins.values())) if ins else None, next(iter(outs.values())))
        else:
            result = self.engine.runChunk(ins, outs)
        elapsed = (time.perf_counter() - start) * 1000.0
        written = sum(s["bytes"] for s in msg["outputs"].values())
        del ins, outs
        self.close_maps({s["file"] for s in list(msg["inputs"].values()) + list(msg["outputs"].values())})
        r = dict(result or {})
        r.setdefault("execution_time_ms", elapsed)
        r.setdefault("bytes_written", written)
        return {"result": r}

    def probe_records(self, msg):
        """The records an engine without output_records writes, from the size check of its runChunk.

        The original engines (e.g. its Python ESG) check the output array's shape before writing anything and
        say what they expect: "... shape mismatch. Expected (50000,), got (0,)". A generator (no inputs) is
        handed an empty array of the port's dtype once; the size its error names is the answer. Anything else
        (no such message, success on an empty array, inputs to feed) leaves the size unknown (None).
        """
        if msg["inputs"] or msg.get("type") not in self.dtypes:
            return None
        empty = self.np.zeros(0, dtype=self.dtypes[msg["type"]])
        try:
            if msg.get("single", True):
                self.engine.runChunk(None, empty)
            else:
                self.engine.runChunk({}, {msg["port"]: empty})
        except Exception as e:  # the engine's own error types: only its message matters here
            m = EXPECTED_SHAPE.search(str(e))
            return int(m.group(1)) if m else None
        return None

    def view(self, spec):
        path, offset, nbytes = spec["file"], spec["offset"], spec["bytes"]
        mm = self.maps.get(path)
        if mm is None or len(mm) < offset + nbytes:
            fd = os.open(path, os.O_RDWR)
            try:
                mm = mmap.mmap(fd, 0)
            finally:
                os.close(fd)
            self.maps[path] = mm
        if self.raw:
            return self.np.frombuffer(mm, self.np.uint8, count=nbytes, offset=offset)
        dt = self.dtypes[spec["type"]]
        return self.np.frombuffer(mm, dt, count=nbytes // dt.itemsize, offset=offset)

    def close_maps(self, keep):
        """Unmaps files of freed buffers; a view the engine still holds keeps its mapping alive."""
        for path in [p for p in self.maps if p not in keep and not os.path.exists(p)]:
            mm = self.maps.pop(path)
            try:
                mm.close()
            except BufferError:
                pass

    # ---- requests to the JVM --------------------------------------------------------------------

    def evaluate(self, parameters):
        """Values the portfolio at ``parameters`` (name -> value) by asking the JVM to re-run the
        projection; returns the metrics dict (mean_npv, std_dev, cte_95, p50 .. p99)."""
        self.channel.send({"evaluate": {k: float(v) for k, v in parameters.items()}})
        reply = self.channel.receive()
        if "error" in reply:
            from livecalc.calc_engine_interface import ExecutionError
            raise ExecutionError("evaluation at %s failed in the JVM: %s" % (parameters, reply["error"]))
        return reply["valuation"]


def main():
    cin, cout = _private_channel()
    _die_with_parent()
    channel = Channel(cin, cout)
    try:
        import numpy as np
    except ImportError as e:
        channel.send(error_of(e, "numpy_missing"))
        return 3
    channel.send({"ok": True, "pid": os.getpid(), "python": sys.version.split()[0], "executable": sys.executable,
                  "numpy": np.__version__})
    host = Host(np, channel)
    while True:
        msg = channel.receive()
        if msg.get("op") == "exit":
            return 0
        try:
            reply = host.handle(msg)
            reply["ok"] = True
        except LoadError as e:
            reply = error_of(e, e.kind)
        except Exception as e:  # SystemExit and KeyboardInterrupt end the worker: the JVM reports a crash
            reply = error_of(e)
        channel.send(reply)


if __name__ == "__main__":
    sys.exit(main())
