"""The bibliography's pybtex style: entries labelled the way the text cites them, titles as written.

The chapters cite author–year (``bibtex_reference_style: author_year``: "[Fearon, 1995]"), but pybtex's
``plain`` style numbers the list ("[12]"), so a reader could not find "Fearon, 1995" in it; and it sentence-cases
titles, lower-casing every proper noun and subtitle the ``.bib`` file did not brace ("the kremlin",
"agreement without peace? international mediation").

``workbook`` is ``plain`` (same fields and order, sorted by author, year, title) with two changes:

* the label of an entry is the in-text form: one author "Fearon, 1995", two "Olson and Zeckhauser, 1966",
  three or more "Binmore et al., 1989", no year "Miller, n.d."; two entries that would share a label get
  "a", "b", … after the year;
* titles keep the capitalisation of the ``.bib`` file (headline style, as the journals print them);
* an article with a volume but no page range still shows its volume (``plain`` drops the volume then).

``sphinx_ext`` registers the style with pybtex; ``book/_config.yml`` selects it (``bibtex_default_style``).
"""
from __future__ import annotations

from collections import Counter

from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.formatting import toplevel
from pybtex.style.template import field, join, optional, optional_field, sentence, tag

NAME = "workbook"
NO_YEAR = "n.d."


def _surname(person) -> str:
    parts = [*person.rich_prelast_names, *person.rich_last_names]
    return " ".join(part.render_as("text") for part in parts)


def author_year(entry) -> str:
    """The in-text form of an entry's citation (without brackets)."""
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [_surname(p) for p in people]
    if not names:
        who = entry.fields.get("organization") or entry.key
    elif len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} and {names[1]}"
    else:
        who = f"{names[0]} et al."
    return f"{who}, {entry.fields.get('year') or NO_YEAR}"


class AuthorYearLabels(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        entries = list(sorted_entries)
        labels = [author_year(e) for e in entries]
        counts = Counter(labels)
        seen: Counter = Counter()
        for label in labels:
            if counts[label] > 1:
                label_suffix = "abcdefghijklmnopqrstuvwxyz"[seen[label]]
                seen[label] += 1
                yield label + label_suffix
            else:
                yield label


class WorkbookStyle(PlainStyle):
    default_label_style = AuthorYearLabels

    def format_title(self, e, which_field, as_sentence=True):
        title = field(which_field)  # no sentence-casing: proper nouns and subtitles keep their capitals
        return sentence[title] if as_sentence else title

    def get_article_template(self, e):
        if "pages" in e.fields or "volume" not in e.fields:
            return super().get_article_template(e)
        volume = join[field("volume"), optional["(", field("number"), ")"]]
        return toplevel[
            self.format_names("author"),
            self.format_title(e, "title"),
            sentence[tag("em")[field("journal")], volume, field("year")],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]


def register() -> None:
    """Make ``bibtex_default_style: workbook`` available to sphinxcontrib-bibtex (idempotent), and let pybtex
    look its plugins up once (``remember_plugin_lookups``)."""
    register_plugin("pybtex.style.formatting", NAME, WorkbookStyle, force=True)
    remember_plugin_lookups()


def remember_plugin_lookups() -> None:
    """pybtex finds a plugin (a style, a name or label format, a backend) by asking ``importlib.metadata`` for
    the entry points of its group, which reads the metadata of every installed distribution, on every lookup:
    about 320 lookups per build of the book (each citation formatted), 1.3 CPU s of a 9 s build. The installed
    entry points do not change while a build runs, so each (group, name) is asked once per process. Plugins
    registered at run time (``register_plugin``, as above) are still found first: pybtex checks them before it
    asks for entry points. Idempotent."""
    import pybtex.plugin

    lookup = pybtex.plugin.entry_points
    if getattr(lookup, "workbook_remembered", False):
        return
    found: dict = {}

    def entry_points(**selection):
        key = tuple(sorted(selection.items()))
        if key not in found:
            found[key] = tuple(lookup(**selection))
        return found[key]

    entry_points.workbook_remembered = True
    pybtex.plugin.entry_points = entry_points
