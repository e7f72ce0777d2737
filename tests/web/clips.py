"""The real clips in ../shared/data/videos, and their conversion for Chromium's fake camera.

The folder sits beside the repository (CI has the same copy); a missing clip fails the test
with a message saying where it was looked for, it never skips.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
VIDEOS = REPO.parent / "shared" / "data" / "videos"
BIRD_DOG_SECONDS = 14.3     # one pass of the clip; the fake camera then loops it


def clip(name: str) -> Path:
    path = VIDEOS / name
    if not path.is_file():
        pytest.fail(f"real test clip {name} not found in {VIDEOS}: the shared data folder must "
                    "sit beside the repository (../shared/data/videos)")
    return path


def fake_camera_file(name: str, out_dir: Path, *, height: int = 640) -> Path:
    """The clip as MJPEG, `height` px tall. Chromium plays MJPEG at 30 fps, the clip's rate."""
    out = out_dir / (Path(name).stem + ".mjpeg")
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-i", str(clip(name)), "-vf", f"scale=-2:{height}",
         "-r", "30", "-q:v", "6", "-f", "mjpeg", str(out)],
        check=True, timeout=120,
    )
    return out
