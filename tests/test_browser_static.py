"""The built book as a reader sees it, in a real browser (headless Debian Chromium, pages opened from file://
with every other request aborted), in every edition, on a phone (390 px), a tablet (768 px) and a laptop or
projector (1366 px).

Every page is loaded once on a laptop (1366 px) and once on a phone (390 px); the phone's load is then turned to a
tablet's width (768 px) and back, so the tablet view is that same load resized (a page's figures refit to every
width change by the page script, as they do when a tablet is turned). In each of the three views every check runs:
nothing blocked or failed, no console error, every plotly figure drawn (an SVG with traces), every piece of maths
typeset, no raw markup in the visible text, nothing wider than the screen, and no text box of a figure (title,
read-out, legend, slider labels, axis titles and ticks) overlapping another or leaving the figure
(``screen_checks``), every dropdown closed; turned back from the tablet's width to the phone's, the figures' text is
checked once more. At 1366 px one far step of every slider is clicked, slider after slider; after every move the
values the sliders show must be the state drawn (recomputed from the package), and the read-out must say that
state's sentence. Last, at 1366 px, the axe-core audit of the page's content runs on the same load
(``test_accessibility.audit_content``).

A page of the instructor or self-study edition whose article is the student edition's (``student_twin``) is checked
once, in the student edition; one whose figures are the student edition's skips the slider moves. Every
sphinx-design dropdown arrives closed, its content hidden; on a self-study worked-solutions page there is one per
exercise, after its question, and at 1366 px each is opened and must then show its solution. Which sites are tested:
see ``browser_helpers`` (``WORKBOOK_BUILT``, ``WORKBOOK_BUILT_BOOK``, or fresh builds).

Two test classes per edition (laptop width with the slider moves; phone and tablet), so ``--dist loadscope``
spreads them over the workers; each worker has one Chromium (``chromium_browser``), each class one browser
context and one tab, navigated from page to page (``browser_helpers.Tab``: a fresh document per page, about a
third less CPU per load than a fresh tab; a fresh tab again after a failure).
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser_helpers import (EditionPages, article, built_site, chromium_browser, dumps,  # noqa: F401
                             expected_pages, open_page, pytest_generate_tests, site_pages, student_twin)
from screen_checks import figure_text, raw_markup, too_wide, visible_text
from test_accessibility import audit_content

DESKTOP, TABLET, PHONE = 1366, 768, 390
#: The small screens, one load: a page opened on a phone, then turned to a tablet's width (landscape-ish).
SMALL_SCREENS = (PHONE, TABLET)
REFITTED = """() => [...document.querySelectorAll('.workbook-explorer .js-plotly-plot')].every(gd =>
  gd.getAttribute('data-fitted') === String(Math.round(gd.getBoundingClientRect().width)))"""

# The data and the drawing of one figure. A trace's drawing is its paths' ``d`` and the ``transform`` of its
# points and texts (a moved marker keeps its path and changes its transform).
FIGURE_STATE = """([index]) => {
  const gd = document.querySelectorAll('.js-plotly-plot')[index];
  const drawn = [...gd.querySelectorAll('.trace path, .trace .point, .trace text')]
    .map(e => (e.getAttribute('d') || '') + '|' + (e.getAttribute('transform') || '') + '|' + e.textContent);
  const data = JSON.stringify(gd.data.map(t => [t.x, t.y, t.z, t.text]));
  return {data: data, drawn: JSON.stringify(drawn), active: (gd.layout.sliders || []).map(s => s.active)};
}"""

# Resolves once the figure's slider has reached the step and the page script has drawn the state it shows. (The
# data need not change: at some combinations a parameter has no effect, e.g. a mediator's own cost of war when its
# information is perfect; the package-side tests check that every slider changes the figure somewhere.)
MOVED = """([index, slider, step]) => {
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
  const figure = gd.closest('figure'), readout = figure && figure.querySelector('.explorer-readout');
  return {explorer: meta && meta.explorer, busy: gd.hasAttribute('data-busy'),
          readout: readout ? readout.textContent.trim() : null,
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


def assert_shows_what_it_draws(state: dict, page_name: str, index: int) -> None:
    from territorial_trap_workbook.explorers.registry import all_explorers

    assert state["explorer"], f"{page_name}: figure {index} carries no explorer key"
    spec = all_explorers()[state["explorer"]]
    values = {name: float(text) for name, text in state["shown"].items()}
    frame = spec.draw(spec.space.validate({**spec.space.defaults(), **values}))
    expected = frame.traces
    assert state["readout"] == frame.readout, (f"{page_name}: figure {index} ({spec.key}) shows {values} but its "
                                               f"read-out says {state['readout']!r}, not {frame.readout!r}")
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


def figures_of(path) -> list[str]:
    return re.findall(r'<div class="workbook-plotly">.*?</script></div>', path.read_text(encoding="utf8"), re.S)


def check_dropdowns(page, page_name: str, open_each: bool) -> None:
    """Every dropdown arrives closed with its content hidden. On a worked-solutions page there is one per
    exercise, each in its exercise's section after the question; opened (``open_each``), each shows its solution."""
    dropdowns = page.evaluate(DROPDOWNS)
    opened = [d["title"] for d in dropdowns if d["open"] or d["shown"]]
    assert not opened, f"{page_name}: dropdowns open or showing on arrival: {opened}"
    if not page_name.startswith("worked-solutions/"):
        return
    exercises = page.evaluate("""() => [...document.querySelectorAll('h2')].map(h => h.textContent)
        .map(t => (t.match(/^Exercise (\\d+\\.\\d+[a-z]?)/) || [])[1]).filter(Boolean)""")
    assert exercises and [d["title"] for d in dropdowns] == [
        f"Show the worked solution to exercise {ex}" for ex in exercises], (exercises, dropdowns)
    sections = page.evaluate("""() => [...document.querySelectorAll('details.sd-dropdown')]
        .map(d => d.closest('section').querySelector('h2').textContent)""")
    assert all(h.startswith(f"Exercise {ex} ") for h, ex in zip(sections, exercises)), sections
    if not open_each:
        return
    for index, dropdown in enumerate(dropdowns):
        page.locator("details.sd-dropdown > summary").nth(index).click()
        page.wait_for_function("([i]) => document.querySelectorAll('details.sd-dropdown')[i].open", arg=[index])
        after = page.evaluate(DROPDOWNS)[index]
        assert after["shown"] and len(after["text"]) > 20, f"{page_name}: {dropdown['title']} shows nothing: {after}"
        assert "answer_" in after["text"] or "Model answer" in after["text"], after["text"][:300]


class _Edition(EditionPages):
    widths: tuple[int, ...]

    def test_every_built_page_is_tested(self, site):
        if DESKTOP not in self.widths:
            pytest.skip("checked once per edition, in its laptop-width class")
        built, expected = set(site_pages(site)), set(expected_pages(self.edition))
        assert built <= expected, f"pages built but not parametrized (collected before the build): {built - expected}"
        assert expected <= built, f"pages expected from the toc were not built: {expected - built}"

    def twin(self, site, page_name, tmp_path_factory) -> str | None:
        """"page" when the student edition has this very article, "figures" when it has these figures."""
        if self.edition == "student":
            return None
        student = built_site(tmp_path_factory, "student") / page_name
        if not student.is_file():
            return None
        if student_twin(site, page_name, self.edition, tmp_path_factory):
            return "page"
        return "figures" if figures_of(student) == figures_of(site / page_name) else None

    def test_page_as_a_reader_sees_it(self, site, tab, page_name, width, tmp_path_factory):
        page_path = site / page_name
        assert page_path.is_file(), f"{page_name} was not built"
        twin = self.twin(site, page_name, tmp_path_factory)
        if twin == "page":
            pytest.skip("the same article as the student edition's page, checked there")
        offline = tab.open(page_path, width=width)  # waits for figures drawn and maths typeset
        page = offline.page
        try:
            # A laptop: one view. A phone: its own view, then turned to a tablet's width (every check again),
            # then back, so that the figures refit both ways.
            for view in SMALL_SCREENS if width == PHONE else (width,):
                if view != width:
                    self.turn(page, offline, view)
                self.check_view(page, offline, page_name, view, move_sliders=width == DESKTOP and twin is None)
            if width == PHONE and page.evaluate(FIGURE_SUMMARY):
                self.turn(page, offline, PHONE)
                turned = figure_text(page)
                assert not turned, f"{page_name} turned from {TABLET} back to {PHONE} px:\n" + "\n".join(turned)

            page.wait_for_timeout(100)  # late console errors
            assert offline.blocked == [], f"requests to the network: {dumps(offline.blocked)}"
            assert offline.failed == [], f"failed requests: {dumps(offline.failed)}"
            assert offline.errors == [], f"console errors: {dumps(offline.errors)}"
            if width == DESKTOP:  # accessibility on this same load (test_accessibility), last: axe re-reads the
                audit_content(page, f"{self.edition}/{page_name}")  # stylesheets, which file:// refuses
        except BaseException:
            tab.discard()  # the next page in a fresh tab
            raise

    @staticmethod
    def turn(page, offline, width: int) -> None:
        """The screen turned (or the window resized) to ``width``: every figure refits to it."""
        page.set_viewport_size({"width": width, "height": 900})
        offline.wait_for(REFITTED, f"every figure refitted to {width} px")

    def check_view(self, page, offline, page_name: str, width: int, move_sliders: bool) -> None:
        """Every check of the page as it is now shown, ``width`` px wide."""
        # What a person sees: no source syntax, nothing wider than the screen, no figure text on other text.
        seen = [*raw_markup(visible_text(page, "main")), *too_wide(page), *figure_text(page)]
        assert not seen, f"{page_name} at {width} px:\n" + "\n".join(seen)

        # Figures: every figure div drawn by plotly.js, each with alt text.
        figures = page.evaluate(FIGURE_SUMMARY)
        assert len(figures) == page.locator(".workbook-plotly .plotly-graph-div").count(), dumps(figures)
        for fig in figures:
            assert fig["label"] and fig["label"] != "Interactive figure", f"figure without alt text: {fig}"
            assert fig["traces"] > 0, fig

        if move_sliders:
            self.move_every_slider(page, offline, page_name, figures)
        check_dropdowns(page, page_name, open_each=width == DESKTOP)

        # Maths: every .math element typeset (waited for on opening), no MathJax error.
        maths = page.evaluate(MATHS)
        assert maths["typeset"] == maths["count"] and maths["errors"] == 0, maths
        if maths["count"]:
            assert page.locator("mjx-container").count() >= maths["count"]

    @staticmethod
    def move_every_slider(page, offline, page_name, figures) -> None:
        """Click a far step of each slider in turn; after every move the sliders must show the state drawn, and
        when the data changed, the drawing must have changed with it."""
        for index, fig in enumerate(figures):
            for slider, info in enumerate(fig["sliders"]):
                assert info["steps"] > 1 and fig["frames"] >= info["steps"], fig
                before = page.evaluate(FIGURE_STATE, [index])
                active = before["active"][slider]
                target = 0 if active >= info["steps"] / 2 else info["steps"] - 1
                point = page.evaluate(TICK_POSITION, [index, slider, target])
                page.mouse.click(point["x"], point["y"])
                try:
                    page.wait_for_function(MOVED, arg=[index, slider, target], timeout=10_000)
                except PlaywrightTimeout:
                    after = page.evaluate(FIGURE_STATE, [index])
                    pytest.fail(f"{page_name}: figure {index} slider {slider} clicked at step {target}: now at "
                                f"step {after['active'][slider]}; {offline.problems()}")
                after = page.evaluate(FIGURE_STATE, [index])
                if after["data"] != before["data"]:
                    assert after["drawn"] != before["drawn"], (
                        f"{page_name}: figure {index} slider {slider}: the data changed but the drawing did not")
                assert_shows_what_it_draws(page.evaluate(SHOWN_AND_DRAWN, [index]), page_name, index)


class TestStudentEdition(_Edition):
    edition = "student"
    widths = (DESKTOP,)


class TestStudentEditionSmallScreens(_Edition):
    edition = "student"
    widths = (PHONE,)  # and TABLET: the same load turned (SMALL_SCREENS)


class TestInstructorEdition(_Edition):
    edition = "instructor"
    widths = (DESKTOP,)


class TestInstructorEditionSmallScreens(_Edition):
    edition = "instructor"
    widths = (PHONE,)  # and TABLET: the same load turned (SMALL_SCREENS)


class TestSelfStudyEdition(_Edition):
    edition = "self-study"
    widths = (DESKTOP,)


class TestSelfStudyEditionSmallScreens(_Edition):
    edition = "self-study"
    widths = (PHONE,)  # and TABLET: the same load turned (SMALL_SCREENS)
