"""Per chapter: length, required parts, no copied runs of the article, numbers glued from the package."""
import re
from pathlib import Path

import nbformat
import pytest

from territorial_trap_workbook.chapters import CHAPTERS

from prose import RUN, article_hashes, markdown_text, prose_word_count, run_hashes

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "book" / f"{c.stem}.ipynb" for c in CHAPTERS if (ROOT / "book" / f"{c.stem}.ipynb").exists()]
ALL_PROSE = sorted([*ROOT.glob("book/*.ipynb"), *ROOT.glob("book/*.md"), *ROOT.glob("solutions/*.ipynb"),
                    *ROOT.glob("exercises/*.ipynb"), ROOT / "README.md"])
REQUIRED_HEADINGS = [
    "## The argument", "## The model", "## Parameters", "## Worked examples", "## Explore the model",
    "## What the model shows and what it leaves out", "## Evidence", "## Counter-arguments",
    "## Discussion questions", "## Check your understanding", "## Practice",
]
ids = lambda p: p.stem  # noqa: E731


def test_chapter_one_exists():
    assert PAGES and PAGES[0].name == "01-ultimatum.ipynb"


@pytest.mark.parametrize("page", PAGES, ids=ids)
def test_reading_length_is_20_to_30_minutes(page):
    assert 2000 <= prose_word_count(page) <= 4000, prose_word_count(page)  # round-2 decisions: up to 4,000


@pytest.mark.parametrize("page", PAGES, ids=ids)
def test_every_required_part_is_present(page):
    text = markdown_text(page)
    missing = [h for h in REQUIRED_HEADINGS if not re.search(rf"^{re.escape(h)}\s*$", text, re.M)]
    assert not missing, f"{page.name} lacks {missing}"
    assert "Learning objectives" in text
    objectives = re.search(r"Learning objectives.*?```", text, re.S).group(0)
    assert 3 <= len(re.findall(r"^\d+\.", objectives, re.M)) <= 4
    assert "{dropdown}" in text and "{cite}" in text and "{glue:text}" in text


@pytest.mark.parametrize("page", PAGES, ids=ids)
def test_explorer_and_numbers_come_from_the_package(page):
    nb = nbformat.read(page, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "show(" in code and "territorial_trap_workbook" in code
    assert not re.search(r"^\s*def \w+\(", code, re.M), "chapters define no model of their own"
    glued = set(re.findall(r"glue\(\s*['\"](\w+)['\"]", code))
    used = set(re.findall(r"\{glue:text\}`(\w+)", markdown_text(page)))
    assert used <= glued, f"prose uses glue names never computed: {used - glued}"
    prefix = f"ch{page.name[:2]}_".replace("ch0", "ch")
    assert all(name.startswith(prefix) for name in glued), f"glue names must start with {prefix}"


@pytest.mark.parametrize("path", ALL_PROSE, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_run_of_eight_words_copied_from_the_article(path):
    article = article_hashes()  # read once: called per run it re-read the hash file ~4,000 times per page
    shared = {h: run for h, run in run_hashes(markdown_text(path)).items() if h in article}
    assert not shared, f"{path.name} repeats the article word for word: {sorted(shared.values())[:3]}"


def test_the_copy_detector_can_fire():
    sample = "one two three four five six seven eight nine"
    hashes = set(run_hashes(sample))
    assert len(hashes) == 2 and any(h in hashes for h in run_hashes("x one two three four five six seven eight"))
    assert RUN == 8


def test_every_chapter_has_its_page_solution_and_exercise():
    missing = [f"{folder}/{c.stem}.ipynb" for c in CHAPTERS for folder in ("book", "solutions", "exercises")
               if not (ROOT / folder / f"{c.stem}.ipynb").exists()]
    assert not missing, missing


def test_start_page_maps_every_chapter_to_its_page_and_exercise():
    intro = (ROOT / "book" / "intro.md").read_text()
    for c in CHAPTERS:
        assert f"]({c.stem}.ipynb)" in intro and f"<../exercises/{c.stem}.ipynb>" in intro, c.stem
