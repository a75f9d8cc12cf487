"""The script policies' faster scans find what the plain definitions find (detect/policies.py)."""

from __future__ import annotations

import random
import re

import pytest

from normalize.detect import policies

#: The hashtag pattern as first written: the look-behind first, tried at every position.
_HASHTAG_AS_DEFINED = re.compile(r"(?<![\w&#])#([^\W_]|_)[\w\u00b7\u30fb]*#?")
_PIECES = ["#", "#", "&", "a", "_", " ", "美", "国", "\n", "\u00b7", "1", "#美", "Ё", "\u30fb", "x#"]


@pytest.mark.parametrize("seed", range(3))
def test_hashtag_pattern_matches_the_look_behind_first_definition(seed):
    r = random.Random(seed)
    for _ in range(20000):
        text = "".join(r.choice(_PIECES) for _ in range(r.randint(0, 14)))
        assert ([m.span() for m in policies._HASHTAG.finditer(text)]
                == [m.span() for m in _HASHTAG_AS_DEFINED.finditer(text)]), text


@pytest.mark.parametrize("seed", range(3))
def test_lines_with_a_match_are_the_lines_a_split_gives(seed):
    r = random.Random(seed)
    for _ in range(5000):
        text = "".join(r.choice(["a", " ", "\n", "\n\n", "美", "Ж", "é"]) for _ in range(r.randint(0, 20)))
        expected, pos = [], 0
        for line in text.split("\n"):
            if policies._NONLATIN_RE.search(line):
                expected.append((pos, line))
            pos += len(line) + 1
        assert list(policies._lines_with(text, policies._NONLATIN_RE)) == expected, text
