"""The one code path: document rules, detectors, resolvers, rewriter (docs/architecture.md)."""

from __future__ import annotations

import re
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


def _non_overlapping(edits: Iterable[Edit]) -> list[Edit]:
    """Keep edits in the order given, dropping any that overlap one already kept."""
    kept: list[Edit] = []
    for e in edits:
        if not any(_overlaps(e.start, e.end, k.start, k.end) for k in kept):
            kept.append(e)
    return sorted(kept, key=lambda e: (e.start, e.end))


_TRIM = re.compile(r"^[\W_]+|[\W_]+$")


def _pieces(f: Finding, holes: list[tuple[int, int]]) -> list[Finding]:
    """The parts of ``f`` outside ``holes`` (glossary spans), trimmed, that still hold letters."""
    out = []
    pos = f.start
    bounds = [(s, e) for s, e in holes if s < f.end and f.start < e] + [(f.end, f.end)]
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
    """Glossary findings keep their exact spans and cut other findings around them; among the
    rest, the longer span wins."""
    findings = list(findings)
    glossary = [f for f in findings if f.rule == "glossary"]
    holes = [(f.start, f.end) for f in glossary]
    rest: list[Finding] = []
    for f in findings:
        if f.rule != "glossary":
            rest.extend(_pieces(f, holes) if holes else [f])
    rest.sort(key=lambda f: (-(f.end - f.start), f.start))
    kept = list(glossary)
    for f in rest:
        if not any(_overlaps(f.start, f.end, k.start, k.end) for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end))


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

        doc_edits: list[Edit] = []
        for r in rules.active("document", config):
            doc_edits.extend(r.func(doc, ctx))
        doc_edits = _non_overlapping(doc_edits)

        found: list[Finding] = []
        for r in rules.active("detect", config):
            found.extend(r.func(doc, ctx))
        findings = [
            f for f in merge_findings(found)
            if not any(_overlaps(f.start, f.end, e.start, e.end) for e in doc_edits)
        ]

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

        leftover_edits = [e for e in build_edits(doc, chosen)
                          if not any(_overlaps(e.start, e.end, d.start, d.end) for d in doc_edits)]
        edits = _non_overlapping(doc_edits + leftover_edits)
        unresolved = tuple(self._explain_unresolved(f, below.get(f)) for f in pending)
        output = apply_edits(text, edits)
        return Result(input=text, output=output, edits=tuple(edits), unresolved=unresolved)

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
