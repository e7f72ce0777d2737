"""The exercise pictures: shipped, current, and really drawn when a browser renders them."""

from __future__ import annotations

import io
import re

import numpy as np
import pytest
from PIL import Image

from backcoach.catalog import EXERCISE_IDS
from backcoach.illustrate import ILLUSTRATION_KINDS, illustration_path, write_illustrations
from backcoach.illustrate.sheet import CHROMIUM, CHROMIUM_ARGS
from backcoach.illustrate.svg import COLOURS

ALL = [(i, k) for i in EXERCISE_IDS for k in ILLUSTRATION_KINDS]


def rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)])


def share_near(img: np.ndarray, colour: str, tol: int = 30) -> float:
    return float((np.abs(img - rgb(colour)).max(axis=-1) <= tol).mean())


def test_shipped_files_exist_and_match_the_generator(tmp_path):
    fresh = write_illustrations(tmp_path)
    assert len(fresh) == len(ALL)
    for exercise_id, kind in ALL:
        shipped = illustration_path(exercise_id, kind)
        assert shipped.exists(), shipped
        again = tmp_path / shipped.name
        assert again.read_text() == shipped.read_text(), (
            f"{shipped.name} is stale: run `backcoach illustrate`")


@pytest.mark.parametrize(("exercise_id", "kind"), ALL)
def test_svg_is_small_and_labelled(exercise_id, kind):
    text = illustration_path(exercise_id, kind).read_text()
    assert len(text) < (40_000 if kind == "rep" else 6_000)
    assert "<title>" in text and 'role="img"' in text
    if kind == "rep":
        assert 'repeatCount="indefinite"' in text
        assert len(re.findall(r"<animate ", text)) >= 10


@pytest.fixture(scope="module")
def page():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 420, "height": 320})
        yield pg
        browser.close()


def shot(page, svg_text: str, at: float | None = None) -> np.ndarray:
    page.set_content(f"<html><body style='margin:0'>{svg_text}</body></html>")
    if at is not None:
        page.evaluate("t => { const s = document.querySelector('svg'); s.pauseAnimations();"
                      " s.setCurrentTime(t); }", at)
    png = page.locator("svg").screenshot()
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


@pytest.mark.browser
@pytest.mark.parametrize(("exercise_id", "kind"), ALL)
def test_renders_with_figure_props_and_highlight(page, exercise_id, kind):
    img = shot(page, illustration_path(exercise_id, kind).read_text(), at=0.0)
    assert img.shape[:2] == (300, 400)
    background = share_near(img, COLOURS["background"], 6)
    assert 0.35 < background < 0.97                      # not blank, not a smear
    assert share_near(img, COLOURS["near"]) > 0.006      # the body
    assert share_near(img, COLOURS["head"]) > 0.002      # a visible head
    assert share_near(img, COLOURS["accent"], 40) + share_near(img, COLOURS["accent_far"], 25) \
        > 0.002                                          # the moving limb stands out
    floor_fill = (0.35 * rgb(COLOURS["floor"]) + 0.65 * 255).round().astype(int)
    floor_hex = "#" + "".join(f"{v:02x}" for v in floor_fill)
    assert share_near(img, COLOURS["floor"], 20) > 0.002            # the floor line
    assert share_near(img, floor_hex, 6) > 0.02                      # and the floor below it
    if exercise_id.startswith("ball-"):
        assert share_near(img, COLOURS["ball"]) > 0.02
    if exercise_id == "wall-squats":
        assert share_near(img, COLOURS["wall"], 8) > 0.05


@pytest.mark.browser
@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_animation_moves_and_returns(page, exercise_id):
    text = illustration_path(exercise_id, "rep").read_text()
    dur = float(re.search(r'dur="([\d.]+)s"', text).group(1))
    frames = [shot(page, text, at=t) for t in (0.0, dur * 0.45, dur * 0.99)]
    moved = np.abs(frames[1] - frames[0]).max(axis=-1) > 40
    back = np.abs(frames[2] - frames[0]).max(axis=-1) > 40
    assert moved.mean() > 0.002, "the figure should move during the rep"
    assert back.mean() < moved.mean() / 2, "the rep should end where it started"


def test_illustrate_command_writes_into_a_folder(tmp_path, capsys):
    from backcoach.cli import main

    assert main(["illustrate", "--out", str(tmp_path), "-e", "wall-squats"]) == 0
    assert "Wrote 3 pictures" in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "wall-squats-end.svg", "wall-squats-rep.svg", "wall-squats-start.svg"]
    assert main(["illustrate", "--out", str(tmp_path), "-e", "sit-ups"]) == 2
    assert "Unknown exercise" in capsys.readouterr().err
