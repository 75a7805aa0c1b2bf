"""The built book works offline in a real browser (headless Debian Chromium, pages opened from file://), in
every edition.

Every request that is not a file:// URL is aborted and recorded. For every page of the student and the
instructor site: nothing blocked or failed, no console error, every plotly figure drawn (an SVG with traces),
every plotly slider moves the figure (one far step of each slider is clicked: the figure's data and its drawing
must both change), every piece of maths typeset by MathJax, and every dropdown closed on arrival; on a
self-study worked-solutions page each exercise's solution stays hidden until its dropdown is opened, and then
shows. Which sites are tested: see ``browser_helpers``
(``WORKBOOK_BUILT``, ``WORKBOOK_BUILT_BOOK``, or fresh builds).

One test class per edition, so ``--dist loadscope`` can give each edition its own worker; each worker has one
Chromium (``chromium_browser``), each class one browser context, each page a fresh tab.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser_helpers import (EditionPages, browser_pages, chromium_browser, dumps, expected_pages,  # noqa: F401
                             open_page, pytest_generate_tests, site_pages)

# The data and the drawing of one figure. A trace's drawing is its paths' ``d`` and the ``transform`` of its
# points and texts (a moved marker keeps its path and changes its transform).
FIGURE_STATE = """([index]) => {
  const gd = document.querySelectorAll('.js-plotly-plot')[index];
  const drawn = [...gd.querySelectorAll('.trace path, .trace .point, .trace text')]
    .map(e => (e.getAttribute('d') || '') + '|' + (e.getAttribute('transform') || '') + '|' + e.textContent);
  const data = JSON.stringify(gd.data.map(t => [t.x, t.y, t.z, t.text]));
  return {data: data, drawn: JSON.stringify(drawn), active: (gd.layout.sliders || []).map(s => s.active)};
}"""

# Resolves once the figure's slider has reached the step and the page script has drawn the new state.
REACHED = """([index, slider, step]) => {
  const gd = document.querySelectorAll('.js-plotly-plot')[index];
  return gd.layout.sliders[slider].active === step && !gd.hasAttribute('data-busy');
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

# What the sliders of one figure show (each slider's value at its active step) and what the figure draws.
SHOWN_AND_DRAWN = """([index]) => {
  const gd = document.querySelectorAll('.js-plotly-plot')[index];
  const meta = (gd.layout.meta || {}).workbook || null;
  return {explorer: meta && meta.explorer, busy: gd.hasAttribute('data-busy'),
          shown: Object.fromEntries(gd.layout.sliders.map(s => [s.name, s.steps[s.active].value])),
          drawn: gd.data.map(t => ({x: t.x, y: t.y}))};
}"""

# Every sphinx-design dropdown: open or not, and whether its content is rendered (a closed <details> renders none).
DROPDOWNS = """() => [...document.querySelectorAll('details.sd-dropdown')].map(d => ({
  open: d.open, title: d.querySelector('summary').textContent.trim(),
  shown: d.querySelector('.sd-summary-content').checkVisibility(),
  text: d.querySelector('.sd-summary-content').textContent.replace(/\\s+/g, ' ').trim()}))"""

MATHS = """() => ({count: document.querySelectorAll('.math').length,
  typeset: [...document.querySelectorAll('.math')].filter(m => m.querySelector('mjx-container')).length,
  errors: document.querySelectorAll('mjx-merror').length})"""


def check_dropdowns(page, page_name: str) -> None:
    """Every dropdown arrives closed with its content hidden. On a worked-solutions page there is one per
    exercise, each after its exercise's heading; opening it shows the solution."""
    dropdowns = page.evaluate(DROPDOWNS)
    opened = [d["title"] for d in dropdowns if d["open"] or d["shown"]]
    assert not opened, f"{page_name}: dropdowns open or showing on arrival: {opened}"
    if not page_name.startswith("worked-solutions/"):
        return
    exercises = page.evaluate("""() => [...document.querySelectorAll('h2')].map(h => h.textContent)
        .map(t => (t.match(/^Exercise (\\d+\\.\\d+[a-z]?)/) || [])[1]).filter(Boolean)""")
    assert exercises and [d["title"] for d in dropdowns] == [
        f"Show the worked solution to exercise {ex}" for ex in exercises], (exercises, dropdowns)
    # Each dropdown sits in its exercise's section (after its question), not in the next one.
    sections = page.evaluate("""() => [...document.querySelectorAll('details.sd-dropdown')]
        .map(d => d.closest('section').querySelector('h2').textContent)""")
    assert all(h.startswith(f"Exercise {ex} ") for h, ex in zip(sections, exercises)), sections
    for index, dropdown in enumerate(dropdowns):
        page.locator("details.sd-dropdown > summary").nth(index).click()
        page.wait_for_function("([i]) => document.querySelectorAll('details.sd-dropdown')[i].open", arg=[index])
        after = page.evaluate(DROPDOWNS)[index]
        assert after["shown"] and len(after["text"]) > 20, f"{page_name}: {dropdown['title']} shows nothing: {after}"
        assert "answer_" in after["text"] or "Model answer" in after["text"], after["text"][:300]


def assert_shows_what_it_draws(state: dict, page_name: str, index: int) -> None:
    from territorial_trap_workbook.explorers.registry import all_explorers

    assert state["explorer"], f"{page_name}: figure {index} carries no explorer key"
    spec = all_explorers()[state["explorer"]]
    values = {name: float(text) for name, text in state["shown"].items()}
    expected = spec.draw(spec.space.validate({**spec.space.defaults(), **values})).traces
    assert len(expected) == len(state["drawn"]), (page_name, index)
    for number, (want, got) in enumerate(zip(expected, state["drawn"])):
        for axis in ("x", "y"):
            if axis not in want:
                continue
            a, b = list(want[axis]) if want[axis] is not None else None, got[axis]
            same = (a == b) or (a is not None and b is not None and len(a) == len(b) and all(
                (u is None and v is None) or (u is not None and v is not None and abs(float(u) - float(v)) < 1e-9)
                for u, v in zip(a, b)))
            assert same, (f"{page_name}: figure {index} ({spec.key}) shows {values} but trace {number} "
                          f"{axis} is not that state's: drawn {str(b)[:200]}, expected {str(a)[:200]}")


class _Edition(EditionPages):
    def test_every_built_page_is_tested(self, site):
        built, expected = set(site_pages(site)), set(expected_pages(self.edition))
        assert set(browser_pages(self.edition)) <= expected
        assert built <= expected, f"pages built but not parametrized (collected before the build): {built - expected}"
        assert expected <= built, f"pages expected from the toc were not built: {expected - built}"

    def test_page_works_offline(self, site, context, page_name):
        page_path = site / page_name
        assert page_path.is_file(), f"{page_name} was not built"
        offline = open_page(context, page_path)  # waits for figures drawn and maths typeset
        page = offline.page
        try:
            # Figures: every figure div drawn by plotly.js, each with alt text.
            figures = page.evaluate(FIGURE_SUMMARY)
            assert len(figures) == page.locator(".workbook-plotly .plotly-graph-div").count(), dumps(figures)
            for fig in figures:
                assert fig["label"] and fig["label"] != "Interactive figure", f"figure without alt text: {fig}"
                assert fig["traces"] > 0, fig

            # Sliders: clicking a far step of each slider, one after the other, moves that slider; when the state
            # drawn changes, the drawing changes with it, and the sliders always show the state drawn.
            for index, fig in enumerate(figures):
                for slider, info in enumerate(fig["sliders"]):
                    assert info["steps"] > 1 and fig["frames"] >= info["steps"], fig
                    before = page.evaluate(FIGURE_STATE, [index])
                    active = before["active"][slider]
                    target = 0 if active >= info["steps"] / 2 else info["steps"] - 1
                    point = page.evaluate(TICK_POSITION, [index, slider, target])
                    page.mouse.click(point["x"], point["y"])
                    try:
                        page.wait_for_function(REACHED, arg=[index, slider, target], timeout=10_000)
                    except PlaywrightTimeout:
                        after = page.evaluate(FIGURE_STATE, [index])
                        pytest.fail(f"{page_name}: figure {index} slider {slider} clicked at step {target}: now at "
                                    f"step {after['active'][slider]}; {offline.problems()}")
                    after = page.evaluate(FIGURE_STATE, [index])
                    if after["data"] != before["data"]:
                        assert after["drawn"] != before["drawn"], (
                            f"{page_name}: figure {index} slider {slider}: the data changed but not the drawing")
                    # After every move (a sequence: each slider in turn), the values the sliders show are the
                    # state drawn: recompute that state from the package and compare with the figure's data.
                    assert_shows_what_it_draws(page.evaluate(SHOWN_AND_DRAWN, [index]), page_name, index)

            check_dropdowns(page, page_name)

            # Maths: every .math element typeset (waited for on opening), no MathJax error.
            maths = page.evaluate(MATHS)
            assert maths["typeset"] == maths["count"] and maths["errors"] == 0, maths
            if maths["count"]:
                assert page.locator("mjx-container").count() >= maths["count"]

            page.wait_for_timeout(100)  # late console errors
            assert offline.blocked == [], f"requests to the network: {dumps(offline.blocked)}"
            assert offline.failed == [], f"failed requests: {dumps(offline.failed)}"
            assert offline.errors == [], f"console errors: {dumps(offline.errors)}"
        finally:
            offline.close()


class TestStudentEdition(_Edition):
    edition = "student"


class TestInstructorEdition(_Edition):
    edition = "instructor"


class TestSelfStudyEdition(_Edition):
    edition = "self-study"
