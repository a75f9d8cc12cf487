"""Sino-Vietnamese reading of a Chinese name -> the name in Hanyu Pinyin ("Hà Lập Phong" -> "He Lifeng").

Vietnamese writes a Chinese name by reading each character the Sino-Vietnamese way. The reverse
is ambiguous (Phong stands for 峰 丰 锋 风 枫 ...), but the target is the pinyin, not the
character: the table (scripts/gen_name_tables.py) already sums every character that a reading may
stand for, weighted by how often it occurs in that slot of real Chinese names, into
P(pinyin | reading, slot). A name is scored as a surname (or a two-character surname) followed by
given-name syllables, each read independently.

Without diacritics ("Trieu Lac Te") the same tables are folded by their ASCII key, weighting each
spelling by how common it is in names; that is less certain and the probabilities show it.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from functools import lru_cache

from . import tables
from .vietnamese import ascii_key, is_syllable, key_ascii, syllable_key

# Pinyin syllables that start with a, o or e take an apostrophe after another syllable
# (GB/T 16159, "Xi'an", "Lan Fo'an", "Chen Min'er").
_APOSTROPHE_INITIALS = ("a", "o", "e")


# Weight of a reading whose first syllable is no known surname (relative to a known one).
RARE_SURNAME = 0.3


@dataclass(frozen=True)
class PinyinName:
    text: str  # "He Lifeng"
    probability: float  # P(this pinyin | the reading), under the table's model
    surname: str  # "he"
    given: tuple[str, ...]  # ("li", "feng")


def format_name(surname: str, given: tuple[str, ...] | list[str]) -> str:
    """Press convention: surname, then the given name as one word, apostrophe rule applied.

    ü is written u ("Lu", "Nu"): English news copy and most style guides drop the diaeresis.
    """
    def word(sylls) -> str:
        out = ""
        for i, s in enumerate(sylls):
            s = s.replace("ü", "u")
            if i and s.startswith(_APOSTROPHE_INITIALS):
                out += "'"
            out += s
        return out[:1].upper() + out[1:]

    sur = word([surname]) if surname else ""
    giv = word(list(given)) if given else ""
    return " ".join(p for p in (sur, giv) if p)


@lru_cache(maxsize=None)
def _folded(role: str) -> dict[str, tuple[float, tuple[tuple[str, float], ...]]]:
    """The table for ``role`` keyed by ASCII key: spellings merged, weighted by their mass."""
    src = tables.sinoviet()[role]
    acc: dict[str, dict[str, float]] = {}
    mass: dict[str, float] = {}
    for key, (m, dist) in src.items():
        ak = " ".join(key_ascii(k) for k in key.split(" "))
        mass[ak] = mass.get(ak, 0.0) + m
        d = acc.setdefault(ak, {})
        for p, x in dist:
            d[p] = d.get(p, 0.0) + m * x
    out = {}
    for ak, d in acc.items():
        total = sum(d.values())
        ranked = sorted(d.items(), key=lambda kv: (-kv[1], kv[0]))
        out[ak] = (mass[ak], tuple((p, x / total) for p, x in ranked))
    return out


def lookup(role: str, syllable: str, folded: bool = False) -> tuple[float, tuple[tuple[str, float], ...]]:
    """(prior mass, pinyin distribution) of one syllable (or "A B" for role C) in a role."""
    if folded:
        key = " ".join(ascii_key(s) for s in syllable.split(" "))
        return _folded(role).get(key, (0.0, ()))
    key = " ".join(syllable_key(s) for s in syllable.split(" "))
    return tables.sinoviet()[role].get(key, (0.0, ()))


def split_name(text: str) -> list[str]:
    return [w for w in text.replace("-", " ").replace("\N{NO-BREAK SPACE}", " ").split() if w]


def readings(text: str, folded: bool = False, top: int = 5) -> list[PinyinName]:
    """The ``top`` most probable pinyin names for a Vietnamese reading, best first.

    Empty when the text is not 2-4 syllables or a syllable has no Sino-Vietnamese reading.
    """
    words = split_name(text)
    if not 2 <= len(words) <= 4 or not all(is_syllable(w) for w in words):
        return []
    options: list[tuple[float, str, list[str]]] = []  # (P(surname), surname pinyin, given words)
    if len(words) >= 3:
        mass, dist = lookup("C", f"{words[0]} {words[1]}", folded)
        # A two-character surname only when the reading is really one (Âu Dương, Tư Mã).
        share = _compound_share(words, folded)
        for p, x in dist[:2] if share else ():
            options.append((x * share, p, words[2:]))
    else:
        share = 0.0
    mass, dist = lookup("S", words[0], folded)
    if not dist:
        # A surname outside the table (it holds the ~430 commonest): read the syllable as a
        # character of any kind, at a discount that shows in the probabilities.
        _, dist = lookup("G", words[0], folded)
        rare = True
    else:
        rare = False
    for p, x in dist[:3]:
        options.append((x * (1.0 - share), p, words[1:]))
    results: list[PinyinName] = []
    for ps, sur, given_words in options:
        if not given_words or len(given_words) > 2:
            continue
        dists = []
        for w in given_words:
            _, d = lookup("G", w, folded)
            if not d:
                break
            dists.append(d[:4])
        else:
            for prob, sylls in _best_products(dists, top):
                results.append(PinyinName(format_name(sur, sylls), ps * prob, sur, tuple(sylls)))
    merged: dict[str, PinyinName] = {}
    for r in results:
        if r.text not in merged or merged[r.text].probability < r.probability:
            merged[r.text] = r
    total = sum(r.probability for r in merged.values())
    ranked = sorted(merged.values(), key=lambda r: (-r.probability, r.text))[:top]
    # Renormalise over the alternatives considered so that probabilities stay comparable; a
    # surname outside the table keeps a discount however sure the rest of the reading is.
    scale = RARE_SURNAME if rare and not share else 1.0
    return [PinyinName(r.text, scale * r.probability / total if total else 0.0, r.surname, r.given) for r in ranked]


def _compound_share(words: list[str], folded: bool) -> float:
    """Weight of the two-character-surname reading of the first two syllables.

    Read as one surname plus a given-name syllable, "Âu Dương Kiên" would be Ou Yangjian; but a
    reading that spells a two-character surname is that surname far more often than a rare
    single surname followed by exactly that syllable, so the compound reading gets most weight.
    """
    cmass, _ = lookup("C", f"{words[0]} {words[1]}", folded)
    return 0.8 if cmass >= 0.3 else 0.0


def _best_products(dists: list[tuple[tuple[str, float], ...]], top: int) -> list[tuple[float, list[str]]]:
    """Top products over per-syllable distributions (tiny: at most 4^2 combinations)."""
    combos: list[tuple[float, list[str]]] = [(1.0, [])]
    for d in dists:
        combos = [(p * x, sylls + [s]) for p, sylls in combos for s, x in d]
    return heapq.nlargest(top, combos, key=lambda c: (c[0], [-ord(ch) for ch in "".join(c[1])]))
