"""Turn chosen candidates into edits that keep the English grammatical.

- Articles come from the entry ("the United States") and are dropped after another determiner
  ("the Mỹ delegation" -> "the United States delegation", never "the the").
- A sentence start is capitalised ("Mỹ said" -> "The United States said").
- A possessive after a plural-form name loses its s ("Mỹ's" -> "the United States'").
- A country used as a modifier takes its adjective ("Nhật Bản companies" -> "Japanese companies"):
  when the next word is a noun that cannot be a verb (normalize/data/english-nouns.txt) and the
  entry carries one (flag ``adj=``); "a"/"an" before it follows the adjective's first letter.
- Spacing: a Latin replacement glued to a Latin word gets a space; a removal takes one
  neighbouring space with it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from .records import Candidate, Edit, Finding

_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|this|that|these|those|its|his|her|their|our|my|your|whose|which|what|every|each|"
    r"no|any|some|both|either|neither)|['\u2019]s|s['\u2019])\s+$",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_NEXT_WORD = re.compile(r"[ \u00a0]+([a-z]+)\b")
_ARTICLE_BEFORE = re.compile(r"\b([Aa]n?) $")
_LINE_OPENERS = frozenset(" \t\"'\u201c\u2018([-\u2014\u2013*#>")


@lru_cache(maxsize=1)
def _noun_table() -> dict[str, str]:
    """word -> "n" (never a verb) or "nv" (also a verb); scripts/gen_english_nouns.py. Parsed
    once and kept in the on-disk cache (start-up: the first country replacement reads it)."""
    from . import _cache

    path = Path(__file__).resolve().parent / "data" / "english-nouns.txt"

    def parse() -> dict[str, str]:
        with open(path, encoding="utf-8") as fh:
            return dict(line.rstrip("\n").split("\t") for line in fh if line[0] != "#")

    return _cache.cached("english-nouns", _cache.key("english-nouns", (path,), code=(__file__,)), parse)


def english_nouns() -> frozenset[str]:
    """English nouns that are never verbs (officials, companies)."""
    return _never_verbs()


@lru_cache(maxsize=1)
def _never_verbs() -> frozenset[str]:
    return frozenset(w for w, k in _noun_table().items() if k == "n")


_NEXT_WORDS = re.compile(r"[ \u00a0]+([a-z]+)(?:[ \u00a0]+([a-z]+))?(?:[ \u00a0]+([a-z]+))?")
_AUX = frozenset("will would could can may might must should shall have has had were are was is".split())


def _tags(word: str) -> str:
    from .resolve.senses import tags

    return tags(word)


def _verb_form(word: str) -> bool:
    """A finite verb after a noun: an auxiliary, a past form in -ed that is not a noun, or a
    word the lexicon knows only as a verb, or an inflected form that does not end in -s ("rose",
    "fell": a past tense, though also a noun)."""
    t = _tags(word)
    return (word in _AUX or (word.endswith("ed") and "N" not in t) or ("V" in t and "N" not in t)
            or ("I" in t and not word.endswith("s")))


def _compound_noun(word: str) -> bool:
    """A closed compound the lexicon lacks whose parts are nouns, the last one only a noun
    ("carmakers" = car + makers, "chipmakers")."""
    for k in range(3, len(word) - 3):
        head, tail = word[:k], word[k:]
        t = _tags(tail)
        if "N" in t and set(t) <= {"N", "P"} and "N" in _tags(head):
            return True
    return False


def modifier_position(text: str, end: int) -> bool:
    """Is the word after ``end`` a noun that the name before it modifies? A noun that is never a
    verb ("Mỹ officials", normalize/data/english-nouns.txt, or one the wider english-pos table
    knows only as a noun), a compound of nouns ("Đức carmakers"), or a noun that may be a verb
    followed by a verb ("Nga troops crossed", "Úc beef prices rose": then the nouns are nouns)."""
    m = _NEXT_WORDS.match(text, end)
    if m is None:
        return False
    w1, w2, w3 = m.groups()
    t1 = _tags(w1)
    if w1 in english_nouns() or ("N" in t1 and "V" not in t1 and t1 != "?"):
        return True
    if t1 in ("", "?") and _compound_noun(w1):
        return True
    if "N" not in t1 or not w2:
        return False
    plural = "P" in t1 or (w1.endswith("s") and "V" in t1 and "I" in t1)
    if plural and _verb_form(w2):
        return True
    if not plural and not w1.endswith("s") and _verb_form(w2):
        return True  # "the 旅游 sector recovered": a base form cannot agree with a singular name
    # Two nouns then a verb: "beef prices rose", "gas flows fell", "oil output rose" (a base
    # form, or a mass noun in -s, cannot be the verb of a singular name).
    return (not plural and "N" in _tags(w2) and not _verb_form(w2) and w3 is not None and _verb_form(w3)
            and not ("I" in t1 and w1.endswith("s")))


def _as_modifier(text: str, end: int, c: Candidate) -> bool:
    """Is the replaced country followed by a noun it modifies ("Mỹ officials")?"""
    return bool(c.adjective) and c.entity == "country" and modifier_position(text, end)


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start]
    if start == 0:
        return True
    # Only openers (", (, -, *, #, ...) between the line start and here? Looked for backwards from
    # ``start`` (stops at the first other character), never by copying the line: a long line
    # with many edits stays linear.
    k = start
    while k > 0 and text[k - 1] in _LINE_OPENERS:
        k -= 1
    if k == 0 or text[k - 1] == "\n":
        return True
    return bool(re.search(r"[.!?]['\"\u201d\u2019)\]]*\s+['\"\u201c\u2018(]*$", text[max(0, start - 8) : start])) and bool(before)


def edit_for(text: str, f: Finding, c: Candidate) -> Edit:
    s, e = f.start, f.end
    new = c.replacement
    if new == "":
        # Take one neighbouring space with the removed span.
        if e < len(text) and text[e] == " " and (s == 0 or text[s - 1] in " \n\t([\u201c\""):
            e += 1
        elif s > 0 and text[s - 1] == " ":
            s -= 1
    elif _as_modifier(text, e, c):
        new = c.adjective
        m = _ARTICLE_BEFORE.search(text, max(0, s - 3), s)
        if m:
            article = "an" if new[0] in "AEIOU" else "a"
            if m.group(1).lower() != article:
                s = m.start()
                new = (article if m.group(1)[0] == "a" else article.capitalize()) + " " + new
        if s > 0 and text[s - 1].isalnum():
            new = " " + new
    else:
        lowered = new.lower()
        if lowered.startswith("the ") and _DETERMINER_BEFORE.search(text[max(0, s - 30) : s]):
            new = new[4:]
        if _at_sentence_start(text, s) and new[:1].islower():
            new = new[0].upper() + new[1:]
        m = _POSSESSIVE.match(text, e)
        if m and new.endswith("s") and c.entity in ("country", "place", "org") and not f.text.endswith("s"):
            e = m.end()
            new = new + text[m.start()]
        if s > 0 and text[s - 1].isalnum() and new[0].isalnum():
            new = " " + new
        if e < len(text) and text[e].isalnum() and new[-1].isalnum():
            new = new + " "
    reason = "; ".join(x for x in (f.evidence, c.reason) if x)
    if new.strip().endswith(c.adjective) and c.adjective and new.strip() != c.replacement:
        reason += f"; as a modifier: {c.adjective!r} (flag adj=)"
    return Edit(
        start=s, end=e, old=text[s:e], new=new, rule=c.rule, source=c.source,
        confidence=c.confidence, reason=reason, language=f.language, kind=f.kind,
    )


def build_edits(doc, chosen: dict[Finding, Candidate]) -> list[Edit]:
    """Edits for the chosen candidates; a candidate equal to the text dismisses its finding."""
    edits = []
    for f, c in sorted(chosen.items(), key=lambda fc: fc[0].start):
        if c.replacement == f.text or c.replacement == unicodedata.normalize("NFC", f.text):
            continue  # "correct as written" (compared as NFC: NFD input is not rewritten to NFC)
        edits.append(edit_for(doc.text, f, c))
    return edits
