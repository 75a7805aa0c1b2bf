"""Browser assets the offline book ships, fetched once from the npm registry into ``<root>/.cache/``.

* MathJax 3 (``mathjax@3``): its ``es5`` folder. ``WORKBOOK_MATHJAX_DIR`` may point at one instead.
* plotly.js, basic distribution (``plotly.js-basic-dist-min``) at exactly the version the installed plotly
  Python package bundles: the figures use only trace types it contains (scatter, bar; a test checks), and it is
  about a quarter of the full bundle. ``WORKBOOK_PLOTLY_JS`` may point at a plotly.js file instead.

Each package gets its own npm prefix: ``npm install --no-save --prefix P`` removes whatever else P holds.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

#: Trace types in plotly.js's basic distribution (its README: "scatter, bar, pie").
BASIC_TRACE_TYPES = frozenset({"scatter", "bar", "pie"})


def _installed_version(package: Path) -> str | None:
    try:
        return json.loads((package / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None


def _npm_install(prefix: Path, spec: str) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError(
            f"{spec} is needed for the offline book and npm was not found. Install Node.js/npm, or run "
            f"`npm install --no-save --prefix {prefix} {spec}` on a machine that has it."
        )
    prefix.mkdir(parents=True, exist_ok=True)
    cmd = [npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(prefix), spec]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"`{' '.join(cmd)}` failed:\n{done.stdout}\n{done.stderr}")


def ensure_mathjax(project_root: Path) -> Path:
    """MathJax 3's ``es5`` folder."""
    override = os.environ.get("WORKBOOK_MATHJAX_DIR")
    if override:
        es5 = Path(override)
        if not (es5 / "tex-chtml.js").is_file():
            raise FileNotFoundError(f"WORKBOOK_MATHJAX_DIR={override} has no tex-chtml.js (want MathJax 3 es5/)")
        return es5
    prefix = project_root / ".cache" / "npm"
    package = prefix / "node_modules" / "mathjax"

    def ok() -> bool:
        return (_installed_version(package) or "").startswith("3.") and (package / "es5" / "tex-chtml.js").is_file()

    if not ok():
        _npm_install(prefix, "mathjax@3")
        if not ok():
            raise RuntimeError(f"npm installed no MathJax 3 into {prefix}")
    return package / "es5"


def plotly_js_version() -> str:
    """The plotly.js version the installed plotly Python package was made for."""
    from plotly.offline import get_plotlyjs_version

    return get_plotlyjs_version()


def ensure_plotly_basic(project_root: Path) -> Path:
    """``plotly-basic.min.js`` at the plotly Python package's plotly.js version."""
    override = os.environ.get("WORKBOOK_PLOTLY_JS")
    if override:
        path = Path(override)
        if not path.is_file():
            raise FileNotFoundError(f"WORKBOOK_PLOTLY_JS={override} is not a file")
        return path
    version = plotly_js_version()
    prefix = project_root / ".cache" / "npm-plotly"
    package = prefix / "node_modules" / "plotly.js-basic-dist-min"
    bundle = package / "plotly-basic.min.js"
    if _installed_version(package) != version or not bundle.is_file():
        _npm_install(prefix, f"plotly.js-basic-dist-min@{version}")
        if _installed_version(package) != version or not bundle.is_file():
            raise RuntimeError(f"npm installed no plotly.js-basic-dist-min {version} into {prefix}")
    return bundle
