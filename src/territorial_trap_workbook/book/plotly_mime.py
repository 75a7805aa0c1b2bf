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

from .evidence_mime import EVIDENCE_MIME, evidence_html

PLOTLY_MIME = "application/vnd.plotly.v1+json"
EXTENSION = "territorial_trap_workbook.book.plotly_mime"
#: Where the one copy of plotly.js lives in the built site (relative to the output root).
ASSET_PATH = "_vendor/plotly/plotly.min.js"
#: The same place as Sphinx's ``add_js_file`` wants it (Sphinx prefixes ``_static/`` to relative names).
ASSET_URI = "../" + ASSET_PATH
HTML_BUILDERS = ("html", "dirhtml", "singlehtml", "readthedocs", "readthedocsdirhtml")
_COUNTER_KEY = "workbook_plotly_count"
EXPLORER_MIME = "application/vnd.territorial-trap.explorer+json"
#: The static explorer's page script, one copy per site beside plotly.js.
EXPLORER_JS_PATH = "_vendor/workbook/explorer.js"
EXPLORER_JS_URI = "../" + EXPLORER_JS_PATH
#: The book's own styles (explorers; tables and long identifiers kept within a phone's width), on every page.
BOOK_CSS_PATH = "_vendor/workbook/workbook.css"


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


def figure_html(figure: dict[str, Any], div_id: str, alt: str, draw_call: str | None = None) -> str:
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
    if draw_call:
        drawing = f"  {draw_call}(gd, fig);\n"
    else:
        drawing = (f"  Plotly.newPlot(gd, fig.data, fig.layout, fig.config).then(function () {{\n"
                   f"    if (fig.frames.length) {{ return Plotly.addFrames(gd, fig.frames); }}\n"
                   f"  }});\n")
    return (
        f'<div class="workbook-plotly">'
        f'<div id="{div_id}" class="plotly-graph-div" role="img" aria-label="{html.escape(alt, quote=True)}" '
        f'style="{style}"></div>'
        f"<script>(function () {{\n"
        f"  var fig = {_script_json(payload)};\n"
        f"  var gd = document.getElementById({json.dumps(div_id)});\n"
        f"  if (!window.Plotly) {{ gd.textContent = 'This figure needs plotly.js, which did not load.';\n"
        f"    throw new Error('plotly.js is not loaded: figure {div_id} cannot be drawn'); }}\n"
        + drawing +
        f"}})();</script></div>"
    )


def _explorer_html(ref: Any, renderer: Any, div_id: str) -> str:
    """One explorer, built from the package: its title and read-out (HTML above the plot, so that a narrow screen
    wraps them; the page script keeps the read-out in step with the sliders), the figure, the numbered caption
    with a note on how the sliders work, the things to try and the table of values."""
    from ..explorers.static import static_figure_json, values_table_html

    if isinstance(ref, (str, bytes)):
        ref = json.loads(ref)
    key = ref.get("explorer") if isinstance(ref, dict) else None
    spec = _explorers().get(key)
    if spec is None:  # a warning, so `-W` builds fail and name every unknown explorer at once
        renderer.logger.warning(f"a notebook output names the explorer {key!r}, which the installed package "
                                f"does not define; known: {', '.join(sorted(_explorers()))}",
                                subtype="explorer_unknown")
        return f"<p>(Missing figure: no explorer named {html.escape(str(key))}.)</p>"
    figure = _static_cache(key, static_figure_json)
    number = ref.get("number")
    label = f"Figure {html.escape(str(number))}." if number else "Figure."
    sliders = [spec.space[n].label for n in spec.main]
    pair = [spec.space[n].label for n in (spec.pair or ())]
    if pair:
        how = (f"The sliders <em>{html.escape(pair[0])}</em> and <em>{html.escape(pair[1])}</em> combine; moving "
               f"any other slider puts the rest back to their defaults, so the sliders always show the state "
               f"drawn. In Jupyter every parameter has a live slider.")
    else:
        how = "In Jupyter every parameter has a live slider."
    anchor = f' id="figure-{html.escape(str(number)).replace(".", "-")}"' if number else ""
    readout = figure["layout"]["meta"]["readout"]
    tries = "".join(f"<li>{html.escape(t)}</li>" for t in spec.try_this)
    return (
        f'<figure class="workbook-explorer"{anchor}>'
        f'<p class="explorer-title">{html.escape(spec.title)}</p>'
        f'<p class="explorer-readout" aria-live="polite">{html.escape(readout)}</p>'
        + figure_html(figure, div_id, spec.alt_text, draw_call="WorkbookExplorer.draw")
        + f'<figcaption><strong>{label}</strong> {html.escape(spec.caption)} '
          f'<span class="explorer-how">{how}</span></figcaption></figure>'
        + (f'<div class="explorer-try"><p class="explorer-try-title">Things to try with figure '
           f'{html.escape(str(number))}</p><ul>{tries}</ul></div>' if tries and number else
           f'<div class="explorer-try"><p class="explorer-try-title">Things to try</p><ul>{tries}</ul></div>'
           if tries else "")
        + values_table_html(spec, caption=f"{label} {spec.caption}".strip())
    )


