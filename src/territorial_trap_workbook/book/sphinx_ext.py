"""Sphinx extension for the workbook's editions and offline guarantees.

* ``workbook_edition`` (``"student"``, ``"instructor"`` or ``"self-study"``, set by ``workbook build`` in the
  staged ``_config.yml``) becomes a Sphinx tag, so chapters can write ``{only} instructor`` blocks. The
  self-study edition's tag is ``self_study`` (an ``{only}`` expression reads ``self-study`` as a subtraction).
* ``{only}`` blocks are resolved when a page is read, so links and downloads in ``{only} instructor`` blocks
  (to solution pages, say) are checked in the instructor edition only.
* Jupyter Book always passes ``comments_config``; it is accepted here so ``sphinx_comments`` (a network
  feature) need not be loaded just to silence "unknown config value".
* A ``mathjax_path`` that points at the network is a warning (fatal under ``-W``): the book must work offline.
* ``workbook_hub`` (``{"url", "repo", "branch"}``, set by ``workbook build --hub-url … --hub-repo …``) puts
  an nbgitpuller launch link under the title of every chapter page and of the start page (``hub.launch_url``).
* The bibliography style ``workbook`` (``bib_style``: labels in the in-text author–year form, titles as
  written) is registered with pybtex.
* The workbook's stylesheet (``assets/workbook-pages.css``: code cells, evidence tables, title page) and its
  print stylesheet (``assets/workbook-print.css``, ``media="print"``) are copied into ``_static`` and linked
  from every page.
"""
from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from typing import Any

from sphinx.util import logging

from . import bib_style

from .editions import EDITIONS

STYLESHEET = Path(__file__).parent / "assets" / "workbook-pages.css"
#: The print stylesheet (``media="print"``): what a browser's print command and ``make pdf`` use.
PRINT_STYLESHEET = Path(__file__).parent / "assets" / "workbook-print.css"
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


CHAPTER_PAGE = re.compile(r"^\d{2}-[a-z0-9-]+$")


def _launch_link(app, pagename, templatename, context, doctree) -> None:
    """With a course hub set (``workbook build --hub-url … --hub-repo …``), a chapter page offers its exercise
    on the hub and the start page the whole exercise folder: an nbgitpuller link, right under the title."""
    hub = app.config.workbook_hub
    body = context.get("body")
    if not hub or not body or "</h1>" not in body:
        return
    from ..hub import LINK_TEXT, START_LINK_TEXT, launch_url

    if CHAPTER_PAGE.match(pagename):
        url, text = launch_url(hub["url"], hub["repo"], hub["branch"], f"{pagename}.ipynb"), LINK_TEXT
    elif pagename == app.config.root_doc:
        url, text = launch_url(hub["url"], hub["repo"], hub["branch"]), START_LINK_TEXT
    else:
        return
    link = (f'<p class="workbook-launch"><a class="reference external" href="{html.escape(url, quote=True)}">'
            f"{html.escape(text, quote=False)}</a> (JupyterLab on your course's hub: your copy is kept when you open it "
            f"again).</p>")
    context["body"] = body.replace("</h1>", "</h1>\n" + link, 1)


def _copy_stylesheet(app) -> None:
    """Before pages are written, so Sphinx can add the file's checksum to its link. Not through
    ``html_static_path``: Jupyter Book would then also inject every other asset of that folder."""
    if app.builder.format != "html":
        return
    for sheet in (STYLESHEET, PRINT_STYLESHEET):
        target = Path(app.outdir) / "_static" / sheet.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sheet, target)


def setup(app) -> dict[str, Any]:
    app.add_config_value("workbook_edition", "student", "env", [str])
    app.add_config_value("workbook_hub", {}, "html", [dict])
    bib_style.register()
    if "comments_config" not in app.config:
        app.add_config_value("comments_config", {}, "html")
    app.connect("config-inited", _config_inited)
    # Before the environment collectors (downloads, images, dependencies: priority 500) see the page.
    app.connect("doctree-read", _drop_other_editions, priority=100)
    app.connect("html-page-context", _bibliography_roles)
    app.connect("html-page-context", _launch_link)
    app.connect("builder-inited", _copy_stylesheet)
    app.add_css_file(STYLESHEET.name)
    app.add_css_file(PRINT_STYLESHEET.name, media="print")
    from .load_order import rewrite_site

    app.connect("build-finished", rewrite_site)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
