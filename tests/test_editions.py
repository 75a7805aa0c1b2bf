"""What each edition holds, read from the built sites (no browser).

* **student** (a graded class): no solution text and no rubric anywhere a reader can reach — its pages, the page
  sources it offers, every downloadable notebook (cells, outputs, metadata) and the package wheel. Every
  solution region and rubric cell of every solution notebook is looked for (``leaks``).
* **self-study**: every chapter's Practice section offers the exercise notebook (the self-study one, with
  self-marking), the solution notebook and a link to the chapter's worked-solutions page; no instructor guide
  and no teaching notes. Its other pages are the student pages plus those links, which is why the browser
  suite opens only its own pages.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from browser_helpers import INSTRUCTOR_ITEMS, SELF_STUDY_ITEMS, article, built_site, site_pages
from leaks import RUN, site_corpus, solution_texts, words
from territorial_trap_workbook.book.build import PROJECT_ROOT
from territorial_trap_workbook.book.self_study import SOLUTION_SUFFIX, WORKED_DIR, add_practice_links
from territorial_trap_workbook.chapters import CHAPTERS
from territorial_trap_workbook.exercises.answer_key import KEY_FILE, read_key_file
from territorial_trap_workbook.exercises.self_mark import RECORD_MIME  # noqa: F401 (the edition's MIME type)

ASSETS = re.compile(r'<script[^>]*\bsrc="([^"]*)"|<link[^>]*rel="(?:stylesheet|preload)"[^>]*href="([^"]*)"')
DOWNLOAD = r'href="(_downloads/[0-9a-f]+/{name})"'


@pytest.fixture(scope="module")
def student(tmp_path_factory):
    return built_site(tmp_path_factory, "student")


@pytest.fixture(scope="module")
def self_study(tmp_path_factory):
    return built_site(tmp_path_factory, "self-study")


def teaching_notes() -> list[str]:
    """Every lesson-plan step, discussion prompt and misconception of the solution notebooks."""
    notes = []
    for path in sorted((PROJECT_ROOT / "solutions").glob("*.ipynb")):
        teaching = nbformat.read(str(path), as_version=4).metadata["workbook"]["teaching"]
        notes += [step for _, step in teaching["lesson_plan"]]
        notes += teaching["discussion_prompts"] + teaching["misconceptions"]
    return notes


def test_the_student_edition_holds_no_solution_text_and_no_rubric(student):
    texts = solution_texts(PROJECT_ROOT / "solutions")
    assert sum("rubric" in label for label, _ in texts) >= 26 and len(texts) >= 100, len(texts)
    corpus, read = site_corpus(student)
    downloads = [name for name in read if name.startswith("_downloads/")]
    assert sum(name.endswith(".ipynb") for name in downloads) == len(CHAPTERS), downloads
    assert any(name.endswith(".whl") for name in downloads), downloads
    leaks = [(label, f"{corpus.share(text):.0%} of it, e.g. {corpus.found(text)!r}")
             for label, text in texts if corpus.leaked(text)]
    assert not leaks, f"solution text in the student edition: {json.dumps(leaks, indent=1)[:3000]}"
    assert not any("solution" in name.lower() or name.startswith(WORKED_DIR) for name in read), read


def test_the_leak_search_finds_what_it_looks_for(tmp_path):
    """The machinery: a rubric and a model answer copied into a page, and a solution region into a
    downloaded notebook's output, are each found (a search that finds nothing proves nothing)."""
    texts = solution_texts(PROJECT_ROOT / "solutions")
    rubric = next(text for label, text in texts if "rubric" in label)
    model = next(text for label, text in texts if "markdown solution" in label)
    code = max((text for label, text in texts if "code solution" in label), key=len)
    site = tmp_path / "site"
    (site / "_downloads" / "ab12").mkdir(parents=True)
    (site / "page.html").write_text(f"<p>{rubric.replace('$', '')}</p><div><em>{model}</em></div>", encoding="utf8")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1", outputs=[
        nbformat.v4.new_output("stream", text=code)])])
    (site / "_downloads" / "ab12" / "01-x.ipynb").write_text(nbformat.writes(nb), encoding="utf8")
    corpus, _ = site_corpus(site)
    assert corpus.share(rubric) == corpus.share(model) == corpus.share(code) == 1
    assert not corpus.found("an unrelated sentence of the book that is long enough to make twelve words at least")
    half = words(model)[: len(words(model)) // 2]
    corpus.add("Only a sentence: " + " ".join(half[:RUN + 2]))
    assert 0 < corpus.share(" ".join(half * 2)) < 1


def test_self_study_pages_are_the_student_pages_plus_the_solution_links(student, self_study):
    """Every page both editions have is, in its content and its scripts and styles, the student page — the
    chapters with the two self-study links after the exercise download, nothing else — so the browser suite
    checks it once, in the student edition (``student_twin``). The start page is the exception (it names the
    edition) and is checked in the browser."""
    shared = sorted(set(site_pages(student)) & set(site_pages(self_study)) - {"intro.html"})
    assert len(shared) >= len(CHAPTERS) + 2, shared
    for name in shared:
        mine = (self_study / name).read_text(encoding="utf8")
        chapter = any(name == f"{c.stem}.html" for c in CHAPTERS)
        assert len(SELF_STUDY_ITEMS.findall(mine)) == (2 if chapter else 0), name
        if article(student / name) is not None:
            assert article(self_study / name, "self-study") == article(student / name), (
                f"{name}: the self-study page's content is not the student page's")
        else:  # Sphinx's search page has no article: all theme
            assert name == "search.html"
        assets = [ASSETS.findall((site / name).read_text(encoding="utf8")) for site in (self_study, student)]
        assert assets[0] == assets[1], name


def test_instructor_chapters_are_the_student_chapters_plus_the_solutions_link(tmp_path_factory, student):
    """Each instructor chapter page is the student page plus exactly one list: the link to that chapter's
    solution page, so the browser suite checks the article once, in the student edition (``student_twin``)."""
    instructor = built_site(tmp_path_factory, "instructor")
    for chapter in CHAPTERS:
        name = f"{chapter.stem}.html"
        mine = (instructor / name).read_text(encoding="utf8")
        assert INSTRUCTOR_ITEMS.findall(mine) and f'href="solutions/{chapter.stem}.html"' in mine, name
        assert len(INSTRUCTOR_ITEMS.findall(mine)) == 1, name
        assert article(instructor / name, "instructor") == article(student / name), (
            f"{name}: the instructor page's content is not the student page's plus the solutions link")
        assets = [ASSETS.findall((site / name).read_text(encoding="utf8")) for site in (instructor, student)]
        assert assets[0] == assets[1], name


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.stem)
def test_self_study_offers_the_solutions_of_every_chapter(self_study, chapter):
    page = (self_study / f"{chapter.stem}.html").read_text(encoding="utf8")
    practice = page[page.index('id="practice"'):]
    exercise = re.search(DOWNLOAD.format(name=re.escape(f"{chapter.stem}.ipynb")), practice)
    solution = re.search(DOWNLOAD.format(name=re.escape(f"{chapter.stem}{SOLUTION_SUFFIX}.ipynb")), practice)
    worked = f'href="{WORKED_DIR}/{chapter.stem}.html"'
    assert exercise and solution and worked in practice, chapter.stem
    assert practice.index(exercise.group(0)) < practice.index(solution.group(0)) < practice.index(worked)
    # The downloads: the self-study exercise notebook (self-marking, no model answer) and the solution notebook
    # (outputs kept, no teaching notes, no nbgrader markers).
    notebook = nbformat.read(str(self_study / exercise.group(1)), as_version=4)
    assert notebook.metadata["workbook"]["edition"] == "self-study"
    assert any(c.source.startswith("self_mark(") for c in notebook.cells)
    solved = nbformat.read(str(self_study / solution.group(1)), as_version=4)
    assert "teaching" not in solved.metadata["workbook"]
    assert any("rubric" in c.metadata.get("tags", []) for c in solved.cells)
    assert not any("### BEGIN" in c.source or "### END" in c.source for c in solved.cells)
    assert any(c.get("outputs") for c in solved.cells if c.cell_type == "code")
    # The worked-solutions page: one closed dropdown per exercise, each holding model answers where they are.
    worked_page = (self_study / WORKED_DIR / f"{chapter.stem}.html").read_text(encoding="utf8")
    exercises = len(re.findall(r"<h2>Exercise \d+\.\d+", worked_page))
    assert exercises >= 4 and worked_page.count('<details class="sd-sphinx-override sd-dropdown') == exercises
    assert "<details open" not in worked_page and 'sd-dropdown sd-card sd-mb-3" open' not in worked_page
    assert worked_page.count("Model answer.") == sum(
        1 for c in solved.cells if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("grade"))
    # Every computed part's result, from the answer key, inside the dropdowns.
    parts = [spec["part"] for spec in read_key_file(KEY_FILE)["notebooks"][f"{chapter.stem}.ipynb"]["parts"]]
    inside = "".join(re.findall(r"<details.*?</details>", worked_page, re.S))
    assert parts and all(f"(part {part}" in inside for part in parts), parts


