"""`python -m bench`: run every benchmark, each writing its section of docs/benchmarks.md."""

import sys

from bench import live_latency, pose_bench

if __name__ == "__main__":
    args = sys.argv[1:]
    code = pose_bench.main(args)
    sys.exit(code or live_latency.main([]))
