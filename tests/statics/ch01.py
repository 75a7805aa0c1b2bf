"""Comparative-statics register of chapter 1 (see tests/statics/__init__.py).

Model: ``bargaining`` (Fearon's range, Rubinstein's split with the war as impasse payoff, Russia's walk-out as an
outside option solved exactly)."""
from statics import Claim
from territorial_trap_workbook.models import bargaining

S = bargaining.PARAMS


def deal(**v):
    return bargaining.solve(**v).deal


def upper(**v):
    return bargaining.solve(**v).upper


def width(**v):
    return bargaining.solve(**v).width


def share(**v):
    return bargaining.solve(**v).share


def inside(**v):
    return bargaining.solve(**v).inside


def _exempt(fragment, why):
    return Claim(1, fragment, kind="not-a-statics-claim", why=why)


CLAIMS: list = [
    # the walk-out: the deal never falls as w rises (flat below the threshold, rising at rate δ_U above it)
    Claim(1, "then the deal rises with it, a little more slowly", function=deal, space=S, moved="walkout",
          direction="non-decreasing"),
    Claim(1, "The walk-out would have to rise by", function=deal, space=S, moved="walkout",
          direction="non-decreasing"),
    # patience: the sentence holds "while Ukraine values the future at all (δ_U > 0)": there Russia's (the first
    # proposer's) share rises with δ_R (it is flat at 1 when δ_U = 0) and falls with δ_U; Ukraine's share is the
    # complement, so "each side's share" is the same two checks
    Claim(1, "rises with its own patience and falls with the other's", function=share, space=S, moved="delta_R",
          direction="rises", region={"delta_U": (0.01, 0.99)}),
    Claim(1, "while Ukraine values the future at all", function=share, space=S, moved="delta_R",
          direction="non-decreasing"),
    Claim(1, "and falls with the other's, so that Russia, proposing first", function=share, space=S,
          moved="delta_U", direction="falls"),
    # Russia's cost of war: a larger c_R lowers its war payoff (the range's lower end, max(0, p − c_R)) where that
    # is above zero — p ≥ 0.5 keeps p > c_R over c_R's whole range [0, 0.5] — and never raises the inside deal
    # (flat where x̲ is clipped at 0, or at δ_U = 0 where Russia takes the whole surplus)
    Claim(1, "lowers Russia's war payoff (when $p > c_R$)", function=lambda **v: bargaining.solve(**v).lower,
          space=S, moved="c_R", direction="falls", region={"p": (0.5, 1.0)}),
    Claim(1, "and never raises the deal Russia gets inside the talks", function=inside,
          space=S, moved="c_R", direction="non-increasing"),
    # "time is on Moscow's side": a rising p moves both ends of the range up (towards Russia) and raises Russia's
    # war payoff max(0, p − c_R) (strictly once p > c_R, flat at 0 below: "non-decreasing" over the whole space)
    _exempt("Russia's Donetsk share rose from",
            "reports data rows (DeepState's shares at two dates, glued from the table); no parameter is moved"),
    Claim(1, "a rising $p$ moves the whole range toward Russia", function=lambda **v: bargaining.solve(**v).lower,
          space=S, moved="p", direction="non-decreasing"),
    Claim(1, "a rising $p$ moves the whole range toward Russia", function=upper, space=S, moved="p",
          direction="non-decreasing"),
    Claim(1, "and raises its war payoff (chapter 3)", function=lambda **v: bargaining.solve(**v).lower,
          space=S, moved="p", direction="rises"),
    _exempt("battles reveal information and narrow demands",
            "reports what bargaining-while-fighting models (Wagner 2000, Slantchev 2003) predict; no parameter of "
            "this chapter's model is moved"),
    _exempt("has two readings here: relative patience",
            "names the two model quantities the article's 'time is on its side' can be read as (Example 4's discount "
            "factors; the counter-argument's rising p, whose movements are checked in the entries above); no "
            "parameter is moved in this sentence"),
    _exempt("as both discount factors rise together towards 1",
            "a limit, not a movement over the declared ranges (δ = 1 is excluded): Rubinstein's share tends to 1/2 "
            "and the deal to max(middle of the range, w); tested in test_model_bargaining"),
    # Ukraine's limit falls when its cost of fighting falls (the "lower limit" counter-argument)
    Claim(1, "so its effective limit $\\overline{x}$ falls and the range shrinks", function=width, space=S,
          moved="c_U", direction="non-decreasing"),
    Claim(1, "never empty (at worst the single point $p$)", function=width, space=S, moved="c_R",
          direction="non-decreasing"),
    _exempt("Because no settlement can give Russia less than nothing (0)",
            "defines the clipped ends of the range; no parameter is moved"),
    _exempt("it would move the deal only if it promised Russia more than it gets when",
            "restates the three-case outside-option rule for chapter 11's rival track (the deal moves only once w > y, "
            "tested in test_model_bargaining; the track itself is checked in tests/statics/ch11.py through g*)"),
    _exempt("risk aversion would only widen the range",
            "states the condition of Fearon's result (concave utilities widen the set of deals both prefer to war); "
            "the model's payoffs are linear, so no parameter of the model is moved"),
    _exempt("a settlement that invites a later attack costs more than its face value",
            "an argument about Ukraine's valuation of a deal, not a movement of a model quantity"),
]
