"""Sphinx extension for the workbook's editions and offline guarantees.

* ``workbook_edition`` (``"student"``, ``"instructor"`` or ``"self-study"``, set by ``workbook build`` in the
  staged ``_config.yml``) becomes a Sphinx tag, so chapters can write ``{only} instructor`` blocks. The
  self-study edition's tag is ``self_study`` (an ``{only}`` expression reads ``self-study`` as a subtraction).
* ``{only}`` blocks are resolved when a page is read, so links and downloads in ``{only} instructor`` blocks
  (to solution pages, say) are checked in the instructor edition only.
* Jupyter Book always passes ``comments_config``; it is accepted here so ``sphinx_comments`` (a network
  feature) need not be loaded just to silence "unknown config value".
* A ``mathjax_path`` that points at the network is a warning (fatal under ``-W``): the book must work offline.
* The bibliography style ``workbook`` (``bib_style``: labels in the in-text author–year form, titles as
  written) is registered with pybtex.
* The workbook's stylesheet (``assets/workbook-pages.css``: code cells, evidence tables, title page) is copied
  into ``_static`` and linked from every page.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sphinx.util import logging

from . import bib_style

from .editions import EDITIONS

STYLESHEET = Path(__file__).parent / "assets" / "workbook-pages.css"
logger = logging.getLogger(__name__)


def _config_inited(app, config) -> None:
    edition = config.workbook_edition
    if edition not in EDITIONS:
        from sphinx.errors import ConfigError

        raise ConfigError(f"workbook_edition must be one of {EDITIONS}, not {edition!r}")
    app.tags.add(edition_tag(edition))
    if "://" in (config.mathjax_path or "") or (config.mathjax_path or "").startswith("//"):
        logger.warning("mathjax_path %r is a network address; the workbook must build an offline site",
                       config.mathjax_path, type="workbook", subtype="offline")


def edition_tag(edition: str) -> str:
    """The Sphinx tag of an edition, usable in ``{only}`` expressions: ``self-study`` -> ``self_study``."""
    return edition.replace("-", "_")


def _drop_other_editions(app, doctree) -> None:
    """Resolve ``only`` blocks as soon as a page is read, before anything in them is collected or resolved.

    Sphinx keeps ``only`` nodes until writing (one environment may serve builders with different tags), so
    links, downloads and citations in a block the edition drops would still be checked -- and fail the
    student build, which has no solution pages. Here each edition has its own environment and fixed tags,
    so dropping them at read time is safe: references in ``{only} instructor`` blocks are checked in the
    instructor edition only.
    """
    from sphinx.util.nodes import process_only_nodes

    process_only_nodes(doctree, app.tags)


def _bibliography_roles(app, pagename, templatename, context, doctree) -> None:
    """docutils marks bibliography entries role="doc-biblioentry", deprecated in ARIA and ignored by screen
    readers and axe, inside a role="list": entries then read as stray children of the list. Give them the
    role the list needs."""
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def _copy_stylesheet(app) -> None:
    """Before pages are written, so Sphinx can add the file's checksum to its link. Not through
    ``html_static_path``: Jupyter Book would then also inject every other asset of that folder."""
    if app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / STYLESHEET.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(STYLESHEET, target)


def setup(app) -> dict[str, Any]:
    app.add_config_value("workbook_edition", "student", "env", [str])
    bib_style.register()
    if "comments_config" not in app.config:
        app.add_config_value("comments_config", {}, "html")
    app.connect("config-inited", _config_inited)
    # Before the environment collectors (downloads, images, dependencies: priority 500) see the page.
    app.connect("doctree-read", _drop_other_editions, priority=100)
    app.connect("html-page-context", _bibliography_roles)
    app.connect("builder-inited", _copy_stylesheet)
    app.add_css_file(STYLESHEET.name)
    from .load_order import rewrite_site

    app.connect("build-finished", rewrite_site)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
