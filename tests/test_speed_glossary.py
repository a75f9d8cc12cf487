"""The glossary detector's restricted scans find exactly what the whole-text scans they replace find.

Institution patterns (normalize/detect/institutions.py) are tried only where a needle says a match
can start; the glossary's automata for keys with other letters (normalize/glossary.py) read only the
parts of their windows a key can reach from the text's non-ASCII characters. The tests build awkward
random texts from the pieces the patterns and keys are made of (heads, levels, numbers, acronym
letters and joins, glossary forms in every script, the characters look-arounds and boundaries read)
and compare.
"""

from __future__ import annotations

import random

import pytest

from normalize import glossary
from normalize.config import Config
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


@pytest.fixture(scope="module")
def glossary_set():
    gl = glossary.GlossarySet.from_config(Config())
    gl.deferred()
    return gl


def _glossary_pieces(gl) -> list[str]:
    r = random.Random(3)
    forms = sorted({f for e in gl.entries + gl.deferred().entries for f, _ in e.forms() if not f.isascii()})
    # The keys that reach farthest from their non-ASCII letters (before, between, after) too.
    farthest = [k for g in (gl, gl.deferred()) for i in range(3)
                for k in sorted((k for k in g._exact if not k.isascii()), key=lambda k: glossary._reach([k])[i])[-8:]]
    return r.sample(forms, 600) + farthest * 5 + [
        "Ha Noi", "Bac Kinh", "tieng h", "mong", "\u2019", "'", "-", " - ", " ", "  ", "\n", ",", ".", "(", ")", "1",
        "the", "said", "Minister", "abcdefghijklmnopqrstuvwxyz" * 2, "\u212a", "\u0130", "é", "€", "\u201c", "臺灣", "國",
    ]


def _scan_key(matches) -> list:
    return [(m.start, m.end, m.entry.source, m.entry.requires, m.form, m.exact, m.alias) for m in matches]


def test_glossary_scan_finds_what_the_whole_window_scan_finds(glossary_set, monkeypatch):
    pieces = _glossary_pieces(glossary_set)
    r = random.Random(5)
    texts = ["".join(r.choice(pieces) + r.choice(["", " ", "  ", "\n"]) for _ in range(r.randint(1, 30)))
             for _ in range(1500)]
    fast = [_scan_key(glossary_set.scan(t)) for t in texts]
    # The windows searched whole: every non-ASCII letter found by one search over the text.
    monkeypatch.setattr(glossary, "_near_runs", lambda runs, reach: [(-1, 10**9)])
    monkeypatch.setattr(glossary._Hay, "in_runs", lambda self, pattern: pattern.finditer(self.nfc))
    slow = [_scan_key(glossary_set.scan(t)) for t in texts]
    assert sum(map(len, slow)) > 3000
    for t, a, b in zip(texts, fast, slow):
        assert a == b, t


def test_copies_of_the_text_are_the_per_character_translations(glossary_set):
    r = random.Random(6)
    pieces = _glossary_pieces(glossary_set)
    for _ in range(500):
        t = "".join(r.choice(pieces) for _ in range(r.randint(0, 12)))
        hay = glossary._Hay(t)
        assert glossary.fold(t) == hay.folded == t.translate(glossary._FOLD)
        assert hay.simplified == glossary.lower(t).translate(glossary.han_t2s())
