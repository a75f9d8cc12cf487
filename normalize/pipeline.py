"""The one code path: document rules, detectors, resolvers, rewriter (docs/architecture.md)."""

from __future__ import annotations

import collections
import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import cached_property
from typing import Iterable, Iterator

from . import rules
from .config import Config
from .document import Document
from .errors import ConfigError, DocumentError, NormalizeError
from .records import Candidate, Edit, Finding, Intervals, Result, apply_edits, spans_overlap
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


def _non_overlapping(edits: Iterable[Edit]) -> list[Edit]:
    """Keep edits in the order given, dropping any that overlap one already kept."""
    kept: list[Edit] = []
    taken = Intervals()
    for e in edits:
        if not taken.overlaps(e.start, e.end):
            kept.append(e)
            taken.add(e.start, e.end)
    return sorted(kept, key=lambda e: (e.start, e.end))


_MAX_DOCUMENT_ROUNDS = 4
#: Runs of the leftover stage: the first, and reruns while a repair resolves what stayed open.
_MAX_LEFTOVER_ROUNDS = 3


#: Above this share of the text, the excerpt a later run of the leftover stage would try first
#: (Cleaner._may_repair_more) saves too little: the whole text runs again at once.
_EXCERPT_SHARE = 0.5


def _anchor_spans(text: str, edits: list[Edit], pending: list[Finding]) -> list[tuple[int, int]]:
    """The spans of ``edits`` (their new text) and of the ``pending`` findings, as offsets of
    ``apply_edits(text, edits)``, in order."""
    edits = sorted(edits, key=lambda e: (e.start, e.end))
    ends = [e.end for e in edits]
    cum = [0]
    for e in edits:
        cum.append(cum[-1] + len(e.new) - (e.end - e.start))
    spans = [(e.start + cum[i], e.start + cum[i] + len(e.new)) for i, e in enumerate(edits)]
    for f in pending:
        shift = cum[bisect_right(ends, f.start)]
        spans.append((f.start + shift, f.end + shift))
    return sorted(spans)


#: A neighbouring line joins an excerpt when it is at most this long: in one-sentence-per-line
#: text it is the next sentence, whose cues count; a paragraph holds its own.
_NEIGHBOUR_LINE = 400


