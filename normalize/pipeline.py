"""The one code path: document rules, detectors, resolvers, rewriter (docs/architecture.md)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import cached_property
from typing import Iterable

from . import rules
from .config import Config
from .document import Document
from .errors import ConfigError
from .records import Candidate, Edit, Finding, Result, apply_edits
from .rewrite import build_edits


class Context:
    """What rules share: the config, the glossary set (loaded on first use), caches.

    ``cache`` lives as long as the Cleaner (models, compiled tables); ``per_doc`` is emptied for
    every document.
    """

    def __init__(self, config: Config):
        self.config = config
        self.cache: dict = {}
        self.per_doc: dict = {}
        self.notes: dict[Finding, list[str]] = {}

    @cached_property
    def glossary(self):
        from .glossary import GlossarySet

        return GlossarySet.from_config(self.config)

    def note(self, finding: Finding, message: str) -> None:
        """Attach a message to a finding (shown if it stays unresolved), e.g. a missing model."""
        self.notes.setdefault(finding, []).append(message)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    if a_start == a_end:  # an insertion conflicts only with a span strictly around it
        return b_start < a_start < b_end or (b_start == b_end == a_start)
    if b_start == b_end:
        return a_start < b_start < a_end
    return a_start < b_end and b_start < a_end


class _Intervals:
    """Sorted, disjoint spans with an overlap test in O(log n) (keeps big documents linear-ish)."""

    def __init__(self, spans=()):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for s, e in spans:
            self.add(s, e)

    def overlaps(self, s: int, e: int) -> bool:
        k = bisect_left(self.starts, s)
        for j in (k - 1, k, k + 1):
            if 0 <= j < len(self.starts) and _overlaps(s, e, self.starts[j], self.ends[j]):
                return True
        return False

    def add(self, s: int, e: int) -> None:
        k = bisect_left(self.starts, s)
        self.starts.insert(k, s)
        self.ends.insert(k, e)


def _non_overlapping(edits: Iterable[Edit]) -> list[Edit]:
    """Keep edits in the order given, dropping any that overlap one already kept."""
    kept: list[Edit] = []
    taken = _Intervals()
    for e in edits:
        if not taken.overlaps(e.start, e.end):
            kept.append(e)
            taken.add(e.start, e.end)
    return sorted(kept, key=lambda e: (e.start, e.end))


_MAX_DOCUMENT_ROUNDS = 4


def _pieces(f: Finding, holes: list[tuple[int, int]]) -> list[Finding]:
    """The parts of ``f`` outside ``holes`` (glossary spans), trimmed, that still hold letters."""
    out = []
    pos = f.start
    k = bisect_left(holes, (f.start, f.start))
    k = max(k - 1, 0)
    bounds = []
    while k < len(holes) and holes[k][0] < f.end:
        if f.start < holes[k][1]:
            bounds.append(holes[k])
        k += 1
    bounds.append((f.end, f.end))
    for s, e in sorted(bounds):
        if s > pos:
            seg = f.text[pos - f.start : s - f.start]
            m_lead = re.match(r"[\W_]*", seg)
            lead = m_lead.end() if m_lead else 0
            core = seg[lead:]
            core_strip = re.sub(r"[\W_]+$", "", core)
            if any(c.isalpha() for c in core_strip):
                ps = pos + lead
                words = re.findall(r"[^\W\d_]+", core_strip)
                kind = f.kind
                if kind in ("name", "vietnamese"):
                    kind = "name" if words and all(w[0].isupper() for w in words) else "vietnamese"
                out.append(replace(f, start=ps, end=ps + len(core_strip), text=core_strip, kind=kind))
        pos = max(pos, e)
    return out


def merge_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Whole-token policy findings first; then glossary findings keep their exact spans and cut
    other findings around them; among the rest, the longer span wins."""
    findings = list(findings)
    whole = _Intervals((f.start, f.end) for f in findings if f.rule in rules.WHOLE_TOKEN_RULES)
    findings = [f for f in findings if f.rule in rules.WHOLE_TOKEN_RULES or f.rule != "glossary"
                or not whole.overlaps(f.start, f.end)]
    glossary = [f for f in findings if f.rule == "glossary"]
    holes = sorted((f.start, f.end) for f in glossary)
    rest: list[Finding] = []
    for f in findings:
        if f.rule != "glossary":
            rest.extend(_pieces(f, holes) if holes else [f])
    rest.sort(key=lambda f: (-(f.end - f.start), f.start))
    kept = list(glossary)
    taken = _Intervals((f.start, f.end) for f in glossary)
    for f in rest:
        if not taken.overlaps(f.start, f.end):
            kept.append(f)
            taken.add(f.start, f.end)
    return sorted(kept, key=lambda f: (f.start, f.end))


