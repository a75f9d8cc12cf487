"""Vietnamese words left in English: seeded by letters only Vietnamese uses, grown into whole
names ("Hà Lập Phong") and phrases ("Nền tảng quảng bá Việt Nam", "tháng 10")."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from ..rules import rule
from .gloss import is_gloss
from .common import VI_ONLY, english_syllables, is_vi_syllable

_SEED_CHAR = re.compile(rf"[{VI_ONLY}]")
_WORD_AT = re.compile(r"[^\W\d_]+")


def _seeds(nfc: str):
    """Words holding a letter only Vietnamese uses: search the letter (one fast character-class
    scan), then widen to the word around it."""
    pos = 0
    while True:
        hit = _SEED_CHAR.search(nfc, pos)
        if hit is None:
            return
        s = hit.start()
        while s > 0 and (nfc[s - 1].isalpha()):
            s -= 1
        m = _WORD_AT.match(nfc, s)
        yield m
        pos = m.end()
_WORD = re.compile(r"[^\W\d_]+|\d+")
# Between two words of one run: one space (or no-break space). A hyphen joins too ("Lê-nin").
_GAP = re.compile(r"[ \u00a0-]")


# Capitalised English function words that are also Vietnamese syllables: a sentence-initial
# "In" or "The" is not part of the name that follows.
_FUNCTION = frozenset("a an the in on at to no so do go he me we be it its i my as".split())


def _accepts(word: str, english: frozenset[str]) -> bool:
    if word.isdigit():
        return False
    if not is_vi_syllable(word):
        return False
    if not word.isascii():
        return True
    if word[0].isupper():
        # Mid-name capitals ("Minh", "Long", "Tho") are names even when English has the word.
        return word.lower() not in _FUNCTION
    return word.lower() not in english


def _bridges(nfc: str, m: re.Match, prev: str, english) -> bool:
    """A lower-case word English also has, inside a lower-case Vietnamese phrase: "ca" in "đờn ca
    tài tử", between two words with Vietnamese marks. Never an English function word ("Hà Nội to
    Đà Nẵng") and never between names."""
    w = m.group()
    if not (prev[:1].islower() and w.islower() and w.isascii() and is_vi_syllable(w)) or w in _FUNCTION:
        return False
    nxt = _WORD.match(nfc, m.end() + 1) if _GAP.match(nfc, m.end()) else None
    return bool(nxt) and nxt.group()[:1].islower() and not nxt.group().isascii() and _accepts(nxt.group(), english)


_ARTICLE_BEFORE = re.compile(r"(?:^|[\s\"'\u201c(])(?:a|an|the)[ \u00a0]+$", re.IGNORECASE)


def _opens_term(nfc: str, j: int, w: str, run: str) -> bool:
    """A lower-case word English also has, opening a lower-case Vietnamese phrase right after an
    article: "ca" in "a ca trù evening"."""
    return (run[:1].islower() and w.islower() and w.isascii() and is_vi_syllable(w) and w not in _FUNCTION
            and bool(_ARTICLE_BEFORE.search(nfc[max(0, j - 6):j])))


def _grow(nfc: str, start: int, end: int, english) -> tuple[int, int]:
    # Right.
    while end + 1 < len(nfc) and _GAP.match(nfc, end):
        m = _WORD.match(nfc, end + 1)
        if not m:
            break
        w = m.group()
        prev = nfc[start:end].split()[-1] if nfc[start:end].split() else ""
        if w.isdigit():
            # Numbers belong to a lowercase phrase ("tháng 10", "ảnh 1"), not to a name.
            if prev and prev[0].islower() and len(w) <= 4:
                end = m.end()
            break
        if not _accepts(w, english) and not _bridges(nfc, m, prev, english):
            break
        end = m.end()
    # Left.
    while start >= 2 and _GAP.match(nfc, start - 1):
        k = start - 1
        j = k
        while j > 0 and (nfc[j - 1].isalpha()):
            j -= 1
        w = nfc[j:k]
        if not w or (j > 0 and nfc[j - 1].isalnum()):
            break
        if not _accepts(w, english) and not _opens_term(nfc, j, w, nfc[start:end]):
            break
        start = j
    return start, end


