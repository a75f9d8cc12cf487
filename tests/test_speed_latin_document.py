"""Sentence starts and the language rule's letter count, made cheaper, give what they gave."""

import random
import re

from normalize.detect import language
from normalize.document import _ABBREV_END, Document

# The look-behind form of the sentence end, tried at every position (the reference).
_OLD_SENTENCE_END = re.compile(r"(?<=[.!?\u3002\uff01\uff1f])[\"'\u201d\u2019)\]]*\s+|\n+")

_PIECES = [".", "!", "?", "\u3002", "\uff01", "\n", "\n\n", " ", "\t", '"', "'", "\u201d", "\u2019", ")", "]",
           "a", "B", "Mr", "U.S", "e.g", "No", "word", "\u4e2d", "\u00bd", "\u2460", "\u00e9", "_", "1"]


def _texts(n: int = 6000, seed: int = 14):
    rng = random.Random(seed)
    for _ in range(n):
        yield "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 40)))


def _old_sentence_starts(nfc: str) -> list[int]:
    starts = [0]
    for m in _OLD_SENTENCE_END.finditer(nfc):
        if "\n" not in m.group() and _ABBREV_END.search(nfc, max(0, m.start() - 12), m.start()):
            continue
        starts.append(m.end())
    return starts


def test_sentence_starts_are_the_ones_the_look_behind_found():
    for text in _texts():
        doc = Document(text)
        assert doc.sentence_starts == _old_sentence_starts(doc.nfc), text


def test_letters_are_counted_as_str_isalpha_counts_them():
    for text in _texts():
        assert language._letters(text) == sum(1 for c in text if c.isalpha()), text
