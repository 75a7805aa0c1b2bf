"""Comparative-statics register of chapter 12 (see tests/statics/__init__.py).

Models: ``escalation`` (Fearon's risk–return trade-off) and ``transitions`` (the four-state chain). The issue-11
sentences are fixed in the chapter and checked here where they now say they hold: the chance of war rises with
c̄ only while the demand stays short of everything (p ≤ 0.7 keeps x* ≤ 1 on the declared ranges) and when war
costs Russia something (c_R > 0: at c_R = 0 it is one half for every c̄); a likelier ceasefire postpones the
offensive exactly where t_C > t_T (elsewhere the function returns None and the point is skipped), and brings it
forward where t_C < t_T."""
from statics import Claim
from territorial_trap_workbook.models import escalation, transitions
from territorial_trap_workbook.params import Param, ParamSpace

E, T = escalation.PARAMS, transitions.PARAMS
SHORT_OF_ALL = {"p": (0.0, 0.7)}  # x* = p + (c̄ − c_R)/2 ≤ 0.7 + 0.3 = 1 on the declared ranges
DEMANDS = ParamSpace(E.params + (Param("demand", "Russia's demand", "share", 0.0, 1.0, 0.01, 0.5, "A demand."),))


def p_war(**v):
    return escalation.optimal_demand(p=v["p"], c_R=v["c_R"], c_bar=v["c_bar"]).p_war


def demand(**v):
    return escalation.optimal_demand(p=v["p"], c_R=v["c_R"], c_bar=v["c_bar"]).demand


def premium(**v):
    return escalation.optimal_demand(p=v["p"], c_R=v["c_R"], c_bar=v["c_bar"]).premium


def refusal_at(**v):
    """P(war | x) for a given demand x (the trade-off curve)."""
    return float(escalation.demand_curve([v["demand"]], p=v["p"], c_R=v["c_R"], c_bar=v["c_bar"])["p_war"][0])


def _waits(v):
    return transitions.expected_months(**v)


def wait_if_ceasefires_last(**v):
    """t_T where a ceasefire is further from an offensive than talks are (t_C > t_T); None elsewhere."""
    t = _waits(v)
    return t["talks"] if t["ceasefire"] > t["talks"] + 1e-9 else None


def wait_if_ceasefires_break(**v):
    """t_T where a ceasefire is nearer an offensive than talks are (t_C < t_T); None elsewhere."""
    t = _waits(v)
    return t["talks"] if t["ceasefire"] < t["talks"] - 1e-9 else None


def wait_from_talks(**v):
    return _waits(v)["talks"]


def _war_up(fragment):
    return Claim(12, fragment, function=p_war, space=E, moved="c_bar", direction="rises",
                 region={**SHORT_OF_ALL, "c_R": (0.01, 0.5)})


def _war_not_up_with_cost(fragment):
    return Claim(12, fragment, function=p_war, space=E, moved="c_R", direction="non-increasing")


def _postpones(fragment):
    return Claim(12, fragment, function=wait_if_ceasefires_last, space=T, moved="talks_ceasefire",
                 direction="rises")


def _brings_forward(fragment):
    return Claim(12, fragment, function=wait_if_ceasefires_break, space=T, moved="talks_ceasefire",
                 direction="falls")


def _collapse(fragment):
    return Claim(12, fragment, function=wait_from_talks, space=T, moved="talks_offensive", direction="falls")


def _not(fragment, why):
    return Claim(12, fragment, kind="not-a-statics-claim", why=why)


CLAIMS: list = [
    # --- the risk–return model
    _war_up("The chance of war rises with Russia's uncertainty"),
    _war_not_up_with_cost("It never rises with Russia's own cost"),
    Claim(12, "neither the best premium nor the risk moves", function=p_war, space=E, moved="p",
          direction="constant", region=SHORT_OF_ALL),
    Claim(12, "it does not depend on $p$", function=p_war, space=E, moved="p", direction="constant",
          region=SHORT_OF_ALL),
    Claim(12, "which *falls* as $\\bar c$ widens", function=p_war, space=E, moved="c_bar",
          direction="non-increasing", region={"p": (0.9, 1.0), "c_R": (0.0, 0.1), "c_bar": (0.3, 0.6)}),
    Claim(12, "at the price of a higher risk of war against a resolute one", function=refusal_at, space=DEMANDS,
          moved="demand", direction="non-decreasing"),
    Claim(12, "the more it demands, the likelier a refusal and war", function=refusal_at, space=DEMANDS,
          moved="demand", direction="non-decreasing"),
    Claim(12, "The best demand falls to", function=demand, space=E, moved="p", direction="rises"),
    Claim(12, "yet the chance of war stays at", function=p_war, space=E, moved="p", direction="constant",
          region=SHORT_OF_ALL),
    _war_up("and the chance of war rises to"),
    _war_up("raises the chance that the demand is refused, as long as the demand"),
    Claim(12, "Sanctions or losses that make war costlier for Russia work in the model by shrinking the gamble",
          function=premium, space=E, moved="c_R", direction="non-increasing"),
    _war_not_up_with_cost("raising Russia's own cost of war — the purpose of sanctions — reduces the gamble"),
    _war_not_up_with_cost("Why can raising Russia's cost of war lower the chance of war"),
    # --- the chain
    _postpones("The expected wait from talks falls to"),
    _postpones("Here a likelier ceasefire delays escalation, but only because"),
    _postpones("a likelier ceasefire lengthens the wait from talks if and only if"),
    _postpones("swaps some months of \"still in talks\" for a fresh start from a ceasefire"),
    _postpones("postpones the next offensive in the chain only while an offensive is further away"),
    _brings_forward("a ceasefire that breaks down fast enough that $t_C < t_T$, which brings the offensive forward"),
    _postpones("a durable one postpones the next offensive"),
    _brings_forward("a quick pause brings it forward"),
    _collapse("The expected wait from talks drops to"),
    _collapse("the expected time to fighting shortens sharply"),
    _collapse("watch the blue band of talks drain faster into the vermillion one"),
    # --- mean and spread of Ukraine's cost (the two meanings of c̄)
    _not("Note that $\\bar c$ is two things at once", "a property of the uniform distribution (mean c̄/2)"),
    _not("(chapter 5) a side that expects to *decline* has a reason to strike",
         "Powell's argument stated in words; no model quantity of this chapter moves"),
    # --- sentences with no model quantity that moves
    _not("the chance of a large Russian offensive in the spring would climb steeply",
         "paraphrase of the article's claim"),
    _not("*if* talks fail, an offensive becomes more likely", "names the article's conditional claim"),
    _not("is higher than the {glue:text}`ch12_p:.2f` it would get", "compares two payoffs at the defaults"),
    _not("**Example 2 — weaker on the battlefield, same risk.**", "the inputs of a worked example"),
    _not("Raise Russia's own cost to", "the inputs of a worked example"),
    _not("The article's \"increases exponentially\" is best read", "a reading of the article's wording"),
    _not("measured spending rose sharply in 2024", "a data statement (evidence table)"),
    _not("path is Example 6's question", "a pointer to Example 6, whose sentences are registered above"),
    _not("It does not derive the second half", "states what the model leaves out (no escalation in its war)"),
    _not("a threatened rise in $q_{TO}$", "a stated view read through the chain; no model quantity is moved"),
    _not("So output beat pre-war benchmarks", "a data statement (evidence table)"),
    _not("The chain has no seasons", "states what the chain cannot represent"),
    _not("Who in this conflict has an interest in widening", "a discussion question"),
]
