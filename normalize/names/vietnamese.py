"""Vietnamese syllable keys: one key per syllable however the tone mark was placed.

Vietnamese press and dictionaries disagree on spelling details that do not change the syllable:

- tone-mark placement, old style "Hoà", "Thuỵ" vs new style "Hòa", "Thụy" (the 1980s/1990s
  orthography reforms moved the mark; both are in use);
- final ``i`` vs ``y`` after a consonant ("Hi"/"Hy", "Kĩ"/"Kỹ", "Lí"/"Lý"; the 1984 rules prefer
  ``i``, names keep ``y``), and "qui"/"quy";
- "Ð" (U+00D0 LATIN CAPITAL LETTER ETH) typed for "Đ" (U+0110 LATIN CAPITAL LETTER D WITH STROKE).

:func:`syllable_key` maps all of these to one key: the toneless base (vowel-quality marks kept)
plus a tone digit in VNI order (1 acute, 2 grave, 3 hook above, 4 tilde, 5 dot below).
:func:`ascii_key` drops every mark, for text whose diacritics were stripped ("Trieu Lac Te").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Combining tone marks -> VNI tone digit (the five Vietnamese tone marks; the sixth tone is unmarked).
_TONES = {
    "\N{COMBINING ACUTE ACCENT}": "1",
    "\N{COMBINING GRAVE ACCENT}": "2",
    "\N{COMBINING HOOK ABOVE}": "3",
    "\N{COMBINING TILDE}": "4",
    "\N{COMBINING DOT BELOW}": "5",
}
_VOWELS = set("aeiouyăâêôơư")
_STROKE_D = str.maketrans({"\N{LATIN SMALL LETTER ETH}": "\N{LATIN SMALL LETTER D WITH STROKE}"})

# Letters a Vietnamese syllable can be written with (base letters, lower case, NFC).
_VI_LETTERS = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
# Onset, nucleus, coda of a Vietnamese syllable (standard orthography) on the toneless base.
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"(?:[aeiouyăâêôơư]{1,3})"
    r"(?:ng|nh|ch|[cmnpt])?"
)


# Every syllable test of the name rules starts here, once per word occurrence: kept per distinct
# word, for the pipeline's next round and the next documents (bounded).
@lru_cache(maxsize=1 << 16)
def split_tone(syllable: str) -> tuple[str, str]:
    """(toneless base, tone digit or "") of one syllable; the base is lower case NFC."""
    s = unicodedata.normalize("NFD", syllable.lower().translate(_STROKE_D))
    tone = ""
    base = []
    for ch in s:
        if ch in _TONES:
            tone = _TONES[ch]
        else:
            base.append(ch)
    return unicodedata.normalize("NFC", "".join(base)), tone


def _canon_base(base: str) -> str:
    # i/y: "hy" == "hi", "ly" == "li", but "uy", "ay", "ây" keep their y (a different vowel).
    if base.endswith("y") and len(base) >= 2 and base[-2] not in _VOWELS:
        base = base[:-1] + "i"
    if base == "qui":
        base = "quy"
    return base


def syllable_key(syllable: str) -> str:
    """Canonical key of one syllable: "Hoà", "Hòa", "HÒA" -> "hoa2"; "Hy", "Hi" -> "hi"."""
    base, tone = split_tone(syllable)
    return _canon_base(base) + tone


def ascii_key(syllable: str) -> str:
    """Key with every mark dropped: "Triệu" -> "trieu"; "Đặng" -> "dang"; "Hy" -> "hi"."""
    base, _ = split_tone(syllable)
    base = _canon_base(base).replace("\N{LATIN SMALL LETTER D WITH STROKE}", "d")
    return "".join(c for c in unicodedata.normalize("NFD", base) if not unicodedata.combining(c))


def key_ascii(key: str) -> str:
    """The :func:`ascii_key` of a :func:`syllable_key` ("trieu5" -> "trieu")."""
    return ascii_key(key.rstrip("12345"))


def is_syllable(word: str) -> bool:
    """True if ``word`` is spelled like one Vietnamese syllable (any tone, any case)."""
    base, _ = split_tone(word)
    return bool(base) and _SYLLABLE.fullmatch(base) is not None


def has_vietnamese_marks(word: str) -> bool:
    """True if ``word`` carries a mark that only Vietnamese uses on these letters (ơ, ư, đ, ạ, ả, ...)."""
    base, tone = split_tone(word)
    if tone in ("3", "5"):  # hook above and dot below are Vietnamese-only
        return True
    return any(c in "ăâêôơưđ" for c in base) or bool(tone and base)
