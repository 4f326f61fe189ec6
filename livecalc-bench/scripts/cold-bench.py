#!/usr/bin/env python3
"""First-run (cold, whole-process) timings of issue 15: what a user times, not what a warm JMH run shows.

Each round runs every variant of a row once, one after the other (interleaved, so slow drift in the machine's
load hits all of them alike); the table gives min / median / max of the wall times over the rounds, the
median engine time the command itself reported, and the load average before and after the row.

usage: python3 livecalc-bench/scripts/cold-bench.py [-n ROUNDS] [--variant NAME=LAUNCHER ...] [ROW ...]
  ROW      project | basic_term | basic_term_s | basic_term_me | pairs100k | pairs1m | version (default: all but pairs1m)
  LAUNCHER a ./livecalc launcher script (default: this repository's, as "livecalc"); e.g. a copy of the launcher
           and livecalc-cli/target from an older commit, to time before and after on the same machine state
  The numpy peer script of the basic_term row (basicterm_m_numpy.py --once, same CSVs in, one CSV out) joins
  that row as variant "numpy", and its output is checked against each variant's (1e-9).
Timing is a plain interleaved loop (time.perf_counter around each process); hyperfine is not needed.
Work files go to $COLD_BENCH_DIR (default /tmp/livecalc-cold-bench); the pairs rows write ~1.5 GB (100k) or
~8 GB (1M) of Parquet there.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "livecalc-bench" / "scripts"
UP = ROOT / "testdata" / "upstream-data"
LL = ROOT / "testdata" / "lifelib"
WORK = Path(os.environ.get("COLD_BENCH_DIR", "/tmp/livecalc-cold-bench"))
ENV = {k: v for k, v in os.environ.items() if k != "JAVA_HOME"}


def load():
    return os.getloadavg()[0]


def project_args(out):
    return ["project", "--policies", UP / "policies_10000.csv", "--mortality", UP / "mortality_demo.csv",
            "--lapse", UP / "lapse_demo.csv", "--expenses", UP / "expenses_demo.json", "--scenarios", "1000",
            "--seed", "42", "--threads", "2", "--output", out]


def basic_term_args(model, out):
    me = model == "basic_term_me"
    args = ["project", "--model", model, "--model-points", LL / ("model_point_table_me.csv" if me else "model_point_table.csv"),
            "--mortality", LL / "mort_table.csv", "--discount-curve", LL / "disc_rate_ann.csv", "--threads", "2",
            "--output", out]
    return args + (["--premium-table", LL / "premium_table_me.csv"] if me else [])


def pairs_dag(policies, folder):
    """A DAG writing every (scenario, policy) NPV of `policies` x 1000 GBM scenarios to Parquet."""
    data = ROOT / "examples" / "data"
    dag = folder / "dag.json"
    dag.write_text(json.dumps({
        "data_sources": {"policies": {"type": "parquet", "path": str(policies)}},
        "engines": [{"id": "projection", "type": "projection", "inputs": ["policies"],
                     "config": {"mortality_table": str(data / "sample_mortality.csv"), "lapse_table": str(data / "sample_lapse.csv"),
                                "expenses": str(data / "sample_expenses.csv"), "num_scenarios": 1000, "threads": 2},
                     "outputs": ["results"]}],
        "output": {"type": "parquet", "path": str(folder / "results.parquet")}}, indent=1))
    return dag


def engine_ms(stdout, stderr):
    """The engine time the command printed: project's 'Execution: X ms', the JSON's execution_time_ms, run's table."""
    m = re.search(r"Execution:\s+([\d.]+) ms", stderr) or re.search(r'"execution_time_ms"\s*:\s*([\d.]+)', stdout)
    if m:
        return float(m.group(1))
    m = re.search(r"^projection: succeeded in ([\d.]+) ms", stdout, re.M)
    return float(m.group(1)) if m else None


def timed(cmd, before=None):
    if before:
        before()
    start = time.perf_counter()
    p = subprocess.run([str(c) for c in cmd], env=ENV, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(map(str, cmd))}\n{p.stdout}\n{p.stderr}")
    return wall, engine_ms(p.stdout, p.stderr)


