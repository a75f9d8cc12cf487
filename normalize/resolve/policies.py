"""Resolve the findings of the script policies (normalize/detect/policies.py).

- ``script-leak``: remove the leaked token (empty replacement; the rewriter fixes the spacing). The
  English beside it already says the same, so nothing is lost.
- ``script-hashtag``: translate the tag as one CamelCase tag when glossary entries cover every
  non-Latin part of it ("#鲍威尔讲话" needs entries for both 鲍威尔 and 讲话); otherwise no candidate
  and the hashtag is reported. A partial translation ("#Powell讲话") would be worse than none.
- ``script-boilerplate``: reported only (no candidate here).

The edit names the policy (``rule`` = the finding's rule), so a report says which policy acted.
"""

from __future__ import annotations

import re

from ..records import Candidate
from ..rules import rule

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
