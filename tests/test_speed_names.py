"""The name rules' fast paths give what the plain definitions give."""

from __future__ import annotations

import random
import re

import pytest

from normalize.names import context, phonetic
from normalize.resolve import names

_BEHIND = r"(?<![\w'\u2019-])"
_PIECES = ["Li", "Lee", "Chiang", "Besant", "Ka-chiu", "Ka", "chao", "O'Neill", "Xi", "Jinping", "Hà", "Nội",
           "the", "said", "a", "Wang", "Yi", "McDonald", "Fo'an", "Ding", "Shuexiang", "X", "Ab", "Cdefgh"]
_GLUE = [" ", " ", " ", "\u00a0", "-", "'", "\u2019", "_", "1", ".", ", ", "\n", "", "é"]


def _texts(n: int, seed: int = 7):
    rng = random.Random(seed)
    for _ in range(n):
        yield "".join(rng.choice(_PIECES) + rng.choice(_GLUE) for _ in range(rng.randint(1, 30)))


@pytest.mark.parametrize("bare", [names._LATIN_NAME, names._LATIN_RUN, names._CAP_WORD, names._SURNAME_GIVEN])
def test_name_matches_are_the_look_behind_regex_matches(bare):
    full = re.compile(_BEHIND + bare.pattern)
    for text in _texts(3000):
        got = [(m.span(), m.groups()) for m in names._name_matches(bare, text)]
        assert got == [(m.span(), m.groups()) for m in full.finditer(text)], text


def test_cue_scan_is_the_look_behind_regex_scan():
    rng = random.Random(3)
    words = ["China", "Chinese", "Hong Kong", "Republic of China", "Vietnam", "yuan", "won", "Seoul", "x", "_"]
    for _ in range(2000):
        text = "".join(rng.choice(words) + rng.choice(_GLUE) for _ in range(rng.randint(1, 20)))
        index = context.Cues(text)
        for origin, rx in context.CUES.items():
            spans = [m.span() for m in rx.finditer(text)]
            assert list(zip(index._starts[origin], index._ends[origin])) == spans, (origin, text)


def test_word_key_is_the_key_of_one_word():
    for w in ["Chiang", "Hsi", "Chin-p'ing", "Tse-tung", "Shuexiang", "Besant", "Nguyễn"]:
        assert phonetic.word_key(w) == phonetic.key(w)
    assert phonetic.key("Hsi Chin-p'ing") == "si jinbing"


def test_capped_sum_of_bounded_counts_is_the_plain_sum():
    def plain(counts):
        w = 0.0
        for count, inc in zip(counts, (0.1, 0.5, 1.0, 0.5, 0.1)):
            for _ in range(count):
                w += inc
                if w >= context._CAP:
                    return w
        return w

    rng = random.Random(5)
    for _ in range(3000):
        counts = [rng.choice((0, 1, 2, 3, 7, 40, 79, 80, 81, 99, 100, 101, 500, rng.randint(0, 3000))) for _ in range(5)]
        assert context._capped_sum(tuple(min(c, context._CAP_STEPS) for c in counts)) == plain(counts), counts
