"""The charts are valid SVG holding the expected series, titles and labels, or an empty state."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta

import pytest

from backcoach.reports import (
    ExerciseProgress,
    build_progress,
    exercise_chart,
    pain_chart,
    progress_charts,
    render_png,
    render_svg,
    write_charts,
)
from backcoach.reports.trend import PainTrend, pain_trend
from backcoach.store import Store
from tests.reports.history import START, TODAY, History

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg.encode("utf-8"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return root


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]


def group(root: ET.Element, gid: str) -> ET.Element:
    found = root.find(f".//svg:g[@id='{gid}']", NS)
    assert found is not None, f"no series {gid!r} in the SVG"
    return found


def markers(root: ET.Element, gid: str) -> int:
    """Points drawn in a series: matplotlib writes one <use> per marker."""
    return len(group(root, gid).findall(".//svg:use", NS))


def ids(root: ET.Element, prefix: str) -> set[str]:
    return {g.get("id", "") for g in root.iter("{http://www.w3.org/2000/svg}g")
            if g.get("id", "").startswith(prefix)}


@pytest.fixture(scope="module")
def charts(history: History) -> dict[str, ET.Element]:
    """The report's charts, rendered once per database and parsed."""
    report = build_progress(history.store, history.built.user_id, today=TODAY, tz=UTC)
    return {name: parse(render_svg(fig)) for name, fig in progress_charts(report).items()}


def test_every_chart_is_svg_with_a_title_for_screen_readers(charts) -> None:
    assert set(charts) == {"pain", "adherence", "exercise-ankle-pumps", "exercise-heel-slides",
                           "exercise-knee-to-chest", "exercise-straight-leg-raises",
                           "exercise-wall-squats"}
    for name, root in charts.items():
        assert root.get("role") == "img", name
        title = root.find("svg:title", NS)
        assert title is not None and len(title.text or "") > 20, name
        assert "No sessions yet" not in texts(root), name


def test_pain_chart_has_before_after_and_rolling_series(charts) -> None:
    root = charts["pain"]
    words = texts(root)
    for label in ("Pain before and after each session", "Pain (0–10 scale)", "Session date",
                  "before", "after", "7-session average (before)", "0–3 safe"):
        assert label in words
    assert markers(root, "pain-before") == 37
    assert markers(root, "pain-after") == 36          # the interrupted session has no "after"
    assert len(group(root, "pain-rolling").findall(".//svg:path", NS)) == 1
    assert "fell from" in root.find("svg:title", NS).text   # the trend sentence as alt text


def test_adherence_heat_map_marks_done_missed_and_today(charts) -> None:
    root = charts["adherence"]
    words = texts(root)
    assert "Exercise calendar" in words and "Week starting (Monday)" in words
    assert "85% of planned sessions done (every day); streak 4, best 12" in words
    assert {"Mon", "Sun", "missed", "rest day", "Sets done per day"} <= set(words)
    # 8 weeks are shown (the minimum): 2 before the first session, then the 6 weeks
    first_shown = START - timedelta(weeks=2)
    expected = {f"day-{first_shown + timedelta(days=n)}" for n in range(56)}
    assert ids(root, "day-") == expected
    missed = {START + timedelta(days=d) for d in (4, 11, 12, 25, 33, 36)}
    assert ids(root, "missed-") == {f"missed-{d}" for d in missed}
    group(root, "today")


def test_exercise_charts_show_range_of_motion_and_holds_per_side(charts) -> None:
    heel = charts["exercise-heel-slides"]
    assert "Knee angle (°)" in texts(heel) and "Session date" in texts(heel)
    assert "Range of motion: mean peak per session (lower = bigger movement)" in texts(heel)
    assert markers(heel, "rom-left") == 36 and markers(heel, "rom-right") == 36
    assert not ids(heel, "hold-")

    slr = charts["exercise-straight-leg-raises"]
    words = texts(slr)
    assert {"Leg lift (°)", "Hold (seconds)", "target 10 s", "left", "right"} <= set(words)
    assert markers(slr, "hold-left") == 36
    group(slr, "hold-target")

    squats = charts["exercise-wall-squats"]   # tapped, so holds only
    assert ids(squats, "hold-") == {"hold-both", "hold-target"} and not ids(squats, "rom-")

    pumps = charts["exercise-ankle-pumps"]    # no camera, no holds: reps against the target
    assert "Reps per session" in texts(pumps)
    assert markers(pumps, "reps-done") == 36
    group(pumps, "reps-target")