# A lone unaccented word on a line that already carries a lower-case Vietnamese phrase
# ("... hạ lưu, ma cà bông ... take banh pants"): the line's other leftovers are the context that
# one ambiguous spelling lacks. Zipf thresholds measured on wordfreq's vi/en lists (the latin
# lexicon): the word must be common in Vietnamese and clearly more so than in English.
LONE_MIN_VI = 4.5
LONE_MARGIN = 2.0
_ASCII_WORD = re.compile(r"(?<![\w\-.'\u2019])[a-z]+(?![\w\-'\u2019])")
# A capitalised syllable with only the accents other languages share ("Bùi", "Thôi", "Tân"): on a
# line that holds other one-syllable Vietnamese names, a one-syllable name of its own.
_SHARED_ACCENT_NAME = re.compile(r"(?<![\w\-.'\u2019])[A-Z][a-z\u00e0-\u00fd]*[\u00e0-\u00fd][a-z\u00e0-\u00fd]*(?![\w\-'\u2019])")


def _lone(nfc: str, spans: list[tuple[int, int, str]], pattern: re.Pattern, judge):
    """(start, end, evidence) for words of ``pattern`` on the lines holding ``spans``, outside
    them, spelled like one Vietnamese syllable, that ``judge(word, seed, lexicon)`` accepts (it
    returns the evidence, or None). The latin lexicon is loaded only if such a word exists."""
    from .latin import lexicon

    # Inside a span? One bisect over the span starts and the running maximum of their ends
    # (a word-by-span test was quadratic on a long line holding many spans).
    taken = sorted((s, e) for s, e, _ in spans)
    starts = [s for s, _ in taken]
    reach = list(accumulate((e for _, e in taken), max))

    def inside(pos: int) -> bool:
        k = bisect_right(starts, pos) - 1
        return k >= 0 and reach[k] > pos

    done = set()
    for s, _, seed in spans:
        lo = nfc.rfind("\n", 0, s) + 1
        if lo in done:
            continue
        done.add(lo)
        hi = nfc.find("\n", s)
        for m in pattern.finditer(nfc, lo, len(nfc) if hi == -1 else hi):
            w = m.group()
            if inside(m.start()) or not is_vi_syllable(w):
                continue
            evidence = judge(w, seed, lexicon())
            if evidence:
                yield m.start(), m.end(), evidence


def _lone_name(w: str, seed: str, lex) -> str | None:
    low = w.lower()
    other = max([lex.en.get(low, 0.0), *lex.langs.get(low, {}).values()])
    if lex.vi.get(low, 0.0) >= 3.0 and other < 2.0:
        return (f"one-syllable Vietnamese name on a line with Vietnamese names ({seed!r}); "
                f"{w!r} is a Vietnamese syllable other languages do not write")
    return None


def _lone_word(w: str, seed: str, lex) -> str | None:
    vi, en = lex.vi.get(w, 0.0), lex.en.get(w, 0.0)
    if vi >= LONE_MIN_VI and vi - en >= LONE_MARGIN and (w,) not in lex.loanwords:
        return (f"unaccented Vietnamese word on a line with Vietnamese leftovers ({seed!r}): "
                f"Zipf vi {vi:.1f} vs en {en:.1f}")
    return None


def _accepted_term(text: str, ctx) -> bool:
    """A phrase English accepts as written ("phở", "áo dài": a `keep` glossary entry or a listed
    loanword) is no evidence that the words around it are leftovers."""
    if any(e.keep for e in ctx.glossary.get(text)):
        return True
    from ..glossary import fold
    from .latin import lexicon

    return tuple(fold(text).split()) in lexicon().loanwords


