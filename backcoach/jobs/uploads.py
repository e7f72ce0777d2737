"""Accepting an uploaded video: type, size and length limits, checked with plain messages.

    limits = UploadLimits.from_settings()           # 200 MB, 10 min, video/* by default
    upload = accept_upload(fileobj, "me.mp4", "video/mp4", data_dir, limits)
    upload.path, upload.relative, upload.duration

The file is copied in chunks and refused as soon as it passes the size limit; then OpenCV
opens it (a damaged file fails here, before any job is queued) and its length is checked.
A refused file is deleted at once.
"""

from __future__ import annotations

import fnmatch
import logging
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from backcoach import settings
from backcoach.errors import InputError
from backcoach.motion.sources import VideoSource

log = logging.getLogger(__name__)

UPLOADS = "uploads"          # folder under the data folder
CHUNK = 1 << 20
VIDEO_SUFFIXES = (".mp4", ".m4v", ".mov", ".webm", ".mkv", ".avi", ".3gp")
KINDS = "MP4, MOV, WebM or AVI"


class UploadRefused(InputError):
    """An upload that breaks a limit or is not a readable video; the message says which."""


class UploadTooLarge(UploadRefused):
    """An upload over the size limit."""


@dataclass(frozen=True)
class UploadLimits:
    max_bytes: int = 200 * 1024 * 1024
    max_seconds: float = 600.0
    types: tuple[str, ...] = ("video/*",)

    @classmethod
    def from_settings(cls) -> UploadLimits:
        """The limits set by BACKCOACH_UPLOAD_MAX_MB, _MAX_MINUTES and _TYPES."""
        try:
            mb = float(settings.SETTINGS["upload_max_mb"].value())
            minutes = float(settings.SETTINGS["upload_max_minutes"].value())
        except ValueError as exc:
            raise InputError(
                "BACKCOACH_UPLOAD_MAX_MB and BACKCOACH_UPLOAD_MAX_MINUTES must be numbers."
            ) from exc
        types = tuple(
            t.strip().lower() for t in settings.SETTINGS["upload_types"].value().split(",")
            if t.strip()
        )
        return cls(int(mb * 1024 * 1024), minutes * 60.0, types or ("video/*",))

    @property
    def max_mb(self) -> float:
        return self.max_bytes / (1024 * 1024)

    def describe(self) -> str:
        """The limits in one sentence, for the upload form."""
        return (f"A video file ({KINDS}) up to {_mb(self.max_bytes)} and "
                f"{_duration(self.max_seconds)} long.")


@dataclass(frozen=True)
class Upload:
    path: Path              # where the file now is
    relative: str           # the same, relative to the data folder (stored on the job)
    name: str               # the name it was uploaded with
    size: int               # bytes
    duration: float         # seconds
    width: int
    height: int


def _mb(size: float) -> str:
    mb = size / (1024 * 1024)
    return f"{mb:.0f} MB" if mb >= 10 else f"{mb:.1f} MB"


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} seconds"
    minutes = seconds / 60
    whole = abs(minutes - round(minutes)) < 0.05
    return f"{minutes:.0f} minutes" if whole else f"{minutes:.1f} minutes"


def safe_name(name: str) -> str:
    """A file name safe to keep on disk: letters, digits, dot, dash, underscore."""
    base = Path(name.replace("\\", "/")).name
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", base).strip(".-") or "video"
    return cleaned[:100]


def check_type(name: str, content_type: str | None, limits: UploadLimits) -> None:
    """Refuse a file whose media type (or, without one, its name) is not an accepted type."""
    declared = (content_type or "").split(";")[0].strip().lower()
    if declared in ("", "application/octet-stream"):
        if Path(name).suffix.lower() in VIDEO_SUFFIXES:
            return
        declared = declared or "no type"
    elif any(fnmatch.fnmatch(declared, pattern) for pattern in limits.types):
        return
    raise UploadRefused(
        f"{Path(name).name or 'That file'} ({declared}) is not a video. "
        f"Choose a video file: {KINDS}."
    )


def check_declared_size(length: int | None, limits: UploadLimits) -> None:
    """Refuse early when the request says it is bigger than the limit (plus form overhead)."""
    if length is not None and length > limits.max_bytes + 64 * 1024:
        raise UploadTooLarge(_too_big(length, limits))


def _too_big(size: int, limits: UploadLimits) -> str:
    return (f"The video is {_mb(size)}; the limit is {_mb(limits.max_bytes)}. "
            "Trim it, or record at a lower resolution, and try again.")


def _copy_limited(src: BinaryIO, dest: Path, limits: UploadLimits) -> int:
    size = 0
    with dest.open("wb") as out:
        while chunk := src.read(CHUNK):
            size += len(chunk)
            if size > limits.max_bytes:
                raise UploadTooLarge(_too_big(size, limits))
            out.write(chunk)
    return size


def accept_upload(
    src: BinaryIO,
    name: str,
    content_type: str | None,
    data_dir: Path,
    limits: UploadLimits,
) -> Upload:
    """Check and keep an uploaded video under `data_dir`/uploads/; UploadRefused if not."""
    check_type(name, content_type, limits)
    keep = safe_name(name)
    folder = data_dir / UPLOADS / uuid.uuid4().hex
    try:
        folder.mkdir(parents=True)
    except OSError as exc:
        raise InputError(
            f"Cannot save the upload in {folder.parent} ({exc.strerror or exc}); "
            "check that the data folder is writable."
        ) from exc
    path = folder / keep
    try:
        try:
            size = _copy_limited(src, path, limits)
        except OSError as exc:
            raise InputError(
                f"Cannot save the upload ({exc.strerror or exc}); is the disk full?"
            ) from exc
        if size == 0:
            raise UploadRefused(f"{keep} is empty (0 bytes). Choose the video file again.")
        try:
            video = VideoSource(path)
        except InputError as exc:
            log.info("refused upload %s: %s", keep, exc)
            raise UploadRefused(
                f"BackCoach cannot read {keep} as a video: the file is damaged or in a format "
                "this computer cannot decode. Try another file, or convert it to MP4 (H.264)."
            ) from exc
        if video.duration > limits.max_seconds:
            raise UploadRefused(
                f"The video is {_duration(video.duration)} long; the limit is "
                f"{_duration(limits.max_seconds)}. Trim it to the exercise and try again."
            )
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    log.info("accepted upload %s (%d bytes, %.1f s)", keep, size, video.duration)
    return Upload(
        path=path, relative=str(path.relative_to(data_dir)), name=Path(name).name or keep,
        size=size, duration=video.duration, width=video.width, height=video.height,
    )
