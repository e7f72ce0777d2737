"""The code base stays clean: ruff's checks (pyproject's [tool.ruff]) report nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_reports_nothing():
    out = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "backcoach", "tests", "bench"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 0, out.stdout + out.stderr
