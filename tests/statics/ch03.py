"""Comparative-statics register of chapter 3 (see tests/statics/__init__.py).

Models: ``attrition`` — the private-value war of attrition (EQUILIBRIUM_PARAMS, a common cost), the
asymmetric war of attrition with separate costs (ASYMMETRIC_PARAMS; Hammerstein–Parker's assessor rule and the
Hendricks–Weiss–Wilson mixed equilibrium) and the resolve-budget simulation (PARAMS). A concession time of
``None`` (nobody runs out within the horizon) is skipped."""
from statics import Claim
from territorial_trap_workbook.models import attrition

EQ, ASYM, SIM = attrition.EQUILIBRIUM_PARAMS, attrition.ASYMMETRIC_PARAMS, attrition.PARAMS
ORDER = {"Ukraine": 0.0, "tie": 0.5, "Russia": 1.0}


def t_of_v(**v):
    return attrition.concession_time(v["v_R"], v["cost"])


def t_R_private(**v):
    return attrition.contest(**v).t_R


def private_first(**v):
    return ORDER[attrition.contest(**v).first]


def russia_concedes(**v):
    """1 if Russia should concede at once under the assessor rule, 0.5 a tie, 0 if Ukraine should."""
    return ORDER[attrition.asymmetric(**v).first]


def mixed_p_russia_first(**v):
    return attrition.asymmetric(**v).mixed_p_russia_first


def ratio_R(**v):
    return attrition.asymmetric(**v).ratio_R


def t_U(**v):
    return attrition.simulate(**v).t_U


def t_R(**v):
    return attrition.simulate(**v).t_R


def flip_aid_fatigue(**v):
    """The aid-fatigue rate at which the simulation's verdict flips (None when it never flips in range)."""
    return attrition.verdict_flip("aid_fatigue", **v)


# every parameter but the moved one at its opening value (the sentence says "other values at their opening ones")
AT_DEFAULTS = {p.name: (p.default, p.default) for p in SIM}


def closed_form_T(**v):
    return attrition.exhaustion_time(v["budget_R"], v["cost_R"], v["fatigue_R"])


def _exempt(fragment, why):
    return Claim(3, fragment, kind="not-a-statics-claim", why=why)


