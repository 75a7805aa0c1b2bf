"""Comparative-statics register of chapter 13 (see tests/statics/__init__.py)."""
from statics import Claim  # noqa: F401

CLAIMS: list = []
