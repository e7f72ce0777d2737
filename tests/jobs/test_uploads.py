"""Upload checks: type, size and length limits with plain messages; a refused file is not kept."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from backcoach.jobs import UploadLimits, UploadRefused, accept_upload
from backcoach.jobs.uploads import check_type, safe_name
from tests.web.clips import clip

GLUTE = "glute-bridge_side_physioplus.mp4"   # 640x480, 3.0 s, 1.3 MB


def _accept(tmp_path: Path, data: bytes, name: str, ctype: str, limits: UploadLimits):
    return accept_upload(io.BytesIO(data), name, ctype, tmp_path, limits)


def test_a_real_video_is_kept_under_the_data_folder(tmp_path: Path) -> None:
    data = clip(GLUTE).read_bytes()
    up = _accept(tmp_path, data, "../../my clip.mp4", "video/mp4", UploadLimits())
    assert up.path.is_file() and up.path.read_bytes() == data
    assert up.path.is_relative_to(tmp_path / "uploads")
    assert up.relative == str(up.path.relative_to(tmp_path)) and up.path.name == "my-clip.mp4"
    assert (up.width, up.height, up.size) == (640, 480, len(data))
    assert up.duration == pytest.approx(3.03, abs=0.1)


@pytest.mark.parametrize("limits, message", [
    (UploadLimits(max_bytes=1024 * 1024),
     "The video is 1.3 MB; the limit is 1.0 MB. Trim it, or record at a lower resolution, "
     "and try again."),
    (UploadLimits(max_seconds=2.0),
     "The video is 3 seconds long; the limit is 2 seconds. Trim it to the exercise and try "
     "again."),
])
def test_over_a_limit_is_refused_and_not_kept(tmp_path: Path, limits, message) -> None:
    with pytest.raises(UploadRefused) as err:
        _accept(tmp_path, clip(GLUTE).read_bytes(), GLUTE, "video/mp4", limits)
    assert str(err.value) == message
    assert not list((tmp_path / "uploads").iterdir())


def test_a_corrupt_or_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UploadRefused, match=r"^BackCoach cannot read junk\.mp4 as a video"):
        _accept(tmp_path, os.urandom(50_000), "junk.mp4", "video/mp4", UploadLimits())
    with pytest.raises(UploadRefused, match=r"^empty\.mp4 is empty \(0 bytes\)"):
        _accept(tmp_path, b"", "empty.mp4", "video/mp4", UploadLimits())
    assert not list((tmp_path / "uploads").iterdir())


def test_types(tmp_path: Path) -> None:
    limits = UploadLimits()
    check_type("a.mov", "video/quicktime", limits)
    check_type("a.webm", "application/octet-stream", limits)   # known video suffix
    check_type("a.mp4", None, limits)
    for name, ctype in (("a.pdf", "application/pdf"), ("a.txt", None), ("a.png", "image/png")):
        with pytest.raises(UploadRefused, match="is not a video. Choose a video file"):
            check_type(name, ctype, limits)
    with pytest.raises(UploadRefused):
        check_type("a.webm", "video/webm", UploadLimits(types=("video/mp4",)))


def test_limits_come_from_the_settings(monkeypatch) -> None:
    monkeypatch.setenv("BACKCOACH_UPLOAD_MAX_MB", "50")
    monkeypatch.setenv("BACKCOACH_UPLOAD_MAX_MINUTES", "2.5")
    monkeypatch.setenv("BACKCOACH_UPLOAD_TYPES", "video/mp4, video/webm")
    limits = UploadLimits.from_settings()
    assert limits == UploadLimits(50 * 1024 * 1024, 150.0, ("video/mp4", "video/webm"))
    assert limits.describe() == ("A video file (MP4, MOV, WebM or AVI) up to 50 MB and "
                                 "2.5 minutes long.")
    assert UploadLimits().describe().endswith("up to 200 MB and 10 minutes long.")


def test_safe_names() -> None:
    assert safe_name("C:\\Users\\me\\Ma vidéo (1).MP4") == "Ma-vid-o-1-.MP4"
    assert safe_name("...") == "video"
