"""Document rules: repairs of the page rather than of single words.

Real machine-translated pages carry the body printed twice, site boilerplate, garbled brackets,
glued tokens and words printed twice. Each defect is one named rule (stage ``document``) that
returns :class:`~normalize.records.Edit` records with original-text offsets; see
``docs/architecture.md``. The line rules share one plan (``_plan.py``) so their edits never
overlap; the inline rules work only on what the line rules keep.
"""

from . import inline_rules, lines  # noqa: F401  (importing registers the rules)