CLAIMS: list = [
    Claim(3, "quits at a time $t(v)$ that rises with $v$", function=t_of_v, space=EQ, moved="v_R",
          direction="rises"),
    # a common cost scales times down (non-increasing: t = 0 at v = 0 for every cost) and never changes the winner
    Claim(3, "it scales every quitting time down together", function=t_R_private, space=EQ, moved="cost",
          direction="non-increasing"),
    Claim(3, "Private values: nothing; every quitting time halves", function=private_first, space=EQ,
          moved="cost", direction="constant"),
    # assessor rule: a higher cost for Russia never turns it from conceding into winning
    Claim(3, "the side with the lower value-to-cost ratio is the weaker one", function=russia_concedes,
          space=ASYM, moved="c_R", direction="non-decreasing"),
    Claim(3, "a war economy that lowers $c_R$ below the break-even cost", function=russia_concedes, space=ASYM,
          moved="c_R", direction="non-decreasing"),
    Claim(3, "And in the asymmetric model, if only Russia's cost falls?", function=russia_concedes, space=ASYM,
          moved="c_R", direction="non-decreasing"),
    Claim(3, "Asymmetric model: Russia's ratio $V_R/c_R$ rises", function=ratio_R, space=ASYM, moved="c_R",
          direction="falls"),
    # mixed equilibrium: a cheaper war (lower c_R) makes Russia more likely to concede first
    Claim(3, "a cheaper war for Russia lowers *Ukraine's* rate of conceding", function=mixed_p_russia_first,
          space=ASYM, moved="c_R", direction="falls"),
    Claim(3, "the example's cut in $c_R$ raises the chance that Russia concedes", function=mixed_p_russia_first,
          space=ASYM, moved="c_R", direction="falls"),
    Claim(3, "in the mixed equilibrium it makes Russia more likely to concede first", function=mixed_p_russia_first,
          space=ASYM, moved="c_R", direction="falls"),
    # simulation
    Claim(3, "the order reverses only if aid fatigue falls below", function=t_U,
          space=SIM, moved="aid_fatigue", direction="non-increasing"),
    Claim(3, "In the simulation what matters is whether the total keeps shrinking", function=t_U, space=SIM,
          moved="aid_fatigue", direction="non-increasing"),
    Claim(3, "lower aid fatigue step by step", function=t_U, space=SIM, moved="aid_fatigue",
          direction="non-increasing"),
    Claim(3, "the rise in Russia's cost or fall in Ukraine's computed after Example 5", function=t_R, space=SIM,
          moved="cost_R", direction="non-increasing"),
    Claim(3, "the rise in Russia's cost or fall in Ukraine's computed after Example 5", function=t_U, space=SIM,
          moved="cost_U", direction="non-increasing"),
    # a higher growth rate of Russia's cost brings its exhaustion forward
    Claim(3, "such strain would show up as a higher growth rate", function=t_R, space=SIM,
          moved="fatigue_R", direction="non-increasing"),
    # Russia's manpower: recruits refill its budget (later exhaustion), losses raise its cost growth (earlier)
    Claim(3, "refill $B_R$ and losses raise $f_R$", function=t_R, space=SIM, moved="budget_R",
          direction="non-decreasing"),
    Claim(3, "refill $B_R$ and losses raise $f_R$", function=t_R, space=SIM, moved="fatigue_R",
          direction="non-increasing"),
    # Ukrainian perspective: a lower k_U raises the aid-fatigue rate at which Ukraine would run out first
    Claim(3, "aid would have to fade faster before", function=flip_aid_fatigue, space=SIM, moved="cost_U",
          direction="non-increasing",
          region={**{k: v for k, v in AT_DEFAULTS.items() if k != "cost_U"}, "cost_U": (2.0, 2.6)}),
    Claim(3, "raise Russia's monthly cost instead", function=t_R, space=SIM, moved="cost_R",
          direction="non-increasing"),
    Claim(3, "let Russia's own fatigue rise to", function=t_R, space=SIM, moved="fatigue_R",
          direction="non-increasing"),
    Claim(3, "If the cost grows by $f$ a month, the closed form", function=closed_form_T, space=SIM,
          moved="fatigue_R", direction="non-increasing"),
    Claim(3, "What if the cost grows?", function=closed_form_T, space=SIM, moved="fatigue_R",
          direction="non-increasing"),
    _exempt("In month $j$ it pays a cost that grows with fatigue", "defines the model's cost path"),
    _exempt("Ukraine also receives Western aid that shrinks as donors tire", "defines the model's aid path"),
    _exempt("resolve budgets drained by monthly costs that grow with fatigue",
            "the figure's caption, describing the model's definitions"),
    _exempt("resolve units and pays {glue:text}`ch3_cost_R:.1f` a month, growing by",
            "states the example's parameter values"),
    _exempt("How far the defaults sit from a reversal",
            "reports thresholds computed by attrition.verdict_flip for one-at-a-time moves from the defaults "
            "(tested in test_model_attrition) and a share of random draws; no direction beyond those points"),
    _exempt("so territory does not move as budgets fall", "says what the model leaves out"),
    _exempt("can select a unique equilibrium in which the weaker",
            "names which side concedes in a cited result (the more impatient one), not a movement of a model quantity"),
    _exempt("$k$ grows at $f$, aid $a$ shrinks at $g$", "the notation table, restating the model's definitions"),
    _exempt("a step down in $a$ used as leverage",
            "says what the model cannot represent (a one-off stop of aid), not a movement of a model quantity"),
    _exempt("and European donors raised their", "a statement about the data"),
    _exempt("(inflation-adjusted) while total military aid fell by", "a statement about the data"),
    _exempt("Acting like a side with a slightly higher value",
            "states the first-order condition of the derivation, not a movement of a model quantity"),
    _exempt("It wins $v$ if the rival's value lies in", "the second half of the first-order condition, not a movement"),
    _exempt("and total military aid in 2025 fell below its 2022–24", "a statement about the data"),
    _exempt("The side with the lower value, at", "a comparison of two given values, not a movement"),
    _exempt("pays 2 a month and its cost does not grow", "sets up a question"),
    _exempt("budgets fall mechanically and a side stops only when its budget is empty",
            "describes how the simulation works"),
    _exempt("In April 2024 Ukraine lowered the minimum age for", "a statement about the data (a law's date and content)"),
    _exempt("In October 2024 the Bank of Russia raised its key rate", "a statement about the data"),
    _exempt("Turning out tanks\" leans on old stock",
            "a statement about the data (IISS estimates) and how the book reads them against k_R"),
    _exempt("a smaller GDP also raises the share", "arithmetic of a data row (a share of GDP), not a model quantity"),
    _exempt("a far larger $B_R$ than $B_U$ before aid",
            "a comparison of the two sides' resources (data rows), not a movement of a model quantity"),
]
