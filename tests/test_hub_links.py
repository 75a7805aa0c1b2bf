"""The course hub's pieces that need no hub (territorial_trap_workbook.hub): launch links and their build options,
the pages that carry them, the exercise repository. tests/test_hub.py runs a real hub.
"""
from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from territorial_trap_workbook.book.build import PROJECT_ROOT
from territorial_trap_workbook.hub import (LINK_TEXT, HubOptionError, check_options, launch_url,
                                           prepare_exercise_repo, repo_folder)


def test_launch_url_is_an_nbgitpuller_link():
    url = launch_url("https://hub.example.edu/", "https://git.example.edu/course/exercises.git", "spring",
                     "01-ultimatum.ipynb")
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "hub.example.edu", "/hub/user-redirect/git-pull")
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query == {"repo": "https://git.example.edu/course/exercises.git", "branch": "spring",
                     "urlpath": "lab/tree/exercises.git/01-ultimatum.ipynb"}
    assert repo_folder("https://git.example.edu/course/exercises.git") == "exercises.git"


@pytest.mark.parametrize("hub, repo, branch, says", [
    ("hub.example.edu", "https://g/x.git", None, "is not a hub address"),
    ("https://hub.example.edu/?x=1", "https://g/x.git", None, "no query"),
    ("https://hub.example.edu", None, None, "without --hub-repo"),
    (None, "https://g/x.git", None, "without --hub-url"),
    ("https://hub.example.edu", "g/x.git", None, "is not a git repository URL"),
    ("https://hub.example.edu", "https://g/x.git", "bad branch", "is not a git branch name"),
])
def test_bad_hub_options_are_named(hub, repo, branch, says):
    with pytest.raises(HubOptionError, match=says):
        check_options(hub, repo, branch)
    assert check_options(None, None, "main") is None  # no hub: no links


def test_pages_get_launch_links_only_with_a_hub():
    """The Sphinx hook: a chapter page and the start page get the link under their title, other pages none,
    and nothing at all without a hub."""
    from types import SimpleNamespace

    from territorial_trap_workbook.book.sphinx_ext import _launch_link

    hub = {"url": "https://hub.example.edu", "repo": "https://git.example.edu/c/ex.git", "branch": "main"}
    pages = {}
    for name in ("01-ultimatum", "intro", "glossary"):
        for setting in (hub, {}):
            app = SimpleNamespace(config=SimpleNamespace(workbook_hub=setting, root_doc="intro"))
            context = {"body": "<section><h1>Title</h1><p>Text</p></section>"}
            _launch_link(app, name, "page.html", context, None)
            pages[name, bool(setting)] = context["body"]
    chapter = pages["01-ultimatum", True]
    assert LINK_TEXT in chapter and chapter.index("</h1>") < chapter.index(LINK_TEXT)
    assert launch_url(hub["url"], hub["repo"], "main", "01-ultimatum.ipynb").replace("&", "&amp;") in chapter
    assert "lab/tree/ex.git" in pages["intro", True] and "workbook-launch" in pages["intro", True]
    assert "workbook-launch" not in pages["glossary", True]
    assert all("workbook-launch" not in pages[name, False] for name in ("01-ultimatum", "intro", "glossary"))


def test_exercise_repository(tmp_path):
    repo = tmp_path / "exercises"
    committed, names = prepare_exercise_repo(PROJECT_ROOT / "exercises", repo)
    assert committed and names == sorted(p.name for p in (PROJECT_ROOT / "exercises").glob("*.ipynb"))
    tracked = subprocess.run(["git", "-C", str(repo), "ls-files"], capture_output=True, text=True).stdout.split()
    assert sorted(tracked) == sorted([*names, "README.md"])
    for name in names:
        assert "BEGIN SOLUTION" not in (repo / name).read_text(encoding="utf8"), f"{name} carries a solution"
    assert prepare_exercise_repo(PROJECT_ROOT / "exercises", repo) == (False, names)  # nothing new: no commit
    with pytest.raises(FileExistsError, match="not empty and not a git repository"):
        (tmp_path / "other").mkdir()
        (tmp_path / "other" / "notes.txt").write_text("x")
        prepare_exercise_repo(PROJECT_ROOT / "exercises", tmp_path / "other")
