"""Every explorer: one declaration drives live sliders, static sliders and the values table."""
import functools
import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from territorial_trap_workbook.explorers.live import LiveExplorer
from territorial_trap_workbook.explorers.registry import all_explorers
from territorial_trap_workbook.explorers.show import PLOTLY_MIME, WIDGET_MIME, explorer_bundle
from territorial_trap_workbook.explorers.static import grid_states, static_figure, values_table_html
from territorial_trap_workbook.params import ParameterError

EXPLORERS = all_explorers()
KEYS = sorted(EXPLORERS)


@functools.lru_cache(maxsize=None)
def built(key):
    """One static figure per explorer for the whole module (building it is the slow part)."""
    return static_figure(EXPLORERS[key])


def test_explorers_are_found():
    assert "bargaining" in EXPLORERS


@pytest.mark.parametrize("key", KEYS)
def test_static_explorer_has_one_slider_per_main_parameter(key):
    spec = EXPLORERS[key]
    fig = built(key)
    assert [s.name for s in fig.layout.sliders] == list(spec.main)
    frame_names = {f.name for f in fig.frames}
    for slider in fig.layout.sliders:
        assert 2 <= len(slider.steps) <= 21
        for step in slider.steps:
            assert step.args[0][0] in frame_names
        active_label = slider.steps[slider.active].label
        assert float(active_label) == pytest.approx(spec.space[slider.name].default)


@pytest.mark.parametrize("key", KEYS)
def test_static_frames_follow_the_model(key):
    """Each frame equals what the figure builder draws for that parameter set (others at defaults)."""
    spec = EXPLORERS[key]
    fig = built(key)
    frames = {f.name: f for f in fig.frames}
    name, value, checked = grid_states(spec)[-1]
    expected = spec.figure(checked)
    got = frames[f"{name}={value:g}"]
    assert [t.to_plotly_json() for t in got.data] == [t.to_plotly_json() for t in expected.data]


@pytest.mark.parametrize("key", KEYS)
def test_every_main_slider_changes_what_is_drawn(key):
    spec = EXPLORERS[key]
    fig = built(key)
    frames = {f.name: json.dumps([t.to_plotly_json() for t in f.data], sort_keys=True) for f in fig.frames}
    for slider in fig.layout.sliders:
        drawn = {frames[step.args[0][0]] for step in slider.steps}
        assert len(drawn) > 1, f"moving {slider.name} never changes the figure"


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
def test_bundle_carries_live_view_and_static_json(key):
    bundle, explorer = explorer_bundle(EXPLORERS[key])
    assert WIDGET_MIME in bundle and PLOTLY_MIME in bundle
    assert "frames" in bundle[PLOTLY_MIME] and bundle[PLOTLY_MIME]["layout"]["meta"]["alt"]
    json.dumps(bundle[PLOTLY_MIME])  # plain JSON, no numpy leftovers


@pytest.mark.parametrize("key", KEYS)
def test_values_table_lists_every_static_state(key):
    spec = EXPLORERS[key]
    table = values_table_html(spec)
    assert table.count("<tr><th scope='row'>") == len(grid_states(spec))


@pytest.mark.parametrize("key", KEYS)
def test_static_json_has_no_base64_arrays(key):
    text = json.dumps(explorer_bundle(EXPLORERS[key], live=False)[0][PLOTLY_MIME])
    assert '"bdata"' not in text