def test_no_sessions_draws_an_honest_empty_state(store: Store) -> None:
    report = build_progress(store, store.local_user(), today=date(2025, 1, 1), tz=UTC)
    charts = progress_charts(report)
    assert set(charts) == {"pain", "adherence"}
    for name, fig in charts.items():
        root = parse(render_svg(fig))
        words = texts(root)
        assert "No sessions yet" in words, name
        assert not ids(root, "xtick_") and not ids(root, "ytick_"), name   # no empty axes
    never_done = ExerciseProgress("ankle-pumps", "Ankle pumps", "ankle angle", "°", "higher",
                                  None)
    assert "No sessions yet" in texts(parse(render_svg(exercise_chart(never_done))))


def test_png_is_600_px_wide_and_svg_is_deterministic(history: History, tmp_path) -> None:
    report = build_progress(history.store, history.built.user_id, today=TODAY, tz=UTC)
    figs = progress_charts(report)
    png = render_png(figs["pain"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert width == 600 and 300 <= height <= 400
    again = progress_charts(report)
    assert render_svg(figs["adherence"]) == render_svg(again["adherence"])
    paths = write_charts({"pain": figs["pain"]}, tmp_path / "out", formats=("svg", "png"))
    assert [p.name for p in paths] == ["pain.svg", "pain.png"]
    parse(paths[0].read_text(encoding="utf-8"))


def test_a_long_history_is_drawn_as_weekly_means() -> None:
    start = datetime(2023, 1, 2, 18, tzinfo=UTC)   # a Monday; a session every day for 40 weeks
    sessions = [(n, (start + timedelta(days=n)).date(), start + timedelta(days=n),
                 6 - n // 100, 5 - n // 100) for n in range(280)]
    root = parse(render_svg(pain_chart(pain_trend(sessions))))
    words = texts(root)
    assert "Pain before and after sessions, weekly mean" in words
    assert "before (weekly mean)" in words and "Week" in words
    path = group(root, "pain-before").find(".//svg:path", NS)
    assert path is not None
    assert path.get("d", "").count("L") == 40 - 1      # one vertex per week
    assert not ids(root, "pain-rolling")


def test_pain_chart_of_an_empty_trend() -> None:
    root = parse(render_svg(pain_chart(PainTrend())))
    assert "No sessions yet" in texts(root)
    assert "No sessions yet" in root.find("svg:title", NS).text


def test_charts_drawn_from_several_threads_match_one_drawn_alone() -> None:
    from concurrent.futures import ThreadPoolExecutor

    start = datetime(2025, 3, 3, 18, tzinfo=UTC)
    trend = pain_trend([(n, (start + timedelta(days=n)).date(), start + timedelta(days=n),
                         7 - n // 5, 6 - n // 5) for n in range(30)])
    alone = render_svg(pain_chart(trend))
    with ThreadPoolExecutor(max_workers=4) as pool:
        drawn = list(pool.map(lambda _: render_svg(pain_chart(trend)), range(8)))
    assert all(svg == alone for svg in drawn)
    assert "<text" in alone          # text stayed text: the style held in every thread


@pytest.mark.parametrize("busiest", [0, 1, 3, 4, 5, 7, 12, 40])
def test_calendar_bins_are_distinct_and_cover_every_day(busiest):
    from backcoach.reports.charts import _heat_bins

    bins = _heat_bins(busiest)
    assert len(bins) == 4
    assert bins[0][0] == 1 and bins[-1][1] == max(busiest, 4)
    for (lo, hi), (next_lo, _) in zip(bins, bins[1:], strict=False):
        assert lo <= hi and next_lo == hi + 1
