"""Resolve the findings of the script policies (normalize/detect/policies.py).

- ``script-leak``: remove the leaked token (empty replacement; the rewriter fixes the spacing). The
  English beside it already says the same, so nothing is lost.
- ``script-hashtag``: translate the tag as one CamelCase tag when glossary entries cover every
  non-Latin part of it ("#鲍威尔讲话" needs entries for both 鲍威尔 and 讲话); otherwise no candidate
  and the hashtag is reported. A partial translation ("#Powell讲话") would be worse than none.
- ``script-boilerplate``: reported only (no candidate here).
- ``latin-vietnamese`` (rule ``latin-glossary``): Vietnamese written without diacritics is looked up
  whole in the glossaries by its folded form ("tong cuc thong ke" -> "the General Statistics
  Office"); the detector has already shown the words are Vietnamese, which is the context a folded
  match needs. No entry, or entries that disagree: the finding stays reported.

The edit names the policy (``rule`` = the finding's rule), so a report says which policy acted.
"""

from __future__ import annotations

import re

from ..detect.common import cue_present
from ..records import Candidate
from ..rules import rule

#: Confidence of a whole-phrase folded glossary match on a latin-vietnamese finding: below an
#: exact form (0.95), at the level of a folded match in a name context (glossary_scan.CONF_FOLDED).
CONF_LATIN_GLOSSARY = 0.75

_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_NONLATIN_PART = re.compile(r"[^\x00-\u024f\u1e00-\u1eff]+")


def _camel(target: str) -> str:
    words = re.findall(r"[^\W_]+", _ARTICLE.sub("", target))
    return "".join(w[:1].upper() + w[1:] for w in words)


def translate_hashtag(tag: str, glossary) -> tuple[str, list[str]] | None:
    """("#CamelCase", [sources]) if glossary entries cover every non-Latin character of ``tag``."""
    body = tag[1:].rstrip("#")
    matches = [m for m in glossary.scan(body) if not m.entry.keep and m.entry.target]
    # Longest match first, left to right, no overlaps: the usual dictionary segmentation.
    matches.sort(key=lambda m: (m.start, -(m.end - m.start)))
    chosen = []
    pos = 0
    for m in matches:
        if m.start >= pos:
            chosen.append(m)
            pos = m.end
    covered = [False] * len(body)
    for m in chosen:
        for k in range(m.start, m.end):
            covered[k] = True
    for part in _NONLATIN_PART.finditer(body):
        if not all(covered[part.start() : part.end()]):
            return None
    out = []
    pos = 0
    for m in chosen:
        out.append(body[pos : m.start])
        out.append(_camel(m.entry.target))
        pos = m.end
    out.append(body[pos:])
    return "#" + "".join(out), [m.entry.ref for m in chosen]


@rule("script-policies", stage="resolve", order=150,
      description="act on the script policies: remove leaked duplicate tokens (script-leak), translate hashtags covered by the glossaries (script-hashtag)")
def resolve_policies(findings, doc, ctx):
    out = {}
    for f in findings:
        if f.rule == "script-leak":
            out[f] = [Candidate("", "rule:script-leak", 0.9, "script-leak",
                                "removed: the adjacent English already carries its meaning", "word")]
        elif f.rule == "script-hashtag":
            got = translate_hashtag(f.text, ctx.glossary)
            if got is not None:
                tag, refs = got
                out[f] = [Candidate(tag, "; ".join(refs), 0.8, "script-hashtag",
                                    "hashtag translated word by word from the glossaries", "label")]
    return out


@rule("latin-glossary", stage="resolve", order=120,
      description="translate Vietnamese written without diacritics (latin-vietnamese findings) when the whole phrase is a glossary entry")
def resolve_latin_glossary(findings, doc, ctx):
    out = {}
    for f in findings:
        if f.rule != "latin-vietnamese":
            continue
        entries = [e for e in ctx.glossary.get(f.text) if e.language == "vi" and not e.keep]
        if not entries:
            continue
        s = doc.nfc_offset(f.start)
        e_ = doc.nfc_offset(f.end) if f.end < len(doc.text) else len(doc.nfc)
        cued = [e for e in entries if e.requires and cue_present(doc.nfc, s, e_, e.requires, doc.sentence_bounds)]
        plain = [e for e in entries if not e.requires]
        chosen = cued or plain
        if not chosen:
            continue
        targets = {e.target for e in chosen}
        conf = CONF_LATIN_GLOSSARY if len(targets) == 1 else 0.4
        out[f] = [
            Candidate(e.target, e.ref, conf, "latin-glossary",
                      f"{e.type} {e.source!r} written without diacritics is {e.target!r}"
                      + ("" if len(targets) == 1 else f"; ambiguous: {len(targets)} targets"), e.type)
            for e in chosen
        ]
    return out