@rule("vietnamese", stage="detect", description="Vietnamese words and names, seeded by letters only Vietnamese uses (ơ ư đ ă, stacked tone marks)")
def detect_vietnamese(doc, ctx):
    nfc = doc.nfc
    if nfc.isascii():
        return
    english = english_syllables()
    phrases: list[tuple[int, int, str]] = []
    names: list[tuple[int, int, str]] = []
    last_end = -1
    for m in _seeds(nfc):
        if m.start() < last_end or not is_vi_syllable(m.group()):
            continue
        start, end = _grow(nfc, m.start(), m.end(), english)
        last_end = end
        if is_gloss(doc, start, end):
            continue  # "known locally as sông Hồng,": a mention, correct English
        words = _WORD.findall(nfc[start:end])
        letters = [w for w in words if not w.isdigit()]
        kind = "name" if letters and all(w[0].isupper() for w in letters) else "vietnamese"
        if kind == "vietnamese":
            if not _accepted_term(nfc[start:end], ctx):
                phrases.append((start, end, nfc[start:end]))
        elif " " not in nfc[start:end]:
            # One-syllable names ("the Lưu and Nguyễn") are how MT leaves surnames; a full name
            # ("Phạm Minh Chính") is correct English and says nothing about the words around it.
            names.append((start, end, nfc[start:end]))
        yield doc.finding(
            start, end, kind=kind, rule="vietnamese", language="vi",
            evidence=f"{'name' if kind == 'name' else 'phrase'} of Vietnamese syllables with letters only Vietnamese uses ({m.group()!r})",
        )
    for start, end, evidence in _lone(nfc, phrases, _ASCII_WORD, _lone_word):
        yield doc.finding(start, end, kind="vietnamese", rule="vietnamese", language="vi", evidence=evidence)
    for start, end, evidence in _lone(nfc, names, _SHARED_ACCENT_NAME, _lone_name):
        yield doc.finding(start, end, kind="name", rule="vietnamese", language="vi", evidence=evidence)


# -- Vietnamese terms English uses as written (docs/precision.md, point 1) ------------------------
_DETERMINER_BEFORE = re.compile(r"(?:^|[\s\"'\u201c(])(?:a|an|the|this|that|these|those|its|their|his|her|our|every|each)[ \u00a0]+$",
                                re.IGNORECASE)
_SENTENCE_START_BEFORE = re.compile(r"(?:^|[.!?:;][\"'\u201d\u2019)]?[ \u00a0]+|\n[ \t]*)[\"'\u201c\u2018(]?$")
_NEXT_WORD = re.compile(r"^[ \u00a0]+([a-z]+)\b")
# "bún chả, the grilled pork dish ...": an English noun phrase in apposition, opened by an article.
# The noun phrase ends there, or a relative clause follows, full or reduced to a participle
# ("a broken rice dish served with ..."): "three đồng, the audience on the following morning" is a
# new clause, not an explanation.
_APPOSITION = re.compile(r"^,[ \u00a0]+(?:the|a|an)[ \u00a0]+((?:[a-z-]+[ \u00a0]+){0,4}?[a-z-]+)"
                         r"(?:[ \u00a0]*[,.;:)]|[ \u00a0]+(?:that|which|who|whose|[a-z]+ed|made|eaten|known|sold|grown)\b)")


_NP_BREAKERS = frozenset("the a an of on in at for to with from by into over after before during and or but".split())


def _noun(word: str) -> bool:
    from ..rewrite import _noun_table  # nouns of English (scripts/gen_english_nouns.py)

    return word in _noun_table()


def english_term(nfc: str, start: int, end: int) -> str:
    """Why the Vietnamese phrase ``nfc[start:end]`` (with its diacritics) is used as an English
    term, or "" when nothing says so.

    English copy that keeps a Vietnamese term frames it as English grammar frames a noun: as the
    modifier of an English head noun after a determiner or at a sentence start ("a đờn ca tài tử
    performance", "the Bình Ngô đại cáo proclamation", "Quan họ folk singing"), or explained by an
    English noun phrase in apposition ("bún chả, the grilled pork dish"). A leftover of a
    half-translated sentence has no such frame ("I have requested âm dương, and was given lộc").
    Whether the paragraph shows MT damage is the caller's question (detect/damage.py).
    """
    words = _WORD.findall(nfc[start:end])
    if not 1 <= len(words) <= 5:
        return ""
    before, after = nfc[max(0, start - 40):start], nfc[end:end + 80]
    nxt = _NEXT_WORD.match(after)
    if nxt and _noun(nxt.group(1)) and (_DETERMINER_BEFORE.search(before) or _SENTENCE_START_BEFORE.search(before)):
        return f"a Vietnamese term modifying the English noun {nxt.group(1)!r}"
    app = _APPOSITION.match(after)
    phrase = re.split(r"[ \u00a0-]+", app.group(1)) if app else []
    # An explaining noun phrase has no preposition or article of its own ("the audience on the
    # following morning numbered ..." is the subject of a new clause).
    if phrase and not _NP_BREAKERS.intersection(phrase) and any(_noun(w) for w in phrase):
        return f"a Vietnamese term explained in apposition ({app.group(1)!r})"
    return ""
