"""The course hub (deploy/hub/, territorial_trap_workbook.hub): one student on a real JupyterHub on loopback
(launch links, options and the exercise repository without a hub: tests/test_hub_links.py).

The hub test (``test_student_on_a_real_hub``) starts jupyterhub from this venv with configurable-http-proxy from
npm (``make hub-deps``), the dummy authenticator and the local process spawner; each student is a Unix user of
their own (created here and removed after, so the test needs root, as CI has; without root it is skipped, or
fails with WORKBOOK_REQUIRE_HUB=1). One real browser (Chromium) plays the first student:

1. logs in and follows chapter 1's launch link (the URL the book's page carries): nbgitpuller clones the
   exercise repository -- a local git repository made by ``workbook hub-repo`` -- and JupyterLab opens the
   notebook;
2. answers one part of exercise 1.2 (the first number part of the chapter's second exercise, from the installed
   key), runs every cell and reads the check's feedback in the page; saves;
3. the teacher commits a change to another cell upstream; the student follows the link again: the change
   arrives and the edited answer is still there.

A second student (REST API and kernel websocket) gets a fresh copy without the first student's answer, cannot
reach the first student's server, and cannot read the first student's files from a kernel.
"""
from __future__ import annotations

import asyncio
import json
import os
import pwd
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from browser_helpers import chromium_browser  # noqa: F401  (the one Chromium of this test process)
from territorial_trap_workbook.book.build import PROJECT_ROOT
from territorial_trap_workbook.chapters import CHAPTERS
from territorial_trap_workbook.exercises.answer_key import KEY_FILE, lookup
from territorial_trap_workbook.hub import launch_url, prepare_exercise_repo, repo_folder

CHAPTER = CHAPTERS[0]


def _exercise(part: dict) -> str:
    return part["part"].rstrip("abcdefghijklmnopqrstuvwxyz")


# The parts come from the installed key, as do the right values: a chapter's exercises are renumbered and their
# inputs change with revisions (1.2 became 1.2a-c), and the test must follow them rather than name them.
_PARTS = json.loads(KEY_FILE.read_text(encoding="utf-8"))["notebooks"][f"{CHAPTER.stem}.ipynb"]["parts"]
UNTOUCHED = _PARTS[0]["part"]
ANSWERED = next(p for p in _PARTS if p["type"] == "number" and _exercise(p) != _exercise(_PARTS[0]))
BLANK = f"{ANSWERED['answer']} = None"
EDITED = f"{ANSWERED['answer']} = {lookup(ANSWERED['part'])[1]!r}  # edited by the student"
TEACHER_NOTE = "Teacher's note added upstream: work in pairs today."


# --- a real hub -----------------------------------------------------------------------------------------
def _need_hub():
    from hub_helpers import CHP, HUB_ENV_BIN

    required = os.environ.get("WORKBOOK_REQUIRE_HUB") == "1"
    if os.geteuid() != 0:
        if required:
            pytest.fail("WORKBOOK_REQUIRE_HUB=1 but not root: the hub test creates one Unix user per student")
        pytest.skip("the hub test creates one Unix user per student and runs their servers as them: run it as root "
                    "(CI does), or set WORKBOOK_REQUIRE_HUB=1 to make this skip a failure")
    missing = [str(p) for p in (CHP, HUB_ENV_BIN / "jupyterhub-singleuser", Path("/usr/bin/chromium"))
               if not p.exists()]
    missing += [t for t in ("git", "useradd", "userdel") if shutil.which(t) is None]
    if missing:
        if required or os.environ.get("WORKBOOK_REQUIRE_BROWSER"):
            pytest.fail(f"{missing} missing: `make hub-deps browser-deps` installs them")
        pytest.skip(f"{missing} missing: `make hub-deps browser-deps` installs them")


