"""Exercise illustrations, served from the catalogue package (start, end and one-rep pictures)."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse

router = APIRouter(include_in_schema=False)

_NAME = re.compile(r"^[a-z0-9-]+\.(svg|png|gif)$")
_TYPES = {"svg": "image/svg+xml", "png": "image/png", "gif": "image/gif"}


def illustrations_dir() -> Path:
    """The folder of exercise pictures shipped inside the catalogue package."""
    return Path(str(resources.files("backcoach.catalog") / "illustrations"))


@router.get("/illustrations/{name}", name="illustration")
def illustration(name: str) -> FileResponse:
    match = _NAME.match(name)
    path = illustrations_dir() / name
    if match is None or not path.is_file():
        raise HTTPException(status_code=404, detail=f"No illustration named {name}.")
    return FileResponse(
        path, media_type=_TYPES[match.group(1)], headers={"Cache-Control": "public, max-age=3600"}
    )
