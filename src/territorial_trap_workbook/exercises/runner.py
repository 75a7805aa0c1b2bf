"""Run a notebook and take its answers out as plain data; also the program the sandbox starts.

``execute_for_answers`` runs a notebook's cells in a fresh kernel (errors do not stop the run), appends the
extraction cell (``extract``) and returns what happened as plain data. A cell that runs past the per-cell
timeout is interrupted once and the run goes on; a cell that ignores the interrupt stops the run.

Inside the sandbox, ``python -m territorial_trap_workbook.exercises.runner JOB.json`` first sets the resource
limits and, when started as root, becomes the unprivileged user ``nobody``; then it runs the job's notebook
and writes ``results.json`` next to the job file. Everything in that folder is the student's to overwrite, so
the grading process reads the results as untrusted data (``sandbox.read_results``).
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

from .extract import extraction_cell

RUN_OK = "ok"
RUN_ERRORS = "cell errors"
RUN_TIMEOUT = "timeout"
RUN_DEAD = "kernel died"
RUN_FAILED = "failed"
NOBODY = 65534


def _short(text: Any, n: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 3] + "..."


def _client_class():
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError

    class InterruptOnceClient(NotebookClient):
        """Interrupts a cell at its first timeout (the run goes on) and stops the run at its second."""

        timed_out: list[int]

        async def _async_handle_timeout(self, timeout, cell=None):
            index = next((i for i, c in enumerate(self.nb.cells) if c is cell), -1)
            if index in self.timed_out:
                raise CellTimeoutError.error_from_timeout_and_cell("Cell execution timed out", timeout, cell)
            self.timed_out.append(index)
            return await super()._async_handle_timeout(timeout, cell)

    return InterruptOnceClient


def execute_for_answers(nb: Any, names: list[str], nonce: str, *, cwd: str | Path,
                        timeout: float, skip: set[int] = frozenset(), kernel_name: str = "python3",
                        startup_timeout: float = 60, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``nb`` (cells in ``skip`` left out) and return run status, cell errors and the extraction output."""
    import nbformat
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    cells = [c for i, c in enumerate(nb.cells) if i not in skip]
    numbers = [i for i in range(len(nb.cells)) if i not in skip]  # cell numbers as the author sees them
    for cell in cells:
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    run_nb = nbformat.v4.new_notebook(cells=cells + [nbformat.v4.new_code_cell(extraction_cell(names, nonce))],
                                      metadata=nb.get("metadata", {}))
    current = {"index": None}

    def on_cell_start(cell: Any, cell_index: int) -> None:
        current["index"] = cell_index

    client = _client_class()(run_nb, timeout=timeout, kernel_name=kernel_name, allow_errors=True,
                             interrupt_on_timeout=True, startup_timeout=startup_timeout,
                             on_cell_start=on_cell_start, shutdown_kernel="immediate",
                             resources={"metadata": {"path": str(cwd)}})
    client.timed_out = []
    result: dict[str, Any] = {"run": RUN_OK, "detail": "", "cell_errors": [], "timed_out": [], "extraction": ""}

    def number(i: int | None) -> int | str:
        return numbers[i] if i is not None and 0 <= i < len(numbers) else "?"

    try:
        # The kernel's own stderr (shutdown noise, transport warnings) is not the student's.
        client.execute(stderr=subprocess.DEVNULL, **({} if env is None else {"env": env}))
    except CellTimeoutError:
        result["run"] = RUN_TIMEOUT
        result["detail"] = (f"cell {number(current['index'])} ran past {timeout:g} s and ignored the interrupt; "
                            "the cells after it were not run")
    except DeadKernelError:
        result["run"] = RUN_DEAD
        result["detail"] = (f"the kernel died in cell {number(current['index'])} (it may have hit the memory or "
                            "CPU-time limit); the cells after it were not run")
    except Exception as exc:
        result["run"] = RUN_FAILED
        result["detail"] = f"the run failed ({type(exc).__name__}: {_short(exc, 120)})"
    result["timed_out"] = [number(i) for i in client.timed_out]
    if result["timed_out"] and result["run"] == RUN_OK:
        result["run"] = RUN_TIMEOUT
        result["detail"] = (f"cell {', '.join(map(str, result['timed_out']))} ran past {timeout:g} s and was "
                            "interrupted; the other cells ran")
    last = len(run_nb.cells) - 1
    for i, cell in enumerate(run_nb.cells[:last]):
        if i in client.timed_out or cell.get("cell_type") != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                result["cell_errors"].append(f"cell {number(i)}: {_short(out.get('ename'), 60)}: "
                                             f"{_short(out.get('evalue', ''), 120)}")
    if result["cell_errors"] and result["run"] == RUN_OK:
        result["run"] = RUN_ERRORS
    result["extraction"] = "".join(o.get("text", "") for o in run_nb.cells[last].get("outputs", [])
                                   if o.get("output_type") == "stream" and o.get("name") == "stdout")
    return result


# -------------------------------------------------------------------------------------- inside the sandbox
def apply_limits(limits: dict[str, int]) -> None:
    """Resource limits for this process and every process it starts (the kernel included)."""
    cpu = int(limits["cpu_seconds"])
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))  # SIGXCPU first, SIGKILL 5 s later
    resource.setrlimit(resource.RLIMIT_AS, (int(limits["memory_bytes"]),) * 2)
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(limits["file_bytes"]),) * 2)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def drop_privileges(limits: dict[str, int]) -> None:
    """Started as root (in the sandbox, with no way back out): become ``nobody`` for good."""
    if os.getuid() != 0:
        return
    resource.setrlimit(resource.RLIMIT_NPROC, (int(limits["processes"]),) * 2)
    os.setgroups([])
    os.setresgid(NOBODY, NOBODY, NOBODY)
    os.setresuid(NOBODY, NOBODY, NOBODY)
    if os.getuid() == 0 or os.geteuid() == 0:  # pragma: no cover - setresuid raised otherwise
        raise SystemExit("could not drop root privileges")


def main(argv: list[str] | None = None) -> int:
    import nbformat

    job_path = Path((argv or sys.argv[1:])[0])
    job = json.loads(job_path.read_text(encoding="utf-8"))
    apply_limits(job["limits"])
    if job.get("drop_privileges"):
        drop_privileges(job["limits"])
    notebook = Path(job["notebook"])
    nb = nbformat.read(str(notebook), as_version=4)
    cwd = job.get("cwd") or notebook.parent
    result = execute_for_answers(nb, job["names"], job["nonce"], cwd=cwd, timeout=job["timeout"],
                                 kernel_name=job.get("kernel_name", "python3"))
    out = job_path.with_name("results.json")
    tmp = out.with_suffix(".tmp")
    tmp.write_text(json.dumps(result), encoding="utf-8")
    os.replace(tmp, out)
    return 0


if __name__ == "__main__":
    # jsonschema builds an IRI grammar when this optional package is importable: a second of CPU per run, for a
    # format check nbformat never needs here.
    sys.modules.setdefault("rfc3987_syntax", None)
    sys.exit(main())
