"""Translation-model backend for leftovers no glossary or rule resolves (models/README.md).

Importing this package is cheap: discovery reads JSON files, guards and alignment are pure Python;
transformers and torch are imported only when a :class:`Translator` is first used.
"""

from .backend import Output, Stats, Translator
from .context import Window, align, build_window, window_for
from .discovery import README_INSTALL, ModelInfo, discover, missing_message, read_info, route
from .guards import check

__all__ = [
    "README_INSTALL", "ModelInfo", "Output", "Stats", "Translator", "Window", "align", "build_window",
    "check", "discover", "missing_message", "read_info", "route", "window_for",
]
