"""Browser assets the offline book ships, fetched once from the npm registry into ``<root>/.cache/``.

* MathJax 3 (``mathjax@3``): its ``es5`` folder. ``WORKBOOK_MATHJAX_DIR`` may point at one instead.
* plotly.js, a partial bundle holding only the trace types the figures draw (``BUNDLE_TRACE_TYPES``; a test
  fails when a figure uses another), at exactly the version the installed plotly Python package bundles. It is
  made the way plotly.js documents for custom bundles: ``plotly.js/lib/core`` plus ``Plotly.register`` of each
  trace module (``lib/<type>``), bundled and minified by esbuild with the options of plotly.js's own
  ``esbuild-config.js`` (an IIFE defining the global ``Plotly``, ``global`` = ``window``). Both come from npm
  (``plotly.js`` at that version, ``esbuild`` at ``ESBUILD_VERSION``) into ``.cache/npm-plotly-bundle``; the
  bundle is kept in ``.cache/plotly-bundle/`` under a name that holds the plotly.js version, the trace types and
  a digest of the recipe, so a cached bundle builds the book offline. Against the basic distribution
  (``plotly.js-basic-dist-min``: scatter, bar, pie and the world-calendars component) it is 4 % smaller and runs
  its start-up code faster. ``WORKBOOK_PLOTLY_JS`` may point at a plotly.js file instead.

Each package gets its own npm prefix: ``npm install --no-save --prefix P`` removes whatever else P holds.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

#: Trace types in the plotly.js bundle the site ships (scatter is part of plotly.js's core; it is named anyway,
#: as plotly.js's custom-bundle notes advise).
BUNDLE_TRACE_TYPES = ("scatter", "bar")
#: The bundler, pinned: the same inputs give the same bundle.
ESBUILD_VERSION = "0.28.2"


def _installed_version(package: Path) -> str | None:
    try:
        return json.loads((package / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None


def _npm_install(prefix: Path, *specs: str) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError(
            f"npm is needed to fetch {' and '.join(specs)} for the offline book and was not found. Install "
            f"Node.js/npm, or run "
            f"`npm install --no-save --prefix {prefix} {' '.join(specs)}` on a machine that has it."
        )
    prefix.mkdir(parents=True, exist_ok=True)
    cmd = [npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(prefix), *specs]
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


#: esbuild's options: those of plotly.js's own ``esbuild-config.js`` (its CSS-inlining, GLSL and environment
#: plugins are for trace types and components not bundled here), minified. maplibre-gl's stylesheet, which
#: plotly.js's trace registry imports for map traces only, is left out.
ESBUILD_OPTIONS = ("--bundle", "--format=iife", "--global-name=Plotly", "--minify", "--target=es2016",
                   "--define:global=window", "--define:define.amd=false", "--alias:regl=@plotly/regl",
                   "--alias:stream=stream-browserify", "--loader:.css=empty", "--log-level=warning")


def _bundle_entry(trace_types: tuple[str, ...]) -> str:
    modules = "".join(f"    require('plotly.js/lib/{t}'),\n" for t in trace_types)
    return f"var Plotly = require('plotly.js/lib/core');\n\nPlotly.register([\n{modules}]);\n\nmodule.exports = Plotly;\n"


def _banner(version: str, trace_types: tuple[str, ...], license_text: str) -> str:
    """plotly.js's licence banner, as its distributed bundles carry it, naming this bundle's trace types."""
    copyright_line = next((line.strip() for line in license_text.splitlines() if line.strip().startswith("Copyright")),
                          "Copyright Plotly, Inc.")
    return (f"/**\n* plotly.js ({', '.join(trace_types)} - minified) v{version}\n* {copyright_line}\n"
            f"* Licensed under the MIT license\n* Partial bundle: plotly.js/lib/core and Plotly.register, esbuild "
            f"{ESBUILD_VERSION}\n*/\n")


def bundle_trace_types(bundle: Path) -> tuple[str, ...]:
    """The trace types a bundle made by ``ensure_plotly_bundle`` names in its banner (empty for another file)."""
    head = bundle.read_text(encoding="utf8", errors="ignore")[:400]
    found = re.search(r"\* plotly\.js \(([a-z0-9, ]+) - minified\) v", head)
    return tuple(t.strip() for t in found.group(1).split(",")) if found else ()


def ensure_plotly_bundle(project_root: Path, trace_types: tuple[str, ...] = BUNDLE_TRACE_TYPES) -> Path:
    """The partial plotly.js bundle (see the module docstring) at the plotly Python package's plotly.js version:
    from the cache when it is there, else built (npm and node needed once)."""
    override = os.environ.get("WORKBOOK_PLOTLY_JS")
    if override:
        path = Path(override)
        if not path.is_file():
            raise FileNotFoundError(f"WORKBOOK_PLOTLY_JS={override} is not a file")
        return path
    version = plotly_js_version()
    entry = _bundle_entry(trace_types)
    recipe = hashlib.sha256(json.dumps([entry, ESBUILD_VERSION, ESBUILD_OPTIONS]).encode()).hexdigest()[:10]
    cache = project_root / ".cache" / "plotly-bundle"
    bundle = cache / f"plotly-{version}-{'-'.join(trace_types)}-{recipe}.min.js"
    if bundle.is_file():
        return bundle
    cache.mkdir(parents=True, exist_ok=True)
    with open(cache / ".lock", "w") as lock:  # editions built side by side: one builds, the others wait
        fcntl.flock(lock, fcntl.LOCK_EX)
        if bundle.is_file():
            return bundle
        prefix = project_root / ".cache" / "npm-plotly-bundle"
        plotly_pkg, esbuild_pkg = prefix / "node_modules" / "plotly.js", prefix / "node_modules" / "esbuild"
        if _installed_version(plotly_pkg) != version or _installed_version(esbuild_pkg) != ESBUILD_VERSION:
            _npm_install(prefix, f"plotly.js@{version}", f"esbuild@{ESBUILD_VERSION}")
            if _installed_version(plotly_pkg) != version or _installed_version(esbuild_pkg) != ESBUILD_VERSION:
                raise RuntimeError(f"npm installed no plotly.js {version} and esbuild {ESBUILD_VERSION} into {prefix}")
        (prefix / "workbook-plotly-entry.js").write_text(entry, encoding="utf8")
        built = cache / f".{bundle.name}.tmp"
        cmd = [str(prefix / "node_modules" / ".bin" / "esbuild"), "workbook-plotly-entry.js", *ESBUILD_OPTIONS,
               f"--outfile={built}"]
        done = subprocess.run(cmd, cwd=prefix, capture_output=True, text=True)
        if done.returncode != 0 or not built.is_file():
            raise RuntimeError(f"`{' '.join(cmd)}` failed:\n{done.stdout}\n{done.stderr}")
        license_text = (plotly_pkg / "LICENSE").read_text(encoding="utf8", errors="ignore")
        built.write_text(_banner(version, trace_types, license_text) + built.read_text(encoding="utf8"),
                         encoding="utf8")
        built.replace(bundle)
    return bundle
