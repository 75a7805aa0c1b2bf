"""How much an install weighs: distributions and megabytes of site-packages.

* ``core_from_wheel(project, work)``: what ``pip install territorial-trap-workbook`` gives a student. The
  project's wheel is built (``pip wheel --no-deps``) and installed with its dependencies from their declared
  ranges (PyPI) into a venv made without pip, so site-packages holds exactly what the wheel pulls in. Every
  module a student notebook uses (params, models, figures, explorers, data, exercises.feedback) is then
  imported in that venv and one model, one figure and one check are run.
* ``make_env(project, target, work)``: the venv ``make <target>`` builds in ``project`` (``VENV`` pointed into
  ``work``), e.g. ``setup-book`` (what ``make book`` installs) or ``setup`` (what ``make test`` installs).

Counts are ``*.dist-info`` folders in site-packages; sizes are the sum of file sizes (10^6 bytes per MB), with
and without the ``__pycache__`` bytecode (pip compiles it at install time, uv does not; Python writes it on
first import), measured before the smoke imports.
Standalone: ``python benchmarks/install_size.py [--ref main] [--targets setup-book setup]`` measures the
committed tree of a git ref and prints JSON.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"core_dists": 45, "core_mb": 250}
# Measured on commit ebf37fc, before the split (``install_size.py --ref ebf37fc --targets setup``).
BEFORE = {"core_wheel": {"distributions": 152, "mb": 624.9, "mb_without_bytecode": 453.3},
          "make_setup": {"distributions": 164, "mb": 870.0, "mb_without_bytecode": 681.4}}
PACKAGE = "territorial_trap_workbook"
# The project's card fixes these as core packages; installed alone they set the floor no split can go below
# (with their own dependencies: numpy, IPython and jedi, pygments, ...).
CARD_CORE = ("pandas", "plotly", "ipywidgets")

# Run inside the measured venv: import what a student notebook imports, use it once, list heavy modules loaded.
STUDENT_SMOKE = f"""
import importlib, json, pkgutil, sys
names = ["{PACKAGE}." + n for n in ("params", "data", "explorers", "explorers.live", "explorers.static",
                                     "exercises.feedback")]
for sub in ("models", "figures"):
    pkg = importlib.import_module("{PACKAGE}." + sub)
    names += [m.name for m in pkgutil.iter_modules(pkg.__path__, pkg.__name__ + ".")]
for name in names:
    importlib.import_module(name)