def _unix_user(name: str) -> Path:
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--create-home", "--shell", "/bin/sh", name], check=True, capture_output=True)
    home = Path(pwd.getpwnam(name).pw_dir)
    home.chmod(0o700)  # deploy/hub/README.md: each student's home is theirs alone
    return home


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    _need_hub()
    from hub_helpers import GitDaemon, LoopbackHub

    suffix = f"{os.getpid() % 100000}"
    users = [f"wbstu{suffix}a", f"wbstu{suffix}b"]
    homes = {u: _unix_user(u) for u in users}
    shared = tmp_path_factory.mktemp("upstream")
    upstream = shared / "workbook-exercises"
    prepare_exercise_repo(PROJECT_ROOT / "exercises", upstream)
    daemon = GitDaemon(shared).start()  # the course's git host, on loopback
    instance = LoopbackHub(tmp_path_factory.mktemp("hub"), spawner="localprocess")
    try:
        instance.start()
        instance.add_user(users[1])  # the second student's server starts while the first works in the browser
        instance.api("POST", f"/hub/api/users/{users[1]}/server")
        yield instance, users, homes, upstream, daemon.url(upstream.name)
    finally:
        killed = instance.stop()
        daemon.stop()
        import psutil

        uids = {pwd.getpwnam(u).pw_uid for u in users}
        # A zombie has exited and holds nothing but its process-table entry until its parent (or init, once
        # the hub is gone) reaps it: not a process left running.
        left = [p for p in psutil.process_iter(["uids", "status"]) if p.info["uids"] and p.info["uids"].real in uids
                and p.info["status"] != psutil.STATUS_ZOMBIE]
        for proc in left:  # by id: only processes of this test's own users
            proc.kill()
        for user in users:
            subprocess.run(["userdel", "--remove", user], capture_output=True)
        assert not killed and not left, (f"processes still running after the hub stopped, killed by id: "
                                         f"{killed + [p.pid for p in left]}")


def _wait_js(page, script: str, what: str, timeout: float = 120_000, arg=None):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        return page.wait_for_function(script, arg=arg, timeout=timeout)
    except PlaywrightTimeout:
        text = page.evaluate("() => document.body ? document.body.innerText.slice(0, 1500) : ''")
        pytest.fail(f"timed out waiting for {what} at {page.url}; the page says: {text}")


NOTEBOOK_OPEN = """(name) => {
  const app = window.jupyterapp, w = app && app.shell.currentWidget;
  return !!(w && w.context && w.context.path.endsWith(name) && w.content && w.content.widgets.length
            && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel
            && w.sessionContext.session.kernel.connectionStatus === 'connected');
}"""

ANSWER_AND_RUN = """async ([blank, edited]) => {
  const app = window.jupyterapp, w = app.shell.currentWidget;
  await w.sessionContext.ready;
  const cell = w.content.widgets.find(c => c.model.sharedModel.getSource().includes(blank));
  if (!cell) { return 'no answer cell holding ' + blank; }
  cell.model.sharedModel.setSource(cell.model.sharedModel.getSource().replace(blank, edited));
  await app.commands.execute('notebook:run-all-cells');
  return 'ok';
}"""


CHECK_SAYS = """([exercise, text]) => {
  const w = window.jupyterapp.shell.currentWidget;
  const cell = w.content.widgets.find(c => c.model.sharedModel.getSource().includes(`check("${exercise}"`));
  return !!cell && JSON.stringify(cell.model.outputs.toJSON()).includes(text);
}"""


def _follow_launch_link(page, hub_url: str, link: str) -> None:
    page.goto(link, wait_until="domcontentloaded", timeout=120_000)
    _wait_js(page, NOTEBOOK_OPEN, "JupyterLab to open the exercise with a running kernel", arg=f"{CHAPTER.stem}.ipynb")


def _lap(what: str, marks: list) -> None:
    import time

    marks.append((what, time.monotonic()))