_EXPLORERS: dict[str, Any] = {}
_STATIC: dict[str, Any] = {}


def _explorers() -> dict[str, Any]:
    if not _EXPLORERS:
        from ..explorers.registry import all_explorers

        _EXPLORERS.update(all_explorers())
    return _EXPLORERS


def _static_cache(key: str, build) -> dict[str, Any]:
    if key not in _STATIC:
        _STATIC[key] = build(_explorers()[key])
    return _STATIC[key]


class PlotlyMimeRenderer:
    """myst-nb MIME render plugin for explorer references and plotly JSON (see the module docstring)."""

    # Lower wins. The widget view is 10 and text/html 30 in myst-nb's HTML priorities: 5 beats both, so the
    # static figure (with its sliders) is what the book shows. Other builders (LaTeX ...) are left alone and
    # fall back to the bundle's text/plain.
    # An evidence table's reference (book.evidence_mime) is handled here too: one plugin, one entry point.
    mime_priority_overrides = [(builder, mime, 5) for builder in HTML_BUILDERS
                               for mime in (PLOTLY_MIME, EXPLORER_MIME, EVIDENCE_MIME)]

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> None | list[nodes.Element]:
        if data.mime_type == EVIDENCE_MIME:
            content = data.content if isinstance(data.content, dict) else json.loads(data.content)
            return [nodes.raw("", evidence_html(content, renderer), format="html")]
        if data.mime_type not in (PLOTLY_MIME, EXPLORER_MIME):
            return None
        app = _sphinx_app(renderer)
        if app is None:  # plain docutils (no site to ship plotly.js into): let myst-nb fall back
            return None
        if EXTENSION not in app.extensions:
            raise PlotlyExtensionMissing(
                f"A notebook output holds a figure ({data.mime_type}), but the Sphinx extension "
                f"{EXTENSION!r} is not enabled, so no plotly.js would be shipped with the site. Add it to "
                f"sphinx.config.extensions in _config.yml (or build with `workbook build`)."
            )
        document = renderer.renderer.document
        count = document.get(_COUNTER_KEY, 0) + 1
        document[_COUNTER_KEY] = count
        renderer.add_js_file("workbook_plotly", ASSET_URI, {})
        if data.mime_type == EXPLORER_MIME:
            renderer.add_js_file("workbook_explorer", EXPLORER_JS_URI, {})
            content = data.content if isinstance(data.content, dict) else json.loads(data.content)
            div_id = f"explorer-{content.get('explorer', 'x')}-{count}"
            return [nodes.raw("", _explorer_html(content, renderer, div_id), format="html")]
        figure = data.content
        if isinstance(figure, (str, bytes)):
            figure = json.loads(figure)
        digest = hashlib.sha1(json.dumps(figure, sort_keys=True).encode()).hexdigest()[:10]
        div_id = f"plotly-{digest}-{count}"
        alt = _alt_text(figure)
        if alt is None:  # a warning, so `-W` builds insist on alt text
            renderer.logger.warning(
                f"plotly figure without alt text (layout.meta.alt) in cell {data.cell_index}",
                subtype="plotly_alt", line=data.line,
            )
            alt = "Interactive figure"
        return [nodes.raw("", figure_html(figure, div_id, alt), format="html")]


def _copy_plotly_js(app) -> None:
    if app.builder.format != "html":
        return
    plotly_js = Path(app.config.workbook_plotly_js) if app.config.workbook_plotly_js else plotly_js_source()
    assets = Path(__file__).parent / "assets"
    for source, path in ((plotly_js, ASSET_PATH), (assets / "explorer.js", EXPLORER_JS_PATH),
                         (assets / "workbook.css", BOOK_CSS_PATH)):
        target = Path(app.outdir) / path
        if not target.is_file() or target.read_bytes() != source.read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)


def setup(app) -> dict[str, Any]:
    """Sphinx extension: copy the one local plotly.js into the site before pages are written."""
    # builder-inited: the file exists while pages are written, so Sphinx can add its checksum to the URL.
    # The plotly.js file to ship (`workbook build` sets the partial bundle, book/vendor.py); empty: the plotly
    # Python package's own full bundle.
    app.add_config_value("workbook_plotly_js", "", "html", [str])
    app.connect("builder-inited", _copy_plotly_js)
    app.add_css_file("../" + BOOK_CSS_PATH)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
