"""Run one notebook in a scratch folder, in a bubblewrap sandbox when there is one.

Each run gets a fresh scratch folder holding the job, a copy of the notebook and the kernel's home. With
bubblewrap (``bwrap``, Debian package ``bubblewrap``) the runner (``runner``: nbclient and the kernel) starts in
its own user-visible world:

* its own mount, PID, IPC, UTS, cgroup and network namespaces — no network at all (a loopback of its own
  only), no view of the grader's processes;
* a read-only view of ``/usr``, ``/etc``, the Python installation and this package; nothing else of the host
  (no home folders, no submissions folder, no solutions); the scratch folder, mounted as ``/scratch`` (also ``TMPDIR``), is the only
  writable place;
* an empty environment apart from a few settings (no teacher secrets);
* limits on address space (``--memory``, default 2 GB), CPU time (``--cpu-time``, default 120 s), file size
  and, when the grader runs as root, processes — started as root, the runner becomes ``nobody``;
* when the run ends, times out or is interrupted, the sandbox's PID namespace is torn down: nothing it started
  is left running.

Without bubblewrap the runner is an ordinary child process with the same limits, scratch folder and cleared
environment, but with the teacher's rights and view of the files: that is no sandbox, and ``grading`` only
uses it for a learner's own notebooks or when told ``--unsafe``.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .runner import NOBODY, RUN_DEAD, RUN_ERRORS, RUN_FAILED, RUN_OK, RUN_TIMEOUT

RUN_STATUSES = (RUN_OK, RUN_ERRORS, RUN_TIMEOUT, RUN_DEAD, RUN_FAILED)
MAX_RESULTS_BYTES = 10_000_000
# Where the scratch folder appears inside the sandbox: not /tmp, which would hide a checkout or a venv that
# lives under /tmp (the read-only binds of the Python roots come first).
INSIDE = "/scratch"


@dataclass(frozen=True)
class Limits:
    cell_timeout: float = 30.0
    cpu_seconds: int = 120
    memory_bytes: int = 2 * 1024**3
    file_bytes: int = 256 * 1024**2
    processes: int = 256
    startup_seconds: float = 60.0

    def wall_seconds(self, cells: int) -> float:
        """The whole run's wall-clock limit: start-up plus every cell's timeout, twice (interrupt, then stop)."""
        return self.startup_seconds + 2 * (cells + 1) * self.cell_timeout

    def for_runner(self) -> dict[str, int]:
        return {"cpu_seconds": int(self.cpu_seconds), "memory_bytes": int(self.memory_bytes),
                "file_bytes": int(self.file_bytes), "processes": int(self.processes)}


def find_bwrap() -> str | None:
    return shutil.which("bwrap")


@lru_cache(maxsize=None)
def sandbox_problem(bwrap: str | None) -> str | None:
    """None if bubblewrap can start a sandbox here; else why not, in one line."""
    if bwrap is None:
        return "bubblewrap (bwrap) is not installed; on Debian/Ubuntu: apt-get install bubblewrap"
    with tempfile.TemporaryDirectory(prefix="workbook-probe-") as tmp:
        cmd = _bwrap_args(bwrap, Path(tmp), {}) + ["--", "/bin/true"]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"bubblewrap could not start a sandbox ({type(exc).__name__})"
    if done.returncode != 0:
        return f"bubblewrap could not start a sandbox: {(done.stderr.strip().splitlines() or ['?'])[-1][:200]}"
    return None


def _python_roots() -> list[str]:
    """Folders the runner needs to read: the Python installation(s) and this package."""
    package = Path(__file__).resolve().parents[1]
    roots = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix)}
    roots.add(Path(sys.executable).resolve().parent.parent)
    roots.add(package)
    keep = sorted(str(r) for r in roots if r != Path("/") and not r.is_relative_to("/usr") and r.is_dir())
    return [r for r in keep if not any(r != o and Path(r).is_relative_to(o) for o in keep)]


def _bwrap_args(bwrap: str, scratch: Path, env: dict[str, str]) -> list[str]:
    args = [bwrap, "--ro-bind", "/usr", "/usr"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        p = Path("/") / name
        if p.is_symlink():
            args += ["--symlink", os.readlink(p), str(p)]
        elif p.is_dir():
            args += ["--ro-bind", str(p), str(p)]
    args += ["--ro-bind", "/etc", "/etc"]
    made: set[str] = set()
    for root in _python_roots():
        for parent in reversed(Path(root).parents[:-1]):  # readable stand-ins for the folders above it
            if str(parent) not in made and not Path(parent).is_relative_to("/usr"):
                made.add(str(parent))
                args += ["--perms", "0755", "--dir", str(parent)]
        args += ["--ro-bind", root, root]
    args += ["--dev", "/dev", "--proc", "/proc", "--bind", str(scratch), INSIDE, "--chdir", INSIDE,
             "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
             "--die-with-parent", "--new-session", "--clearenv"]
    if os.getuid() != 0:
        # Unprivileged: bubblewrap needs a user namespace. As root it keeps none, so that the runner can
        # become `nobody` (a user namespace would map `nobody` back to root outside).
        args += ["--unshare-user", "--cap-drop", "ALL"]
    for key, value in env.items():
        args += ["--setenv", key, value]
    return args


def _environment(home: str, runtime: str) -> dict[str, str]:
    """The only variables the runner and the kernel see."""
    return {
        "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
        "HOME": home, "TMPDIR": str(Path(home).parent), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1", "JUPYTER_RUNTIME_DIR": runtime, "JUPYTER_PLATFORM_DIRS": "1",
        "JUPYTER_CONFIG_DIR": f"{home}/.jupyter", "JUPYTER_DATA_DIR": f"{home}/.local/share/jupyter",
        "IPYTHONDIR": f"{home}/.ipython", "MPLCONFIGDIR": f"{home}/.matplotlib", "MPLBACKEND": "Agg",
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1", "WORKBOOK_FEEDBACK": "report",
    }


# ---------------------------------------------------------------------------------- running processes
_ACTIVE: set[subprocess.Popen] = set()
_ACTIVE_LOCK = threading.Lock()
_STOPPING = threading.Event()


def kill_all() -> None:
    """Stop every run in progress (Ctrl-C, SIGTERM), and any started until ``allow_runs``."""
    _STOPPING.set()
    with _ACTIVE_LOCK:  # a process in _ACTIVE is not reaped yet, so its group id cannot belong to anyone else
        for proc in _ACTIVE:
            _kill_group(proc)


def allow_runs() -> None:
    _STOPPING.clear()


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _scratch_root() -> Path:
    # A private parent: even a scratch folder handed to `nobody` is not reachable by other users of the host.
    return Path(tempfile.mkdtemp(prefix="workbook-check-"))


def run_notebook(notebook: Any, names: list[str], nonce: str, *, limits: Limits, sandboxed: bool,
                 skip: list[int] = (), cwd: Path | None = None) -> dict[str, Any]:
    """Run a notebook (an nbformat node, already read) in a scratch folder and return the runner's results.

    ``cwd`` (trusted notebooks only, e.g. solutions) runs it in that folder instead of the scratch copy."""
    import nbformat

    parent = _scratch_root()
    scratch = parent / "scratch"
    try:
        for sub in ("submission", "home", "runtime"):
            (scratch / sub).mkdir(parents=True)
        kept = [c for i, c in enumerate(notebook.cells) if i not in set(skip)]
        copy = nbformat.v4.new_notebook(cells=kept, metadata=notebook.get("metadata", {}))
        nb_name = "notebook.ipynb"
        nbformat.write(copy, str(scratch / "submission" / nb_name))
        base = INSIDE if sandboxed else str(scratch)
        job = {"notebook": f"{base}/submission/{nb_name}", "names": list(names), "nonce": nonce,
               "timeout": limits.cell_timeout, "limits": limits.for_runner(),
               "drop_privileges": sandboxed and os.getuid() == 0, "cwd": str(cwd) if cwd else None}
        (scratch / "job.json").write_text(json.dumps(job), encoding="utf-8")
        env = _environment(f"{base}/home", f"{base}/runtime")
        runner = [sys.executable, "-m", "territorial_trap_workbook.exercises.runner", f"{base}/job.json"]
        if sandboxed:
            if os.getuid() == 0:
                _hand_over(scratch)
            cmd = _bwrap_args(find_bwrap(), scratch, env) + ["--"] + runner
            popen_env = {}
        else:
            cmd, popen_env = runner, env
        return _supervise(cmd, popen_env, scratch, parent, limits.wall_seconds(len(kept)))
    finally:
        _remove(parent)


def _hand_over(scratch: Path) -> None:
    for path in [scratch, *scratch.rglob("*")]:
        os.chown(path, NOBODY, NOBODY, follow_symlinks=False)


def _supervise(cmd: list[str], env: dict[str, str], scratch: Path, parent: Path, wall: float) -> dict[str, Any]:
    err_path = parent / "stderr.txt"  # outside the scratch folder: the sandbox cannot see or replace it
    with open(err_path, "wb") as err:
        proc = subprocess.Popen(cmd, env=env, cwd=str(scratch), stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
        with _ACTIVE_LOCK:
            _ACTIVE.add(proc)
        if _STOPPING.is_set():  # started just after a kill_all()
            _kill_group(proc)
        timed_out = not _exited(proc, wall)
        with _ACTIVE_LOCK:
            # Kill what the run left in its process group *before* reaping it: once reaped, its id may be
            # reused by someone else's new process group (a kernel started elsewhere, say).
            _kill_group(proc)
            proc.wait()
            _ACTIVE.discard(proc)
    if timed_out:
        return _failure(RUN_TIMEOUT, f"the notebook ran past the overall limit of {wall:g} s and was stopped")
    results = read_results(scratch / "results.json")
    if results is None:
        tail = err_path.read_bytes()[-2000:].decode("utf-8", "replace").strip().splitlines()
        why = f" ({tail[-1][:160]})" if tail else ""
        status = RUN_DEAD if proc.returncode < 0 else RUN_FAILED
        return _failure(status, f"the run ended with code {proc.returncode} and left no results{why}")
    return results


def _exited(proc: subprocess.Popen, timeout: float) -> bool:
    """Wait up to ``timeout`` s for ``proc`` to end, without reaping it (it stays a zombie until we do)."""
    deadline = time.monotonic() + timeout
    delay = 0.01
    while time.monotonic() < deadline:
        try:
            if os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT | os.WNOHANG) is not None:
                return True
        except ChildProcessError:
            return True
        time.sleep(delay)
        delay = min(delay * 2, 0.2)
    return False


def _failure(run: str, detail: str) -> dict[str, Any]:
    return {"run": run, "detail": detail, "cell_errors": [], "timed_out": [], "extraction": ""}


def read_results(path: Path) -> dict[str, Any] | None:
    """The runner's results, read as untrusted data (the student can replace the file); None if unusable."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_RESULTS_BYTES:
            return None
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            data = json.loads(fh.read(MAX_RESULTS_BYTES + 1).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    finally:
        if fd >= 0:
            os.close(fd)
    if not isinstance(data, dict) or data.get("run") not in RUN_STATUSES:
        return None
    errors = data.get("cell_errors")
    out = {"run": data["run"], "detail": data.get("detail"), "extraction": data.get("extraction"),
           "cell_errors": errors, "timed_out": data.get("timed_out")}
    if not (isinstance(out["detail"], str) and isinstance(out["extraction"], str) and isinstance(errors, list)
            and all(isinstance(e, str) for e in errors) and isinstance(out["timed_out"], list)):
        return None
    out["cell_errors"] = [e[:300] for e in errors[:50]]
    out["timed_out"] = [t for t in out["timed_out"][:50] if isinstance(t, (int, str)) and not isinstance(t, bool)]
    out["detail"] = out["detail"][:300]
    return out


def _remove(path: Path) -> None:
    def unlock(func, p, _exc):
        try:
            os.chmod(p, stat.S_IRWXU)
            os.chmod(os.path.dirname(p), stat.S_IRWXU)
            func(p)
        except OSError:
            pass

    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=unlock)
    else:
        shutil.rmtree(path, onerror=unlock)
