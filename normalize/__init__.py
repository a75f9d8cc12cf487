"""normalize: repair machine-translated English news.

Public API: :func:`clean`, :func:`clean_and_explain`, :class:`Cleaner`, :class:`Config`, the records
(:class:`Result`, :class:`Edit`, :class:`Finding`, :class:`Candidate`, :func:`apply_edits`) and the
errors. Importing this package loads no glossary, no model and no heavy library.
"""

from .config import Config
from .errors import ConfigError, DocumentError, GlossaryError, InputDecodeError, ModelError, NormalizeError
from .pipeline import Cleaner, clean, clean_and_explain
from .records import Candidate, Edit, Finding, Result, apply_edits, replay

__all__ = [
    "Candidate",
    "Cleaner",
    "Config",
    "ConfigError",
    "DocumentError",
    "Edit",
    "Finding",
    "GlossaryError",
    "InputDecodeError",
    "ModelError",
    "NormalizeError",
    "Result",
    "apply_edits",
    "clean",
    "clean_and_explain",
    "replay",
]
__version__ = "0.1.0"
