"""Plotly figures in the offline book: a myst-nb MIME render plugin plus the Sphinx extension that ships plotly.js.

Notebook outputs carry ``application/vnd.plotly.v1+json`` (a figure with plotly-native sliders and ``frames``,
``layout.meta.alt`` holding its alt text), often next to a live widget view. In the HTML builders this plugin
wins over the widget view and renders the figure as

* a ``<div role="img" aria-label="<alt text>">`` (plotly's mode bar is left out: its buttons would be focusable
  controls inside an image) and
* an inline script calling ``Plotly.newPlot`` (then ``Plotly.addFrames`` when there are frames),

and asks for one local ``plotly.min.js`` (the plotly Python package's own copy) on the pages that need it.
The Sphinx extension (``setup`` below) copies that file once into the built site at
``_vendor/plotly/plotly.min.js`` -- outside ``_static``, never inlined, never from a CDN.

myst-nb loads every installed plugin of the ``myst_nb.mime_renderers`` entry-point group in every build of the
environment. A Sphinx build that meets a plotly figure without this extension enabled would produce pages
pointing at a plotly.js that was never copied, so the plugin raises :class:`PlotlyExtensionMissing` instead.
"""
from __future__ import annotations

import hashlib
import html
import json
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes

PLOTLY_MIME = "application/vnd.plotly.v1+json"
EXTENSION = "territorial_trap_workbook.book.plotly_mime"
#: Where the one copy of plotly.js lives in the built site (relative to the output root).
ASSET_PATH = "_vendor/plotly/plotly.min.js"
#: The same place as Sphinx's ``add_js_file`` wants it (Sphinx prefixes ``_static/`` to relative names).
ASSET_URI = "../" + ASSET_PATH
HTML_BUILDERS = ("html", "dirhtml", "singlehtml", "readthedocs", "readthedocsdirhtml")
_COUNTER_KEY = "workbook_plotly_count"


class PlotlyExtensionMissing(RuntimeError):
    """A plotly figure met a Sphinx build that does not ship plotly.js."""


def plotly_js_source() -> Path:
    """The ``plotly.min.js`` bundled with the installed plotly Python package."""
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not path.is_file():
        raise FileNotFoundError(f"plotly.min.js not found in the plotly package at {path}")
    return path


def _sphinx_app(renderer: Any):
    """The Sphinx application behind a myst-nb element renderer, or None under plain docutils."""
    env = getattr(getattr(renderer, "renderer", None), "sphinx_env", None)
    if env is None:
        return None
    return getattr(env, "app", None)


def _alt_text(figure: dict[str, Any]) -> str | None:
    meta = (figure.get("layout") or {}).get("meta")
    alt = meta.get("alt") if isinstance(meta, dict) else None
    return str(alt).strip() if alt and str(alt).strip() else None


def _script_json(value: Any) -> str:
    """JSON safe to place inside a ``<script>`` element."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return text.replace("</", "<\\/").replace("<!--", "<\\!--").replace("\u2028", "\\u2028").replace(
        "\u2029", "\\u2029")


def figure_html(figure: dict[str, Any], div_id: str, alt: str) -> str:
    """The markup for one figure: the labelled ``<div>`` and the inline script drawing it."""
    layout = figure.get("layout") or {}
    height = layout.get("height")
    style = f"width:100%;height:{int(height)}px;" if isinstance(height, (int, float)) else "width:100%;"
    payload = {
        "data": figure.get("data") or [],
        "layout": layout,
        "frames": figure.get("frames") or [],
        # No mode bar: its buttons are focusable controls inside the role="img" element, which makes the figure
        # a nested interactive control (axe-core: nested-interactive, serious) and hides them from assistive
        # technology anyway. Hover, drag-to-zoom, double-click-to-reset and the sliders still work.
        "config": {"responsive": True, "displaylogo": False, "displayModeBar": False},
    }
    return (
        f'<div class="workbook-plotly">'
        f'<div id="{div_id}" class="plotly-graph-div" role="img" aria-label="{html.escape(alt, quote=True)}" '
        f'style="{style}"></div>'
        f"<script>(function () {{\n"
        f"  var fig = {_script_json(payload)};\n"
        f"  var gd = document.getElementById({json.dumps(div_id)});\n"
        f"  if (!window.Plotly) {{ gd.textContent = 'This figure needs plotly.js, which did not load.';\n"
        f"    throw new Error('plotly.js is not loaded: figure {div_id} cannot be drawn'); }}\n"
        f"  Plotly.newPlot(gd, fig.data, fig.layout, fig.config).then(function () {{\n"
        f"    if (fig.frames.length) {{ return Plotly.addFrames(gd, fig.frames); }}\n"
        f"  }});\n"
        f"}})();</script></div>"
    )


class PlotlyMimeRenderer:
    """myst-nb MIME render plugin for ``application/vnd.plotly.v1+json`` (see the module docstring)."""

    # Lower wins. The widget view is 10 and text/html 30 in myst-nb's HTML priorities: 5 beats both, so the
    # static plotly figure (with its plotly-native sliders) is what the book shows. Other builders (LaTeX ...)
    # are left alone and fall back to the bundle's text/plain.
    mime_priority_overrides = [(builder, PLOTLY_MIME, 5) for builder in HTML_BUILDERS]

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> None | list[nodes.Element]:
        if data.mime_type != PLOTLY_MIME:
            return None
        app = _sphinx_app(renderer)
        if app is None:  # plain docutils (no site to ship plotly.js into): let myst-nb fall back
            return None
        if EXTENSION not in app.extensions:
            raise PlotlyExtensionMissing(
                f"A notebook output holds a plotly figure ({PLOTLY_MIME}), but the Sphinx extension "
                f"{EXTENSION!r} is not enabled, so no plotly.js would be shipped with the site. Add it to "
                f"sphinx.config.extensions in _config.yml (or build with `workbook build`)."
            )
        figure = data.content
        if isinstance(figure, (str, bytes)):
            figure = json.loads(figure)
        document = renderer.renderer.document
        count = document.get(_COUNTER_KEY, 0) + 1
        document[_COUNTER_KEY] = count
        digest = hashlib.sha1(json.dumps(figure, sort_keys=True).encode()).hexdigest()[:10]
        div_id = f"plotly-{digest}-{count}"
        alt = _alt_text(figure)
        if alt is None:  # a warning, so `-W` builds insist on alt text
            renderer.logger.warning(
                f"plotly figure without alt text (layout.meta.alt) in cell {data.cell_index}",
                subtype="plotly_alt", line=data.line,
            )
            alt = "Interactive figure"
        renderer.add_js_file("workbook_plotly", ASSET_URI, {})
        return [nodes.raw("", figure_html(figure, div_id, alt), format="html")]


def _copy_plotly_js(app) -> None:
    if app.builder.format != "html":
        return
    target = Path(app.outdir) / ASSET_PATH
    source = plotly_js_source()
    if not target.is_file() or target.stat().st_size != source.stat().st_size:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def setup(app) -> dict[str, Any]:
    """Sphinx extension: copy the one local plotly.js into the site before pages are written."""
    # builder-inited: the file exists while pages are written, so Sphinx can add its checksum to the URL.
    app.connect("builder-inited", _copy_plotly_js)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
