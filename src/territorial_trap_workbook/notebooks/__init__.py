"""Executing the committed notebooks deterministically."""
