"""Phonetic keys for Chinese names written in other romanizations.

The same name reaches English as Hanyu Pinyin (Xi Jinping, Zhang Guoqing), Wade-Giles (Hsi
Chin-p'ing, Mao Tse-tung), or a transcription through another language (Turkish "Li Chiang",
"Ding Shuexiang", "Cang Guoching"; "Hi Lifing"). The key keeps what these systems agree on: the
place of articulation of each consonant and a coarse vowel class. Voicing and aspiration are
merged (Wade-Giles writes pinyin b/p as p/p', d/t as t/t'); the pinyin affricates and sibilants
zh ch z c j q x sh s collapse into two classes (affricate j, sibilant s), as Wade-Giles (ch ts
hs) and Turkish (ç c ş) spellings do; vowels fold to a (a), i (e i y), u (o u ü).

A key matches many strings: it is only used to find a *known* person (a glossary entity) in a
name position, never to invent a name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_STEPS = (
    ("tzu", "zi"), ("ssu", "si"), ("szu", "si"),  # Wade-Giles apical vowels (Tzu-chi, Ssu-ma)
    ("hs", "s"), ("sh", "s"), ("x", "s"), ("ş", "s"), ("ś", "s"),
    ("zh", "j"), ("ch", "j"), ("tz", "j"), ("ts", "j"), ("dz", "j"), ("ç", "j"), ("q", "j"), ("z", "j"), ("c", "j"),
    ("ph", "b"), ("th", "d"), ("kh", "g"),
    ("k", "g"), ("p", "b"), ("t", "d"), ("v", "u"), ("w", "u"), ("ü", "u"), ("y", "i"),
    ("e", "i"), ("o", "u"),
)


# A word's key depends on the word alone: kept for the pipeline's second round and the next
# documents (the name rules key every capitalised word of a document; bounded).
@lru_cache(maxsize=1 << 17)
def word_key(word: str) -> str:
    """The key of one word (no whitespace): "Chiang" -> "jiang"."""
    w = unicodedata.normalize("NFC", word.lower())
    w = re.sub(r"[-'\u2019\u02bc]", "", w)
    # Aspiration marks are gone with the apostrophes; a letter h after a stop is aspiration too.
    w = re.sub(r"(?<=[ptkc])h", "", w)
    for a, b in _STEPS:
        w = w.replace(a, b)
    w = "".join(c for c in unicodedata.normalize("NFD", w) if not unicodedata.combining(c))
    return re.sub(r"(.)\1+", r"\1", w)


def key(name: str) -> str:
    """"Li Chiang" and "Li Qiang" -> "li jiang"; "Hsi Chin-p'ing" and "Xi Jinping" -> "si jinbing"."""
    return " ".join(map(word_key, name.split()))
