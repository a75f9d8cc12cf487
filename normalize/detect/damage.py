"""Evidence of machine-translation damage, found once per document and looked up by paragraph.

A Vietnamese name written with its diacritics ("Phạm Minh Chính", "Đồng Tháp", "Thu Bồn River")
is how Vietnam's own English-language press prints it: correct English. The same spelling in a
text that MT left half-translated may be a leftover (a Chinese name in its Sino-Vietnamese
reading, a one-syllable surname cut from its name). What tells the two apart is not the name but
the paragraph around it: MT damage leaves other marks -- a lower-case Vietnamese phrase, a
Vietnamese word without diacritics, a phrase of another language, a token in another script that
is no gloss, a Vietnamese exonym the glossary translates ("Mỹ", "Bắc Kinh").

:func:`damage_near` returns those marks for the paragraph (a block of lines between blank lines)
holding a span. Names themselves are never evidence (they are what is being judged), nor are
Vietnamese terms in an English frame (detect/vietnamese.english_term: judged the same way), nor are
ASCII glossary matches (a folded match can be correct English: "My Son").
The policy this serves is written in docs/precision.md.
"""

from __future__ import annotations

import bisect
import re

# Finding rules whose every finding is damage: leftovers no correct English has.
_DAMAGE_RULES = frozenset({"latin-vietnamese", "latin-foreign", "script", "script-hashtag", "script-leak",
                           "script-boilerplate"})
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]


def _is_damage(f, doc, ctx) -> str | None:
    """Why finding ``f`` is evidence of MT damage, or None."""
    if f.rule in _DAMAGE_RULES:
        return f"{f.rule} {f.text!r}"
    if f.rule == "vietnamese" and f.kind == "vietnamese":
        from .vietnamese import english_term

        s, e = doc.nfc_offset(f.start), (doc.nfc_offset(f.end) if f.end < len(doc.text) else len(doc.nfc))
        # A term English grammar frames ("a đờn ca tài tử performance") is judged, not evidence.
        return None if english_term(doc.nfc, s, e) else f"Vietnamese phrase {f.text!r}"
    if f.rule == "glossary" and not f.text.isascii() and f.kind != "name":
        entry = _glossary_entry(f, doc, ctx)
        if entry is not None and not entry.keep and entry.target != f.text:
            return f"glossary leftover {f.text!r}"
    return None


def _glossary_entry(f, doc, ctx):
    from .glossary_scan import accepted_matches

    s, e = doc.nfc_offset(f.start), (doc.nfc_offset(f.end) if f.end < len(doc.text) else len(doc.nfc))
    for (ms, me), hits in accepted_matches(doc, ctx):
        if (ms, me) == (s, e):
            return hits[0][0].entry
    return None


def _evidence(doc, ctx) -> tuple[list[int], list[list[tuple[int, int, str]]]]:
    cached = ctx.per_doc.get("damage")
    if cached is not None:
        return cached
    starts = _paragraph_starts(doc.text)
    per_par: list[list[tuple[int, int, str]]] = [[] for _ in starts]
    for f in ctx.per_doc.get("findings", ()):
        why = _is_damage(f, doc, ctx)
        if why:
            per_par[bisect.bisect_right(starts, f.start) - 1].append((f.start, f.end, why))
    cached = ctx.per_doc["damage"] = (starts, per_par)
    return cached


def damage_near(doc, ctx, start: int, end: int) -> list[str]:
    """Marks of MT damage in the paragraph of the original-text span [start, end), outside it."""
    starts, per_par = _evidence(doc, ctx)
    marks = per_par[bisect.bisect_right(starts, start) - 1]
    return [why for s, e, why in marks if e <= start or s >= end]
