"""`backcoach screen` and `backcoach session --voice` without espeak-ng, as subprocesses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from backcoach.store import Store

BIN = Path(sys.executable).parent / "backcoach"


def _run(args: list[str], typed: str, tmp_path: Path, **env_extra: str):
    env = dict(os.environ, BACKCOACH_DATABASE_URL=f"sqlite:///{tmp_path / 'bc.sqlite3'}",
               BACKCOACH_DATA_DIR=str(tmp_path), **env_extra)
    return subprocess.run([str(BIN), *args], input=typed, env=env, capture_output=True,
                          text=True, timeout=60)


def test_screen_reruns_the_full_screen_and_stores_it(tmp_path):
    out = _run(["screen"], "n\n" * 7, tmp_path)
    assert out.returncode == 0, out.stderr
    assert "not a diagnosis" in out.stdout and "you can go ahead" in out.stdout
    out = _run(["screen"], "n\n" * 4 + "maybe\n" + "y\n" + "n\n" * 2, tmp_path)
    assert out.returncode == 4
    assert "Please answer y (yes) or n (no)." in out.stdout
    assert "fever along with the back pain" in out.stdout and "doctor" in out.stdout
    with Store.open(f"sqlite:///{tmp_path / 'bc.sqlite3'}") as store:
        last = store.last_screening(store.local_user(), "full")
    assert last is not None and not last.cleared
    assert [k for k, v in last.answers.items() if v] == ["fever"]


def test_voice_without_espeak_says_how_to_get_it_and_carries_on(tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    out = _run(["session", "--voice", "-e", "ankle-pumps"], "n\n" * 6 + "y\n", tmp_path,
               PATH=str(empty))
    assert "voice cues need espeak-ng: apt-get install espeak-ng" in out.stderr
    assert out.returncode == 4                      # the session went on to ask the questions
    assert "see a doctor" in " ".join(out.stdout.split())


def test_every_command_here_has_help_with_an_example(capsys):
    from backcoach.cli import main

    for command in ("session", "screen"):
        assert main([command, "--help"]) == 0
        assert f"Example: backcoach {command}" in capsys.readouterr().out
