"""Sphinx extension for the workbook's editions and offline guarantees.

* ``workbook_edition`` (``"student"`` or ``"instructor"``, set by ``workbook build`` in the staged
  ``_config.yml``) becomes a Sphinx tag, so chapters can write ``{only} instructor`` blocks.
* A reference inside an ``{only}`` block that the edition drops is not reported as missing: references in
  ``{only} instructor`` blocks (to solution pages, say) are checked in the instructor edition only.
* Jupyter Book always passes ``comments_config``; it is accepted here so ``sphinx_comments`` (a network
  feature) need not be loaded just to silence "unknown config value".
* A ``mathjax_path`` that points at the network is a warning (fatal under ``-W``): the book must work offline.
"""
from __future__ import annotations

from typing import Any

from sphinx.util import logging

EDITIONS = ("student", "instructor")
logger = logging.getLogger(__name__)


def _config_inited(app, config) -> None:
    edition = config.workbook_edition
    if edition not in EDITIONS:
        from sphinx.errors import ConfigError

        raise ConfigError(f"workbook_edition must be one of {EDITIONS}, not {edition!r}")
    app.tags.add(edition)
    if "://" in (config.mathjax_path or "") or (config.mathjax_path or "").startswith("//"):
        logger.warning("mathjax_path %r is a network address; the workbook must build an offline site",
                       config.mathjax_path, type="workbook", subtype="offline")


def _missing_reference(app, env, node, contnode):
    """Resolve (to plain text) a reference that sits in an ``only`` block this build drops anyway."""
    from sphinx import addnodes

    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.only):
            try:
                kept = app.builder.tags.eval_condition(parent["expr"])
            except Exception:  # a malformed expression is Sphinx's to report
                return None
            if not kept:
                return contnode
        parent = parent.parent
    return None


def setup(app) -> dict[str, Any]:
    app.add_config_value("workbook_edition", "student", "env", [str])
    if "comments_config" not in app.config:
        app.add_config_value("comments_config", {}, "html")
    app.connect("config-inited", _config_inited)
    app.connect("missing-reference", _missing_reference)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
