"""Comparative-statics register of chapter 5 (see tests/statics/__init__.py)."""
from statics import Claim
from territorial_trap_workbook.models import commitment

P = commitment.PARAMS
DEFAULTS = {"p1": (0.7, 0.7), "p2": (0.45, 0.45), "delta": (0.9, 0.9), "c_D": (0.1, 0.1), "c_R": (0.1, 0.1)}


def _solve(**v):
    return commitment.war_condition(v["p1"], v["p2"], v["delta"], v["c_D"], v["c_R"])


def _index(**v):
    return _solve(**v).war_index


def _stat_index(**v):
    return _solve(**v).stationary_index


def _stat_crit(**v):
    return (1 - v["delta"]) * (1 - v["p1"] + v["c_D"]) / v["delta"]


def _d_fights(**v):
    return float(_solve(**v).war_by == "declining")


def _war(**v):
    return float(_solve(**v).war)


def _r_fights(**v):
    return float(_solve(**v).war_by == "other")


def _r_stationary_war(**v):
    return float(_solve(**v).stationary_index_other > 1.0)


def _at_defaults_except(name, lo, hi):
    region = {k: r for k, r in DEFAULTS.items() if k != name}
    region[name] = (lo, hi)
    return region


def _not(fragment, why):
    return Claim(5, fragment, kind="not-a-statics-claim", why=why)


NAMES_A_SIDE = "'declining' / 'rising' name a side of the model, not a movement of a quantity"

