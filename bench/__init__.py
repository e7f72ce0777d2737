"""Benchmarks, not tests: `python -m bench` times the camera coach into docs/benchmarks.md."""
