"""Bad usage, run as a user runs it: a short usage message, exit 2, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from backcoach.cli import main


def run(*args: str, cwd=None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "backcoach", *args], capture_output=True,
                          text=True, timeout=120, cwd=cwd)


@pytest.mark.parametrize(("args", "says"), [
    (["show"], "Missing argument"),
    (["bogus"], "No such command 'bogus'"),
    (["history", "--limit", "abc"], "--limit"),
    (["exercises", "--nope"], "No such option: --nope"),
    (["synth", "ankle-pumps"], "Missing option '--out'"),
    (["progress", "--days", "funday"], "funday"),
    (["reminders", "--time", "25:00", "--out", "r.ics"], "25:00"),
    (["reminders", "--start", "2025-13-01", "--out", "r.ics"], "--start"),
    (["export", "--format", "txt", "--out", "x.txt"], "--format"),
    (["synth", "ankle-pumps", "--fault", "nope", "--out", "x.json"], "nope"),
    (["synth", "ankle-pumps", "--noise", "huge", "--out", "x.json"], "noise"),
])
def test_usage_errors_print_usage_and_exit_2(args, says, tmp_path):
    out = run(*args, cwd=tmp_path)
    assert out.returncode == 2, (out.returncode, out.stderr)
    assert "Traceback" not in out.stderr, out.stderr
    assert "Usage: backcoach" in out.stderr and says in out.stderr
    assert not any(tmp_path.iterdir())            # nothing written on a usage error


def test_an_abort_exits_1_with_a_short_message(monkeypatch, capsys):
    import typer

    def abort(**kwargs):   # what typer raises when a prompt gets end-of-input
        raise typer.Abort()

    monkeypatch.setattr("backcoach.cli.app", abort)
    assert main(["exercises"]) == 1
    assert "Aborted." in capsys.readouterr().err


def test_help_flags_show_no_bool_placeholder():
    out = run("session", "--help")
    assert out.returncode == 0 and "--voice" in out.stdout
    assert "<bool>" not in out.stdout
