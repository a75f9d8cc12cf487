"""Line-level document rules: whole lines that a page printed twice or that belong to the site,
not the article. All four read one shared plan (``_plan.py``) so their edits never overlap."""

from __future__ import annotations

from typing import Iterable

from ..records import Edit
from ..rules import rule
from ._common import make_edit
from ._plan import plan_for


def _line_edits(doc, ctx, name: str) -> Iterable[Edit]:
    """One edit per run of adjacent lines removed by ``name`` for the same reason (a line's
    removal takes its line break along)."""
    plan = plan_for(doc, ctx)
    run = []
    for ln in [*plan.lines, None]:
        if ln is not None and ln.owner == name and (
            not run or (ln.reason, ln.source) == (run[0].reason, run[0].source)
        ):
            run.append(ln)
            continue
        if run:
            head = run[0]
            yield make_edit(doc, head.start, run[-1].end, "", name, head.reason, head.source, head.confidence)
            run = []
        if ln is not None and ln.owner == name:
            run = [ln]


@rule(
    "duplicate-body",
    stage="document",
    description="remove a second copy of the article body (a long run of repeated lines)",
    order=10,
)
def duplicate_body(doc, ctx) -> Iterable[Edit]:
    return list(_line_edits(doc, ctx, "duplicate-body"))


@rule(
    "repeated-title",
    stage="document",
    description="remove the title repeated mid-text (keep_title: keep it once at the top)",
    order=11,
)
def repeated_title(doc, ctx) -> Iterable[Edit]:
    return list(_line_edits(doc, ctx, "repeated-title"))


@rule(
    "duplicate-paragraph",
    stage="document",
    description="remove a paragraph, a short passage or a byline repeated elsewhere in the text",
    order=12,
)
def duplicate_paragraph(doc, ctx) -> Iterable[Edit]:
    return list(_line_edits(doc, ctx, "duplicate-paragraph"))


@rule(
    "boilerplate",
    stage="document",
    description="remove site boilerplate (disclaimers, 'View Original', handles, share buttons) "
    "matched by glossaries/boilerplate/ patterns",
    order=13,
)
def boilerplate(doc, ctx) -> Iterable[Edit]:
    edits = list(_line_edits(doc, ctx, "boilerplate"))
    for ln in plan_for(doc, ctx).lines:
        if ln.tail and not ln.owner:
            start, reason, source, conf = ln.tail
            edits.append(make_edit(doc, start, ln.start + len(ln.text), "", "boilerplate", reason, source, conf))
    return sorted(edits, key=lambda e: e.start)
