"""Accuracy of the camera coach on synthetic recordings with ground truth, every exercise.

Runs bench/accuracy.py's cases (about 160 recordings, both cores, under a minute here) and
prints the per-exercise table that docs/accuracy.md holds (`pytest -s` shows it).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from backcoach.catalog.loader import EXERCISE_IDS

ROOT = Path(__file__).resolve().parents[2]


def _accuracy_module():
    name = "backcoach_bench_accuracy"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / "accuracy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


accuracy = _accuracy_module()


@pytest.fixture(scope="module")
def summaries():
    results = accuracy.evaluate(processes=2)
    table = accuracy.summarise(results)
    print("\n" + accuracy.render(table))
    return {s.exercise: s for s in table}


@pytest.mark.parametrize("exercise", EXERCISE_IDS)
def test_counts(summaries, exercise):
    s = summaries[exercise]
    assert s.clean_exact == 1.0, "every clean recording is counted exactly"
    assert s.noisy_exact >= 0.98, (
        f"{exercise}: only {s.noisy_exact:.0%} of noisy recordings counted exactly"
    )


@pytest.mark.parametrize("exercise", EXERCISE_IDS)
def test_faults(summaries, exercise):
    for fault, (recall, false_alarms, positives, _) in summaries[exercise].faults.items():
        assert positives > 0
        assert recall >= 0.95, f"{exercise} {fault}: recall {recall:.0%}"
        assert false_alarms <= 0.05, f"{exercise} {fault}: false alarms {false_alarms:.0%}"


@pytest.mark.parametrize("exercise", EXERCISE_IDS)
def test_holds(summaries, exercise):
    s = summaries[exercise]
    if s.holds == 0:
        return
    assert s.hold_mae is not None and s.hold_mae <= 0.3, f"{exercise}: mean {s.hold_mae:.2f} s"
    assert s.hold_within is not None and s.hold_within >= 0.7, (
        f"{exercise}: {s.hold_within:.0%} of holds within 0.3 s"
    )
