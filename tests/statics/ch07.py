"""Comparative-statics register of chapter 7 (see tests/statics/__init__.py)."""
from statics import Claim
from territorial_trap_workbook.models import cascade

P = cascade.PARAMS
HALF = cascade.N_ACTORS / 2


def _eq(**v):
    return cascade.equilibrium(mean=v["mean"], sigma=v["sigma"], shift=v["shift"])


def _tipped(**v):
    """1 when the cascade reaches half the population, else 0."""
    return float(_eq(**v) >= HALF)


def _flips(**v):
    """1 when a one-actor drop changes whether the cascade reaches half the population."""
    with_drop = cascade.equilibrium(mean=v["mean"], sigma=v["sigma"], shift=1.0) >= HALF
    without = cascade.equilibrium(mean=v["mean"], sigma=v["sigma"], shift=0.0) >= HALF
    return float(with_drop != without)


def _offset(**v):
    """The count when every threshold is raised by the shift and then lowered by it: the shift cancelled."""
    return cascade.equilibrium(mean=v["mean"] + v["shift"], sigma=v["sigma"], shift=v["shift"])


def _jump_ends(**v):
    """The count just below and just above the tipping spread (no shift), or None where there is no jump."""
    crit = cascade.critical_sigma(mean=v["mean"], shift=0.0)
    if crit is None:
        return None
    return (cascade.equilibrium(mean=v["mean"], sigma=max(crit - 1e-4, 1.0), shift=0.0),
            cascade.equilibrium(mean=v["mean"], sigma=min(crit + 1e-4, 40.0), shift=0.0))


def _jump(**v):
    """How far the count jumps at the tipping spread."""
    ends = _jump_ends(**v)
    return None if ends is None else ends[1] - ends[0]


def _landing(**v):
    """Where the jump lands: the count just above the tipping spread."""
    ends = _jump_ends(**v)
    return None if ends is None else ends[1]


def _not(fragment, why):
    return Claim(7, fragment, kind="not-a-statics-claim", why=why)


