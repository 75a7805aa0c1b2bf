"""Every explorer: one declaration drives live sliders, static sliders and the values table."""
import dataclasses
import functools
import json
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from territorial_trap_workbook.explorers.live import LiveExplorer
from territorial_trap_workbook.explorers.registry import all_explorers
from territorial_trap_workbook.explorers.bundle import EXPLORER_MIME, WIDGET_MIME, explorer_bundle
from territorial_trap_workbook.explorers.spec import plain_text_problem, slider_label
from territorial_trap_workbook.explorers.static import plan, state_name, static_figure_json, values_table_html
from territorial_trap_workbook.params import ParameterError

EXPLORERS = all_explorers()
KEYS = sorted(EXPLORERS)


@functools.lru_cache(maxsize=None)
def built(key):
    """One static figure per explorer for the whole module (building it is the slow part)."""
    return static_figure_json(EXPLORERS[key])


def merged_frame(fig, name):
    """What plotly.js draws for a frame: the figure's traces with the frame's (changing) properties merged in."""
    frame = next(f for f in fig["frames"] if f["name"] == name)
    return [{**base, **part} for base, part in zip(fig["data"], frame["data"])]


def test_explorers_are_found():
    assert "bargaining" in EXPLORERS


# What a status line in variable names looks like: identifiers with underscores, separators, arrows, P(...).
DEBUG_LOOK = re.compile(r"\b[A-Za-z]+_[A-Za-z]+\b|·|→|\bP\(|=")


def nesting(text: str) -> int:
    depth = deepest = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        deepest = max(deepest, depth)
    return deepest


@pytest.mark.parametrize("key", KEYS)
def test_title_and_every_read_out_are_words_a_student_reads(key):
    """The title says what the figure shows; each reachable state's read-out is a plain sentence (no variable
    names, no status-line separators), carried by its static frame and equal to what the figure builder says."""
    spec = EXPLORERS[key]
    assert len(spec.title.split()) >= 5 and not DEBUG_LOOK.search(spec.title), spec.title
    fig = built(key)
    assert "title" not in fig["layout"], "the title is HTML above the plot, not plotly text that cannot wrap"
    the_plan = plan(spec)
    for frame in fig["frames"]:
        readout = frame["layout"]["meta"]["readout"]
        assert readout.endswith(".") and len(readout.split()) >= 8, (key, readout)
        assert not DEBUG_LOOK.search(readout) and plain_text_problem(readout) is None, (key, readout)
    for position in random.Random(key).sample(sorted(the_plan.states), min(5, len(the_plan.states))):
        frame = next(f for f in fig["frames"] if f["name"] == state_name(position))
        assert frame["layout"]["meta"]["readout"] == spec.draw(the_plan.states[position]).readout


@pytest.mark.parametrize("key", KEYS)
def test_slider_labels_never_nest_brackets(key):
    spec = EXPLORERS[key]
    for param in spec.space:
        assert nesting(slider_label(param)) <= 1, slider_label(param)
    prefixes = [s["currentvalue"]["prefix"] for s in built(key)["layout"]["sliders"]]
    assert prefixes == [f"{slider_label(spec.space[n])}: " for n in spec.main]


def test_slider_label_of_a_unit_with_brackets_does_not_nest():
    from territorial_trap_workbook.params import Param

    label = slider_label(Param("s", "Spread of thresholds", "actors (standard deviation)", 1, 40, 1, 12, "m"))
    assert nesting(label) == 1 and "Spread of thresholds" in label and "standard deviation" in label


@pytest.mark.parametrize("key", KEYS)
def test_every_explorer_says_what_to_try(key):
    spec = EXPLORERS[key]
    assert spec.try_this and all(t.endswith((".", "?")) and plain_text_problem(t) is None for t in spec.try_this)


@pytest.mark.parametrize("change, fragment", [
    ({"title": ""}, "needs a title"), ({"title": "The map of $x$"}, "plain text"),
    ({"try_this": ("Set {cite}`fearon1995` to 1.",)}, "plain text"), ({"caption": "See <b>this</b>."}, "plain text"),
])
def test_explorer_words_must_be_plain_and_present(change, fragment):
    with pytest.raises(ValueError, match=fragment):
        dataclasses.replace(EXPLORERS["bargaining"], **change)


@pytest.mark.parametrize("key", KEYS)
def test_static_explorer_has_one_slider_per_main_parameter(key):
    spec = EXPLORERS[key]
    fig = built(key)
    sliders = fig["layout"]["sliders"]
    assert [s["name"] for s in sliders] == list(spec.main)
    for slider in sliders:
        assert 2 <= len(slider["steps"]) <= 21
        assert all(step["method"] == "skip" for step in slider["steps"])  # the page script picks the frame
        assert float(slider["steps"][slider["active"]]["value"]) == pytest.approx(spec.space[slider["name"]].default)


