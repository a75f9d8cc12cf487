"""CriticMarkup (criticmarkup.com): the document with every proposed change marked in place.

``{~~old~>new~~}`` a replacement, ``{--old--}`` a removal, ``{++new++}`` an insertion, each
followed by ``{>>id rule: reason<<}``; a flag is ``{==text==}{>>id rule: reason<<}``. Any
editor that reads CriticMarkup lets a person accept or reject each one; :func:`accept_all`
gives exactly what ``fix`` writes and :func:`reject_all` gives the input back.

Text that itself contains CriticMarkup delimiters cannot be marked unambiguously (the syntax
has no escape): :func:`render_critic` raises ValueError for such a document rather than
write markup that does not round-trip (CriticMarkupError). Comments have their delimiters defused.
"""

from __future__ import annotations

import re

from ..errors import NormalizeError
from ..records import Result
from .ids import Item, annotate
from .text import short_reason

_DELIMS = ("{~~", "~>", "~~}", "{--", "--}", "{++", "++}", "{==", "==}", "{>>", "<<}")
_MARK = re.compile(r"\{~~(.*?)~>(.*?)~~\}|\{--(.*?)--\}|\{\+\+(.*?)\+\+\}|\{==(.*?)==\}|\{>>(.*?)<<\}", re.S)


class CriticMarkupError(NormalizeError, ValueError):
    """The text holds CriticMarkup delimiters of its own."""


def _comment(item: Item) -> str:
    text = f"{item.id} {item.rule}: {short_reason(item.reason, 100)}"
    if item.source:
        text += f" ({item.source}, {item.confidence:.2f})"
    for d in _DELIMS:  # "<<}" in a reason would close the comment early
        text = text.replace(d, d[0] + "\N{ZERO WIDTH SPACE}" + d[1:])
    return "{>>" + text + "<<}"


def _marked(item: Item) -> str:
    old, new = item.text, item.replacement
    if new is None:
        return "{==" + old + "==}"
    if old and new:
        return "{~~" + old + "~>" + new + "~~}"
    return "{--" + old + "--}" if old else "{++" + new + "++}"


def render_critic(result: Result, items: list[Item] | None = None) -> str:
    items = annotate(result) if items is None else items
    for d in _DELIMS:
        if d in result.input or any(d in (i.replacement or "") for i in items):
            raise CriticMarkupError(f"the text contains the CriticMarkup delimiter {d!r}: it cannot be marked up unambiguously")
    out, pos = [], 0
    for it in items:  # sorted, non-overlapping (flags never overlap edits)
        out.append(result.input[pos : it.start])
        out.append(_marked(it) + _comment(it))
        pos = it.end
    out.append(result.input[pos:])
    return "".join(out)


def accept_all(marked: str) -> str:
    """Every change accepted, highlights and comments dropped."""
    def sub(m: re.Match) -> str:
        if m.group(1) is not None:
            return m.group(2)
        if m.group(3) is not None:
            return ""
        if m.group(4) is not None:
            return m.group(4)
        if m.group(5) is not None:
            return m.group(5)
        return ""
    return _MARK.sub(sub, marked)


def reject_all(marked: str) -> str:
    """Every change rejected: the original text."""
    def sub(m: re.Match) -> str:
        if m.group(1) is not None:
            return m.group(1)
        if m.group(3) is not None:
            return m.group(3)
        if m.group(4) is not None:
            return ""
        if m.group(5) is not None:
            return m.group(5)
        return ""
    return _MARK.sub(sub, marked)
