"""Peer process for SharedBufferCrossProcessTest: maps the Java buffers' files as numpy structured arrays.

The dtypes are written out here independently of the Java layouts, so a layout change on either side
fails the test. Reads the policies Java wrote, checks them, and writes results back into the RESULT file
and one field of the policy file, all in place (np.memmap, no copies).
"""
import sys
import numpy as np

POLICY = np.dtype({
    "names": ["policy_id", "age", "gender", "underwriting_class", "product_type", "term", "sum_assured", "premium"],
    "formats": ["<u8", "u1", "u1", "u1", "u1", "<u4", "<f8", "<f8"],
    "offsets": [0, 8, 9, 10, 11, 12, 16, 24],
    "itemsize": 32,
})
RESULT = np.dtype({
    "names": ["scenario_id", "policy_id", "npv", "reserved"],
    "formats": ["<u4", "<u4", "<f8", "<u8"],
    "offsets": [0, 4, 8, 16],
    "itemsize": 24,
})


def main(policy_path, result_path, n):
    n = int(n)
    policies = np.memmap(policy_path, dtype=POLICY, mode="r+", shape=(n,))
    results = np.memmap(result_path, dtype=RESULT, mode="r+", shape=(n,))
    i = np.arange(n, dtype=np.uint64)
    expected_ids = (np.uint64(1) << np.uint64(40)) + i * np.uint64(1_000_003)
    problems = []
    if not np.array_equal(policies["policy_id"], expected_ids):
        problems.append("policy_id")
    if not np.array_equal(policies["age"], (i % 121).astype(np.uint8)):
        problems.append("age")
    if not np.array_equal(policies["gender"], (i % 2).astype(np.uint8)):
        problems.append("gender")
    if not np.array_equal(policies["term"], (10 + i % 40).astype(np.uint32)):
        problems.append("term")
    if not np.array_equal(policies["sum_assured"], 100_000.0 + i.astype(np.float64) * 0.25):
        problems.append("sum_assured")
    if problems:
        print("MISMATCH " + ",".join(problems))
        return 1
    results["scenario_id"] = (i % 7).astype(np.uint32)
    results["policy_id"] = (i + 1).astype(np.uint32)
    results["npv"] = policies["sum_assured"] * 0.5 - policies["premium"]
    policies["premium"] = policies["premium"] + 1.0
    results.flush()
    policies.flush()
    print("OK %d %.6f" % (n, float(policies["sum_assured"].sum())))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
