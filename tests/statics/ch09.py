"""Comparative-statics register of chapter 9 (see tests/statics/__init__.py)."""
from statics import Claim
from territorial_trap_workbook.models import ceasefire, wartime_talks

SURV, REARM, TALKS = ceasefire.SURVIVAL, ceasefire.REARM, wartime_talks.PARAMS


def _risk(**v):
    """Risk of breakdown in the year given by the horizon (rounded to a whole year)."""
    return ceasefire.risk_in_year(int(round(v["horizon"])), **v)


def _not(fragment, why):
    return Claim(9, fragment, kind="not-a-statics-claim", why=why)


PROTECTIVE = {"beta": (-1.0, -0.05)}  # β < 0: a measure protects (the chapter's reading of Fortna's sign)
SHIFT = {"pause": (0.5, 20.0), "p_U": (0.05, 0.95)}  # a pause of some length, a balance that can move

CLAIMS: list = [
    # --- part 2: survival
    Claim(9, "Below 1 the risk falls as the ceasefire ages", function=_risk, space=SURV,
          moved="horizon", direction="falls", region={"k": (0.3, 0.95)}),
    Claim(9, "at 1 it is constant", function=_risk, space=SURV, moved="horizon", direction="constant",
          region={"k": (1.0, 1.0)}),
    Claim(9, "above 1 it rises", function=_risk, space=SURV, moved="horizon", direction="rises",
          region={"k": (1.05, 2.0)}),
    Claim(9, "why a falling hazard makes the first months the most dangerous", function=_risk,
          space=SURV, moved="horizon", direction="falls", region={"k": (0.3, 0.95)}),
    Claim(9, "a ceasefire that becomes more dangerous with age", function=_risk, space=SURV, moved="horizon",
          direction="rises", region={"k": (1.05, 2.0)}),
    Claim(9, "joint commissions can lengthen a ceasefire",
          function=lambda **v: ceasefire.median_duration(**v), space=SURV, moved="n_measures",
          direction="rises", region=PROTECTIVE),
    Claim(9, "the median rises from",
          function=lambda **v: ceasefire.median_duration(**v), space=SURV, moved="n_measures",
          direction="rises", region=PROTECTIVE),
    # non-decreasing, not "rises": where survival underflows to ~1e-98 the gain is below any tolerance
    Claim(9, "ten-year survival rises to",
          function=lambda **v: ceasefire.survival(v["horizon"], **v), space=SURV, moved="n_measures",
          direction="non-decreasing", region=PROTECTIVE),
    Claim(9, "By how much does the agreement lower the hazard?",
          function=lambda **v: ceasefire.durability(**v).hazard_ratio, space=SURV, moved="n_measures",
          direction="falls", region=PROTECTIVE),
    Claim(9, "per cent lower than without the measures",
          function=lambda **v: ceasefire.durability(**v).hazard_ratio, space=SURV, moved="n_measures",
          direction="falls", region=PROTECTIVE),
    # --- part 1: talks during the fighting
    Claim(9, "Russia probes when it sees cracks",
          function=lambda **v: float(wartime_talks.solve(**v).probe), space=TALKS, moved="q",
          direction="non-increasing"),
    Claim(9, "the first demand drops to the level both types accept",
          function=lambda **v: wartime_talks.solve(**v).first_demand, space=TALKS, moved="q",
          direction="non-increasing"),
    Claim(9, "Once its belief passes $q^*$ it stops probing",
          function=lambda **v: float(wartime_talks.solve(**v).probe), space=TALKS, moved="q",
          direction="non-increasing"),
    _not("It does not say the re-armer will attack afterwards",
         "says what part 3 does not claim (the faster re-armer never has a reason to break the pause); no quantity is "
         "said to move with a parameter"),
    _not("a probe that meets a resolute coalition is rejected",
         "compares the demand after a rejection with the first demand at one parameter point; that it is lower "
         "wherever Russia probes is checked on the whole grid by test_model_wartime_talks.py"),
    _not("a refusal reveals resolve, the next demand falls",
         "the same comparison of two demands (test_model_wartime_talks.py)"),
    _not("a probe that meets resolve lowers the next demand",
         "the same comparison of two demands (test_model_wartime_talks.py)"),
    _not("offers screen, refusals inform, demands fall", "describes the cited papers' common mechanism"),
    _not("and is then asked only", "the numbers of one worked example (glued)"),
    _not("In part 1, $q$ rises past $q^*$",
         "a question; its answer's movement is registered under 'the first demand drops'"),
    # --- part 3: re-arming during the pause
    Claim(9, "a declining side tolerates a short shift, not a long one",
          function=lambda **v: ceasefire.pause(**v).war_index, space=REARM, moved="pause",
          direction="non-decreasing"),
    Claim(9, "A longer pause is not a stable bargain",
          function=lambda **v: ceasefire.pause(**v).war_index, space=REARM, moved="pause",
          direction="non-decreasing"),
    Claim(9, "Ukraine's chance of winning a renewed war falls to",
          function=lambda **v: ceasefire.pause(**v).p_U_after, space=REARM, moved="g_R", direction="falls",
          region=SHIFT),
    _not("Fortna's argument is that such measures work in three ways",
         "names Fortna's mechanisms (how measures work), not a movement of a model quantity"),
    _not("rises by $\\delta^2(p_1 - p_2)/(1 - \\delta)$",
         "a level comparison of the two forms, tested in tests/test_model_ceasefire.py "
         "(test_stationary_index_exceeds_two_period_by_the_repeated_shift)"),
    _not("If the shift is felt in every future year, its weight",
         "compares the weight of the shift in the two forms (δ against δ/(1 − δ)) at the glued default δ; the level "
         "comparison is tested in tests/test_model_ceasefire.py"),
    _not("never at the defaults, but for",
         "a level claim, not a movement along a parameter: at the REARM defaults (p_U 0.4, g_R 0.12, g_U 0.05, δ 0.9, "
         "c_D 0.1) the two-period form gives no war for any pause on 0.5-20 years and the stationary form gives war "
         "exactly from about 4.8 years (glued); at Example 6's inputs (p_U 0.75, g_R 0.25, g_U 0.05) both give war for "
         "every pause beyond T* (about 8.35 years), the stationary form from about 1 year; checked on that region by "
         "tests/test_model_ceasefire.py (test_where_the_two_forms_agree_on_short_and_long_pauses)"),
    _not("is the price of delay", "splits Example 1's glued fall into two glued parts (screening and the "
         "price of delay) at the defaults, not a movement along a parameter"),
    _not("though over a longer pause it should fall", "says how a richer model would treat δ and c_D; the book's model holds them fixed"),
    _not("let each side's strength grow at a constant rate", "an assumption of the model"),
    _not("In a ceasefire the declining side is whichever re-arms more slowly", "a definition"),
    _not("says that a side whose power is about to *decline* fights now", "states chapter 5's war condition"),
    _not("is only {glue:text}`ch9_index:.2f`", "the numbers of one worked example (glued); 'declining side' is a name"),
    _not("Start from $p_U =$", "the inputs of a worked example"),
    _not("and Russia out-arms it by a wide margin", "the inputs of a worked example"),
    _not("the war index of the side falling behind", "describes what the figure draws"),
    _not("Because chapter 5's two-period threshold", "a definition (θ ≤ 0); no parameter moves"),
    _not("the nearest measure in the table is spending",
         "reports two data rows (SIPRI's real changes in 2024), not a movement of a model quantity"),
    _not("Fortna's monitors and guarantee, and a higher $g_U$",
         "reads a stated position in the model's terms; no parameter moves along a range in the chapter"),
    _not("Lower Ukraine's starting chance step by step", "an instruction to the reader (explorer)"),
    _not("Re-arming during a ceasefire: the shifting balance", "the explorer's title"),
]
