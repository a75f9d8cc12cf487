"""Helpers shared by the document rules: edits from NFC spans, the kept text of each line."""

from __future__ import annotations

from typing import Iterator

from ..records import Edit
from ._plan import plan_for


def make_edit(doc, start: int, end: int, new: str, rule: str, reason: str, source: str = "",
              confidence: float = 0.9) -> Edit:
    """An Edit for NFC span [start, end) of ``doc``, with offsets and ``old`` in the original text."""
    s, e = doc.span(start, end) if start != end else (doc.orig(start),) * 2
    return Edit(
        start=s,
        end=e,
        old=doc.text[s:e],
        new=new,
        rule=rule,
        source=source or f"rule:{rule}",
        confidence=confidence,
        reason=reason,
        language="und",
        kind="document",
    )


def kept_segments(doc, ctx) -> Iterator[tuple[int, str]]:
    """(NFC offset, text) of every line part that no line rule removes: whole lines without their
    line break, minus boilerplate removed from their end. Inline rules look only here, so their
    edits never overlap the line rules' edits."""
    plan = plan_for(doc, ctx)
    for ln in plan.lines:
        if ln.owner or ln.blank or ln.code:
            continue
        end = ln.tail[0] if ln.tail else ln.start + len(ln.text)
        yield ln.start, doc.nfc[ln.start : end]
