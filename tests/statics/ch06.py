"""Comparative-statics register of chapter 6 (see tests/statics/__init__.py).

Models: ``mediation`` (a biased mediator's credibility, our simplification in Kydd's spirit) and its leverage
part (aid lowers p, sanctions raise c_R in chapter 1's ``bargaining``). The deal after leverage is ``None`` where
the walk-out value lies beyond Ukraine's limit (no deal) and that point is skipped; the least credible bias
``w_min`` is ``None`` where no bias suffices (or advice cannot change Ukraine's offer) and is skipped too, so
"the bar rises with k" is checked where a bar exists."""
from statics import Claim
from territorial_trap_workbook.models import mediation

L, M = mediation.LEVERAGE_PARAMS, mediation.PARAMS


def p_after(**v):
    return mediation.apply_leverage(**v).p_after


def c_R_after(**v):
    return mediation.apply_leverage(**v).c_R_after


def deal_after(**v):
    return mediation.apply_leverage(**v).after.deal


def lower_after(**v):
    return mediation.apply_leverage(**v).after.lower


def upper_after(**v):
    return mediation.apply_leverage(**v).after.upper


def no_deal_after(**v):
    return 1.0 if mediation.apply_leverage(**v).after.deal is None else 0.0


def w_min(**v):
    return mediation.solve(**v).w_min


def _exempt(fragment, why):
    return Claim(6, fragment, kind="not-a-statics-claim", why=why)


CLAIMS: list = [
    _exempt("move chapter 1's deal, and say when such leverage ends the talks",
            "a learning objective; the movements it names are registered below (deal, limit, collapse)"),
    Claim(6, "Western aid that makes Ukraine's army stronger lowers what Russia can expect to take by force",
          function=p_after, space=L, moved="aid", direction="falls"),
    Claim(6, "Sanctions raise what continuing the war costs Russia", function=c_R_after, space=L,
          moved="sanctions", direction="rises"),
    Claim(6, "slides the whole range to the left, so the deal slides with it", function=deal_after, space=L,
          moved="aid", direction="non-increasing"),
    Claim(6, "moves only the left end of the range, Russia's floor", function=lower_after, space=L,
          moved="sanctions", direction="non-increasing"),
    Claim(6, "Aid also lowers Ukraine's limit $p + c_U$", function=upper_after, space=L, moved="aid",
          direction="non-increasing"),
    _exempt("Let a resolved Russia have a low war cost",
            "defines the two types (c_res < c_irr, enforced by the declaration); nothing is moved"),
    Claim(6, "lowers $p$ to {glue:text}`ch6_p_after:.2f`", function=p_after, space=L, moved="aid",
          direction="falls"),
    Claim(6, "Ukraine's limit falls to {glue:text}`ch6_collapse_upper:.2f`", function=upper_after, space=L,
          moved="aid", direction="non-increasing"),
    _exempt("pressure that weakens Russia on the battlefield does not make leaving more valuable",
            "states an assumption of the model (w is a parameter aid does not move) at Example 2's computed state; "
            "the registered movements are the limit falling with aid and the collapse being monotone in aid"),
    _exempt("The model holds $w$ fixed: aid does not make leaving more valuable to Russia",
            "states an assumption (w is not moved by aid); the limit falling with aid is registered above"),
    _exempt("in 2025 they raised their military allocations while American ones stopped",
            "a dated fact from the evidence table (Kiel Institute), not a model statement"),
    _exempt("Moscow's answer to the Jeddah proposal called a truce right in principle",
            "a party's stated position from the evidence table, not a model statement"),
    _exempt("The exercise notebook asks you to derive $w_{\\min}$ by hand",
            "describes the exercises; no model quantity is claimed to move"),
    _exempt("Ukraine follows the advice, the probability of war falls from",
            "compares the outcome with and without credible advice at one computed state, not a movement along "
            "a parameter"),
    _exempt("a renewed war costs a stretched superpower more, or it wants the",
            "an interpretation of the article's 'other priorities' as a higher k; the movement is registered at "
            "'the bar rises'"),
    Claim(6, "the bar rises to $w_{\\min} =$", function=w_min, space=M, moved="k", direction="non-decreasing"),
    _exempt("Raise the prior to $q =$ {glue:text}`ch6_q_high:.2f`",
            "an instruction for Example 6, which states its computed result"),
    _exempt("the probability of war rises to {glue:text}`ch6_bold_p_war:.2f`",
            "compares the outcome with and without credible advice at one computed state (Example 6)"),
    _exempt("Two days later President Putin called the idea of a truce right",
            "a dated fact from the evidence table, not a model statement"),
    _exempt("Is \"distraction\" better modelled as a higher $k$",
            "a discussion question"),
    Claim(6, "Aid lowers $p$, which shifts both ends of the range, so the deal shifts one for one",
          function=deal_after, space=L, moved="aid", direction="non-increasing"),
    Claim(6, "Sanctions raise $c_R$, which moves only Russia's end of the range", function=deal_after, space=L,
          moved="sanctions", direction="non-increasing"),
    _exempt("Can credible advice make war more likely?",
            "a check-your-understanding question; its answer is an existence statement at one state"),
    Claim(6, "Lower the accuracy towards 0.5", function=w_min, space=M, moved="accuracy",
          direction="non-increasing"),
    Claim(6, "Raise the mediator's own cost of war", function=w_min, space=M, moved="k",
          direction="non-decreasing"),
    Claim(6, "Set the walk-out value to 0.7 and raise aid step by step", function=no_deal_after, space=L,
          moved="aid", direction="non-decreasing", region={"walkout": (0.7, 0.7)}),
    Claim(6, "aid lowers p, sanctions raise c_R", function=p_after, space=L, moved="aid", direction="falls"),
]
