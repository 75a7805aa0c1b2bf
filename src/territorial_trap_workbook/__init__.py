"""Territorial-trap workbook: cited teaching models, their figures and explorers, exercises and data."""
__version__ = "0.1.0"
