"""Comparative-statics register of chapter 4 (see tests/statics/__init__.py).

Model: ``alliance`` (Olson–Zeckhauser with the Bergstrom–Blume–Varian closed form, and the book's wedge).
Issue 11 found "the price of the split falls with Europe's resources" false on the declared ranges (it rose
from 5.28 to 16.93 as the resources went from 60 to 100); the sentence now says it rises, and where: with the
other opening values, above the resources at which the large Europeans give while the U.S. is in (about 60.4,
computed in the chapter by bisection) — the region checked below."""
from statics import Claim
from territorial_trap_workbook.models import alliance

S = alliance.PARAMS
D = S.defaults()
# the other opening values, and the large Europeans' resources above the level at which they give (60.39…)
ABOVE_THRESHOLD = {**{k: (v, v) for k, v in D.items() if k != "y_europe"}, "y_europe": (60.5, 100.0)}


def price(**v):
    return alliance.wedge(**v).critical_side


def utility_out(**v):
    return alliance.wedge(**v).utility_out


def front_gift(**v):
    return alliance.wedge(**v).inside.contributions[2]


def lost(**v):
    return alliance.wedge(**v).support_lost


def _exempt(fragment, why):
    return Claim(4, fragment, kind="not-a-statics-claim", why=why)


CLAIMS: list = [
    Claim(4, "How the price moves with Europe's means depends on whether Europe is already giving",
          function=price, space=S, moved="y_europe", direction="rises", region=ABOVE_THRESHOLD),
    Claim(4, "the price rises with their resources", function=price, space=S, moved="y_europe",
          direction="rises", region=ABOVE_THRESHOLD),
    Claim(4, "Raise the large Europeans' resources from their opening value and watch the price of the split rise",
          function=price, space=S, moved="y_europe", direction="rises", region=ABOVE_THRESHOLD),
    Claim(4, "the rising curve its utility if it takes the side-payoff", function=utility_out, space=S,
          moved="side", direction="rises"),
    Claim(4, "Lower the frontline states' weight towards the others'", function=front_gift, space=S,
          moved="a_front", direction="non-decreasing"),
    Claim(4, "Raise the large Europeans' resources.", function=lost, space=S, moved="y_europe",
          direction="non-increasing", region={k: (v, v) for k, v in D.items() if k != "y_europe"}),
    _exempt("total support falls to $X' \\le X$",
            "compares the equilibria with and without the leaver (X' ≤ X), not a movement in a parameter"),
    _exempt("the large Europeans would raise their gift from",
            "compares a member's gift with and without the U.S. in the coalition (worked example 3)"),
    _exempt("partners crowd in, the total still falls", "the same comparison of two equilibria"),
    _exempt("relative to donors' GDP the burden runs the opposite way to size", "a statement about the data"),
    _exempt("European military allocations went up even though the total still fell",
            "a statement about the data (the 2025 change against the 2022–24 average)"),
    _exempt("This chapter gets the same pattern only by giving them a higher weight",
            "compares two explanations of the frontline's large share; Example 2 shows the gift at a lower a_F "
            "(the 'Lower the frontline states' weight' claim covers the movement)"),
    Claim(4, "that preference alone — a lower $a_{US}$ — can make the U.S. step back whatever Moscow does",
          function=lambda **v: alliance.wedge(**v).inside.contributions[0], space=S, moved="a_us",
          direction="non-decreasing"),
    _exempt("How much does the coalition's total support fall if it accepts?",
            "a question; its answer (no fall for a non-contributor) compares two equilibria"),
    # Review r4 (defect 7b): the price is flat while the Europeans would not give even after a U.S. exit
    # (resources below about 18.7, computed in the chapter by bisection), and falls only above that level.
    Claim(4, "*Poor Europe:* the price stays at", function=price, space=S, moved="y_europe", direction="constant",
          region={**{k: (v, v) for k, v in D.items() if k != "y_europe"}, "y_europe": (1.0, 18.6)}),
    Claim(4, "above that level it then falls", function=price, space=S, moved="y_europe",
          direction="non-increasing",
          region={**{k: (v, v) for k, v in D.items() if k != "y_europe"}, "y_europe": (18.7, 60.3)}),
    # Review r7 (defects 5 and 10), r9 (defect 4): the price of the split against the U.S. weight, other opening
    # values fixed. It is flat at the exit cost k*y = 20 while the U.S. gives nothing (below about 0.19), falls to its
    # low near 0.32 (found on a 0.001 grid in the chapter), then climbs steeply; from 0.60 it exceeds the largest
    # offer (50). It stays finite on the declared range (about 1.4e12 at 0.95, an artefact of the log utility's
    # 1/(1-a) exponent), so the chapter no longer says it grows without bound.
    Claim(4, "it is flat at the exit cost", function=price, space=S, moved="a_us", direction="constant",
          region={**{k: (v, v) for k, v in D.items() if k != "a_us"}, "a_us": (0.05, 0.19)}),
    Claim(4, "as the weight rises it falls to a low near", function=price, space=S, moved="a_us",
          direction="falls", region={**{k: (v, v) for k, v in D.items() if k != "a_us"}, "a_us": (0.20, 0.31)}),
    Claim(4, "and then it climbs", function=price, space=S, moved="a_us", direction="rises",
          region={**{k: (v, v) for k, v in D.items() if k != "a_us"}, "a_us": (0.32, 0.95)}),
    # Review r14 (defect 5): the heading now names where it holds, between about 0.19 (ch4_aus_lo) and the low near
    # 0.32 (ch4_aus_min); checked on the same region as "falls to a low near" above.
    Claim(4, "a U.S. that cares more is cheaper to detach.", function=price, space=S, moved="a_us",
          direction="falls", region={**{k: (v, v) for k, v in D.items() if k != "a_us"}, "a_us": (0.20, 0.31)}),
    _exempt("That private part would not respond to a U.S. exit",
            "verbal joint-products argument outside the chapter's model (the sentence says so); no model quantity"),
    # Review r12, defect 6: how often the U.S. would leave unpaid (s0 < 0) on the sliders' weight grid, the other
    # values at their opening values: 72 of 361 pairs (computed in the chapter); a count over a grid, not a movement
    _exempt("it holds on only",
            "a count of weight pairs with s0 < 0 (72 of 361), computed over the grid in the chapter, not a movement"),
]
