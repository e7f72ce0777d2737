"""A contact sheet of the illustrations (start and end of all nine), rendered by Chromium.

Needs the `playwright` package (a development dependency) and a Chromium binary.
"""

from __future__ import annotations

import base64
from pathlib import Path

from backcoach.catalog import EXERCISE_IDS, get_exercise
from backcoach.errors import InputError

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]


def sheet_html(folder: Path, thumb_width: int = 200) -> str:
    cells = []
    for exercise_id in EXERCISE_IDS:
        name = get_exercise(exercise_id).name
        imgs = "".join(
            f'<img src="data:image/svg+xml;base64,'
            f'{base64.b64encode((folder / f"{exercise_id}-{k}.svg").read_bytes()).decode()}" '
            f'width="{thumb_width}" alt="{name} {k}">' for k in ("start", "end"))
        cells.append(f'<figure><div>{imgs}</div><figcaption>{name}</figcaption></figure>')
    return ("<!doctype html><meta charset=utf-8><style>"
            "body{margin:12px;font:13px system-ui,sans-serif;background:#f4f2ee}"
            "main{display:grid;grid-template-columns:repeat(3,auto);gap:10px;width:max-content}"
            "figure{margin:0;background:#fff;padding:6px;border-radius:6px}"
            "img{border:1px solid #e3ded6;margin-right:4px}figcaption{margin-top:3px}"
            "</style><main>" + "".join(cells) + "</main>")


def render_sheet(folder: Path, out_png: Path) -> Path:
    """Screenshot the contact sheet of the SVGs in `folder` into a PNG."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise InputError("the contact sheet needs playwright (a development dependency)") from exc
    html = sheet_html(folder)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.set_content(html)
        page.locator("main").screenshot(path=str(out_png))
        browser.close()
    return out_png