@pytest.mark.parametrize("key", KEYS)
def test_every_precomputed_state_is_what_the_model_draws(key):
    """Each frame, merged into the figure as plotly.js merges it, equals what the figure builder draws for the
    slider values its name encodes (so stripping unchanging properties lost nothing)."""
    spec = EXPLORERS[key]
    fig = built(key)
    the_plan = plan(spec)
    for position in random.Random(key).sample(sorted(the_plan.states), min(12, len(the_plan.states))):
        values = the_plan.values(position)
        expected = json.loads(json.dumps(spec.draw(spec.space.validate({**spec.space.defaults(), **values})).traces))
        assert merged_frame(fig, state_name(position)) == expected, (key, values)


@pytest.mark.parametrize("key", KEYS)
def test_pair_combines_and_every_slider_changes_what_is_drawn(key):
    spec = EXPLORERS[key]
    the_plan = plan(spec)
    fig = built(key)
    drawn = {f["name"]: json.dumps(f["data"], sort_keys=True) for f in fig["frames"]}
    for k, name in enumerate(the_plan.sliders):
        states = {drawn[state_name(p)] for p in the_plan.states
                  if all(i == d for j, (i, d) in enumerate(zip(p, the_plan.defaults)) if j != k)}
        assert len(states) > 1, f"moving {name} never changes the figure"
    if the_plan.pair:
        a, b = the_plan.pair
        off_default = [p for p in the_plan.states if p[a] != the_plan.defaults[a] and p[b] != the_plan.defaults[b]]
        assert len(off_default) >= 4, f"{key}: the pair {spec.pair} has almost no combined states"


def test_a_state_not_reachable_is_not_precomputed():
    """Combinations of a non-pair slider with another moved slider are left out (the page resets instead)."""
    spec = next(s for s in EXPLORERS.values() if len(s.main) >= 3)
    the_plan = plan(spec)
    a, b = the_plan.pair
    other = next(k for k in range(len(the_plan.sliders)) if k not in (a, b))
    moved_both = [p for p in the_plan.states if p[other] != the_plan.defaults[other] and p[a] != the_plan.defaults[a]]
    assert moved_both == []


@pytest.mark.parametrize("key", KEYS)
def test_page_weight_of_each_explorer_fits_the_budget(key):
    assert len(json.dumps(built(key))) < 450_000, f"{key}: static figure too heavy for a page of at most 1 MB"


@pytest.mark.parametrize("key", KEYS)
def test_live_update_patches_the_same_figure_to_the_model(key):
    spec = EXPLORERS[key]
    live = LiveExplorer(spec)
    figure_before = live.figure
    rng = random.Random(1)
    for name in spec.sliders:
        param = spec.space[name]
        grid = list(param.grid())
        value = grid[rng.randrange(len(grid))]
        try:
            live.update({**live.values, name: float(value)})
        except ParameterError:
            continue
        assert live.figure is figure_before
        expected = spec.figure(live.values)
        for shown, want in zip(live.figure.data, expected.data):
            for k in ("x", "y"):
                got, exp = shown[k], want[k]
                assert (None if got is None else list(got)) == (None if exp is None else list(exp))


@pytest.mark.parametrize("key", KEYS)
def test_slider_move_through_widget_updates_figure(key):
    spec = EXPLORERS[key]
    live = LiveExplorer(spec)
    name = spec.main[0]
    param = spec.space[name]
    target = max(g for g in param.grid() if abs(g - param.default) > 1e-9)
    live.sliders[name].value = float(target)
    assert live.values[name] == pytest.approx(target)


@pytest.mark.parametrize("key", KEYS)
def test_bundle_carries_live_view_and_a_small_reference(key):
    bundle, explorer = explorer_bundle(EXPLORERS[key], number="3.1")
    assert WIDGET_MIME in bundle and bundle[EXPLORER_MIME] == {"explorer": key, "number": "3.1"}
    assert "Figure 3.1." in bundle["text/plain"]


@pytest.mark.parametrize("key", KEYS)
def test_values_table_lists_every_reachable_state(key):
    spec = EXPLORERS[key]
    table = values_table_html(spec)
    assert table.count("<tr>") == len(plan(spec).states) + 1  # + the header row


@pytest.mark.parametrize("key", KEYS)
def test_static_json_has_no_base64_arrays(key):
    assert '"bdata"' not in json.dumps(built(key))
