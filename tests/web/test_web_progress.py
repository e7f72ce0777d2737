"""The progress page, the session drill-down and the exports, in a real headless Chromium.

A server of its own holds the six-week history of tests/reports/history.py (written through the
Store like real sessions), so every figure on the page can be checked against the library.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from backcoach.reports import Schedule, build_progress
from backcoach.store import Store
from backcoach.web import create_app
from tests.reports.history import TODAY, build_history
from tests.web.conftest import DESKTOP, PHONE, LiveServer

pytestmark = pytest.mark.browser

PROGRESS = f"/progress?today={TODAY.isoformat()}"


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("history")
    store = Store.open(f"sqlite:///{folder / 'history.sqlite3'}")
    built = build_history(store)
    server = LiveServer(create_app(store, data_dir=folder)).start()
    yield server, store, built
    server.stop()
    store.close()


@pytest.fixture
def hpage(browser, history):
    server = history[0]
    context = browser.new_context(viewport=DESKTOP, base_url=server.url, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.js_errors = errors
    yield pg
    context.close()


def test_progress_page_shows_the_report_as_charts_with_text_alternatives(hpage, history, axe):
    _, store, built = history
    report = build_progress(store, built.user_id, today=TODAY, schedule=Schedule())
    response = hpage.goto(PROGRESS, wait_until="load")
    assert response.status == 200

    # headline figures are the library's
    adh = report.adherence
    assert hpage.get_by_test_id("adherence").inner_text() == f"{adh.percent:.0f}%"
    assert hpage.get_by_test_id("streak").inner_text() == str(adh.current_streak)
    assert hpage.get_by_test_id("longest-streak").inner_text() == str(adh.longest_streak)
    assert hpage.get_by_test_id("pain-sentence").inner_text() == report.pain.sentence

    # one inline SVG chart per report chart, each an image with a title (its text alternative)
    charts = hpage.eval_on_selector_all(
        "figure.chart", """figs => figs.map(f => ({name: f.dataset.chart,
            role: f.querySelector('svg').getAttribute('role'),
            title: (f.querySelector('svg > title') || {}).textContent || '',
            width: f.querySelector('svg').getBoundingClientRect().width}))""")
    names = [c["name"] for c in charts]
    assert names == ["pain", "adherence", *[f"exercise-{e.exercise_id}" for e in report.exercises]]
    assert all(c["role"] == "img" and c["title"].strip() and c["width"] > 300 for c in charts)
    # the pain chart draws both series; the calendar has a cell for the first day
    assert hpage.locator("figure[data-chart=pain] #pain-before").count() == 1
    assert hpage.locator("figure[data-chart=pain] #pain-after").count() == 1
    first_day = report.sessions[0].date.isoformat()
    assert hpage.locator(f"figure[data-chart=adherence] [id='day-{first_day}']").count() == 1
    # heel slides: range of motion per side over time, with the figures in a table
    heel = hpage.locator("section[data-exercise=heel-slides]")
    assert heel.locator("#rom-left").count() == 1 and heel.locator("#rom-right").count() == 1
    ex = report.exercise("heel-slides")
    assert f"{ex.peak_start:g}°".replace(".0°", "°") in heel.inner_text()
    assert heel.locator("details table tbody tr").count() == len(ex.points)

    # the pain table matches the chart's data
    pain_rows = hpage.locator("section[aria-labelledby=pain-title] details tbody tr")
    assert pain_rows.count() == len(report.pain.points)

    assert axe(hpage) == []
    assert hpage.js_errors == []


def test_sessions_list_drills_down_to_one_session(hpage, history, axe):
    _, store, built = history
    hpage.goto(PROGRESS, wait_until="load")
    rows = hpage.locator("[data-testid=history] tbody tr")
    assert rows.count() == len(built.session_ids)
    # day 9 (newest first) holds the one decision of the history
    with_decision = next(
        sid for sid in built.session_ids if store.session_detail(sid)["decisions"]
    )
    hpage.locator(f"[data-testid=history] a[href='/history/{with_decision}']").click()
    hpage.wait_for_url(f"**/history/{with_decision}")
    detail = store.session_detail(with_decision)
    assert hpage.get_by_test_id("pain-before").inner_text() == str(detail["pain_before"])
    assert hpage.get_by_test_id("pain-after").inner_text() == str(detail["pain_after"])
    assert hpage.get_by_test_id("decisions").inner_text().endswith("Pain rose: rest now.")
    sets = sum(len(g["sets"]) for g in detail["exercises"])
    assert hpage.locator("table[data-exercise] > tbody > tr:not(.rep-detail)").count() == sets
    # camera reps of the heel slides open to their peak knee angles
    heel = hpage.locator("table[data-exercise=heel-slides]")
    heel.locator("details summary").first.click()
    first_set = next(g for g in detail["exercises"] if g["exercise_id"] == "heel-slides")
    peak = first_set["sets"][0]["reps"][0]["peak_angle"]
    assert f"{peak:.1f}".removesuffix(".0") + "°" in heel.locator("details").first.inner_text()
    assert hpage.get_by_test_id("pain-reports").locator("tbody tr").count() == len(detail["pain"])
    assert axe(hpage) == []

    interrupted = next(s for s in store.history(built.user_id) if s["status"] == "interrupted")
    hpage.goto(f"/history/{interrupted['id']}")
    assert hpage.get_by_test_id("status").inner_text() == "Interrupted"
    assert "No set was finished" in hpage.locator("main").inner_text()
    assert hpage.goto("/history/99999").status == 404


def test_exports_download_everything_recorded(hpage, history, tmp_path: Path):
    _, store, built = history
    hpage.goto(PROGRESS, wait_until="load")
    with hpage.expect_download() as got:
        hpage.get_by_test_id("export-csv").click()
    csv_path = tmp_path / got.value.suggested_filename
    got.value.save_as(csv_path)
    assert csv_path.name == f"backcoach-{datetime.now(UTC).date().isoformat()}.csv"
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    assert sum(r["record"] == "session" for r in rows) == len(built.session_ids)
    assert sum(r["record"] == "set" for r in rows) == built.sets
    assert sum(r["record"] == "pain" for r in rows) == built.pains

    with hpage.expect_download() as got:
        hpage.get_by_test_id("export-json").click()
    data = json.loads(Path(got.value.path()).read_text(encoding="utf-8"))
    assert data["format"] == "backcoach-export" and data["user_id"] == built.user_id
    assert [s["id"] for s in data["sessions"]] == sorted(built.session_ids)


def test_schedule_changes_adherence(hpage, history):
    _, store, built = history
    hpage.goto(PROGRESS, wait_until="load")
    hpage.select_option("#days", "mon,wed,fri")
    hpage.get_by_role("button", name="Update").click()
    hpage.wait_for_url("**days=mon%2Cwed%2Cfri**")
    report = build_progress(store, built.user_id, today=TODAY,
                            schedule=Schedule.parse("mon,wed,fri"))
    assert hpage.get_by_test_id("adherence").inner_text() == f"{report.adherence.percent:.0f}%"
    assert "Mon, Wed, Fri" in hpage.locator(".stats").inner_text()


def test_progress_fits_a_phone(browser, history, axe):
    server = history[0]
    context = browser.new_context(viewport=PHONE, base_url=server.url, is_mobile=True)
    pg = context.new_page()
    try:
        for path in (PROGRESS, f"/history/{history[2].session_ids[0]}"):
            pg.goto(path, wait_until="load")
            overflow = pg.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, path
            assert axe(pg) == [], path
    finally:
        context.close()


def test_progress_with_no_sessions_says_so(browser, tmp_path: Path, axe):
    store = Store.open(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    server = LiveServer(create_app(store, data_dir=tmp_path)).start()
    context = browser.new_context(viewport=DESKTOP, base_url=server.url)
    try:
        pg = context.new_page()
        assert pg.goto("/progress", wait_until="load").status == 200
        assert pg.locator("#empty-title").inner_text() == "No sessions yet"
        titles = pg.eval_on_selector_all(
            "figure.chart svg > title", "ts => ts.map(t => t.textContent)"
        )
        assert titles and all("No sessions yet" in t for t in titles)
        assert axe(pg) == []
    finally:
        context.close()
        server.stop()
        store.close()


def test_progress_json_is_the_report(history):
    import httpx

    server, store, built = history
    data = httpx.get(f"{server.url}/api/progress?today={TODAY}", timeout=20).json()
    expected = build_progress(store, built.user_id, today=TODAY).to_dict()
    assert data == json.loads(json.dumps(expected))


def test_sessions_stopped_by_the_safety_checks_are_not_counted_as_started(browser, tmp_path: Path):
    from datetime import timedelta

    from tests.reports.history import one_session

    store = Store.open(f"sqlite:///{tmp_path / 'refused.sqlite3'}")
    uid = store.local_user()
    at = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)
    one_session(store, uid, at)
    refused = store.start_session(uid, ["heel-slides"], at + timedelta(days=1), pain_before=8)
    store.finish_session(refused, at + timedelta(days=1), "stopped")
    server = LiveServer(create_app(store, data_dir=tmp_path)).start()
    context = browser.new_context(viewport=DESKTOP, base_url=server.url)
    try:
        pg = context.new_page()
        pg.goto("/progress?today=2024-03-06", wait_until="load")
        line = pg.get_by_test_id("sessions-line").inner_text()
        assert line.startswith("1 session done of 1 started (1 more stopped by the safety"), line
    finally:
        context.close()
        server.stop()
        store.close()
