"""Every explorer the package defines, found by looking in ``figures`` (no hand-kept list to forget)."""
from __future__ import annotations

import importlib
import pkgutil

from .. import figures
from .spec import ExplorerSpec


def all_explorers() -> dict[str, ExplorerSpec]:
    found: dict[str, ExplorerSpec] = {}
    for info in pkgutil.iter_modules(figures.__path__):
        module = importlib.import_module(f"{figures.__name__}.{info.name}")
        specs = list(getattr(module, "EXPLORERS", ()))
        if hasattr(module, "EXPLORER"):
            specs.append(module.EXPLORER)
        for spec in specs:
            if spec.key in found:
                raise ValueError(f"two explorers share the key {spec.key!r}")
            found[spec.key] = spec
    return found
