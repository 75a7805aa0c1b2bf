"""Comparative-statics register of chapter 10 (see tests/statics/__init__.py)."""
from statics import Claim
from territorial_trap_workbook.models import contest

SPACE = contest.PARAMS


def _p_U(**v):
    """Ukraine's chance of prevailing with the east lost."""
    return contest.solve(**v).p_U


def _upper(**v):
    """Ukraine's limit: the top of chapter 1's range, p + c_U (clamped to 1)."""
    return contest.solve(**v).bargain.upper


def _not(fragment, why):
    return Claim(10, fragment, kind="not-a-statics-claim", why=why)


CLAIMS: list = [
    # the contest success function: p_U rises with Ukraine's effort (aid is the slider that moves it), falls
    # with Russia's, strictly everywhere on the declared ranges (m_U > 0, m_R ≥ 1, r > 0)
    Claim(10, "the more one side pours in relative to the other, the likelier it is to come out ahead",
          function=_p_U, space=SPACE, moved="aid", direction="rises"),
    Claim(10, "it rises with one's own effort", function=_p_U, space=SPACE, moved="aid", direction="rises"),
    Claim(10, "falls with the rival's", function=_p_U, space=SPACE, moved="m_R", direction="falls"),
    Claim(10, "Ukraine's chance of prevailing as aid grows", function=_p_U, space=SPACE, moved="aid",
          direction="rises"),
    # losing the east: m_U = τY(1 − s) + A falls with s (τ ≥ 0.05), and with it p_U
    Claim(10, "Losing the east shrinks the first source",
          function=lambda **v: contest.ukraine_effort(**v), space=SPACE, moved="east_share", direction="falls"),
    Claim(10, "Its chance of prevailing falls from", function=_p_U, space=SPACE, moved="east_share",
          direction="falls"),
    Claim(10, "Losing the east lowers Ukraine's chance of prevailing at any given level of aid", function=_p_U,
          space=SPACE, moved="east_share", direction="falls"),
    # "... on Ukraine's side only more aid, or a higher mobilisation rate (exercise 10.5), holds it steady, as would a
    # fall in Russia's effort" (review r3, defect 4; review r8, defect 6: "only" held on Ukraine's side alone):
    # aid and τ raise m_U and so p_U on the declared ranges, and p_U falls with m_R, so a fall in m_R raises it
    Claim(10, "on Ukraine's side only more aid, or a higher mobilisation rate", function=_p_U, space=SPACE,
          moved="aid", direction="rises"),
    Claim(10, "as would a fall in Russia's effort", function=_p_U, space=SPACE, moved="m_R", direction="falls"),
    Claim(10, "a higher mobilisation rate (exercise 10.5), holds it steady", function=_p_U, space=SPACE, moved="tau",
          direction="rises"),
    # into chapter 1: a lower p_U (a larger lost east) raises p and Ukraine's limit p + c_U, which is clamped at
    # 1, hence non-decreasing rather than strictly rising
    Claim(10, "A lower chance raises Russia's expected share from fighting",
          function=lambda **v: contest.solve(**v).p_R, space=SPACE, moved="east_share", direction="rises"),
    Claim(10, "demands that were beyond Ukraine's limit come closer to it", function=_upper, space=SPACE,
          moved="east_share", direction="non-decreasing"),
    Claim(10, "make a large Russian demand more likely to be accepted", function=_upper, space=SPACE,
          moved="east_share", direction="non-decreasing"),
    Claim(10, "A lower $p_U$ raises $p$ and so raises the most that Ukraine would concede", function=_upper,
          space=SPACE, moved="east_share", direction="non-decreasing"),
    Claim(10, "then raise aid and watch the band fall past it", function=_upper, space=SPACE, moved="aid",
          direction="non-increasing"),
    # the paradox-of-power bullet: a higher τ raises m_U and p_U
    Claim(10, "the effect on $p_U$ is partly self-correcting", function=_p_U, space=SPACE, moved="tau",
          direction="rises"),
    # the explorer's first try-this line: the vertical gap p_U(east kept) − p_U(east lost) and the offset τYs
    Claim(10, "The gap between the two curves", function=lambda **v: contest.solve(**v).p_U_drop, space=SPACE,
          moved="east_share", direction="rises"),
    Claim(10, "the distance from circle to diamond, grow with it",
          function=lambda **v: contest.compensating_aid(**v), space=SPACE, moved="east_share", direction="rises"),
    # sentences about the world or the data, not about a model quantity
    _not("Their weight was already falling", "a statement of the World Bank's data on regional GDP shares"),
    _not("the offset rises to", "an extension outside the model (aid worth θ < 1 of own output), stated as the "
         "formula τYs/θ; θ is not a parameter of contest.py, so there is no range to sweep"),
    _not("The east's share was falling before 2014 and fell further after it",
         "a statement of the World Bank's and TRACER's data (evidence rows)"),
    _not("although Europe's rose", "a statement of the Kiel Institute's aid data for 2025 (evidence rows)"),
    _not("The model tests only a narrow version of the second claim",
         "says which claim the model tests (how much aid keeps the chance unchanged), not how a quantity moves"),
    _not("Losing them lowers future output",
         "an argument about the world that the chapter says the one-shot model cannot show"),
    _not("Their loss shrinks the tax base", "an argument about the world (population, taxes, recruits)"),
    _not("what would have to be true for the effect to grow over time",
         "a discussion question about a two-period model the chapter does not have"),
]
CLAIMS += [
    _not("war damage lowers what they now produce", "a statement about the world the model leaves out"),
    _not("finds a region in long decline", "reports a cited study's finding about the Donbas economy"),
]
