"""Comparative-statics register of chapter 6 (see tests/statics/__init__.py)."""
from statics import Claim  # noqa: F401

CLAIMS: list = []
