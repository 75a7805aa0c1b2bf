"""Python-side cost of one slider move, per explorer: in-place update against the naive way.

In place: ``LiveExplorer.update`` — validate, run the model, patch the existing FigureWidget.
Naive: what an ``interact`` returning a figure does on every move — build a new ``go.FigureWidget`` from the
figure builder and serialise its whole state for display (the JSON a kernel would send to the browser).
"""
from __future__ import annotations

import json
import statistics
import time

import plotly.graph_objects as go

from territorial_trap_workbook.explorers.live import LiveExplorer
from territorial_trap_workbook.explorers.registry import all_explorers
from territorial_trap_workbook.explorers.static import plan
from territorial_trap_workbook.params import ParameterError


def _moves(spec, n):
    states = list(plan(spec).states.values())
    return [states[i % len(states)] for i in range(n)]


def time_in_place(spec, n=60) -> float:
    live = LiveExplorer(spec)
    times = []
    for values in _moves(spec, n):
        start = time.perf_counter()
        try:
            live.update(values)
        except ParameterError:
            continue
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def time_naive(spec, n=15) -> float:
    times = []
    for values in _moves(spec, n):
        start = time.perf_counter()
        widget = go.FigureWidget(spec.figure(values))
        widget._repr_mimebundle_()
        json.dumps(widget.to_plotly_json(), default=str)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def rows() -> list[dict]:
    out = []
    for key, spec in sorted(all_explorers().items()):
        fast, slow = time_in_place(spec), time_naive(spec)
        out.append({"explorer": key, "in_place_ms": fast, "naive_ms": slow, "speedup": slow / fast})
    return out


def markdown(table: list[dict]) -> str:
    lines = ["| Explorer | In place, median ms | Naive (new FigureWidget), median ms | Speed-up |",
             "|---|---:|---:|---:|"]
    lines += [f"| {r['explorer']} | {r['in_place_ms']:.2f} | {r['naive_ms']:.2f} | {r['speedup']:.0f}× |"
              for r in table]
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(rows()))
