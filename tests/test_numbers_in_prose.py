"""Numbers in prose are glued, not typed (round-2 decisions, "Chapters"; the detector is documented in
``tests/numbers_in_prose.py``). Chapters not yet revised are listed in ``tests/revision_pending.py``."""
from pathlib import Path

import pytest

from numbers_in_prose import chapter_findings, find_typed_numbers
from revision_pending import chapter_params

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("chapter", chapter_params("numbers"))
def test_numbers_in_prose_are_glued(chapter):
    page = ROOT / "book" / f"{chapter.stem}.ipynb"
    findings = chapter_findings(page)
    assert not findings, f"{len(findings)} number(s) typed in {page.name}:\n" + "\n".join(
        f.describe(chapter.number) for f in findings)


def numbers(markdown):
    return [f.number for f in find_typed_numbers(markdown)]


@pytest.mark.parametrize("sentence, expected", [
    # model and data quantities: flagged
    ("Russia's walk-out value is 0.45 and the deal stays at 0.56.", ["0.45", "0.56"]),
    ("With both discount factors at $\\delta = 0.9$, the share is higher.", ["0.9"]),
    ("Imagine 100 states, each with a grievance.", ["100"]),
    ("Total support is $X = 0.2 \\cdot 100/(0.2 + 0.8)$.", ["0.2", "100", "0.2", "0.8"]),
    ("Estonia gives above 2 % of GDP and Donetsk produced 11.7 per cent.", ["2 %", "11.7 per cent"]),
    ("Aid reached \\$40 billion, or €5 bn, and 300 km of front.", ["\\$40", "€5", "300"]),
    ("The vote was 143 to 5 with 35 abstentions.", ["143", "35"]),
    ("Donors gave 3 billion in the first year.", ["3"]),
    ("A state with threshold 30 waits until 30 others have acted.", ["30", "30"]),
    ("a 20-year pause", ["20"]),
    ("The ratio is 40% here.", ["40%"]),
    ("The pair (0.2,0.4) and 12,500 troops.", ["0.2", "0.4", "12,500"]),
    # allowed: years, dates, identifiers, references, small counts, formula constants, glued values
    ("On 27 March 2014 the Assembly adopted resolution 68/262 and on 12 October 2022 resolution ES-11/4.", []),
    ("Article 157 of the constitution, paragraph 14 and Articles 2 and 73 apply.", []),
    ("Figures 2.1 and 2.2 and Exercise 4.3 follow objective 2 of chapter 13.", []),
    ("Three sides, 2 actors and period 1; the 2022–24 average; the 1990s; the 20th century.", []),
    ("The share is $1 - p$, halved as $p/2$ or $\\tfrac{1}{2}$, between $0$ and $1$, with $x_{12}$.", []),
    ("The deal is {glue:text}`ch1_x:.2f` (about {glue:text}`ch1_pct:.0%`) {cite}`rubinstein1982`.", []),
    ("F-16 jets and the MH17 report and G7 leaders.", []),
    ("On February 24, 2022 and 24 February 2022.", []),
    ("# 13. A stalemate of wills", []),
    ("See [the 2024 report](https://example.org/report-2024/page/55).", []),
])
def test_the_detector_flags_quantities_and_allows_ids(sentence, expected):
    assert numbers(sentence) == expected


def test_dropdown_and_admonition_bodies_are_prose_and_code_is_not():
    md = ("```{dropdown} Answer\nThe deal moves to 0.56.\n```\n\n"
          "```{admonition} Learning objectives\n:class: tip\n1. compute a share of 0.6\n```\n\n"
          "```python\nx = 0.75\n```\n")
    assert numbers(md) == ["0.56", "0.6"]


def test_the_message_says_where_and_what_to_do():
    finding = find_typed_numbers("The deal stays at 0.56 in chapter 1.")[0]
    message = finding.describe(1)
    assert "chapter 1" in message and "'0.56'" in message and "The deal stays at 0.56" in message
    assert "glue" in message and "{glue:text}`ch1_" in message
