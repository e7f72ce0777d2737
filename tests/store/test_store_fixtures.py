"""The PostgreSQL half of `db_url` is skipped on a laptop without a server, but fails on CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TARGET = "tests/store/test_store_history.py::test_no_sessions_gives_empty_history[postgres]"


def run_target(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items()
             if k not in ("CI", "BACKCOACH_TEST_POSTGRES_URL", "PYTEST_ADDOPTS")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", TARGET],
        cwd=REPO, env={**clean, **env}, capture_output=True, text=True, timeout=300,
    )


@pytest.mark.parametrize("ci, outcome, code", [("true", "1 error", 1), ("", "1 skipped", 0)])
def test_missing_postgres_url(ci: str, outcome: str, code: int) -> None:
    result = run_target(CI=ci)
    assert result.returncode == code, result.stdout
    assert outcome in result.stdout, result.stdout
    assert "BACKCOACH_TEST_POSTGRES_URL is not set" in result.stdout
