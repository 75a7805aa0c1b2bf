"""A course hub: the exercise repository that nbgitpuller pulls from, and the launch links the book offers.

A course on JupyterHub (deploy/hub/README.md) gives each student the exercise notebooks through nbgitpuller:
a link ``<hub>/hub/user-redirect/git-pull?repo=…&branch=…&urlpath=lab/tree/<folder>/<notebook>`` logs the
student in, starts their server, clones the exercise repository into their home folder (or, the next time,
merges the upstream changes without overwriting their edits) and opens the notebook in JupyterLab.

* ``workbook hub-repo DEST`` makes or updates that repository from ``exercises/``: the generated exercise
  notebooks only (never a solution), a README for students, one commit per update.
* ``workbook build --hub-url URL --hub-repo URL [--hub-branch BRANCH]`` builds a book whose chapter pages and
  start page offer "Open this chapter's exercise on your course hub" (``launch_url``); without ``--hub-url``
  no page has a launch link.

Only the standard library and the ``git`` command: this module is core.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

DEFAULT_BRANCH = "main"
LINK_TEXT = "Open this chapter's exercise on your course hub"
START_LINK_TEXT = "Open the exercises on your course hub"
REPO_README = """# Exercises: The Territorial Trap workbook

These are the exercise notebooks of *The Territorial Trap: a workbook*, one per chapter. Your course hub
copies this folder into your home folder when you follow a chapter's launch link; following a link again brings
in your teacher's updates and keeps every answer you have written (nbgitpuller merges, it never overwrites
your edits).

Run the cells from the top; each check cell tells you whether a computed answer is right and, if not, gives a
hint.
"""


class HubOptionError(ValueError):
    """A hub address, repository URL or branch that cannot make a working launch link."""


def check_options(hub_url: str | None, repo_url: str | None, branch: str | None) -> tuple[str, str, str] | None:
    """The hub options of a build, checked: ``None`` when no hub is set, else ``(hub, repo, branch)`` with the
    hub address without a trailing slash. Raises :class:`HubOptionError` naming what is wrong and what is
    allowed."""
    if not hub_url and not repo_url:
        return None
    if not hub_url:
        raise HubOptionError("--hub-repo was given without --hub-url: a launch link needs the hub's address "
                             "(e.g. --hub-url https://hub.example.edu)")
    if not repo_url:
        raise HubOptionError("--hub-url was given without --hub-repo: a launch link needs the exercise "
                             "repository's URL (e.g. --hub-repo https://git.example.edu/course/exercises.git), "
                             "which `workbook hub-repo` prepares")
    parts = urlsplit(hub_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise HubOptionError(f"--hub-url {hub_url!r} is not a hub address: give http(s)://host[:port][/path] "
                             f"with no query or fragment")
    repo = urlsplit(repo_url)
    if repo.scheme not in ("http", "https", "file", "git", "ssh") or repo.query or repo.fragment \
            or not repo.path.strip("/"):
        raise HubOptionError(f"--hub-repo {repo_url!r} is not a git repository URL: give http(s)://, git://, "
                             f"ssh:// or file:// followed by the repository's path, with no query or fragment")
    branch = branch or DEFAULT_BRANCH
    if not branch.strip() or any(c in branch for c in " ~^:?*[\\") or branch.startswith(("-", "/")):
        raise HubOptionError(f"--hub-branch {branch!r} is not a git branch name")
    return hub_url.rstrip("/"), repo_url, branch


def repo_folder(repo_url: str) -> str:
    """The folder nbgitpuller clones the repository into (its default ``targetpath``): the URL's last part."""
    return repo_url.rstrip("/").split("/")[-1]


