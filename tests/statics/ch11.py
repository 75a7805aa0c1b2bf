"""Comparative-statics register of chapter 11 (see tests/statics/__init__.py)."""
from statics import Claim
from territorial_trap_workbook.models import rival_track

g_star = lambda **v: rival_track.binding_threshold(**v)  # noqa: E731

CLAIMS: list = [
    Claim(11, "The threshold falls when the rival track is worth more",
          function=g_star, space=rival_track.PARAMS, moved="v_G", direction="falls"),
    Claim(11, "when leaving costs less ($k$ down)",
          function=g_star, space=rival_track.PARAMS, moved="k", direction="rises"),
    # Issue 11: "lowering p − c_R lowers the threshold" is known false (left for the chapter's helper to fix).
    Claim(11, "when Russia's prospects on the battlefield are poor ($p - c_R$ down)",
          function=g_star, space=rival_track.PARAMS, moved="p", direction="rises"),
    Claim(11, "when Russia's prospects on the battlefield are poor ($p - c_R$ down)",
          function=g_star, space=rival_track.PARAMS, moved="c_R", direction="falls"),
]