def compose(text: str, first: list[Edit], second: list[Edit]) -> list[Edit]:
    """Express edits ``second`` (made on ``apply_edits(text, first)``) on the offsets of ``text``.

    An edit of ``second`` that touches an edit of ``first`` absorbs it: the composed edit spans
    both, its ``new`` text is what the two together produce, and its reason names what it
    absorbed, so replaying the result on ``text`` gives the same output as applying both passes.
    """
    if not second:
        return list(first)
    # Positions of the first edits in the intermediate text, and the running length change.
    spans = []
    cum = [0]  # cum[i] = total length change of first[:i]
    delta = 0
    for e in first:
        ms = e.start + delta
        spans.append((ms, ms + len(e.new), e))
        delta += len(e.new) - (e.end - e.start)
        cum.append(delta)
    mid = apply_edits(text, first)
    mstarts = [sp[0] for sp in spans]
    mends = [sp[1] for sp in spans]

    def to_orig(x: int) -> int:
        # Edits wholly before x shift it; x is never strictly inside a replaced span here.
        k = bisect_right(mends, x)
        while k > 0 and mstarts[k - 1] == mends[k - 1] == x:
            k -= 1  # an insertion at x comes after x
        return x - cum[k]

    def touching(a: int, b: int) -> list[int]:
        k = max(bisect_left(mends, a) - 1, 0)
        out = []
        while k < len(spans) and mstarts[k] <= b:
            ms, me, _ = spans[k]
            if _overlaps(a, b, ms, me) or (a == b == ms) or (ms <= a and b <= me and ms < me):
                out.append(k)
            k += 1
        return out

    used: set[int] = set()
    out: list[Edit] = []
    for d in second:
        a, b = d.start, d.end
        hit = touching(a, b)
        if any(i in used for i in hit):
            continue
        new = d.new
        if hit:
            lo = min(a, spans[hit[0]][0])
            hi = max(b, spans[hit[-1]][1])
            new = mid[lo:a] + d.new + mid[b:hi]
            a, b = lo, hi
            used.update(hit)
        os_, oe = to_orig(a), to_orig(b)
        # to_orig(b) for an end just after a replaced span must land after the original span.
        for i in hit:
            oe = max(oe, spans[i][2].end)
            os_ = min(os_, spans[i][2].start)
        absorbed = "; ".join(f"includes {spans[i][2].old!r} -> {spans[i][2].new!r} ({spans[i][2].source})" for i in hit)
        out.append(replace(d, start=os_, end=oe, old=text[os_:oe], new=new,
                           reason="; ".join(x for x in (d.reason, absorbed) if x)))
    out.extend(e for i, (_, _, e) in enumerate(spans) if i not in used)
    return sorted(out, key=lambda e: (e.start, e.end))