def test_self_study_holds_no_instructor_material(student, self_study):
    """No instructor guide page, and none of the solutions' lesson plans, discussion prompts and misconceptions
    beyond what the chapters themselves say (a chapter's discussion questions may echo a prompt)."""
    pages = site_pages(self_study)
    assert not any("instructor" in p or p.startswith("solutions/") for p in pages), pages
    corpus, _ = site_corpus(self_study)
    in_chapters, _ = site_corpus(student)
    notes = teaching_notes()
    assert len(notes) >= 13 * 3
    found = [note for note in notes if corpus.found(note) and not in_chapters.found(note)]
    assert not found, f"teaching notes in the self-study edition: {found[:5]}"


def test_a_chapter_without_its_exercise_download_stops_the_self_study_build():
    chapter = CHAPTERS[0]
    assert add_practice_links("## Practice\n\nNo download here.\n", chapter) is None
    paragraph = add_practice_links(f"Work through {{download}}`x <../exercises/{chapter.stem}.ipynb>`.\nMore.\n\n"
                                   "Next paragraph.", chapter)
    assert paragraph.split("\n")[:4] == [
        f"Work through {{download}}`x <../exercises/{chapter.stem}.ipynb>`.", "More.", "",
        paragraph.split("\n")[3]] and paragraph.split("\n")[3].startswith("* Solution notebook:")
    item = add_practice_links(f"* Exercise: {{download}}`x <../exercises/{chapter.stem}.ipynb>` — open\n"
                              "  it in Jupyter.\n\n```{only} instructor\n* x\n```", chapter)
    lines = item.split("\n")
    assert lines[1] == "  it in Jupyter." and lines[2].startswith("* Solution notebook:")
    assert lines[3].startswith("* Worked solutions:") and lines[4] == ""