def test_student_on_a_real_hub(hub, chromium_browser):
    marks: list = []
    _lap("start", marks)
    instance, (first, second), homes, upstream, repo_url = hub
    link = launch_url(instance.url, repo_url, "main", f"{CHAPTER.stem}.ipynb")
    folder = repo_folder(repo_url)
    on_disk = homes[first] / folder / f"{CHAPTER.stem}.ipynb"

    # 1. Log in (the hub's own login form) and follow the launch link.
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{instance.url}/hub/login?next={quote(urlsplit(link).path + '?' + urlsplit(link).query)}",
                  wait_until="domcontentloaded")
        page.fill("#username_input", first)
        page.fill("#password_input", instance.password)
        page.click("#login_submit")
        _wait_js(page, NOTEBOOK_OPEN, "JupyterLab to open the exercise after login", arg=f"{CHAPTER.stem}.ipynb")
        _lap("logged in, lab open", marks)
        instance.record_user_pids(first)
        assert on_disk.is_file(), f"nbgitpuller did not clone the exercises into {on_disk.parent}"
        assert on_disk.stat().st_uid == pwd.getpwnam(first).pw_uid, "the student's copy is not the student's"

        # 2. Answer one part, run every cell, read the feedback in the page, save.
        assert page.evaluate(ANSWER_AND_RUN, [BLANK, EDITED]) == "ok"
        # Read from the check cell's outputs in the page's notebook model: JupyterLab leaves cells scrolled out of
        # view out of the page's text, and where the check sits on screen depends on the chapter's exercises.
        part = ANSWERED["part"]
        _wait_js(page, CHECK_SAYS, f"the check of exercise {part} to say 'right'", arg=[part, f"Exercise {part}: right."])
        _lap("answered and checked", marks)
        page.evaluate("async () => { await window.jupyterapp.commands.execute('docmanager:save'); }")
        instance.record_user_pids(first)
        for _ in range(50):
            if EDITED in on_disk.read_text(encoding="utf8"):
                break
            page.wait_for_timeout(200)
        saved = on_disk.read_text(encoding="utf8")
        assert EDITED in saved, "the edited answer was not saved"
        # The untouched answer's feedback, read from the saved outputs: JupyterLab drops cells scrolled out of
        # view from the page, so the page's text need not hold it.
        assert f"Exercise {UNTOUCHED}: not answered yet" in saved, f"no feedback for the untouched part {UNTOUCHED}"

        _lap("saved", marks)
        # 3. The teacher changes another cell upstream; following the link again merges it, keeping the answer.
        nb_path = upstream / f"{CHAPTER.stem}.ipynb"
        nb = json.loads(nb_path.read_text(encoding="utf8"))
        intro = nb["cells"][0]
        intro["source"] = "".join(intro["source"]) + "\n\n" + TEACHER_NOTE
        nb_path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf8")
        subprocess.run(["git", "-C", str(upstream), "-c", "user.name=teacher", "-c", "user.email=t@localhost",
                        "commit", "--quiet", "-am", "A note for today"], check=True)
        _follow_launch_link(page, instance.url, link)
        _lap("pulled again", marks)
        merged = on_disk.read_text(encoding="utf8")
        assert TEACHER_NOTE in merged, "the upstream change did not reach the student's copy"
        assert EDITED in merged, "pulling the upstream change overwrote the student's answer"
    finally:
        context.close()

    # 4. A second student: own fresh copy, no access to the first student's server or files.
    from hub_helpers import KernelClient, pull

    instance.spawn(second)  # started by the fixture; waits until ready
    _lap("second spawned", marks)
    token = instance.user_token(second)
    pull(instance, second, token, repo_url)
    status, model = instance.api("GET", f"/user/{second}/api/contents/{folder}/{CHAPTER.stem}.ipynb", token=token)
    assert status == 200, (status, model)
    own = json.dumps(model["content"])
    assert BLANK in own and "edited by the student" not in own
    status, body = instance.api("GET", f"/user/{first}/api/contents/{folder}", token=token)
    assert status in (403, 404) and CHAPTER.stem not in str(body), \
        f"the second student reached the first student's server: {status} {str(body)[:300]}"

    async def peek() -> dict:
        kernel = KernelClient(instance, second, token)
        await kernel.start()
        instance.record_user_pids(second)
        try:
            return await kernel.execute(f"open({str(on_disk)!r}).read()")
        finally:
            await kernel.close()

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:  # playwright's sync API keeps an event loop in this thread
        result = pool.submit(asyncio.run, peek()).result()
    _lap("peeked", marks)
    print("hub test laps:", ", ".join(f"{w} {t - marks[0][1]:.1f} s" for w, t in marks[1:]))
    assert result["error"] and result["error"].startswith("PermissionError"), \
        f"the second student's kernel could read the first student's notebook: {result}"