class Cleaner:
    """A reusable cleaner: loads glossaries and models once for many documents.

    >>> Cleaner().clean("Delegations from Mỹ and China met.")
    'Delegations from the United States and China met.'
    """

    def __init__(self, config: Config | None = None, **overrides):
        config = config or Config()
        if overrides:
            config = config.with_(**overrides)
        if not 0.0 <= config.min_confidence <= 1.0:
            raise ConfigError(f"min_confidence must be between 0 and 1, got {config.min_confidence}")
        rules.check_names(config.disabled_rules | config.enabled_rules)
        self.config = config
        self.context = Context(config)

    def clean(self, text: str) -> str:
        return self.clean_and_explain(text).output

    def clean_and_explain(self, text: str) -> Result:
        if not isinstance(text, str):
            raise TypeError(f"expected str, got {type(text).__name__}")
        ctx = self.context
        ctx.per_doc = {}
        ctx.notes = {}
        config = self.config
        doc = Document(text)

        # 1. Leftovers: detect, resolve, rewrite (edits on the original offsets).
        found: list[Finding] = []
        for r in rules.active("detect", config):
            found.extend(r.func(doc, ctx))
        findings = merge_findings(found)
        ctx.per_doc["findings"] = findings  # all of them, for document-level evidence (detect/damage.py)
        chosen: dict[Finding, Candidate] = {}
        below: dict[Finding, Candidate] = {}
        pending = findings
        for r in rules.active("resolve", config):
            if not pending:
                break
            proposals = r.func(tuple(pending), doc, ctx) or {}
            still = []
            for f in pending:
                cands = list(proposals.get(f, ()))
                if cands:
                    best = max(cands, key=lambda c: c.confidence)
                    if best.confidence >= config.min_confidence:
                        chosen[f] = best
                        continue
                    if f not in below or best.confidence > below[f].confidence:
                        below[f] = best
                still.append(f)
            pending = still
        leftover_edits = _non_overlapping(build_edits(doc, chosen))

        # 2. Document rules run on the repaired text, so that what a replacement makes visible
        # (a name printed twice once both copies are in English) is seen too; their edits are
        # composed back onto the original offsets, absorbing the leftover edits they cover.
        # A removal can make a new repeat adjacent ("X X X X"), so the rules run until nothing
        # changes (bounded: each round only removes or repairs, the bound is a guard).
        doc_rules = rules.active("document", config)
        edits = leftover_edits
        for _ in range(_MAX_DOCUMENT_ROUNDS if doc_rules else 0):
            mid = apply_edits(text, edits)
            ctx.per_doc = {}
            mid_doc = Document(mid)
            doc_edits: list[Edit] = []
            for r in doc_rules:
                doc_edits.extend(r.func(mid_doc, ctx))
            if not doc_edits:
                break
            edits = compose(text, edits, _non_overlapping(doc_edits))
        # An unresolved finding inside text a document rule removed or rewrote is moot.
        removed = _Intervals((e.start, e.end) for e in edits if e.kind == "document" and e.end > e.start)
        unresolved = tuple(
            self._explain_unresolved(f, below.get(f)) for f in pending if not removed.overlaps(f.start, f.end)
        )
        output = apply_edits(text, edits)
        return Result(input=text, output=output, edits=tuple(edits), unresolved=unresolved)

    def clean_and_explain_many(self, texts: Iterable[str]) -> list[Result]:
        """Results for many documents; with a translation model configured, the model work of
        all of them is batched together first (fuller batches, one generate() per batch)."""
        texts = list(texts)
        if len(texts) > 1 and (self.config.model or self.config.models_dir) and self.config.rule_on("model"):
            from .resolve.model import prefetch

            prefetch(self, texts)
        return [self.clean_and_explain(t) for t in texts]

    def _explain_unresolved(self, f: Finding, best: Candidate | None) -> Finding:
        parts = [f.evidence] if f.evidence else []
        if best is not None:
            parts.append(
                f"best candidate {best.replacement!r} from {best.source} has confidence "
                f"{best.confidence:.2f} < {self.config.min_confidence:.2f}: left unchanged"
            )
        else:
            parts.append("no glossary entry, rule or model resolved it: left unchanged")
        parts.extend(self.context.notes.get(f, ()))
        return replace(f, evidence="; ".join(parts))


def clean(text: str, config: Config | None = None) -> str:
    """Return ``text`` with machine-translation leftovers repaired."""
    return Cleaner(config).clean_and_explain(text).output


def clean_and_explain(text: str, config: Config | None = None) -> Result:
    """Like :func:`clean`, returning the :class:`Result` with every edit and unresolved finding.

    Shares the code path of :func:`clean`; glossaries are parsed and compiled once per process
    (cached by file identity), so a fresh Cleaner per call is cheap.
    """
    return Cleaner(config).clean_and_explain(text)
