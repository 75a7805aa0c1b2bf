"""Comparative-statics register of chapter 11 (see tests/statics/__init__.py).

Model: ``rival_track`` (a rival track as Russia's outside option in chapter 1's exact game). g* = (y − m + k)/(v_G − m)
with y Russia's share when Ukraine proposes and m = p − c_R; it is clipped at 0 (so "non-increasing" /
"non-decreasing": at corners with no surplus g* is 0 throughout). The p sentence is checked where Russia's war
value is not negative (p ≥ 0.4 ≥ c_R), which the chapter states; c_R can move g* either way (the
chapter says so; tests/test_model_rival_track.py shows both directions)."""
from statics import Claim
from territorial_trap_workbook.models import rival_track

S = rival_track.PARAMS


def g_star(**v):
    return rival_track.binding_threshold(**v)


def deal(**v):
    return rival_track.solve(**v).deal


def _exempt(fragment, why):
    return Claim(11, fragment, kind="not-a-statics-claim", why=why)


def _k_up(fragment):
    return Claim(11, fragment, function=g_star, space=S, moved="k", direction="non-decreasing")


CLAIMS: list = [
    Claim(11, "The threshold falls when the rival track is worth more", function=g_star, space=S, moved="v_G",
          direction="non-increasing"),
    _k_up("when leaving costs less ($k$ down)"),
    Claim(11, "Holding $v_G$ fixed, it also falls when Russia's expected share from fighting $p$ is lower",
          function=g_star, space=S, moved="p", direction="non-decreasing", region={"p": (0.4, 1.0), "c_R": (0.0, 0.4)}),
    Claim(11, "the threshold falls to $g^* =$", function=g_star, space=S, moved="p", direction="non-decreasing",
          region={"p": (0.4, 1.0), "c_R": (0.0, 0.4)}),
    _k_up("the threshold rises to $g^* =$"),
    _k_up("and so move $g^*$ to the right"),
    _k_up("Why does a higher cost of leaving the U.S.-led talks make a rival track less dangerous to them?"),
    _k_up("so the walk-out value falls and it needs a higher chance of success"),
    _k_up("Raise Russia's cost of leaving the U.S. track"),
    Claim(11, "Lower the rival track's value until the orange line never crosses", function=g_star, space=S,
          moved="v_G", direction="non-increasing"),
    Claim(11, "the deal rises to $(1 - \\delta_U)\\,\\bar u + \\delta_U\\, w$", function=deal, space=S, moved="g",
          direction="non-decreasing"),
    Claim(11, "Raise the chance to $g =$", function=deal, space=S, moved="g", direction="non-decreasing"),
    _exempt("A higher cost of war $c_R$ is not the same thing",
            "says the direction is ambiguous; tests/test_model_rival_track.py checks that g* moves both ways in c_R"),
    _exempt("The walk-out value rises in a straight line with $g$ when the rival track is better than war",
            "holds on the joint region v_G > p − c_R, which a box cannot express; checked by "
            "test_a_likelier_rival_track_never_lowers_the_walkout_value_when_it_beats_war"),
    _exempt("the article widens the cast", "describes the article's structure, not a model quantity"),
    _exempt("among them no widening of the fighting", "reports what a document says"),
    _exempt("which chapter 1 values at the lower end of its range",
            "defines Russia's war value m = max(0, p − c_R) (review r2: the model now values war as chapter 1 "
            "does in the p < c_R corner, tests/test_model_rival_track.py), not a movement"),
    _exempt("Which tools would raise it, and at what price to the West?", "a discussion question"),
    Claim(11, "The thick black line is the deal: flat until the orange line passes the *dotted* green line",
          function=deal, space=S, moved="g", direction="non-decreasing"),
    Claim(11, "Holding $v_G$ fixed, the model also says that a rival track is most useful to a Russia",
          function=g_star, space=S, moved="p", direction="non-decreasing", region={"p": (0.4, 1.0), "c_R": (0.0, 0.4)}),
    _exempt("A third-party forum's endorsement may well track the facts on the ground",
            "states a hypothesis about the world (v_G moving with p) and leaves the result to exercise 11.2; "
            "tests/test_model_rival_track.py checks that g* is constant along v_G = p + 0.28"),
    _exempt("A fuller model would let $g$ depend on U.S. conduct",
            "sketches an extension the model does not contain; no movement of this model's quantities is claimed"),
]
