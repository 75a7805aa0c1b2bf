"""Comparative-statics register of chapter 8 (see tests/statics/__init__.py).

Model: ``audience`` (a one-round audience-cost crisis, Fearon 1994 in textbook form). The chance of war is not
monotone in the audience cost a: it is non-decreasing below the turning point a* (``audience.war_peak``: the
audience cost at which credibility reaches min(1, 1/(p + ū)), clipped to the declared range) and non-increasing
above it. The register checks each side on its own: the function returns None on the other side and those points
are skipped. "When the other side cannot be moved" is the region ū ≤ 1 − p, checked on the box ū ≤ 0.3, p ≤ 0.7
(every Ukrainian type resists even a certain threat there)."""
from statics import Claim
from territorial_trap_workbook.models import audience

A = audience.PARAMS


_SOLVED: dict = {}


def _crisis(v):
    """``audience.solve``, each parameter point solved once per session: the claims below check the same grid
    points through different outputs (credibility, resistance, concession, climb-down, war)."""
    key = tuple(sorted(v.items()))
    if key not in _SOLVED:
        _SOLVED[key] = audience.solve(**v)
    return _SOLVED[key]


def credibility(**v):
    return _crisis(v).credibility


def resist(**v):
    return _crisis(v).resist


def concede(**v):
    return _crisis(v).concede


def backs_down(**v):
    return _crisis(v).russia_backs_down


def war(**v):
    return _crisis(v).war


def turning_point(**v):
    return audience.war_peak(v["p"], v["c_bar"], v["u_bar"])[0]


def war_below_turn(**v):
    return war(**v) if v["a"] <= turning_point(**v) + 1e-12 else None


def war_above_turn(**v):
    return war(**v) if v["a"] >= turning_point(**v) - 1e-12 else None


def _exempt(fragment, why):
    return Claim(8, fragment, kind="not-a-statics-claim", why=why)


def _c(fragment, function, moved, direction, **region):
    return Claim(8, fragment, function=function, space=A, moved=moved, direction=direction, region=region)


UNMOVABLE = {"u_bar": (0.05, 0.3), "p": (0.0, 0.7)}

CLAIMS: list = [
    _c("make a climb-down rarer", backs_down, "a", "non-increasing"),
    _c("the other side's concession likelier", concede, "a", "non-decreasing"),
    _c("higher audience costs can raise *or* lower the chance of war", war_below_turn, "a", "non-decreasing"),
    _c("higher audience costs can raise *or* lower the chance of war", war_above_turn, "a", "non-increasing"),
    _c("A government that would suffer for backing down is less likely to back down", backs_down, "a",
       "non-increasing"),
    _c("Credibility rises with $a$ in a straight line until it reaches 1", credibility, "a", "non-decreasing"),
    _exempt("Raising $a$ does two things at once",
            "introduces the next two sentences, each registered (credibility rises, resistance falls)"),
    _c("It makes Russia's threat more credible ($q$ rises)", credibility, "a", "non-decreasing"),
    _c("And it makes Ukraine resist less often ($r$ falls)", resist, "a", "non-increasing"),
    _c("which *rises* with $a$", war_below_turn, "a", "non-decreasing"),
    _c("which *falls* as $q$ rises, until credibility is complete", war_above_turn, "a", "non-increasing"),
    _c("| $p$ | falls | credibility starts higher", turning_point, "p", "non-increasing"),
    _c("| $\\bar u$ | falls if $p + \\bar u \\ge 1$, else no change", turning_point, "u_bar", "non-increasing"),
    _c("| $\\bar c$ | rises | each unit of $a$ adds less credibility", turning_point, "c_bar", "non-decreasing"),
    _exempt("*Stand firm*: Moscow leaves the talks and fights on or escalates",
            "maps a move of the game onto the talks; no model quantity is claimed to move"),
    _c("so the chance of war rises until credibility is complete", war_below_turn, "a", "non-decreasing"),
    _exempt("The crisis ends in a Ukrainian concession with probability",
            "states the three computed probabilities at the default state (Example 2); nothing is moved"),
    _exempt("Example 3 — raising the audience cost",
            "the heading of a worked example whose computed table follows; the movements are registered below"),
    _c("Climb-downs become rarer at every step, and concessions commoner", backs_down, "a", "non-increasing"),
    _c("Climb-downs become rarer at every step, and concessions commoner", concede, "a", "non-decreasing"),
    _c("The chance of war first rises slightly and then falls", war_below_turn, "a", "non-decreasing"),
    _c("The chance of war first rises slightly and then falls", war_above_turn, "a", "non-increasing"),
    _c("once Ukraine does resist, is more likely to end in fighting", credibility, "a", "non-decreasing"),
    _c("the turning point moves up to", turning_point, "p", "non-increasing"),
    _c("tying one's hands only makes war likelier", war, "a", "non-decreasing", **UNMOVABLE),
    _c("a Russian retreat is less likely than battlefield arithmetic alone suggests", backs_down, "a",
       "non-increasing"),
    _c("they raise the chance that the other side concedes", concede, "a", "non-decreasing"),
    _c("higher audience costs *lower* the risk of war by making concession more attractive", war_above_turn, "a",
       "non-increasing"),
    _c("The chance of war rises with audience costs only while every Ukrainian cost type still resists", war_below_turn, "a",
       "non-decreasing"),
    _exempt("No source measures the Kremlin's audience cost",
            "a statement about the evidence, not a movement of a model quantity"),
    _exempt("A withdrawal from \"annexed\" land could be ordered in public",
            "a reading of a dated episode (the Kherson withdrawal), not a model statement"),
    _c("On that link, whether hardliners make war likelier depends", war_below_turn, "a", "non-decreasing"),
    _c("On that link, whether hardliners make war likelier depends", war_above_turn, "a", "non-increasing"),
    _c("with both sides' hands tied, the risk of war goes up", war, "u_bar", "non-increasing"),
    _exempt("a mediator that treats territory as negotiable in public lowers its own audience cost",
            "interprets a party's stated position; the mediator's audience cost is not a parameter of this model"),
    _exempt("help the Kremlin present a compromise as a success",
            "interprets a party's interest as lowering a; no model quantity is claimed to move"),
    _exempt("Can a leader lower his own audience cost after the fact?", "a discussion question"),
    _c("what does a small rise in $a$ do to the chance of war there?", war_above_turn, "a", "non-increasing"),
    _c("so in the default state a small rise in $a$ lowers the chance of war", war_above_turn, "a",
       "non-increasing"),
    _exempt("A public refusal tied to the constitution makes concession costlier for Kyiv",
            "interprets a party's stated position; Ukraine's audience cost is not a parameter of this model "
            "(Exercise 8.5 adds it)"),
    _exempt("How the cost of backing down changes whether a crisis ends in war",
            "the explorer's title, naming what it shows without a direction"),
    _c("Move the audience cost from 0 to 1 and watch the black line", backs_down, "a", "non-increasing"),
    _c("Raise Russia's expected share of a war", credibility, "p", "non-decreasing"),
    _c("Credibility is higher at every audience cost wherever it is below 1", turning_point,
       "p", "non-increasing"),
    _c("Raise the highest possible Russian cost of war", credibility, "c_bar", "non-increasing"),
    _c("Credibility falls at every audience cost wherever it is below 1", turning_point,
       "c_bar", "non-decreasing"),
    _exempt("Audience costs in a one-shot crisis: credibility and the chances of concession",
            "the figure's caption, naming what it draws"),
    _exempt("The payoffs are a normalisation: 0 is the position at the table before the demand",
            "says what the payoff levels stand for ('regains' is about land, not a parameter moving)"),
]
