#!/usr/bin/env python3
"""BasicTerm_M with numpy arrays (time x model points), the formulation of the "numpy array" entry of the
actuarialopensource BasicTerm benchmark, written from basic-term-model.md. Times 20 runs with the data
loaded and prints min / median / max and the sum of pv_net_cf (lifelib: 14,489,630.5346).

usage: python3 basicterm_m_numpy.py [LIFELIB_DIR]   (default: testdata/lifelib of this repository)
       python3 basicterm_m_numpy.py --once OUT.csv [LIFELIB_DIR]
           the whole-process peer of `livecalc project --model basic_term`: read the CSVs, project once, write
           one row per model point (livecalc's columns) to OUT.csv
       python3 basicterm_m_numpy.py --compare OURS.csv THEIRS.csv
           checks that two such files agree (every value to 1e-9 relative); exit 1 if not
"""
import statistics
import sys
import time
from pathlib import Path

import numpy as np


def load(folder):
    mp = np.genfromtxt(folder / "model_point_table.csv", delimiter=",", names=True, dtype=None, encoding="utf-8")
    mort = np.loadtxt(folder / "mort_table.csv", delimiter=",", skiprows=1)[:, 1:]
    disc = np.loadtxt(folder / "disc_rate_ann.csv", delimiter=",", skiprows=1)[:, 1]
    return (mp["age_at_entry"].astype(np.int64), mp["policy_term"].astype(np.int64),
            mp["sum_assured"].astype(np.float64), mort, disc)


def run(age_at_entry, policy_term, sum_assured, mort, disc_rate,
        loading_prem=0.5, expense_acq=300.0, expense_maint=60.0, inflation_rate=0.01):
    max_proj_len = 12 * int(policy_term.max()) + 1
    t = np.arange(max_proj_len)[:, None]
    duration = t // 12
    disc = np.power(1 + disc_rate[duration], -t / 12)
    inflation = np.power(1 + inflation_rate, t / 12)
    lapse_mth = 1 - np.power(1 - np.maximum(0.1 - 0.02 * duration, 0.02), 1 / 12)
    q_mth = 1 - np.power(1 - mort[age_at_entry + duration - 18, np.minimum(duration, 5)], 1 / 12)
    survival = np.vstack([np.ones((1, q_mth.shape[1])), np.cumprod((1 - lapse_mth) * (1 - q_mth), axis=0)[:-1]])
    pols_if = (t < policy_term * 12) * survival
    claims = sum_assured * pols_if * q_mth
    pv_claims = np.sum(claims * disc, axis=0)
    pv_pols_if = np.sum(pols_if * disc, axis=0)
    premium_pp = np.round((1 + loading_prem) * pv_claims / pv_pols_if, 2)
    premiums = premium_pp * pols_if
    commissions = (duration == 0) * premiums
    expenses = (t == 0) * expense_acq * pols_if + pols_if * expense_maint / 12 * inflation
    pv_premiums = np.sum(premiums * disc, axis=0)
    pv_expenses = np.sum(expenses * disc, axis=0)
    pv_commissions = np.sum(commissions * disc, axis=0)
    return pv_premiums - pv_claims - pv_expenses - pv_commissions, (premium_pp, pv_premiums, pv_claims, pv_expenses,
                                                                    pv_commissions)


COLUMNS = "point_id,premium_pp,pv_premiums,pv_claims,pv_expenses,pv_commissions,pv_net_cf"


def once(out, folder):
    net, (premium_pp, pv_premiums, pv_claims, pv_expenses, pv_commissions) = run(*load(folder))
    table = np.column_stack([np.arange(1, net.size + 1), premium_pp, pv_premiums, pv_claims, pv_expenses,
                             pv_commissions, net])
    np.savetxt(out, table, delimiter=",", header=COLUMNS, comments="", fmt=["%d"] + ["%.17g"] * 6)
    print(f"sum of pv_net_cf {net.sum():.4f}")


def compare(ours, theirs):
    a = np.loadtxt(ours, delimiter=",", skiprows=1)
    b = np.loadtxt(theirs, delimiter=",", skiprows=1)
    if a.shape != b.shape:
        sys.exit(f"shapes differ: {a.shape} vs {b.shape}")
    scale = np.maximum(np.abs(a), np.abs(b)).max(axis=0)   # per column, so near-zero values compare absolutely
    worst = (np.abs(a - b) / np.where(scale == 0, 1, scale)).max()
    print(f"{a.shape[0]} points, largest difference {worst:.2e} of the column's largest value")
    if worst > 1e-9:
        sys.exit(1)


def default_folder():
    return Path(__file__).resolve().parents[2] / "testdata" / "lifelib"


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--once":
        once(sys.argv[2], Path(sys.argv[3]) if len(sys.argv) > 3 else default_folder())
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--compare":
        compare(sys.argv[2], sys.argv[3])
        return
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else default_folder()
    data = load(folder)
    times = []
    for _ in range(20):
        start = time.perf_counter()
        result, _ = run(*data)
        times.append((time.perf_counter() - start) * 1000)
    print(f"BasicTerm_M numpy, 10,000 points: min {min(times):.1f} median {statistics.median(times):.1f} "
          f"max {max(times):.1f} ms (n=20); sum of pv_net_cf {result.sum():.4f}; numpy {np.__version__}")


if __name__ == "__main__":
    main()
