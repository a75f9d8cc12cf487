"""The text as detectors see it: an NFC view with a map back to the original offsets.

NFC and NFD input must behave the same, but every offset in a report refers to the text as read.
Detectors therefore scan ``doc.nfc`` and convert their spans with :meth:`Document.span`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from .records import Finding

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) then whitespace, or at
# a line break. Abbreviations such as "Mr." split a sentence in two; for context windows that is
# harmless because callers also look at the neighbouring sentence when they need more. (The end
# mark or line break is matched first, a look-behind then tells which it was, so that the search
# skips from one such character to the next; group 1 is what follows an end mark.)
_SENTENCE_END = re.compile(
    r"[\n.!?\u3002\uff01\uff1f](?:(?<=[.!?\u3002\uff01\uff1f])([\"'\u201d\u2019)\]]*\s+)|(?<=\n)\n*)"
)
_ABBREV_END = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|U\.S|U\.K|No|vs|e\.g|i\.e)\.$")


def _nfc_with_map(text: str) -> tuple[str, list[int] | None]:
    """Return (nfc, map) where map[i] is the original offset of nfc[i] (len+1 entries), or None
    when the text is already NFC (identity map: the common case costs one C call)."""
    if unicodedata.is_normalized("NFC", text):
        return text, None
    out: list[str] = []
    offsets: list[int] = []
    # Normalise chunk by chunk: a chunk starts at a character with canonical combining class 0, so
    # combining marks stay with their base. Hangul conjoining jamo compose across starters, so a
    # vowel or trailing jamo never starts a chunk.
    start = 0
    n = len(text)
    i = 1
    while i <= n:
        if i == n or (
            unicodedata.combining(text[i]) == 0 and not ("\u1160" <= text[i] <= "\u11ff")
        ):
            chunk = unicodedata.normalize("NFC", text[start:i])
            for k, ch in enumerate(chunk):
                out.append(ch)
                # The first composed char maps to the chunk start; any further chars map to the
                # chunk start as well unless the chunk did not change length.
                offsets.append(start + k if len(chunk) == i - start else start)
            start = i
        i += 1
    offsets.append(n)
    return "".join(out), offsets


@dataclass(frozen=True)
class Document:
    text: str
    nfc: str = field(init=False)
    _map: list[int] | None = field(init=False, repr=False)

    def __post_init__(self) -> None:
        nfc, mapping = _nfc_with_map(self.text)
        object.__setattr__(self, "nfc", nfc)
        object.__setattr__(self, "_map", mapping)

    # -- offsets -----------------------------------------------------------------------------
    def orig(self, i: int) -> int:
        """Original offset of NFC offset ``i`` (``i`` may be ``len(nfc)``)."""
        if self._map is None:
            return i
        return self._map[i]

    def orig_end(self, j: int) -> int:
        """Original offset for an exclusive NFC end ``j``: the start of the next character."""
        if self._map is None:
            return j
        if j >= len(self.nfc):
            return len(self.text)
        return self._map[j]

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.orig(start), self.orig_end(end)

    def finding(self, start: int, end: int, **kw) -> Finding:
        """Build a Finding from an NFC span; offsets and text refer to the original."""
        s, e = self.span(start, end)
        return Finding(start=s, end=e, text=self.text[s:e], **kw)

    # -- sentences ---------------------------------------------------------------------------
    @cached_property
    def sentence_starts(self) -> list[int]:
        starts = [0]
        for m in _SENTENCE_END.finditer(self.nfc):
            gap = m.group(1)  # None at a line break
            if gap is not None and "\n" not in gap and _ABBREV_END.search(self.nfc, max(0, m.start(1) - 12), m.start(1)):
                continue
            starts.append(m.end())
        return starts

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        """NFC (start, end) of the sentence holding NFC offset ``i``."""
        starts = self.sentence_starts
        k = bisect_right(starts, i) - 1
        s = starts[max(k, 0)]
        e = starts[k + 1] if k + 1 < len(starts) else len(self.nfc)
        return s, e

    def nfc_offset(self, orig: int) -> int:
        """NFC offset for an original offset (inverse of :meth:`orig`, first match)."""
        if self._map is None:
            return orig
        return bisect_right(self._map, orig) - 1 if orig < len(self.text) else len(self.nfc)
