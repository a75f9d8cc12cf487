"""The glossary detector's restricted scans find exactly what the whole-text scans they replace find.

Institution patterns (normalize/detect/institutions.py) are tried only where a needle says a match
can start; the tests build awkward random texts from the pieces the patterns match (heads, levels,
numbers, acronym letters and joins, the characters their look-arounds read) and compare.
"""

from __future__ import annotations

import random

import pytest

from normalize.detect import institutions as inst

_PIECES = [
    "Quận", "quận", "Phường", "phường", "Q.", "P.", "Q", "P", "q", "p", "uận", "hường", "Q.3", "Quận 1", "phường\u00a012", "P.5", ".", ",", ", ", "1", "12", "5",
    "123", " ", "  ", "\u00a0", "\n", "UBND", "HĐND", "Uỷ ban nhân dân", "Ủy ban Nhân dân", "uy ban nhân dân",
    "Hội đồng nhân dân", "hân dân", "UBND tỉnh", "HĐND\u00a0xã", "Uỷ ban nhân dân phường", "tỉnh", "thành phố", "TP", "TP.", "huyện", "xã", "thị xã", "thị trấn", "Đại học",
    "Trường Đại học", "Đại học Harvard", "Đại học\u00a0Yale", "trường ", "Trường ", "Harvard", "Stanford", "Huế", "Bộ", "Sở", "GD", "ĐT", "Đ", "-", "&",
    "GD-ĐT", "GTVT", "Bộ GD-ĐT", "Sở\u00a0 GTVT", "Bộ C", "A", "B", "US", "x", "a", "in", "at", "_", "é", "(", ")",
]


def _text(r: random.Random) -> str:
    return "".join(r.choice(_PIECES) + (" " if r.random() < 0.3 else "") for _ in range(r.randint(1, 40)))


def _texts(seed: int, n: int = 3000) -> list[str]:
    r = random.Random(seed)
    return [_text(r) for _ in range(n)]


def _spans(matches) -> list:
    return [(m.span(), m.groupdict()) for m in matches]


@pytest.mark.parametrize("pattern, needles", [
    (inst._LEVEL_ALONE, inst._LEVEL_NEEDLES),
    (inst._NUMBERED, inst._NUMBERED_NEEDLES),
    (inst._FOREIGN_UNIVERSITY, inst._UNIVERSITY_NEEDLES),
    (inst._DEPT_HEAD, (("Sở", 0),)),
])
@pytest.mark.parametrize("seed", range(2))
def test_patterns_tried_at_their_needles_find_what_the_whole_scan_finds(pattern, needles, seed):
    found = 0
    for t in _texts(seed):
        whole = _spans(pattern.finditer(t))
        assert _spans(inst._finditer_at(pattern, t, inst._starts(t, needles))) == whole, t
        found += len(whole)
    assert found > 50  # the texts do hold matches


@pytest.mark.parametrize("seed", range(2))
def test_acronyms_tried_at_their_starts_find_what_the_whole_scan_finds(seed):
    found = 0
    for t in _texts(seed + 10):
        whole = _spans(a for a in inst._ACRONYM.finditer(t) if len(a.group("acr")) >= 2)
        assert _spans(inst._acronym_hits(t)) == whole, t
        found += sum(1 for _, g in whole if g["head"])
    assert found > 50  # with heads too
