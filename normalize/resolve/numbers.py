"""Propose the news-style rendering of the numbers, dates and money the ``numbers`` detector found
(normalize/detect/numbers.py computed it once per document; this resolver only hands it on).
An expression that cannot be rendered safely ("1,500 tỷ đồng": thousands or decimal?) gets no
candidate and stays reported with both readings in its evidence."""

from __future__ import annotations

from ..detect.numbers import hits_for
from ..records import Candidate
from ..rules import rule


@rule("numbers-resolve", stage="resolve", order=60,
      description="write the numbers, dates and money found by `numbers` in news style (US$3 billion, in October, on June 5)")
def resolve_numbers(findings, doc, ctx):
    hits = None
    out = {}
    for f in findings:
        if f.rule != "numbers":
            continue
        if hits is None:
            hits = hits_for(doc, ctx)
        h = hits.get((f.start, f.end))
        if h is not None and h.replacement:
            out[f] = [Candidate(h.replacement, "rule:numbers", h.confidence, "numbers", h.reason,
                                "date" if h.kind == "date" else "amount")]
    return out
