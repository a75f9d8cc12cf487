"""The inline document rules as registered rules: each applies its line fixes (``inline.py``) to
every line part that no line rule removes, with the fixes the line plan already computed."""

from __future__ import annotations

from typing import Iterable

from ..records import Edit
from ..rules import rule
from ._common import kept_segments, make_edit
from ._plan import plan_for
from .inline import LINE_RULES, fixes_for


def _edits(doc, ctx, name: str) -> list[Edit]:
    active = frozenset(n for n, _ in LINE_RULES if ctx.config.rule_on(n, True))
    cache = plan_for(doc, ctx).fix_cache
    return [
        make_edit(doc, off + s, off + e, new, name, reason, confidence=conf)
        for off, text in kept_segments(doc, ctx)
        for s, e, new, reason, conf in fixes_for(name, text, active, cache)
    ]


@rule(
    "garbled-parentheses",
    stage="document",
    description="repair parentheses garbled by MT: '( and X )' unwrapped, empty '( )' and stray "
    "padded brackets removed, '( X )' tightened",
    order=20,
)
def garbled_parentheses(doc, ctx) -> Iterable[Edit]:
    return _edits(doc, ctx, "garbled-parentheses")


@rule(
    "glued-tokens",
    stage="document",
    description="separate tokens glued together by scraping: 'CNNMr. Ly' -> 'CNN. Mr. Ly', "
    "a name printed twice without a space, a word glued to a date",
    order=21,
)
def glued_tokens(doc, ctx) -> Iterable[Edit]:
    return _edits(doc, ctx, "glued-tokens")


@rule(
    "immediate-repetition",
    stage="document",
    description="remove words, phrases, list items or sentences printed twice in a row "
    "('the parade and parade', 'the the'); idioms such as 'again and again' stay",
    order=22,
)
def immediate_repetition(doc, ctx) -> Iterable[Edit]:
    return _edits(doc, ctx, "immediate-repetition")
