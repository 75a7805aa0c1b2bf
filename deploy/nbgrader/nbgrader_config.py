"""nbgrader course configuration for the workbook's solution notebooks.

Copy this file into the course directory (beside ``source/``), or paste its last two lines into your own
``nbgrader_config.py``. ``nbgrader generate_assignment`` then drops the marking rubrics (cells tagged
``rubric`` or ``solution-only``) from the student version, which nbgrader alone would release, and refuses
a solution notebook with a mistyped solution marker instead of releasing the solution.
Needs the workbook package installed where nbgrader runs (``pip install territorial-trap-workbook``).
"""
from territorial_trap_workbook.exercises.nbgrader_rubric import configure

configure(get_config())  # noqa: F821 -- traitlets provides get_config() to configuration files
