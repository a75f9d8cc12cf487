"""Generate normalize/data/latin-lexicon.tsv: per-word language evidence for Latin-script leftovers.

The runtime detector (normalize/detect/latin.py) must not import wordfreq (57 MB, slow to load) on
the default path, so the frequencies it needs are precomputed here into a compact table.

Rows, one per ASCII-or-Latin lower-case word form:

    word <TAB> en <TAB> vi <TAB> best <TAB> langs

- ``en``: wordfreq Zipf frequency of the word in English.
- ``vi``: for an ASCII word, Zipf frequency of the *diacritic-folded* form in Vietnamese: the sum of the frequencies of
  every Vietnamese word that folds to it (tổng, tống, tông -> "tong"), so that Vietnamese written
  without its diacritics ("Tong Bi thu", "Cac xa gom") can be scored. 0 when no Vietnamese syllable
  folds to it. Only forms shaped like a Vietnamese syllable are kept. For a word with diacritics
  that other languages share (các, không, là), the Zipf frequency of that exact spelling.
- ``best``: the highest Zipf frequency among ``langs`` (0 if none): lets the runtime pick seed
  words without parsing every ``langs`` field.
- ``langs``: ``lang:zipf`` pairs for the other Latin-script languages in which the word is clearly
  more frequent than in English (Zipf at least ``MARGIN`` higher), among each language's
  ``TOP_N`` most frequent words. These are the words a leftover phrase of that language is made of.

Usage: python scripts/gen_latin_lexicon.py  (rewrites the file; commit the result)
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from pathlib import Path

import wordfreq

OUT = Path(__file__).resolve().parents[1] / "normalize" / "data" / "latin-lexicon.tsv"

# Latin-script languages that machine translation into English leaves behind in practice (news
# from South-East Asia and Europe). Each must be in wordfreq's list of languages.
FOREIGN = ("id", "ms", "fil", "es", "pt", "fr", "it", "de", "nl", "tr")
TOP_N = 5000
# South-East Asian languages get a deeper list: they are the commonest Latin-script leftovers in
# the news this tool targets, and their lists are small.
TOP_N_BY_LANG = {"id": 10000, "ms": 10000, "fil": 10000}
MARGIN = -1.0
MIN_FOREIGN_ZIPF = 3.3
MIN_VI_ZIPF = 2.0
MIN_VI_ACCENTED_ZIPF = 3.0
# Letters only Vietnamese uses (ă ơ ư đ, U+1EA0..U+1EF9 and ĩ ũ ỹ ẽ): words with them are the
# ``vietnamese`` detector's.
VI_ONLY = frozenset(
    "\u0102\u0103\u01a0\u01a1\u01af\u01b0\u0110\u0111\u0128\u0129\u0168\u0169\u1ef8\u1ef9\u1ebc\u1ebd"
    + "".join(chr(c) for c in range(0x1EA0, 0x1EFA))
)

# Vietnamese syllable shape after folding diacritics (onset, vowel cluster, coda), after the
# orthography described in Thompson, "A Vietnamese Reference Grammar" (1965), ch. 2.
_VI_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:[aeiouy]{1,3})"
    r"(?:ch|ng|nh|[cmnpt])?$"
)


def fold_vi(word: str) -> str:
    """Strip Vietnamese diacritics: tổng -> tong, đường -> duong."""
    word = word.replace("\N{LATIN SMALL LETTER D WITH STROKE}", "d")
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def zipf(freq: float) -> float:
    return round(math.log10(freq * 1e9), 2) if freq > 0 else 0.0


def main() -> int:
    vi_folded: dict[str, float] = {}
    for word, freq in wordfreq.get_frequency_dict("vi").items():
        if " " in word:
            continue
        folded = fold_vi(word)
        if not folded.isascii() or not _VI_SYLLABLE.match(folded):
            continue
        vi_folded[folded] = vi_folded.get(folded, 0.0) + freq

    rows: dict[str, dict] = {}
    for word, freq in vi_folded.items():
        z = zipf(freq)
        if z >= MIN_VI_ZIPF:
            rows.setdefault(word, {"langs": {}})["vi"] = z

    # Vietnamese words spelled only with letters other languages share (các, không, là, Xuân):
    # the ``vietnamese`` detector cannot seed on them, so their exact frequency is kept here,
    # with the highest frequency of the same spelling in the other languages (là is French too).
    for word, freq in wordfreq.get_frequency_dict("vi").items():
        if word.isascii() or " " in word or not word.isalpha() or any(c in VI_ONLY for c in word):
            continue
        if not _VI_SYLLABLE.match(fold_vi(word)):
            continue
        z = zipf(freq)
        if z < MIN_VI_ACCENTED_ZIPF:
            continue
        row = rows.setdefault(word, {"langs": {}})
        row["vi"] = z
        for lang in FOREIGN:
            fz = wordfreq.zipf_frequency(word, lang)
            if fz > 0:
                row["langs"][lang] = fz

    for lang in FOREIGN:
        for word in wordfreq.top_n_list(lang, TOP_N_BY_LANG.get(lang, TOP_N)):
            # One-letter words count too: "o governo", "y la", "à la" are how phrases start.
            if not word.isalpha():
                continue
            z = wordfreq.zipf_frequency(word, lang)
            if z < MIN_FOREIGN_ZIPF:
                continue
            if z - wordfreq.zipf_frequency(word, "en") < MARGIN:
                continue
            rows.setdefault(word, {"langs": {}})["langs"][lang] = z

    lines = [
        "# normalize-data: latin-lexicon 2",
        f"# origin: generated by scripts/gen_latin_lexicon.py from wordfreq {wordfreq.__version__ if hasattr(wordfreq, '__version__') else _version()}"
        f" (languages en, vi, {', '.join(FOREIGN)}; top {TOP_N}, {TOP_N_BY_LANG}, margin {MARGIN}); do not edit",
        "# license: wordfreq data CC BY-SA 4.0 (Robyn Speer, https://github.com/rspeer/wordfreq)",
        "word\ten\tvi\tbest\tlangs",
    ]
    for word in sorted(rows):
        row = rows[word]
        en = wordfreq.zipf_frequency(word, "en")
        langs = ",".join(f"{k}:{v}" for k, v in sorted(row["langs"].items()))
        best = max(row["langs"].values(), default=0.0)
        lines.append(f"{word}\t{en}\t{row.get('vi', 0.0)}\t{best}\t{langs}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(rows)} words)", file=sys.stderr)
    return 0


def _version() -> str:
    from importlib.metadata import version

    return version("wordfreq")


if __name__ == "__main__":
    raise SystemExit(main())
