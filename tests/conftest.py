"""Test-wide settings.

Hypothesis runs derandomised: the same examples on every run and every machine, so a clean clone in CI
sees exactly what the last local run saw (set HYPOTHESIS_PROFILE=explore for fresh random examples while
developing). No deadline: a loaded 2-core CI machine must not turn slow examples into failures.
"""
import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", derandomize=True, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("explore", deadline=None, max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
