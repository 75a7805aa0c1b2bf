"""Which optional extra each part of the package needs, and the line a user sees when it is missing.

``pip install territorial-trap-workbook`` (the core) runs a student's notebooks: parameters, models, figures,
explorers, data tables and feedback checks, and the ``workbook`` command itself. The rest comes in extras
named for who needs them (declared in pyproject.toml): ``author`` builds the book and executes or generates
notebooks, ``grading`` runs ``workbook check``, ``lab`` is JupyterLab, Voila and ``workbook handout``, ``print`` is ``workbook pdf``, and
``test`` is all of them plus the test tools.

``MODULE_EXTRAS`` names the extra a module may rely on (a module under no entry is core). The tests check every
module's imports against pyproject.toml and import each module where only the core and its extra are
installed; a ``workbook`` subcommand declares its extra when it registers (``set_defaults(extra=...)``).
"""
from __future__ import annotations

from importlib import metadata

DIST = "territorial-trap-workbook"
PACKAGE = "territorial_trap_workbook"
EXTRAS = ("lab", "author", "grading", "nbgrader", "print", "test")

# The longest matching name wins: a package's entry covers its modules, None marks a core module inside it.
MODULE_EXTRAS: dict[str, str | None] = {
    f"{PACKAGE}.book": "author",
    f"{PACKAGE}.book.cli": None,         # the `workbook build` command: imports the build when it runs
    f"{PACKAGE}.book.editions": None,
    f"{PACKAGE}.book.pdf": "print",      # `workbook pdf`: playwright drives Chromium
    f"{PACKAGE}.guide": "author",
    f"{PACKAGE}.notebooks": "author",
    f"{PACKAGE}.notebooks.cli": None,
    f"{PACKAGE}.exercises.authoring": "author",
    f"{PACKAGE}.exercises.generator": "author",
    f"{PACKAGE}.exercises.markers": "author",
    f"{PACKAGE}.exercises.sync": "author",
    f"{PACKAGE}.exercises.self_study": "author",  # self_mark and rubrics are core: they run in a learner's kernel
    f"{PACKAGE}.exercises.grading": "grading",
    f"{PACKAGE}.exercises.gradebook": "grading",
    f"{PACKAGE}.exercises.runner": "grading",      # also run by `workbook exercises` (author has its packages)
    f"{PACKAGE}.exercises.sandbox": "grading",
    f"{PACKAGE}.exercises.solution_key": "grading",
    f"{PACKAGE}.exercises.handout": "lab",
    f"{PACKAGE}.exercises.nbgrader_rubric": "nbgrader",
    f"{PACKAGE}.dashboard": "lab",
    f"{PACKAGE}.dashboard.cli": None,    # `workbook dashboard`: imports the rest when it runs
}


def extra_of(module: str) -> str | None:
    """The extra ``module`` (a dotted name in this package) may rely on; None for the core."""
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        name = ".".join(parts[:end])
        if name in MODULE_EXTRAS:
            return MODULE_EXTRAS[name]
    return None


def install_hint(extra: str) -> str:
    return f"pip install '{DIST}[{extra}]'"


def _requirement_names(extra: str) -> list[str]:
    """The distributions ``extra`` declares, self-references expanded ([] if this package is not installed)."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    try:
        lines = metadata.requires(DIST) or []
    except metadata.PackageNotFoundError:  # run from a source tree without installing: nothing to check
        return []
    names: list[str] = []
    for line in lines:
        req = Requirement(line)
        if req.marker is None or not req.marker.evaluate({"extra": extra}):
            continue  # a core requirement, or another extra's
        if canonicalize_name(req.name) == DIST:
            for inner in sorted(req.extras):
                names += _requirement_names(inner)
        else:
            names.append(req.name)
    return names


def missing(extra: str) -> list[str]:
    """The distributions ``extra`` declares that are not installed, in declaration order."""
    gone: list[str] = []
    for name in _requirement_names(extra):
        try:
            metadata.distribution(name)
        except metadata.PackageNotFoundError:
            if name not in gone:
                gone.append(name)
    return gone


def needs_message(command: str, extra: str, gone: list[str]) -> str:
    """One line: which extra a command needs, what is missing, the command that installs it."""
    return (f"workbook {command} needs the '{extra}' extra ({', '.join(gone)} not installed): "
            f"{install_hint(extra)}")
