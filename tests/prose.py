"""Reading the book's prose: words, word counts and eight-word runs (for the no-copying test).

Run ``python tests/prose.py ARTICLE.txt`` to regenerate ``fixtures/article_8gram_hashes.txt`` from the
article's text; only the hashes are committed, never the text.
"""
from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import nbformat

RUN = 8
HASHES = Path(__file__).parent / "fixtures" / "article_8gram_hashes.txt"


def words(text: str) -> list[str]:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return re.findall(r"[a-z0-9]+(?:'[a-z0-9]+)*", text)


def run_hashes(text: str, n: int = RUN) -> dict[str, str]:
    """Hash of every run of ``n`` consecutive words → the run itself (for the failure message)."""
    w = words(text)
    return {hashlib.sha256(" ".join(w[i:i + n]).encode()).hexdigest()[:16]: " ".join(w[i:i + n])
            for i in range(len(w) - n + 1)}


def article_hashes() -> set[str]:
    return {line for line in HASHES.read_text().splitlines() if line and not line.startswith("#")}


def markdown_text(path: Path) -> str:
    if path.suffix == ".ipynb":
        nb = nbformat.read(path, as_version=4)
        return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return path.read_text()


def prose_word_count(path: Path) -> int:
    """Words of prose: markdown cells without code blocks, directive options or maths blocks."""
    text = markdown_text(path)
    text = re.sub(r"```.*?```", lambda m: _inner_prose(m.group(0)), text, flags=re.S)
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    return len(re.findall(r"[A-Za-z][A-Za-z'’-]*", text))


def _inner_prose(block: str) -> str:
    """Admonitions and dropdowns hold prose; code blocks do not."""
    head = block.splitlines()[0]
    if re.match(r"```\{(admonition|note|tip|warning|important|dropdown|seealso)\}", head):
        body = [line for line in block.splitlines()[1:-1] if not line.startswith(":")]
        return "\n".join(body)
    return " "


if __name__ == "__main__":
    lines = Path(sys.argv[1]).read_text().splitlines()
    # The title is cited by name throughout the book (a citation, not copying), so its lines are left out.
    source = "\n".join(line for line in lines if line.strip() != lines[0].strip())
    hashes = sorted(run_hashes(source))
    HASHES.write_text("# sha256 (first 16 hex) of every run of 8 consecutive normalised words of the article.\n"
                      "# The article's text itself is not in the repository.\n" + "\n".join(hashes) + "\n")
    print(f"{len(hashes)} hashes written to {HASHES}")