CLAIMS: list = [
    # War is more likely the larger the shift, the more the future matters, the lower the cost, the stronger D
    Claim(5, "War is more likely the larger the shift", function=_d_fights, space=P, moved="p2",
          direction="non-increasing"),
    Claim(5, "the more the future matters (higher $\\delta$)", function=_war, space=P, moved="delta",
          direction="non-decreasing"),
    Claim(5, "the lower the cost of war", function=_war, space=P, moved="c_D", direction="non-increasing"),
    Claim(5, "and the stronger the declining side is today", function=_d_fights, space=P, moved="p1",
          direction="non-decreasing"),
    Claim(5, "lower today's strength to", function=_index, space=P, moved="p1", direction="rises"),
    Claim(5, "The war index rises to", function=_index, space=P, moved="p2", direction="non-increasing"),
    Claim(5, "Keep the larger shift but let the future count for less", function=_index, space=P,
          moved="delta", direction="non-decreasing", region={"p1": (0.5, 1.0), "p2": (0.0, 0.5)}),
    Claim(5, "raise the cost of war to", function=_index, space=P, moved="c_D", direction="falls"),
    Claim(5, "The shaded region shrinks towards the bottom-right corner", function=_d_fights, space=P,
          moved="delta", direction="non-decreasing"),
    Claim(5, "costly war protects peace", function=_war, space=P, moved="c_D", direction="non-increasing"),
    # how far the default verdict is from the edge (Example 2)
    Claim(5, "so Ukraine would fight only if", function=_war, space=P, moved="p2", direction="constant",
          region=_at_defaults_except("p2", 0.26, 1.0)),
    Claim(5, "or its strength today rose above", function=_war, space=P, moved="p1", direction="constant",
          region=_at_defaults_except("p1", 0.17, 0.79)),
    Claim(5, "No weight on the future between 0 and 1", function=_war, space=P, moved="delta",
          direction="constant", region=_at_defaults_except("delta", 0.0, 1.0)),
    Claim(5, "no cost of war of zero or more changes it", function=_war, space=P, moved="c_D",
          direction="constant", region=_at_defaults_except("c_D", 0.0, 0.5)),
    # where a reversed shift gives Russia the motive ("Where it cuts against it", review r7 defect 1): in the
    # two-period form no p2 does once p1 is above (delta - c_R)/(1 + delta) ~ 0.42; in the stationary version,
    # at today's p1 = 0.7, every p2 from 0.8 up does
    Claim(5, "In the two-period form that needs Ukraine to be weak today", function=_r_fights, space=P,
          moved="p2", direction="constant",
          region={"p1": (0.45, 1.0), "p2": (0.0, 1.0), "delta": (0.9, 0.9), "c_D": (0.1, 0.1), "c_R": (0.1, 0.1)}),
    Claim(5, "any $p_2$ above about", function=_r_stationary_war, space=P, moved="p2", direction="constant",
          region=_at_defaults_except("p2", 0.8, 1.0)),
    # Moscow's bet on Western fatigue (review r8, defects 1 and 13): a lower p1 lowers D's index in both versions
    Claim(5, "But fatigue that weakens Ukraine today lowers its index in both versions", function=_index, space=P,
          moved="p1", direction="rises"),
    Claim(5, "But fatigue that weakens Ukraine today lowers its index in both versions", function=_stat_index,
          space=P, moved="p1", direction="rises", region={"delta": (0.0, 0.99)}),
    Claim(5, "the same fall turns the stationary verdict from war", function=_stat_index, space=P, moved="p1",
          direction="rises", region=_at_defaults_except("p1", 0.5, 0.7)),
    _not("If fatigue lowers $p_2$ as much as $p_1$, both indices fall only by that amount", "a joint move of p1 and p2, "
         "checked by test_model_commitment.py::test_fatigue_that_lowers_both_chances_alike_lowers_both_indices_"
         "by_that_amount"),
    _not("Only fatigue expected to deepen can raise them", "a joint move of p1 and p2 with its threshold ratios, "
         "checked by test_model_commitment.py::test_fatigue_raises_the_index_only_if_p2_falls_more_than_the_"
         "critical_ratio"),
    _not("Let fatigue lower $p_1$ by $a$ and $p_2$ by $b$", "the derivation of the threshold ratios in the dropdown "
         "(review r9, defect 6): a joint move of p1 and p2, checked by test_model_commitment.py::test_fatigue_raises_"
         "the_index_only_if_p2_falls_more_than_the_critical_ratio"),
    _not("The regions' military value raises what Ukraine must be offered", "restates the registered claim that a "
         "larger shift (lower p2) raises the index ('War is more likely the larger the shift')"),
    # the stationary critical shift (1 - delta) s* falls as delta rises (review r8, defect 14)
    Claim(5, "the less the future counts, the larger it gets", function=_stat_crit, space=P, moved="delta",
          direction="non-increasing", region={"delta": (0.05, 1.0)}),
    # --- flagged sentences that make no movement claim about a model quantity ---------------------------------
    _not("Only the side whose chance falls can meet its condition", "a property of the two conditions, proven "
         "in test_model_commitment.py::test_the_side_that_gains_never_fights_and_both_never_do"),
    _not("In the two-period form the declining side loses its share", NAMES_A_SIDE),
    _not("and the critical shift shrinks to", "a formula for the stationary version's critical shift, checked "
         "by test_model_commitment.py::test_stationary_critical_shift_is_one_minus_delta_times_the_two_period_one"),
    _not("war is a little more likely, and a case near the", "compares two normalisations (the alternative "
         "index is the chapter's plus δ·c_D ≥ 0), not a parameter change"),
    _not("At the chapter's defaults the index rises from", "compares two normalisations at the defaults"),
    _not("The two-period verdict is a lower bound on the danger", "compares two versions: for the declining "
         "side the stationary index exceeds the two-period one by δ²(p1 − p2)/(1 − δ) ≥ 0"),
    _not("now Russia is the declining side and would rather fight first", NAMES_A_SIDE),
    _not("The red region, bounded by the dashed line, is where the declining", NAMES_A_SIDE),
    _not("because the rising side can give up part of its", NAMES_A_SIDE),
    _not("How much is uncertain", "compares two press figures for the canal's share of Crimea's water (data)"),
    _not("until the Kakhovka dam was destroyed on", "dated facts from the evidence table, not a model quantity"),
    _not("far more likely to be carried out when a third party guaranteed", "reports Walter's finding "
         "(literature on civil wars), not a model quantity"),
    _not("had been dammed since 2014", "dated facts from the evidence table, not a model quantity"),
    _not("a claim that *Russia* would be the declining side", NAMES_A_SIDE),
    _not("in model terms, demands that lower $p_2$", "reads a stated demand as a lower p2 (an interpretation, no "
         "parameter is moved)"),
    _not("it does not by itself settle who is declining", NAMES_A_SIDE),
    _not("Which clauses of a possible settlement would raise", "a discussion question"),
    _not("could any of them push $p_2$ so high that Russia becomes the declining side", "a discussion question"),
    _not("How does the meaning of \"declining side\" change there?", "a discussion question"),
    _not("does the declining side fight?", "a check-your-understanding question"),
    _not("The declining side needs that share of the first-period prize", NAMES_A_SIDE),
    _not("Why can the rising side not simply promise to keep paying", "a check-your-understanding question"),
    _not("the declining side's threat to fight is weaker, and the rising side", "explains credibility after "
         "the shift (names the sides)"),
    _not("so the declining side values it at", NAMES_A_SIDE),
    _not("makes war now the declining side's best choice", "a figure title"),
    _not("Lower the weight on the future.", "an instruction to the reader (its claim is registered above)"),
    _not("Raise the declining side's cost of war.", "an instruction to the reader (its claim is registered "
         "above)"),
    _not("Raise its chance after the shift above its chance now.", "an instruction to the reader"),
]
