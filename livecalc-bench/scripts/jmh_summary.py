#!/usr/bin/env python3
"""Prints min / median / max (and, for SampleTime, the p50 of all samples) per benchmark and parameter set from a JMH JSON result file (-rf json -rff FILE)."""
import json
import statistics
import sys

for path in sys.argv[1:]:
    for r in json.load(open(path)):
        m = r["primaryMetric"]
        if "rawData" in m:
            raw = [x for fork in m["rawData"] for x in fork]
            p50 = ""
        else:  # SampleTime: the mean of each iteration's histogram, and the p50 of every sample
            raw = [sum(v * n for v, n in it) / sum(n for _, n in it) for fork in m["rawDataHistogram"] for it in fork]
            p50 = f' p50 {m["scorePercentiles"]["50.0"]:.4g}'
        params = ",".join(f"{k}={v}" for k, v in (r.get("params") or {}).items())
        unit = r["primaryMetric"]["scoreUnit"]
        print(f'{r["benchmark"].split(".")[-2]}.{r["benchmark"].split(".")[-1]} [{params}] '
              f'min {min(raw):.4g} median {statistics.median(raw):.4g} max {max(raw):.4g}{p50} {unit} (n={len(raw)})')