def rows(variants, wanted):
    """(row name, {variant: (command, preparation)}, check after each round or None)."""
    for row in wanted:
        folder = WORK / row
        folder.mkdir(parents=True, exist_ok=True)
        cmds = {}
        if row == "project":
            cmds = {v: ([l, *project_args(folder / f"{v}.json")], None) for v, l in variants.items()}
        elif row.startswith("basic_term"):
            cmds = {v: ([l, *basic_term_args(row, folder / f"{v}.csv")], None) for v, l in variants.items()}
            if row == "basic_term":
                cmds["numpy"] = ([sys.executable, SCRIPTS / "basicterm_m_numpy.py", "--once", folder / "numpy.csv", LL], None)
        elif row == "version":
            cmds = {v: ([l, "--version"], None) for v, l in variants.items()}
        elif row.startswith("pairs"):
            count = 100_000 if row == "pairs100k" else 1_000_000
            policies = WORK / f"policies_{count}.parquet"
            if not policies.exists():
                first = next(iter(variants.values()))
                subprocess.run([first, "generate", "policies", "--count", str(count), "--seed", "7", "--output", policies],
                               env=ENV, check=True, capture_output=True)
            for v, l in variants.items():
                d = folder / v
                d.mkdir(exist_ok=True)
                dag = pairs_dag(policies, d)
                # the previous round's output goes first, so that no run pays for deleting a large file
                cmds[v] = ([l, "run", dag], lambda d=d: shutil.rmtree(d / "results.parquet", ignore_errors=True)
                           or [p.unlink() for p in d.glob("results.parquet*") if p.is_file()])
        else:
            sys.exit(f"unknown row {row}")
        yield row, cmds


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=7, help="rounds (default 7)")
    ap.add_argument("--variant", action="append", default=[], help="NAME=LAUNCHER")
    ap.add_argument("rows", nargs="*", default=["version", "project", "basic_term", "basic_term_s", "basic_term_me", "pairs100k"])
    a = ap.parse_args()
    variants = dict(v.split("=", 1) for v in a.variant) or {"livecalc": str(ROOT / "livecalc")}
    for launcher in variants.values():   # builds (and trains) a launcher's CLI outside the timings
        subprocess.run([launcher, "--version"], env=ENV, check=True, capture_output=True)
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"# {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs ({cpu}), {a.n} rounds, interleaved")
    print("| row | variant | wall min / median / max (s) | engine median (ms) | load before / after |")
    print("|---|---|---|---|---|")
    for row, cmds in rows(variants, a.rows):
        rounds = 1 if row == "pairs1m" else a.n
        walls = {v: [] for v in cmds}
        engines = {v: [] for v in cmds}
        if rounds > 1:   # one untimed run each: a launcher's start-up cache for this command is recorded by its first run
            for cmd, prep in cmds.values():
                timed(cmd, prep)
        load0 = load()
        for _ in range(rounds):
            for v, (cmd, prep) in cmds.items():
                w, e = timed(cmd, prep)
                walls[v].append(w)
                if e is not None:
                    engines[v].append(e)
        load1 = load()
        if row == "basic_term":
            for v in variants:
                subprocess.run([sys.executable, SCRIPTS / "basicterm_m_numpy.py", "--compare",
                                WORK / row / f"{v}.csv", WORK / row / "numpy.csv"], check=True, capture_output=True)
        for v in cmds:
            w = walls[v]
            e = f"{statistics.median(engines[v]):.0f}" if engines[v] else "-"
            print(f"| {row} | {v} | {min(w):.2f} / **{statistics.median(w):.2f}** / {max(w):.2f} | {e} | {load0:.2f} / {load1:.2f} |",
                  flush=True)
    print("raw walls per round are reproducible with -n; basic_term outputs agree with numpy to 1e-9" if "basic_term" in a.rows else "")


if __name__ == "__main__":
    main()
