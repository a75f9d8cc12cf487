"""Immutable records that flow one way through the pipeline.

detectors -> :class:`Finding` -> resolvers -> :class:`Candidate` -> rewriter -> :class:`Edit` -> reporters.

Every offset is a code-point offset into the text exactly as it was read (before any Unicode
normalisation), so a report can be checked against the input with plain slicing, and
:func:`apply_edits` on the input reproduces the output (the explanation cannot drift from the
behaviour: the output *is* the replay of the edits).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True, slots=True)
class Finding:
    """Something in the text that does not look like finished English.

    ``kind`` says what was found (``script``, ``vietnamese``, ``name``, ``latin``, ``document``);
    ``rule`` names the detector that found it (the same name as its config switch);
    ``language`` is a BCP-47 code or ``"und"``; ``evidence`` says why, for a human.
    """

    start: int
    end: int
    text: str
    kind: str
    rule: str
    language: str = "und"
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposed replacement for a finding: what, from where, how sure."""

    replacement: str
    source: str  # e.g. "glossaries/places/vi-en.countries.tsv:42", "rule:sinoviet-pinyin", "model:opus-mt-vi-en"
    confidence: float
    rule: str
    reason: str = ""
    #: What the replacement denotes (person, place, country, org, title, word, label, phrase);
    #: the rewriter uses it for grammar (articles, possessives).
    entity: str = ""
    #: The form the replacement takes as a modifier ("Japanese" for Japan), from the entry.
    adjective: str = ""


@dataclass(frozen=True, slots=True)
class Edit:
    """A change the rewriter made: replace ``text[start:end]`` (== ``old``) with ``new``."""

    start: int
    end: int
    old: str
    new: str
    rule: str
    source: str
    confidence: float
    reason: str = ""
    language: str = "und"
    kind: str = ""
    #: Edits of an earlier pass this one took in (a document rule composed over leftover fixes,
    #: pipeline.compose); it depends on them, and skipping it brings them back (normalize.decisions).
    absorbed: tuple["Edit", ...] = ()


@dataclass(frozen=True, slots=True)
class Result:
    """What :func:`normalize.clean_and_explain` returns.

    ``edits`` are the changes applied (sorted, non-overlapping); ``unresolved`` are findings that
    were reported but left in the text because nothing proposed a confident replacement.
    """

    input: str
    output: str
    edits: tuple[Edit, ...] = ()
    unresolved: tuple[Finding, ...] = ()
    #: (language, count) of unresolved leftovers that no installed model serves: one summary
    #: hint for a run instead of the same note on every finding (resolve/model.py: hint()).
    model_wanted: tuple[tuple[str, int], ...] = ()

    @property
    def changed(self) -> bool:
        return self.output != self.input

    @property
    def clean(self) -> bool:
        """True when nothing was found at all (``check`` exits 0)."""
        return not self.edits and not self.unresolved

    def items(self) -> list[dict]:
        """Edits and unresolved findings as one list of report items, in text order.

        This is the JSON contract documented in README.md ("JSON output"): ``replacement`` is
        ``None`` for an unresolved finding.
        """
        out = []
        for e in self.edits:
            out.append(
                {
                    "start": e.start,
                    "end": e.end,
                    "text": e.old,
                    "replacement": e.new,
                    "rule": e.rule,
                    "source": e.source,
                    "confidence": round(e.confidence, 3),
                    "language": e.language,
                    "kind": e.kind,
                    "reason": e.reason,
                }
            )
        for f in self.unresolved:
            out.append(
                {
                    "start": f.start,
                    "end": f.end,
                    "text": f.text,
                    "replacement": None,
                    "rule": f.rule,
                    "source": None,
                    "confidence": None,
                    "language": f.language,
                    "kind": f.kind,
                    "reason": f.evidence,
                }
            )
        out.sort(key=lambda d: (d["start"], d["end"]))
        return out


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits to ``text``; raise ``ValueError`` if one does not fit."""
    parts: list[str] = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < pos or e.end > len(text) or e.start > e.end:
            raise ValueError(f"edit {e.start}:{e.end} overlaps or is out of bounds")
        if text[e.start : e.end] != e.old:
            raise ValueError(f"edit {e.start}:{e.end} expects {e.old!r}, text has {text[e.start:e.end]!r}")
        parts.append(text[pos : e.start])
        parts.append(e.new)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


def replay(result: Result) -> str:
    """Rebuild the output from the input and the recorded edits."""
    return apply_edits(result.input, result.edits)


def spans_overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Do spans [a_start, a_end) and [b_start, b_end) conflict as edits? (What ``apply_edits``
    refuses: an insertion conflicts with a span strictly around it or an insertion at its point;
    touching spans do not conflict.)"""
    if a_start == a_end:  # an insertion conflicts only with a span strictly around it
        return b_start < a_start < b_end or (b_start == b_end == a_start)
    if b_start == b_end:
        return a_start < b_start < a_end
    return a_start < b_end and b_start < a_end


class Intervals:
    """Sorted, disjoint spans with an overlap test in O(log n) (keeps big documents linear-ish)."""

    def __init__(self, spans=()):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for s, e in spans:
            self.add(s, e)

    def overlaps(self, s: int, e: int) -> bool:
        k = bisect_left(self.starts, s)
        for j in (k - 1, k, k + 1):
            if 0 <= j < len(self.starts) and spans_overlap(s, e, self.starts[j], self.ends[j]):
                return True
        return False

    def add(self, s: int, e: int) -> None:
        k = bisect_left(self.starts, s)
        self.starts.insert(k, s)
        self.ends.insert(k, e)
