"""Comparative-statics register of chapter 2 (see tests/statics/__init__.py).

Model: ``winsets`` (Putnam win-sets with a legal pull, chapter 1's range inside). Where a sentence says the deal
"rises" with Russia's rigidity, the register checks "non-decreasing": the slope (1 − s)(1 − L) is zero when
Ukraine's patience is nil (s = 1) or when Russia's floor is already 1, and the chapter's sentences say "can
raise", "while an overlap remains" — a deal that does not exist is skipped (None)."""
from statics import Claim
from territorial_trap_workbook.models import winsets

S = winsets.PARAMS


def deal(**v):
    return winsets.solve(**v).deal


def width(**v):
    return winsets.solve(**v).width


def r_R(**v):
    return winsets.solve(**v).r_R


def breaking(**v):
    return winsets.solve(**v).breaking_rigidity


def whole_then_deal(**v):
    """1 while a whole-piece deal exists, 0 while only a divisible deal does, -1 with no deal. Non-increasing in
    λ_R means the whole-piece deals form a first stretch [0, λ′] of rigidity and λ′ ≤ λ_R* (they end no later than
    the divisible deal does)."""
    w = winsets.solve(**v)
    if not w.overlap:
        return -1.0
    return 1.0 if w.whole_deal is not None else 0.0


def _deal_up(fragment):
    return Claim(2, fragment, function=deal, space=S, moved="rigidity_R", direction="non-decreasing")


def _exempt(fragment, why):
    return Claim(2, fragment, kind="not-a-statics-claim", why=why)


CLAIMS: list = [
    _deal_up("binding one's own hands can raise a negotiator's share"),
    _deal_up("A smaller win-set at home strengthens a negotiator's hand, but only as long as an overlap survives"),
    _deal_up("raising $r_R$ raises the deal"),
    _deal_up("the black line rises (leverage) until it stops at the breaking point"),
    _deal_up("below the breaking point it raises Russia's share"),
    Claim(2, "Why does Ukraine's own law lower the breaking point", function=breaking, space=S,
          moved="rigidity_U", direction="non-increasing"),
    Claim(2, "It lowers $r_U$, the most Ukraine can ratify", function=breaking, space=S, moved="rigidity_U",
          direction="non-increasing"),
    _exempt("U.S. willingness to trade recognition lies outside it",
            "says the model has no such parameter"),
    _deal_up("Below $\\lambda_R^{*}$ the clause buys leverage under this book's convention (strictly so while Ukraine "
             "values the future"),
    _deal_up("Tying hands: the deal rises with Russia's legal rigidity until the win-sets stop overlapping"),
    Claim(2, "But the overlap shrinks as $r_R$ rises", function=width, space=S, moved="rigidity_R",
          direction="non-increasing"),
    Claim(2, "law has narrowed the room for a compromise", function=width, space=S, moved="rigidity_R",
          direction="non-increasing"),
    Claim(2, "The least Russia can ratify rises to", function=r_R, space=S, moved="rigidity_R",
          direction="non-decreasing"),
    Claim(2, "because Ukraine's own law narrows the room", function=breaking, space=S, moved="rigidity_U",
          direction="non-increasing"),
    Claim(2, "lowers the breaking point from", function=breaking, space=S, moved="rigidity_U",
          direction="non-increasing"),
    Claim(2, "Raise Ukraine's cost of continuing the war", function=breaking, space=S, moved="c_U",
          direction="non-decreasing"),
    _exempt("the set of possible compromises shrinks to a handful of all-or-nothing options",
            "describes what indivisibility means (a finite set of splits), not a movement of a model quantity"),
    _exempt("A whole-piece deal exists only if one of these points falls inside",
            "a condition for existence, not a comparative static"),
    _exempt("letting $n$ grow large recovers the divisible case",
            "a limit statement: the whole-piece splits k/n fill the interval as n grows (within 1/n of any point); "
            "the whole-piece deal itself need not move monotonically in n"),
    Claim(2, "it happens sooner when the land must move in whole pieces", function=whole_then_deal, space=S,
          moved="rigidity_R", direction="non-increasing"),
    Claim(2, "the green dots show the whole-piece deal, which exists, if at all, only on a first stretch",
          function=whole_then_deal, space=S, moved="rigidity_R", direction="non-increasing"),
    _exempt("What stops $n$ from growing is a political choice",
            "says what keeps the number of pieces small in the world (a political choice), not how a model "
            "quantity moves"),
    _exempt("That is an edge case, not a finding",
            "explains why the opening whole-oblast verdict rests on the defaults (floor and limit on quarters); "
            "the movement with rigidity is the registered 'first stretch' claim"),
    _exempt("Raise the weight to {glue:text}`ch2_lam_b:.2f`, past the breaking point",
            "an instruction for a worked example; the example then states its result"),
]
