"""Checks on a model's English output before it may replace anything.

Neural MT fails in recognisable ways on short, out-of-domain input: it copies the source, emits an
empty string, loops on a token ("the the the"), hallucinates a long unrelated sentence, or answers
in the wrong language (Koehn & Knowles 2017, "Six Challenges for Neural Machine Translation";
Raunak et al. 2021, "The Curious Case of Hallucinations in Neural Machine Translation"). Each check
below targets one of those failures; a rejected translation leaves the finding reported.
"""

from __future__ import annotations

import re
import unicodedata

from ..detect.common import VI_ONLY_SET

_WORD = re.compile(r"\w+", re.UNICODE)

# Han, Kana and Hangul (East Asian Wide) carry more per character than Latin letters. Measured on
# the human references of an MT-leftover corpus (nmt-leftovers.jsonl, WMT system output): English has a median 3.6
# non-space letters per wide source character (n=38 zh/ja lines; 10th percentile 2.4) and 1.25 per
# non-space character of Latin/Cyrillic sources (n=125; 10th-90th percentile 0.86-1.79).
_WIDE_WEIGHT = 3.0
#: Length ratio bounds on lengths smoothed by ``_SMOOTH`` characters, so that very short fragments
#: ("Mỹ" -> "the United States") are not rejected for a ratio that is normal for them. The lower
#: bound catches omissions ("#美联储何时降息" -> "#Fed"), the upper one hallucinated continuations.
RATIO_MIN, RATIO_MAX = 0.5, 3.0
_SMOOTH = 6


def _fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form, to recognise a copy of the source."""
    nfd = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(c for c in nfd if c.isalnum())


def effective_length(text: str) -> float:
    return sum(_WIDE_WEIGHT if unicodedata.east_asian_width(c) in "WF" else 1.0 for c in text if not c.isspace())


def length_ratio(source: str, output: str) -> float:
    return (len(output.replace(" ", "")) + _SMOOTH) / (effective_length(source) + _SMOOTH)


def _foreign_letters(text: str) -> str:
    """Letters of the output that English text does not use: non-Latin scripts, Vietnamese-only letters."""
    bad = []
    for ch in text:
        if not ch.isalpha():
            continue
        if ch in VI_ONLY_SET:
            bad.append(ch)
            continue
        name = unicodedata.name(ch, "")
        if not name.startswith("LATIN"):
            bad.append(ch)
    return "".join(dict.fromkeys(bad))


def _repetition(words: list[str]) -> str | None:
    low = [w.casefold() for w in words]
    # A word three times in a row, or a 2-4 word sequence twice in a row ("the market the market").
    for i in range(len(low) - 2):
        if low[i] == low[i + 1] == low[i + 2]:
            return f"repeated token {words[i]!r}"
    for n in (2, 3, 4):
        for i in range(len(low) - 2 * n + 1):
            if low[i : i + n] == low[i + n : i + 2 * n]:
                return f"repeated sequence {' '.join(words[i:i + n])!r}"
    if len(low) >= 6 and len(set(low)) / len(low) < 0.5:
        return f"only {len(set(low))} distinct words in {len(low)}"
    return None


def check(source: str, output: str) -> str | None:
    """Why ``output`` is not an acceptable English translation of ``source``; None when it passes.

    The messages are part of the report (``unresolved`` evidence) and are tested verbatim.
    """
    out = output.strip()
    if not any(c.isalnum() for c in out):
        return "empty translation"
    # U+2581 is sentencepiece's word-boundary marker: seen in output only when detokenising failed.
    if "<unk>" in out or "\N{LOWER ONE EIGHTH BLOCK}" in out:
        return "translation holds unknown-token markers"
    if _fold(out) == _fold(source) or (len(_fold(source)) >= 3 and _fold(source) in _fold(out)):
        return "translation merely copies the input"
    foreign = _foreign_letters(out)
    if foreign:
        return f"translation is not English (letters {foreign!r})"
    rep = _repetition(_WORD.findall(out))
    if rep:
        return f"translation repeats itself ({rep})"
    ratio = length_ratio(source, out)
    if not RATIO_MIN <= ratio <= RATIO_MAX:
        return f"length ratio {ratio:.2f} outside [{RATIO_MIN:.2f}, {RATIO_MAX:.2f}]"
    return None
