"""The book's editions (a module of its own so that ``workbook --help`` lists them without Sphinx installed)."""

EDITIONS = ("student", "instructor", "self-study")
