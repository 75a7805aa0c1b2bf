"""The built book works offline in a real browser (headless Debian Chromium, pages opened from file://).

Every request that is not a file:// URL is aborted and recorded. For every page: nothing blocked or failed,
no console error, every plotly figure drawn (an SVG with traces), every plotly slider moves the figure when
one of its steps is clicked, and every piece of maths typeset by MathJax. Which site is tested: see
``browser_helpers`` (``WORKBOOK_BUILT_BOOK``, ``WORKBOOK_BUILT``, or a fresh student build).
"""
from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser_helpers import (CHROMIUM, CHROMIUM_ARGS, built_site, chromium_or_skip, dumps, expected_pages,
                             site_pages)

PAGES = expected_pages()

FIGURES_DRAWN = """() => {
  const divs = [...document.querySelectorAll('.workbook-plotly .plotly-graph-div')];
  return divs.every(gd => gd.classList.contains('js-plotly-plot') && gd._fullLayout
    && gd.querySelector('svg.main-svg')
    && gd.querySelectorAll('.trace, .hm, .contour, .slice').length > 0);
}"""

FIGURE_STATE = """([index]) => {
  const gd = document.querySelectorAll('.js-plotly-plot')[index];
  const drawn = [...gd.querySelectorAll('.trace path, .trace .point, .trace text')]
    .map(e => e.getAttribute('d') || e.getAttribute('transform') || e.textContent);
  const data = JSON.stringify(gd.data.map(t => [t.x, t.y, t.z, t.text]));
  const title = gd._fullLayout.title && gd._fullLayout.title.text;
  return {data: data, drawn: JSON.stringify(drawn), title: title,
          active: (gd.layout.sliders || []).map(s => s.active)};
}"""

FIGURE_SUMMARY = """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => ({
  id: gd.id, traces: gd.data.length, frames: (gd._transitionData ? gd._transitionData._frames.length : 0),
  sliders: (gd.layout.sliders || []).map(s => ({active: s.active, steps: s.steps.length})),
  label: gd.getAttribute('aria-label')}))"""

TICK_POSITION = """([index, slider, step]) => {
  const gd = document.querySelectorAll('.js-plotly-plot')[index];
  const group = gd.querySelectorAll('g.slider-group')[slider];
  const tick = group.querySelectorAll('.slider-tick-rect')[step];
  const rail = group.querySelector('.slider-rail-touch-rect') || group.querySelector('.slider-rail-rect');
  tick.scrollIntoView({block: 'center'});
  const t = tick.getBoundingClientRect(), r = rail.getBoundingClientRect();
  return {x: t.left + t.width / 2, y: r.top + r.height / 2};
}"""

MATHS_TYPESET = """() => [...document.querySelectorAll('.math')].every(m => m.querySelector('mjx-container'))"""

MATHS = """() => ({count: document.querySelectorAll('.math').length,
  typeset: [...document.querySelectorAll('.math')].filter(m => m.querySelector('mjx-container')).length,
  errors: document.querySelectorAll('mjx-merror').length})"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return built_site(tmp_path_factory)


@pytest.fixture(scope="module")
def browser():
    sync_playwright = chromium_or_skip()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_every_built_page_is_tested(site):
    assert set(site_pages(site)) <= set(PAGES), "pages built but not parametrized (collected before the build)"
    assert set(PAGES) <= set(site_pages(site)), "pages expected from the toc were not built"


@pytest.mark.parametrize("page_name", PAGES)
def test_page_works_offline(site, browser, page_name):
    page_path = site / page_name
    assert page_path.is_file(), f"{page_name} was not built"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    blocked, failed, errors = [], [], []

    def route(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("requestfailed", lambda r: failed.append(f"{r.url} {r.failure}"))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    def wait_for(script, what, arg=None):
        try:
            page.wait_for_function(script, arg=arg, timeout=10_000)
        except PlaywrightTimeout:
            pytest.fail(f"{page_name}: timed out waiting for {what}; network requests: {dumps(blocked)}; "
                        f"failed requests: {dumps(failed)}; console errors: {dumps(errors)}")

    try:
        page.goto(page_path.as_uri(), wait_until="load")

        # Figures: every figure div drawn by plotly.js.
        expected_figures = page.locator(".workbook-plotly .plotly-graph-div").count()
        if expected_figures:
            wait_for(FIGURES_DRAWN, "every plotly figure to be drawn")
        figures = page.evaluate(FIGURE_SUMMARY)
        assert len(figures) == expected_figures, dumps(figures)
        for fig in figures:
            assert fig["label"] and fig["label"] != "Interactive figure", f"figure without alt text: {fig}"
            assert fig["traces"] > 0, fig

        # Sliders: clicking another step of each slider changes the figure's data and its drawing.
        for index, fig in enumerate(figures):
            for slider, info in enumerate(fig["sliders"]):
                assert info["steps"] > 1 and fig["frames"] >= info["steps"], fig
                before = page.evaluate(FIGURE_STATE, [index])
                active = before["active"][slider]
                target = 0 if active >= info["steps"] / 2 else info["steps"] - 1
                point = page.evaluate(TICK_POSITION, [index, slider, target])
                page.mouse.click(point["x"], point["y"])
                wait_for("([i, s, t]) => document.querySelectorAll('.js-plotly-plot')[i].layout.sliders[s]"
                         ".active === t", f"figure {index} slider {slider} to reach step {target}",
                         [index, slider, target])
                page.wait_for_timeout(100)
                after = page.evaluate(FIGURE_STATE, [index])
                assert after["data"] != before["data"], f"figure {index} slider {slider}: data unchanged"
                assert after["drawn"] != before["drawn"], f"figure {index} slider {slider}: drawing unchanged"

        # Maths: every .math element typeset, no MathJax error.
        wait_for(MATHS_TYPESET, "MathJax to typeset every .math element")
        maths = page.evaluate(MATHS)
        assert maths["typeset"] == maths["count"] and maths["errors"] == 0, maths
        if maths["count"]:
            assert page.locator("mjx-container").count() >= maths["count"]

        page.wait_for_timeout(200)  # late console errors
        assert blocked == [], f"requests to the network: {dumps(blocked)}"
        assert failed == [], f"failed requests: {dumps(failed)}"
        assert errors == [], f"console errors: {dumps(errors)}"
    finally:
        context.close()