from {PACKAGE}.data import table_for_chapter
from {PACKAGE}.exercises.feedback import check_number
from {PACKAGE}.explorers.live import LiveExplorer
from {PACKAGE}.explorers.static import static_figure_json
from {PACKAGE}.figures.bargaining import EXPLORER
LiveExplorer(EXPLORER)
static_figure_json(EXPLORER)
EXPLORER.space.table_html()
table_for_chapter(1)
check_number(0.5, 0.5, name="smoke")
heavy = ("sphinx", "jupyter_book", "myst_nb", "nbclient", "nbformat", "yaml", "scipy", "jupyterlab", "voila")
print(json.dumps({{"modules": len(names), "heavy_loaded": sorted(h for h in heavy if h in sys.modules)}}))
"""


def site_packages(venv: Path) -> Path:
    found = sorted(venv.glob("lib/python3*/site-packages"))
    if len(found) != 1:
        raise RuntimeError(f"expected one site-packages under {venv}, found {found}")
    return found[0]


def measure(venv: Path) -> dict:
    site = site_packages(venv)
    files = [p for p in site.rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.lstat().st_size for p in files)
    bytecode = sum(p.lstat().st_size for p in files if "__pycache__" in p.parts)
    dists = sorted(p.name.split("-")[0].lower() for p in site.glob("*.dist-info"))
    return {"distributions": len(dists), "mb": round(size / 1e6, 1), "mb_without_bytecode":
            round((size - bytecode) / 1e6, 1), "names": dists}


def _run(cmd: list, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kwargs)
    if done.returncode:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return done


def core_from_wheel(project: Path, work: Path, python: str = sys.executable) -> dict:
    wheels = work / "wheel"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", wheels, project])
    wheel = next(wheels.glob("*.whl"))
    venv = work / "core-venv"
    _run([python, "-m", "venv", "--without-pip", venv])
    start = time.perf_counter()
    _run([sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--quiet", wheel])
    seconds = time.perf_counter() - start
    size = measure(venv)
    done = subprocess.run([venv / "bin" / "python", "-c", STUDENT_SMOKE], cwd=work, capture_output=True, text=True)
    smoke = json.loads(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 else \
        {"error": done.stderr.strip().splitlines()[-1]}
    return {"wheel": wheel.name, "install_seconds": round(seconds, 1), **size, "student_imports": smoke}


def card_floor(work: Path, python: str = sys.executable) -> dict:
    """The card's core packages alone, installed the same way as the wheel (pip, latest in range, clean venv)."""
    venv = work / "floor-venv"
    _run([python, "-m", "venv", "--without-pip", venv])
    _run([sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--quiet", *CARD_CORE])
    return {"packages": list(CARD_CORE), **measure(venv)}


def make_env(project: Path, target: str, work: Path) -> dict:
    venv = work / f"venv-{target}"
    env = {**os.environ, "MAKEFLAGS": ""}
    start = time.perf_counter()
    _run(["make", "-C", project, target, f"VENV={venv}"], env=env)
    return {"target": target, "install_seconds": round(time.perf_counter() - start, 1), **measure(venv)}


def measure_all(project: Path, work: Path, targets=("setup-book",)) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    out = {"core_wheel": core_from_wheel(project, work), "card_floor": card_floor(work), "targets": TARGETS}
    for target in targets:
        out[f"make_{target}"] = make_env(project, target, work)
    return out


def _row(label: str, r: dict | None) -> str:
    if not r:
        return f"| {label} | — | — | — |"
    return f"| {label} | {r['distributions']} | {r['mb']:.0f} | {r['mb_without_bytecode']:.0f} |"


def target_rows(result: dict) -> list[str]:
    """Rows for the report's table of targets (MB both with pip's compiled bytecode and without it)."""
    core = result["core_wheel"]

    def ok(value, target):
        return "✅ met" if value <= target else "❌ missed"

    return [f"| Core install from the wheel: distributions | ≤ {TARGETS['core_dists']} | {core['distributions']} | "
            f"{ok(core['distributions'], TARGETS['core_dists'])} |",
            f"| Core install from the wheel: MB of site-packages without bytecode | ≤ {TARGETS['core_mb']} | "
            f"{core['mb_without_bytecode']:.0f} | {ok(core['mb_without_bytecode'], TARGETS['core_mb'])} |",
            f"| Core install from the wheel: MB with the bytecode pip compiles | ≤ {TARGETS['core_mb']} | "
            f"{core['mb']:.0f} | {ok(core['mb'], TARGETS['core_mb'])}{_floor_note(result)} |"]


def _floor_note(result: dict) -> str:
    floor = result.get("card_floor")
    if not floor:
        return ""
    return (f" (the card's {', '.join(floor['packages'])} alone weigh {floor['mb']:.0f} MB with bytecode, "
            f"{floor['mb_without_bytecode']:.0f} MB without)")


def markdown(result: dict) -> list[str]:
    core = result["core_wheel"]
    smoke = core.get("student_imports", {})
    checked = (f"imported {smoke['modules']} modules a student notebook uses and ran a model, a live and a static "
               f"explorer, a table and a check; modules of the book build loaded: "
               f"{', '.join(smoke['heavy_loaded']) or 'none'}" if "modules" in smoke
               else f"the student smoke test failed: {smoke.get('error')}")
    return ["## Install size", "",
            "Distributions (`*.dist-info`) and MB (10^6 bytes) of site-packages. The core install is the built "
            "wheel installed by pip from its declared ranges into a clean venv made without pip; in that venv "
            f"the benchmark {checked}. The `make` venvs are built from the locks by uv (bytecode compiled at "
            "install, `--compile-bytecode`) and hold pip, setuptools and uv besides. Before = commit `ebf37fc`: every tool a runtime "
            "dependency, and one venv with the test extra, which pip filled (bytecode compiled at install).", "",
            "| Install | Distributions | MB | MB without bytecode |", "|---|---:|---:|---:|",
            _row("Core from the wheel, before", BEFORE["core_wheel"]),
            _row("Core from the wheel", core),
            _row(f"Floor: the card's core packages alone ({', '.join(CARD_CORE)})", result.get("card_floor")),
            _row("`make setup` venv (what `make book` and `make test` installed), before", BEFORE["make_setup"]),
            _row("`make book` venv (`make setup-book`)", result.get("make_setup-book")),
            _row("`make test` venv (`make setup`)", result.get("make_setup")), ""]


def _committed(ref: str, dest: Path) -> Path:
    archive = dest / "src.tar"
    _run(["git", "-C", ROOT, "archive", "--format=tar", "-o", archive, ref])
    with tarfile.open(archive) as tar:
        tar.extractall(dest / "repo", filter="data")
    return dest / "repo"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="HEAD", help="git ref whose committed tree is measured (HEAD)")
    parser.add_argument("--targets", nargs="*", default=["setup-book"], help="make targets whose venv is measured")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="install-size-") as scratch:
        work = Path(scratch)
        result = measure_all(_committed(args.ref, work), work, args.targets)
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