CLAIMS: list = [
    # --- the model's own monotonicity -----------------------------------------------------------------------
    Claim(7, "a larger shift can never shrink the cascade", function=_eq, space=P, moved="shift",
          direction="non-decreasing"),
    Claim(7, "a small fall in everyone's threshold turns a handful of imitators into a general breakdown",
          function=_eq, space=P, moved="shift", direction="rises",
          region={"mean": (25.0, 25.0), "sigma": (11.6, 12.2)}),
    Claim(7, "raise the mean threshold to", function=_eq, space=P, moved="mean", direction="non-increasing"),
    # only m − s enters: raising every threshold by s undoes a drop of s exactly
    Claim(7, "cancels the shift exactly", function=_offset, space=P, moved="shift", direction="constant",
          region={"mean": (0.0, 80.0)}),
    Claim(7, "anything that raises every threshold by the same amount", function=_offset, space=P,
          moved="shift", direction="constant", region={"mean": (0.0, 80.0)}),
    Claim(7, "cancels a shift of the same size exactly", function=_offset, space=P, moved="shift",
          direction="constant", region={"mean": (0.0, 80.0)}),
    Claim(7, "the band widens with the size of the drop",
          function=lambda **v: (cascade.critical_sigma(mean=v["mean"], shift=0.0)
                                - cascade.critical_sigma(mean=v["mean"], shift=v["shift"]))
          if cascade.critical_sigma(mean=v["mean"], shift=v["shift"]) is not None else None,
          space=P, moved="shift", direction="non-decreasing", region={"mean": (25.0, 25.0)}),
    Claim(7, "larger one widens it quickly",
          function=lambda **v: (cascade.critical_sigma(mean=v["mean"], shift=0.0)
                                - cascade.critical_sigma(mean=v["mean"], shift=v["shift"]))
          if cascade.critical_sigma(mean=v["mean"], shift=v["shift"]) is not None else None,
          space=P, moved="shift", direction="non-decreasing", region={"mean": (25.0, 25.0)}),
    # --- jumps, and where the count rises smoothly instead -------------------------------------------------
    Claim(7, "the count rises without a break", function=_eq, space=P, moved="sigma", direction="rises",
          region={"mean": (50.0, 50.0), "shift": (0.0, 0.0), "sigma": (1.0, 39.8)}),
    Claim(7, "from a handful to nearly everyone at the chapter's mean of", function=_tipped, space=P,
          moved="sigma", direction="non-decreasing", region={"mean": (25.0, 25.0), "shift": (0.0, 0.0)}),
    # how far the count jumps: near N at the chapter's mean of 25 (100.0), less the nearer the mean is to 50
    # (mean 40: 15.7 -> 99.3; 45: 22.2 -> 95.5; 49: 33.3 -> 81.2); below a mean of about 3.25 there is no jump
    # inside the declared spreads, and at 50 none at all
    Claim(7, "the next crossing is near $N$", function=_landing, space=P, moved="mean",
          direction="non-increasing", region={"mean": (5.0, 49.0), "shift": (0.0, 0.0)}),
    Claim(7, "the nearer the mean lies to the middle, the smaller the jump", function=_jump, space=P,
          moved="mean", direction="falls", region={"mean": (5.0, 49.0), "shift": (0.0, 0.0)}),
    Claim(7, "by less the nearer the mean lies to the middle", function=_jump, space=P, moved="mean",
          direction="falls", region={"mean": (5.0, 49.0), "shift": (0.0, 0.0)}),
    Claim(7, "the grey curve's lower bend lifts off the diagonal", function=_tipped, space=P, moved="sigma",
          direction="non-decreasing", region={"mean": (25.0, 25.0), "shift": (0.0, 0.0)}),
    # --- the band where one recognised annexation matters (mean 25): below 11.58 and above 12.22 it does not
    Claim(7, "a one-actor drop changes the outcome only for spreads between", function=_flips, space=P,
          moved="sigma", direction="constant", region={"mean": (25.0, 25.0), "sigma": (12.3, 40.0)}),
    Claim(7, "Below it the box stays shut with or without recognition", function=_flips, space=P,
          moved="sigma", direction="constant", region={"mean": (25.0, 25.0), "sigma": (1.0, 11.5)}),
    Claim(7, "above it the box was open already", function=_flips, space=P,
          moved="sigma", direction="constant", region={"mean": (25.0, 25.0), "sigma": (12.3, 40.0)}),
    Claim(7, "away from it, recognising one annexation changes little", function=_flips, space=P,
          moved="sigma", direction="constant", region={"mean": (25.0, 25.0), "sigma": (1.0, 11.5)}),
    Claim(7, "away from it, the same fall changes the count very little", function=_flips, space=P,
          moved="sigma", direction="constant", region={"mean": (25.0, 25.0), "sigma": (12.3, 40.0)}),
    # at the default spread the cascade stays below half until the drop passes critical_shift (≈ 3.55)
    Claim(7, "The cascade tips only once thresholds fall by", function=_tipped, space=P, moved="shift",
          direction="constant", region={"mean": (25.0, 25.0), "sigma": (10.0, 10.0), "shift": (0.0, 3.5)}),
    Claim(7, "a larger drop is needed for the same effect",
          function=lambda **v: cascade.critical_shift(mean=v["mean"], sigma=v["sigma"]), space=P,
          moved="mean", direction="non-decreasing"),
    Claim(7, "it moves it to a less varied population",
          function=lambda **v: cascade.critical_sigma(mean=v["mean"], shift=v["shift"]), space=P,
          moved="shift", direction="non-increasing"),
    # --- sentences the detector flags that claim no movement of a model quantity -----------------------------
    _not("work out how large that fall must be before it matters",
         "a learning objective (defines the shift as a fall in thresholds)"),
    _not("have to lower other states' reluctance for the box to open", "a question the chapter asks"),
    _not("The right-hand side never falls as", "a property of the counting rule itself (a count of thresholds "
         "at most r cannot fall as r rises); the climbing path is tested in test_model_cascade.py"),
    _not("Because $F$ is increasing, the sequence again climbs", "a property of the normal distribution "
         "function; the climbing iteration is tested in test_model_cascade.py"),
    _not("Recognition as a lower threshold", "a section heading"),
    _not("as lowering every threshold by a *shift*", "the definition of the shift parameter"),
    _not("raising the threshold-1 actor to 2 gives", "Granovetter's worked example (uniform_example with "
         "second = 2), re-derived in test_model_cascade.py"),
    _not("lower every threshold by the default shift of", "an instruction in a worked example"),
    _not("an assumption, not a result", "an interpretation of what the "
         "shift stands for (the model has no separate de facto / de jure parameter)"),
    _not("A drop of exactly one actor has a natural reading", "an identity of the normal map (F with mean m - 1 "
         "at r equals F with mean m at r + 1), not a claim about how the count moves"),
    _not("may *raise* thresholds", "a statement about the world, outside the model (what the model leaves out)"),
    _not("Would a ceasefire line without recognition lower thresholds?", "a discussion question"),
    _not("why does the final count usually jump as", "a check-your-understanding question"),
    _not("As a fall of every threshold by the shift", "the definition of the shift parameter"),
    _not("Raise the average threshold.", "an instruction to the reader (the claim it leads to, that a larger "
         "drop is then needed, is registered above)"),
    _not("Compare the red and grey lines as the threshold drop grows.", "an instruction to the reader (the "
         "claim it leads to is registered above)"),
    _not("How many states end up acting as the spread of", "a figure title naming its axes"),
]