def _lines_around(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Disjoint spans of ``text``, in order: each of ``spans`` widened to the lines holding it,
    with the non-blank line before and after when those are short (line breaks excluded at the
    ends)."""
    n = len(text)
    out: list[tuple[int, int]] = []
    for s, e in spans:
        lo = text.rfind("\n", 0, s) + 1
        j = lo - 1  # the line break before the line, if any; back over blank lines
        while j > 0 and text[j - 1] == "\n":
            j -= 1
        if j > 0:
            prev = text.rfind("\n", 0, j) + 1
            lo = prev if j - prev <= _NEIGHBOUR_LINE else lo
        hi = text.find("\n", e)
        hi = n if hi == -1 else hi
        j = hi  # past blank lines to the next line
        while j < n and text[j] == "\n":
            j += 1
        if j < n:
            nxt = text.find("\n", j)
            nxt = n if nxt == -1 else nxt
            hi = nxt if nxt - j <= _NEIGHBOUR_LINE else hi
        if out and lo <= out[-1][1] + 1:  # overlapping, or the next line
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


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
    whole = Intervals((f.start, f.end) for f in findings if f.rule in rules.WHOLE_TOKEN_RULES)
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
    taken = Intervals((f.start, f.end) for f in glossary)
    for f in rest:
        if not taken.overlaps(f.start, f.end):
            kept.append(f)
            taken.add(f.start, f.end)
    return sorted(kept, key=lambda f: (f.start, f.end))


def compose(text: str, first: list[Edit], second: list[Edit]) -> list[Edit]:
    """Express edits ``second`` (made on ``apply_edits(text, first)``) on the offsets of ``text``.

    An edit of ``second`` that touches an edit of ``first`` absorbs it: the composed edit spans
    both, its ``new`` text is what the two together produce, and its reason names what it
    absorbed. Edits of ``second`` that touch the same edit of ``first`` become one composed edit.
    So the composed edits never overlap, and replaying them on ``text`` gives exactly
    ``apply_edits(apply_edits(text, first), second)``.

    A removal of ``first`` is an empty span of the intermediate text: a position there stands
    for the whole removed span of ``text``. An edit of ``second`` that starts at that position
    starts after the removal, one that ends there ends before it, so it neither swallows nor
    overlaps a removal it does not touch.
    """
    if not second:
        return list(first)
    first = sorted(first, key=lambda e: (e.start, e.end))
    second = sorted(second, key=lambda e: (e.start, e.end))
    # Spans of the first edits in the intermediate text; cum[i] = total length change of first[:i].
    mstarts: list[int] = []
    mends: list[int] = []
    cum = [0]
    for e in first:
        ms = e.start + cum[-1]
        mstarts.append(ms)
        mends.append(ms + len(e.new))
        cum.append(cum[-1] + len(e.new) - (e.end - e.start))
    mid = apply_edits(text, first)

    def start_in_text(x: int) -> int:
        # After every first edit that ends at or before x (removals at x included).
        return x - cum[bisect_right(mends, x)]

    def end_in_text(x: int) -> int:
        # After the first edits that end at or before x, except removals at x.
        k = bisect_right(mends, x)
        while k > 0 and mstarts[k - 1] == mends[k - 1] == x:
            k -= 1
        return x - cum[k]

    def touching(a: int, b: int) -> list[int]:
        k = max(bisect_left(mends, a) - 1, 0)
        out = []
        while k < len(first) and mstarts[k] <= b:
            ms, me = mstarts[k], mends[k]
            if spans_overlap(a, b, ms, me) or (a == b == ms) or (ms <= a and b <= me and ms < me):
                out.append(k)
            k += 1
        return out

    # Group the second edits that share a first edit (hits are contiguous and in text order, so a
    # shared one is always with the group before).
    groups: list[tuple[list[Edit], list[int]]] = []
    for d in second:
        hit = touching(d.start, d.end)
        if groups and hit and groups[-1][1] and hit[0] <= groups[-1][1][-1]:
            ds, hits = groups[-1]
            ds.append(d)
            hits.extend(i for i in hit if i > hits[-1])
        else:
            groups.append(([d], hit))

    used: set[int] = set()
    out: list[Edit] = []
    for ds, hits in groups:
        a, b = ds[0].start, ds[-1].end
        lo = min([a] + [mstarts[i] for i in hits])
        hi = max([b] + [mends[i] for i in hits])
        parts, pos = [], lo
        for d in ds:
            parts += [mid[pos : d.start], d.new]
            pos = d.end
        parts.append(mid[pos:hi])
        # Each end of the composed span is either an end of a second edit (outside every first
        # edit) or the edge of an absorbed first edit.
        os_ = first[hits[0]].start if hits and lo == mstarts[hits[0]] else start_in_text(a)
        oe = first[hits[-1]].end if hits and hi == mends[hits[-1]] else end_in_text(b)
        used.update(hits)
        absorbed = [f"includes {first[i].old!r} -> {first[i].new!r} ({first[i].source})" for i in hits]
        reason = "; ".join(x for x in [*dict.fromkeys(d.reason for d in ds), *absorbed] if x)
        out.append(replace(ds[0], start=os_, end=oe, old=text[os_:oe], new="".join(parts), reason=reason,
                           absorbed=tuple(first[i] for i in hits)))
    out.extend(e for i, e in enumerate(first) if i not in used)
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
        if (config.model or config.models_dir) and config.rule_on("model"):
            from .translate.discovery import preflight

            preflight(config.model, config.models_dir)  # a model that cannot be used fails here, loudly
        self.config = config
        self.context = Context(config)

    def clean(self, text: str) -> str:
        return self.clean_and_explain(text).output

    def clean_and_explain(self, text: str) -> Result:
        if not isinstance(text, str):
            raise TypeError(f"expected str, got {type(text).__name__}")
        ctx = self.context
        ctx.notes = {}
        ctx.wanted = {}  # (start, end) -> language of findings no model serves (resolve/model.py)
        config = self.config

        # 1. Leftovers: detect, resolve, rewrite (edits on the original offsets). A replacement
        # can give a finding left unresolved the context it lacked ("Vân Nam" becomes "Yunnan",
        # the cue that "Mộc Thạnh" beside it is a Chinese name), so while findings stay open the
        # stage runs again on the repaired text and its edits are composed onto the original
        # offsets, until it changes nothing (bounded). The output is then what a second run of
        # the whole tool would leave as it is.
        edits, pending, below = self._leftovers(text)
        wanted_at = dict(ctx.wanted)  # on the first run's offsets, like the findings reported
        first = set(edits)
        for _ in range(_MAX_LEFTOVER_ROUNDS - 1):
            if not edits:
                break
            mid = apply_edits(text, edits)
            if not self._may_repair_more(mid, _anchor_spans(text, edits, pending)):
                break
            more, _, _ = self._leftovers(mid)
            if not more:
                break
            edits = compose(text, edits, more)
            # (Findings are reported on the first run's offsets; those settled later are not.)
            later = Intervals((e.start, e.end) for e in edits if e not in first)
            pending = [f for f in pending if not later.overlaps(f.start, f.end)]

        # 2. Document rules run on the repaired text, so that what a replacement makes visible
        # (a name printed twice once both copies are in English) is seen too; their edits are
        # composed back onto the original offsets, absorbing the leftover edits they cover.
        # A removal can make a new repeat adjacent ("X X X X"), so the rules run until nothing
        # changes (bounded: each round only removes or repairs, the bound is a guard).
        doc_rules = rules.active("document", config)
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
        removed = Intervals((e.start, e.end) for e in edits if e.kind == "document" and e.end > e.start)
        unresolved = tuple(
            self._explain_unresolved(f, below.get(f)) for f in pending if not removed.overlaps(f.start, f.end)
        )
        output = apply_edits(text, edits)
        wanted = collections.Counter(wanted_at[(f.start, f.end)] for f in unresolved if (f.start, f.end) in wanted_at)
        return Result(input=text, output=output, edits=tuple(edits), unresolved=unresolved,
                      model_wanted=tuple(sorted(wanted.items())))

    def _may_repair_more(self, mid: str, anchors: list[tuple[int, int]]) -> bool:
        """Can another run of the leftover stage on the repaired text ``mid`` repair anything?

        What a repair can change is near it (a cue in the same or the next sentence, the words
        around a finding) or is a finding that stayed open. So the stage first runs on the lines
        holding the ``anchors`` (spans of ``mid``: the repairs and the open findings), with the
        short lines beside them (_lines_around), as a document of their own; only when that repairs something
        does the whole text run again. Every edit still comes from the run on the whole text: the
        excerpt only decides whether that run is needed (a repair it misses is left for a second
        invocation; nothing is changed on its word alone).
        """
        spans = _lines_around(mid, anchors)
        if sum(e - s for s, e in spans) > _EXCERPT_SHARE * len(mid):
            return True
        ctx = self.context
        notes, wanted = ctx.notes, ctx.wanted
        ctx.notes, ctx.wanted = {}, {}
        try:
            more, _, _ = self._leftovers("\n\n".join(mid[s:e] for s, e in spans))
        finally:
            ctx.notes, ctx.wanted = notes, wanted
        return bool(more)

    def _leftovers(self, text: str) -> tuple[list[Edit], list[Finding], dict[Finding, Candidate]]:
        """One run of detectors, resolvers and rewriter on ``text``: its edits, the findings no
        resolver settled, and the best candidate below the threshold for each of them."""
        ctx, config = self.context, self.config
        ctx.per_doc = {}
        doc = Document(text)
        found: list[Finding] = []
        for r in rules.active("detect", config):
            found.extend(r.func(doc, ctx))
        chosen: dict[Finding, Candidate] = {}
        below: dict[Finding, Candidate] = {}
        pending = merge_findings(found)
        ctx.per_doc["findings"] = pending  # all of them, for document-level evidence (detect/damage.py)
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
        return _non_overlapping(build_edits(doc, chosen)), pending, below

    def clean_and_explain_many(self, texts: Iterable[str]) -> list[Result]:
        """Results for many documents; with a translation model configured, the model work of
        all of them is batched together first (fuller batches, one generate() per batch).

        An unexpected exception on one document raises :class:`DocumentError` naming its index;
        a NormalizeError (a broken glossary or model) propagates as it is."""
        texts = list(texts)
        if len(texts) > 1 and (self.config.model or self.config.models_dir) and self.config.rule_on("model"):
            from .resolve.model import prefetch

            try:
                prefetch(self, texts)
            except NormalizeError:
                raise
            except Exception:
                pass  # the document that fails fails again below, where its index is known
        results = []
        for i, t in enumerate(texts):
            try:
                results.append(self.clean_and_explain(t))
            except NormalizeError:
                raise  # bad data or model: about the run, not one document
            except Exception as exc:
                raise DocumentError(i, exc) from exc
        return results

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

    def clean_many(self, texts: Iterable[str], jobs: int | None = 1) -> Iterator[Result]:
        """Results for many documents, in input order, as they are done (a generator).

        ``jobs`` worker processes (None or 0 = every core; 1 = in this process), each with its own
        Cleaner; the input is read as it goes, with a bounded number of documents in flight. A
        document that fails raises :class:`~normalize.errors.DocumentError` naming its index,
        after every result before it was yielded.
        """
        from . import parallel
        from .errors import DocumentError

        for value in parallel.run(self, texts, jobs):
            if isinstance(value, DocumentError):
                raise value
            yield value


def clean(text: str, config: Config | None = None) -> str:
    """Return ``text`` with machine-translation leftovers repaired."""
    return Cleaner(config).clean_and_explain(text).output


def clean_and_explain(text: str, config: Config | None = None) -> Result:
    """Like :func:`clean`, returning the :class:`Result` with every edit and unresolved finding.

    Shares the code path of :func:`clean`; glossaries are parsed and compiled once per process
    (cached by file identity), so a fresh Cleaner per call is cheap.
    """
    return Cleaner(config).clean_and_explain(text)