def launch_url(hub_url: str, repo_url: str, branch: str = DEFAULT_BRANCH, notebook: str | None = None) -> str:
    """The nbgitpuller link that pulls the exercise repository and opens ``notebook`` (a file name such as
    ``01-ultimatum.ipynb``; without it, the repository's folder) in JupyterLab."""
    checked = check_options(hub_url, repo_url, branch)
    assert checked is not None
    hub, repo, branch = checked
    path = f"lab/tree/{repo_folder(repo)}" + (f"/{notebook}" if notebook else "")
    query = urlencode({"repo": repo, "branch": branch, "urlpath": path}, quote_via=quote, safe="/:")
    return f"{hub}/hub/user-redirect/git-pull?{query}"


# --- the exercise repository ----------------------------------------------------------------------------
def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} failed in {repo}: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def prepare_exercise_repo(exercises: Path, dest: Path, branch: str = DEFAULT_BRANCH,
                          message: str | None = None) -> tuple[bool, list[str]]:
    """Make ``dest`` a git repository holding the exercise notebooks of ``exercises`` (and a README), on
    ``branch``, and commit any change. Files in ``dest`` that are no longer exercises are removed; nothing else
    of ``dest`` is touched. Returns (whether a commit was made, the notebooks)."""
    if shutil.which("git") is None:
        raise RuntimeError("git was not found: the exercise repository is a git repository (apt-get install git)")
    notebooks = sorted(exercises.glob("*.ipynb"))
    if not notebooks:
        raise FileNotFoundError(f"no exercise notebooks in {exercises} (`workbook exercises` generates them)")
    dest.mkdir(parents=True, exist_ok=True)
    if not (dest / ".git").exists():
        if any(dest.iterdir()):
            raise FileExistsError(f"{dest} is not empty and not a git repository; give an empty or new folder")
        _git(dest, "init", "--quiet", "--initial-branch", branch)
    elif _git(dest, "rev-parse", "--abbrev-ref", "HEAD").strip() not in (branch, "HEAD"):
        _git(dest, "checkout", "--quiet", "-B", branch)
    names = {nb.name for nb in notebooks}
    for old in dest.glob("*.ipynb"):
        if old.name not in names:
            old.unlink()
    for nb in notebooks:
        shutil.copyfile(nb, dest / nb.name)
    (dest / "README.md").write_text(REPO_README, encoding="utf8")
    _git(dest, "add", "--all", ".")
    if not _git(dest, "status", "--porcelain").strip():
        return False, [nb.name for nb in notebooks]
    _git(dest, "-c", "user.name=workbook hub-repo", "-c", "user.email=workbook@localhost", "commit", "--quiet",
         "-m", message or f"Exercises from the workbook ({len(notebooks)} notebooks)")
    return True, [nb.name for nb in notebooks]


def _hub_repo(args: argparse.Namespace) -> int:
    root = Path(__file__).resolve().parents[2]
    exercises = Path(args.exercises) if args.exercises else root / "exercises"
    try:
        committed, names = prepare_exercise_repo(exercises, Path(args.dest), args.branch, args.message)
    except (OSError, RuntimeError) as err:
        print(f"workbook hub-repo: {err}", file=sys.stderr)
        return 1
    state = "committed the update" if committed else "already up to date"
    print(f"{args.dest}: {len(names)} exercise notebooks on branch {args.branch}, {state}. Push it where the hub "
          f"can clone it, then build the book with --hub-url and --hub-repo (deploy/hub/README.md).")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "hub-repo", help="prepare the exercise repository a course hub pulls from (nbgitpuller)",
        description="Make or update a git repository holding the exercise notebooks (never a solution) and "
                    "a README, and commit the change; students' hubs pull it through the book's launch links.")
    parser.add_argument("dest", help="the repository folder (created if missing)")
    parser.add_argument("--branch", default=DEFAULT_BRANCH, help="branch to commit to (default main)")
    parser.add_argument("--exercises", help="folder of exercise notebooks (default: the repository's exercises/)")
    parser.add_argument("--message", help="commit message")
    parser.set_defaults(func=_hub_repo)
