#!/usr/bin/env python3
"""Prints min / median / max per benchmark and parameter set from a JMH JSON result file (-rf json -rff FILE)."""
import json
import statistics
import sys

for path in sys.argv[1:]:
    for r in json.load(open(path)):
        raw = [x for fork in r["primaryMetric"]["rawData"] for x in fork]
        params = ",".join(f"{k}={v}" for k, v in (r.get("params") or {}).items())
        unit = r["primaryMetric"]["scoreUnit"]
        print(f'{r["benchmark"].split(".")[-2]}.{r["benchmark"].split(".")[-1]} [{params}] '
              f'min {min(raw):.4g} median {statistics.median(raw):.4g} max {max(raw):.4g} {unit} (n={len(raw)})')
