"""Comparative-statics register of chapter 13 (see tests/statics/__init__.py).

Model: ``capstone`` (the chain). The issue-11 sentence "the double edge of aid" is now stated with its condition:
away from the corners Ukraine's limit moves by 1 − λ_U per unit of p and Russia's floor by (1 − λ_R)/(1 + a), so
more aid (a lower p) widens the distance r_R − r_U exactly where (1 − λ_U)(1 + a) > 1 − λ_R and narrows it where
the inequality is reversed. The functions below return None outside the region a sentence names (that point is
skipped), and the interior (p + c_U < 1, p − c_R + a > 0) is required so that neither wall is clipped.
"""
from statics import Claim
from territorial_trap_workbook.models import capstone

C = capstone.PARAMS
MARGIN = 1e-9
FADING = {"aid": (1.0, 60.0), "aid_fatigue": (0.002, 0.1), "months": (1.0, 48.0)}  # aid that can fade


def _interior(v, s):
    return s.p + v["c_U"] < 1 - MARGIN and s.p - v["c_R"] + v["a"] > MARGIN


def _ukraine_wall_faster(v):
    return (1 - v["rigidity_U"]) * (1 + v["a"]) > 1 - v["rigidity_R"] + MARGIN


def _russia_wall_faster(v):
    return (1 - v["rigidity_U"]) * (1 + v["a"]) < 1 - v["rigidity_R"] - MARGIN


_SOLVED: dict = {}


def solve(**v):
    """``capstone.solve``, each parameter point solved once per session: the claims below check the same grid
    points through different outputs (25 checks, 49,500 solves before; the chain simulates a war for each)."""
    key = tuple(sorted(v.items()))
    if key not in _SOLVED:
        _SOLVED[key] = capstone.solve(**v)
    return _SOLVED[key]


def p_share(**v):
    return solve(**v).p


def aid_now(**v):
    return solve(**v).aid_now


def limit_U(**v):
    return solve(**v).r_U


def width(**v):
    return solve(**v).gap


def distance_where_ukraine_wall_faster(**v):
    """r_R − r_U (how far apart the walls are) where Ukraine's wall moves faster with p; None elsewhere."""
    s = solve(**v)
    return s.r_R - s.r_U if _ukraine_wall_faster(v) and _interior(v, s) else None


def distance_where_russia_wall_faster(**v):
    s = solve(**v)
    return s.r_R - s.r_U if _russia_wall_faster(v) and _interior(v, s) else None


def floor_with_audience(**v):
    return capstone.audience_floor(v["p"], v["c_R"], v["a"])


def _aid_widens(fragment):
    return Claim(13, fragment, function=distance_where_ukraine_wall_faster, space=C, moved="aid",
                 direction="rises")


def _fatigue_narrows(fragment):
    return Claim(13, fragment, function=distance_where_ukraine_wall_faster, space=C, moved="aid_fatigue",
                 direction="falls", region=FADING)


def _share_falls_with_aid(fragment):
    return Claim(13, fragment, function=p_share, space=C, moved="aid", direction="falls")


def _share_rises_with_fatigue(fragment):
    return Claim(13, fragment, function=p_share, space=C, moved="aid_fatigue", direction="rises", region=FADING)


def _not(fragment, why):
    return Claim(13, fragment, kind="not-a-statics-claim", why=why)


CLAIMS: list = [
    # --- the chain's steps
    Claim(13, "Western aid starts at $A$ and shrinks by a share $g$ each month", function=aid_now, space=C,
          moved="months", direction="falls", region=FADING),
    Claim(13, "which raises Russia's floor to", function=floor_with_audience, space=capstone._FLOOR, moved="a",
          direction="rises", region={"p": (0.0, 0.99)}),  # p < 1 in the chain (the contest keeps it inside)
    Claim(13, "lowers Ukraine's limit to", function=limit_U, space=C, moved="rigidity_U", direction="falls"),
    Claim(13, "Ukraine's constitution narrows the range just as Russia's does", function=width, space=C,
          moved="rigidity_U", direction="falls"),
    Claim(13, "Ukraine's constitution narrows the range just as Russia's does", function=width, space=C,
          moved="rigidity_R", direction="falls"),
    # --- aid and p
    _share_falls_with_aid("With no aid at all, Russia's expected share rises to"),
    _share_falls_with_aid("Russia's share falls to"),
    _share_rises_with_fatigue("Russia's share rises to"),
    Claim(13, "until Ukraine's limit rises to meet Russia's floor", function=limit_U, space=C, moved="months",
          direction="non-decreasing", region=FADING),
    # --- the double edge, with its condition
    _aid_widens("more aid can widen the gap between the two sides' limits"),
    _aid_widens("but the gap *widens* to"),
    _aid_widens("When aid lowers $p$, the faster wall falls away from the slower one"),
    _aid_widens("In the model more $A$ improves Ukraine's terms but, at the defaults, widens the gap"),
    _aid_widens("Example 4 finds that, at the defaults, more aid widens the gap"),
    Claim(13, "the order reverses: Ukraine's limit is the slower wall", function=distance_where_russia_wall_faster,
          space=C, moved="aid", direction="falls"),
    _fatigue_narrows("Ending aid fatigue does not open a range; it widens the gap"),
    Claim(13, "With the default laws the gap narrows slowly as aid fades",
          function=distance_where_ukraine_wall_faster, space=C, moved="months", direction="falls", region=FADING),
    # --- sentences with no model quantity that moves
    _not("Kyiv will not give up its long-term prospects", "paraphrase of the article's closing picture"),
    _not("it is one simple way to shrink a win-set", "describes the construction, not a movement"),
    _not("each commitment would have to shrink by roughly a third",
         "summarises the glued single-parameter thresholds computed by bisection in the page"),
    _not("so the higher value is not better evidence but this chapter's **assumption**",
         "states where a default comes from (chapter 8's value vs this chapter's), not a movement"),
    _not("But at the defaults the deadlock needs this chapter's raised audience cost",
         "a level comparison with the glued edge of a (capstone.deadlock_edge), computed in the page"),
    _not("Nor can it test the claim that Moscow will not accept",
         "names the article's claim (open-ended aims) that the chain cannot represent, not a model movement"),
    _not("The aid rows show total military allocations in 2025 below their 2022–24 average",
         "a data statement (evidence table)"),
    _not("the range has width {glue:text}`ch13_lawU_width:.3f` and the chance of war falls to",
         "compares two glued scenarios (the defaults and one lever moved), both computed"),
    _not("This is the mechanism the article attributes to Moscow's strategy",
         "names the article's claim; the model's side is registered under 'until Ukraine's limit rises'"),
    _not("which prices only that full climb-down", "attributes the cost form (Fearon's vs the book's extension)"),
    _not("and European aid rose in 2025", "a data statement (evidence table)"),
    _not("The compounded floor is never lower",
         "compares two floors at the same parameters (r_R ≥ max(L_a, legal floor)); a level comparison checked over "
         "the declared box by test_model_capstone.test_russias_demand_never_below_its_ratifiable_floor"),
    _not("in the model, a way to lower $a$ and the effective", "names a policy route, not a model result"),
]
