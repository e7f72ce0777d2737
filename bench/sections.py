"""docs/benchmarks.md is shared by several benchmarks: each owns one marked section of it."""

from __future__ import annotations

from pathlib import Path

HEADER = (
    "# Benchmarks\n\nMeasured on this project's machine (2 cores, no GPU). Each section is "
    "written by its own benchmark; `make bench` runs them all."
)


def markers(name: str) -> tuple[str, str]:
    return f"<!-- {name} -->", f"<!-- /{name} -->"


def write_section(path: Path, name: str, body: str) -> None:
    """Put `body` between the `name` markers in `path`, leaving every other section as it is."""
    start, end = markers(name)
    section = f"{start}\n{body.strip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if start in text and end in text:
        head, rest = text.split(start, 1)
        text = head + section + rest.split(end, 1)[1]
    else:
        text = text.rstrip() or HEADER
        text += "\n\n" + section + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
