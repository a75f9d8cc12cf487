"""The one configuration object. Every field has a default that is safe for correct English."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path


@dataclass(frozen=True)
class Config:
    #: Load the glossaries shipped with the package. Off: only ``glossaries`` below and rules apply.
    builtin_glossary: bool = True
    #: Extra glossary files (user files override shipped entries with the same source form).
    glossaries: tuple[Path, ...] = ()
    #: Below this confidence a candidate is not applied: the finding is reported, the text left alone.
    #: Higher = fewer edits, more reports. 0.5 keeps rule-based name reconstruction in play while
    #: rejecting guesses made without context.
    min_confidence: float = 0.5
    #: Rules switched off by name (see ``normalize rules``). Unknown names raise ConfigError.
    disabled_rules: frozenset[str] = frozenset()
    #: Rules that are off by default and switched on by name (opt-in styles).
    enabled_rules: frozenset[str] = frozenset()
    #: A local translation model directory (``--model``); None = no model unless found in ``models_dir``.
    model: Path | None = None
    #: Where models are discovered by language pair (``<models_dir>/<src>-en/``). None = no discovery.
    models_dir: Path | None = None
    #: torch device for the model backend ("cpu", "cuda", "cuda:0", ...).
    device: str = "cpu"
    #: Keep the article title at the top when removing a repeated title (document rule).
    keep_title: bool = True
    #: Extra boilerplate pattern files (glossaries/boilerplate/README.md format) for the
    #: `boilerplate` rule, used beside the shipped ones.
    boilerplate: tuple[Path, ...] = ()

    def with_(self, **changes) -> "Config":
        return replace(self, **changes)

    def rule_on(self, name: str, default: bool = True) -> bool:
        if name in self.disabled_rules:
            return False
        if name in self.enabled_rules:
            return True
        return default
