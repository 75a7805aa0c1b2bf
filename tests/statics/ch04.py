"""Comparative-statics register of chapter 4 (see tests/statics/__init__.py)."""
from statics import Claim
from territorial_trap_workbook.models import alliance

CLAIMS: list = [
    # Issue 11: known false over the declared ranges (left for the chapter's helper to fix, with the sentence).
    Claim(4, "Raise the large Europeans' resources and watch the price of the split fall",
          function=lambda **v: alliance.wedge(**v).critical_side, space=alliance.PARAMS,
          moved="y_europe", direction="falls"),
]
