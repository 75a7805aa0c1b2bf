"""Comparative-statics register of chapter 12 (see tests/statics/__init__.py)."""
from statics import Claim
from territorial_trap_workbook.models import escalation, transitions

CLAIMS: list = [
    # Issue 11: known false at the corners (no gamble when c_R ≥ c̄; the cap at x* = 1) — the chapter's helper
    # fixes the sentence or states the region.
    Claim(12, "The chance of war rises with Russia's uncertainty",
          function=lambda **v: escalation.war_probability(**v), space=escalation.PARAMS,
          moved="c_bar", direction="rises"),
    # Issue 11: known false — a ceasefire that breaks down faster than talks brings the offensive sooner.
    Claim(12, "postpones the next offensive in the chain",
          function=lambda **v: transitions.expected_months(**v)["talks"], space=transitions.PARAMS,
          moved="talks_ceasefire", direction="rises"),
]
