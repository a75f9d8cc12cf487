"""Resolve findings through the glossaries: exact forms, aliases, folded forms, context cues."""

from __future__ import annotations

from ..detect.glossary_scan import accepted_matches
from ..glossary import fold
from ..records import Candidate
from ..rules import WHOLE_TOKEN_RULES, rule


def _ascii_style(text: str) -> str:
    """Vietnamese as written without diacritics ("Hà Nội" -> "Ha Noi"), the opt-in ASCII style."""
    out = []
    for ch, f in zip(text, fold(text)):
        out.append(f.upper() if ch.isupper() else f)
    return "".join(out)


def _candidates(doc, ctx, hits, text):
    cands = []
    # A line whose context cue is present outranks lines without cues for the same form.
    if any(h[0].entry.requires for h in hits):
        hits = [h for h in hits if h[0].entry.requires]
    targets = {h[0].entry.target for h in hits if not h[0].entry.keep}
    ambiguous = len(targets) > 1
    for m, conf, why in hits:
        e = m.entry
        if e.keep:
            cands.append(Candidate(text, e.ref, conf, "glossary-resolve", "correct English as written", e.type))
            continue
        if ambiguous:
            conf = min(conf, 0.4)
        reason = f"{e.type} {e.source!r} is {e.target!r}" + (f" ({e.note})" if e.note else "")
        if ambiguous:
            reason += f"; ambiguous: {len(targets)} glossary targets apply here"
        cands.append(Candidate(e.target, e.ref, conf, "glossary-resolve", reason, e.type, e.adjective))
    return cands


def _glossary_hits(doc, ctx):
    spans = {}
    for (s, e), hits in accepted_matches(doc, ctx):
        spans[doc.span(s, e)] = (s, e, hits)
    return spans


@rule("vietnamese-ascii", stage="resolve", default=False, order=50,
      description="opt-in style: write Vietnamese names and places kept as English without diacritics (Hà Nội -> Ha Noi)")
def resolve_ascii(findings, doc, ctx):
    spans = _glossary_hits(doc, ctx)
    out = {}
    for f in findings:
        hit = spans.get((f.start, f.end))
        if hit is None:
            continue
        s, e, hits = hit
        keep = [h for h in hits if h[0].entry.keep]
        if keep:
            m, conf, _ = keep[0]
            target = m.entry.target or _ascii_style(doc.nfc[s:e])
            out[f] = [Candidate(target, m.entry.ref, conf, "vietnamese-ascii", "opt-in ASCII style for a Vietnamese name kept as English", m.entry.type)]
    return out


@rule("glossary-resolve", stage="resolve", description="replace findings with their glossary entry (exact form, alias, or folded form in a name context)", order=100)
def resolve_glossary(findings, doc, ctx):
    spans = _glossary_hits(doc, ctx)
    out = {}
    for f in findings:
        if f.rule in WHOLE_TOKEN_RULES:
            continue  # the script-policies resolver decides for whole tokens
        hit = spans.get((f.start, f.end))
        if hit is not None:
            s, e, hits = hit
            out[f] = _candidates(doc, ctx, hits, doc.nfc[s:e])
    return out
