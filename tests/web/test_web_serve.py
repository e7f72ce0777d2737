"""`backcoach serve` starts the web app on the given port with the SQLite default."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_runs_the_app_on_sqlite_in_the_data_folder(tmp_path: Path):
    port = _free_port()
    env = {**os.environ, "BACKCOACH_DATA_DIR": str(tmp_path)}
    env.pop("BACKCOACH_DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "backcoach", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                home = httpx.get(url + "/", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
                assert time.monotonic() < deadline, "the server did not start in 30 s"
                time.sleep(0.2)
        assert home.status_code == 200 and "BackCoach" in home.text
        assert httpx.get(url + "/session/new").status_code == 200  # creates the local user
        assert (tmp_path / "backcoach.sqlite3").exists()
    finally:
        proc.send_signal(signal.SIGINT)
        output = proc.communicate(timeout=15)[0]
    assert proc.returncode == 0, output
    assert f"http://127.0.0.1:{port}" in output


def test_serve_help_has_an_example():
    out = subprocess.run(
        [sys.executable, "-m", "backcoach", "serve", "--help"],
        capture_output=True, text=True, check=True,
    ).stdout
    assert "Example: backcoach serve" in out
