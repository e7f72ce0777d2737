"""The library, exercise and education pages in a real headless Chromium, checked by axe-core."""

from __future__ import annotations

import pytest

from backcoach.catalog import EXERCISE_IDS, get_exercise

pytestmark = pytest.mark.browser

STATIC_PAGES = ["/", "/library", "/learn", *[f"/library/{i}" for i in EXERCISE_IDS]]


def _broken_images(page) -> list[str]:
    """Images that failed to load (lazy ones are made to load first, then awaited)."""
    page.eval_on_selector_all("img[loading=lazy]", "imgs => imgs.forEach(i => i.loading = 'eager')")
    page.wait_for_function("Array.from(document.images).every(i => i.complete)")
    return page.eval_on_selector_all(
        "img", "imgs => imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)"
    )


def test_every_page_loads_and_passes_axe(page, axe):
    for path in STATIC_PAGES:
        response = page.goto(path, wait_until="load")
        assert response.status == 200, path
        assert page.locator("main h1").count() == 1, path
        assert _broken_images(page) == [], path
        assert axe(page) == [], path
    assert page.js_errors == []


def test_library_shows_nine_cards_with_loaded_pictures(page):
    page.goto("/library", wait_until="load")
    cards = page.locator("[data-testid=library-cards] > li")
    assert cards.count() == 9
    names = cards.locator(".card-title").all_inner_texts()
    assert names == [get_exercise(i).name for i in EXERCISE_IDS]
    widths = page.eval_on_selector_all(
        "[data-testid=library-cards] img", "imgs => imgs.map(i => i.naturalWidth)"
    )
    assert len(widths) == 9 and all(w > 0 for w in widths)
    alts = page.eval_on_selector_all("img.card-img", "imgs => imgs.map(i => i.alt)")
    assert all(alt.strip() for alt in alts)
    # dosage and position on each card, e.g. the straight leg raises' 10 each side, hold 10 s
    slr = cards.nth(EXERCISE_IDS.index("straight-leg-raises"))
    assert "10 reps each side, hold 10 s" in slr.inner_text()
    assert "Lying on your back" in slr.inner_text()


def test_exercise_page_shows_pictures_steps_dosage_and_defaults(page):
    ex = get_exercise("wall-squats")
    page.goto(f"/library/{ex.id}", wait_until="load")
    assert page.locator("h1").inner_text() == ex.name
    srcs = page.eval_on_selector_all(".figures img", "imgs => imgs.map(i => i.src)")
    assert [s.rsplit("/", 1)[1] for s in srcs] == [
        f"{ex.id}-rep.svg", f"{ex.id}-start.svg", f"{ex.id}-end.svg"
    ]
    assert page.locator(".step-list li").all_inner_texts() == list(ex.steps)
    table = page.locator(".dose-table").inner_text()
    assert "12 in (30 cm)" in table  # the source's distance from the wall
    assert "5–10 s" in table
    # the source states reps and hold; rest and pace are BackCoach defaults
    rows = {
        r.locator("th").inner_text(): r.locator("td").last.inner_text()
        for r in page.locator(".dose-table tbody tr").all()
    }
    assert rows["Repetitions"] == "Source"
    assert rows["Hold"] == "Source"
    assert rows["Rest after a set"] == "BackCoach default"
    for caution in ex.cautions:
        assert caution in page.locator(".caution").inner_text()


def test_education_page_renders_markdown(page):
    page.goto("/learn", wait_until="load")
    assert page.locator("h1").inner_text() == "Understanding lower back pain"
    headings = page.locator("main h2").all_inner_texts()
    assert "What tends to cause it" in headings
    assert page.locator("#when-to-see-a-doctor-first").count() == 1
    assert page.locator(".prose li strong").count() >= 5


def test_unknown_exercise_is_a_friendly_404(page, axe):
    response = page.goto("/library/back-flips")
    assert response.status == 404
    assert "back-flips" in page.locator("main").inner_text()
    assert axe(page) == []


def test_phone_width_has_no_horizontal_scroll(phone_page):
    for path in ["/", "/library", "/library/lumbar-stabilization", "/learn"]:
        phone_page.goto(path, wait_until="load")
        overflow = phone_page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path


def test_api_docs_work_offline_and_list_every_route(page, axe, live_server):
    """/api/docs is drawn on the server from the OpenAPI schema: no CDN, no scripts needed."""
    import httpx

    requests: list[str] = []
    page.on("request", lambda req: requests.append(req.url))
    response = page.goto("/api/docs", wait_until="networkidle")
    assert response.status == 200
    spec = httpx.get(f"{live_server.url}/api/openapi.json", timeout=10).json()
    shown = page.eval_on_selector_all(
        "[data-testid=api-op] h3", "hs => hs.map(h => h.textContent.replace(/\\s+/g, ' ').trim())"
    )
    expected = [f"{m.upper()} {path}" for path, item in spec["paths"].items() for m in item]
    assert sorted(shown) == sorted(expected) and len(expected) >= 11
    text = page.locator("main").inner_text()
    assert "Send a player command" in text and "SessionStateOut" in text
    assert page.locator("a[href='/api/openapi.json']").count() >= 1
    assert requests and all(u.startswith(live_server.url) for u in requests), requests
    assert axe(page) == []
    assert page.js_errors == []
