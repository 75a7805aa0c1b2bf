"""Running Voila on a dashboard notebook: sources stripped, no browser, nothing loaded from outside the server.

Voila's own "lab" template links Font Awesome from a CDN; the ``workbook`` template (shipped in this package,
found through ``JUPYTER_PATH``) is that template without those links. As root (a container, a CI machine) the
Jupyter server refuses to start unless told ``allow_root``.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

TEMPLATE_ROOT = Path(__file__).parent / "template"
TEMPLATE = "workbook"
#: JupyterLab extensions installed beside the workbook that expect JupyterLab around them: in Voila they fail to
#: load, with console errors on the dashboard.
NOT_FOR_VOILA = ("@jupyter/nbgrader", "@jupyter-notebook/lab-extension")


def voila_command(notebook: Path, port: int | None = None, extra: list[str] | None = None) -> list[str]:
    cmd = [sys.executable, "-m", "voila", str(notebook), f"--template={TEMPLATE}", "--strip_sources=True",
           "--no-browser", *(f"--VoilaConfiguration.extension_denylist={e}" for e in NOT_FOR_VOILA)]
    if port is not None:
        cmd.append(f"--port={port}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--ServerApp.allow_root=True")
    return cmd + list(extra or [])


def voila_environment(base: dict | None = None) -> dict:
    """The environment with this package's Voila template on ``JUPYTER_PATH`` (ahead of any other)."""
    env = dict(os.environ if base is None else base)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(TEMPLATE_ROOT), env.get("JUPYTER_PATH", "")) if p)
    return env
