"""Writing a notebook file in one step, with the permissions a plain ``open(path, "w")`` would give.

The file is written to a temporary name in the same folder and renamed over the target, so a crash never
leaves half a notebook. ``tempfile.mkstemp`` creates that file ``0600`` whatever the umask; left so, a hand-out
into a shared class folder would be unreadable to the students it is for. So the mode is set explicitly: a
replaced file keeps its own mode, a new one gets ``0666`` minus the umask.
"""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def current_umask() -> int:
    # The only portable way to read the umask is to set it and put it back (process-wide, instantaneous).
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    return 0o666 & ~current_umask()


def write_text_atomic(target: Path, text: str) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``target``, replacing it atomically."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(target.stat().st_mode) if target.is_file() else new_file_mode()
    except OSError:
        mode = new_file_mode()
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
