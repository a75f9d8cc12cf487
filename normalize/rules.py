"""The rule registry: every detector, resolver and document rule has one name.

The name is the rule id in an Edit, the key in ``Config.disabled_rules`` / ``enabled_rules`` and
the stem of the CLI switch (``--no-rule NAME`` / ``--rule NAME``), and ``normalize rules`` lists them.

Stages, in pipeline order:

- ``document``: ``fn(doc, ctx) -> Iterable[Edit]`` — whole-document repairs (duplicates, boilerplate).
- ``detect``: ``fn(doc, ctx) -> Iterable[Finding]`` — leftovers to resolve.
- ``resolve``: ``fn(findings, doc, ctx) -> Mapping[Finding, Sequence[Candidate]]`` — proposals for
  the findings that earlier resolvers left without a confident candidate; run in ``order``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable

from .errors import ConfigError


@dataclass(frozen=True)
class Rule:
    name: str
    stage: str
    func: Callable
    description: str
    default: bool = True
    order: int = 100


_REGISTRY: dict[str, Rule] = {}

# Detectors whose findings are whole tokens judged by a policy (a hashtag, a leaked duplicate, a
# site byline): their findings outrank glossary findings on the same text, and only the policy
# resolver acts on them ("Россия Russia" is a leak to remove, not a name to translate twice).
WHOLE_TOKEN_RULES = frozenset({"script-hashtag", "script-leak", "script-boilerplate", "numbers", "language"})

# Modules that define rules, imported on first use of the registry (not at package import).
_MODULES = (
    "normalize.document_rules",
    "normalize.detect.scripts",
    "normalize.detect.vietnamese",
    "normalize.detect.glossary_scan",
    "normalize.detect.latin",
    "normalize.detect.policies",
    "normalize.detect.numbers",
    "normalize.detect.language",
    "normalize.resolve.glossary",
    "normalize.resolve.policies",
    "normalize.resolve.numbers",
    "normalize.resolve.names",
    "normalize.resolve.dictionary",
    "normalize.resolve.model",
)
_loaded = False


def rule(name: str, stage: str, description: str, default: bool = True, order: int = 100):
    """Decorator registering ``func`` as rule ``name``."""
    if stage not in ("document", "detect", "resolve"):
        raise ValueError(f"unknown stage {stage!r}")

    def deco(func):
        if name in _REGISTRY and _REGISTRY[name].func is not func:
            raise ValueError(f"rule {name!r} registered twice")
        _REGISTRY[name] = Rule(name, stage, func, description, default, order)
        return func

    return deco


def _load() -> None:
    global _loaded
    if _loaded:
        return
    for mod in _MODULES:
        importlib.import_module(mod)
    _loaded = True


def all_rules() -> list[Rule]:
    _load()
    return sorted(_REGISTRY.values(), key=lambda r: (("document", "detect", "resolve").index(r.stage), r.order, r.name))


def active(stage: str, config) -> list[Rule]:
    return [r for r in all_rules() if r.stage == stage and config.rule_on(r.name, r.default)]


def check_names(names) -> None:
    known = {r.name for r in all_rules()}
    unknown = sorted(set(names) - known)
    if unknown:
        raise ConfigError(
            f"unknown rule name(s): {', '.join(unknown)} (see `normalize rules` for the list)"
        )
