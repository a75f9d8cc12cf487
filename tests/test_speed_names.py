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


class _Ctx:
    glossary = object()

    def __init__(self):
        self.cache = {}


def _line_texts(n: int, seed: int):
    rng = random.Random(seed)
    pieces = _PIECES + ["Lý", "Gia", "Siêu", "Tôn", "Kim", "Long", "Nguyễn", "Du", "Việt"]
    glue = _GLUE + ["\n", "\n", "\r\n", "\n\n"]
    for _ in range(n):
        yield "".join(rng.choice(pieces) + rng.choice(glue) for _ in range(rng.randint(1, 40)))


@pytest.mark.parametrize("bare", [names._LATIN_NAME, names._LATIN_RUN, names._CAP_WORD, names._SURNAME_GIVEN])
def test_patterns_found_line_by_line_are_the_whole_text_matches(bare):
    ctx = _Ctx()
    for text in _line_texts(1500, 11):
        lines = names._by_line(ctx, "t", text, lambda line: tuple(m.span() for m in names._name_matches(bare, line)))
        assert [(ls + s, ls + e) for ls, spans in lines for s, e in spans] == \
            [m.span() for m in names._name_matches(bare, text)], text


def test_marked_runs_found_line_by_line_are_the_whole_text_runs():
    ctx = _Ctx()
    for text in _line_texts(1500, 13):
        lines = names._by_line(ctx, "t", text, lambda line: tuple(names._marked_runs(line, None)))
        assert [(ls + s, ls + e) for ls, runs in lines for s, e in runs] == names._marked_runs(text, None), text


def test_title_runs_found_after_a_non_word_character():
    full = re.compile(r"\b" + names._TITLE_RUN.pattern)
    for text in ["Chinese Vice Premier Trieu Lac Te said", "xChinese Premier Ly Cuong", "the China's envoy Vuong Nghi",
                 "_Chinese Minister Ab Cd", "Chinese Chinese Premier Ma Kai", "1Chinese President Tap Can Binh"]:
        assert [m.span(1) for m in context.finditer_not_after(names._TITLE_RUN, text, names._WORD_CHAR)] == \
            [m.span(1) for m in full.finditer(text)], text
