"""Scans restricted to where a finding can be are exactly the full scans they replace.

The detectors skip text that cannot hold a finding (numbers: only the chunks around non-ASCII
characters, bounded by characters no pattern can match; see normalize/detect/numbers.py). These
tests build awkward random texts from the pieces the patterns match (figures, scale and currency
words in three scripts, date heads, prepositions, separators, whitespace, the edge characters
themselves) and check that the restricted scan finds what the iteration over the whole text finds.
"""

from __future__ import annotations

import random

import pytest

from normalize.detect import numbers

_PIECES = [
    "5", "12", "1.500", "1,5", "3-5", "2023", "10", "/", " / ", " ", "  ", "\n", "\n\n", "\t", "\u00a0",
    "tỷ", "tỉ", "triệu", "nghìn", "ngàn", "nghìn tỷ", "đồng", "vnđ", "VND", "đ", "đô la", "đô-la", "đô", "đô thị",
    "USD", "US$", "usd", "ndt", "NDT", "euro", "yên", "yên nhật", "nhân dân tệ", "bảng anh", "tỷ lệ",
    "ngày", "Ngày", "tháng", "Tháng", "năm", "Năm", "Mười", "Một", "Hai", "vào", "Vào", "on", "in", "at", "On",
    "trong", "年", "月", "日", "号", "十", "三", "万", "亿", "元", "人民币", "美元", "港币", "块", "的",
    "доларів", "рублей", "грн", "євро", "million", "billion", "thousand", "Chín",
    "f", "k", "p", "w", "x", "z", "Q", ";", ":", "!", "?", "(", ")", "[", "]", '"', "\u201c", "\u201d",
    ".", ",", "-", "\u2013", "$", "the", "and", "report", "of", "a", "é", "Đặng", "€",
]


def _text(r: random.Random) -> str:
    return "".join(r.choice(_PIECES) + (" " if r.random() < 0.4 else "") for _ in range(r.randint(1, 60)))


def _full_scan(pat, text, chunks, need=None):
    return pat.finditer(text)


@pytest.mark.parametrize("seed", range(4))
def test_number_hits_equal_the_full_scan(seed, monkeypatch):
    r = random.Random(seed)
    texts = [_text(r) for _ in range(1500)]
    fast = [numbers.find(t) for t in texts]
    monkeypatch.setattr(numbers, "_matches_in", _full_scan)
    slow = [numbers.find(t) for t in texts]
    assert sum(map(len, slow)) > 200  # the texts do hold hits
    for t, a, b in zip(texts, fast, slow):
        assert a == b, t


def test_chunks_are_disjoint_and_cover_every_cue():
    r = random.Random(7)
    for _ in range(500):
        t = _text(r)
        chunks = numbers._chunks(t)
        assert all(a < b <= c for (a, b), (c, _) in zip(chunks, chunks[1:] + [(len(t) + 1, 0)]))
        for m in numbers._CUE_CHAR.finditer(t):
            assert any(a <= m.start() < b for a, b in chunks)


_NAME_PIECES = ["Lý", "Gia", "Siêu", "Hà", "Nội", "São", "Tomé", "x", "Abc", "é", "€", "’", "'", "-", "_", "1", " ",
                "  ", "\n", ",", ".", "(", "ñ", "Ω", "中", "\u0301", "Đ", "đà", "Nẵng", "ABC", "de"]


def test_name_seeds_equal_the_full_scan():
    from normalize.resolve import names

    r = random.Random(3)
    total = 0
    for _ in range(3000):
        t = "".join(r.choice(_NAME_PIECES) for _ in range(r.randint(1, 40)))
        fast = [m.span() for m in names._seeds(t)]
        assert fast == [m.span() for m in names._SEED_WORD.finditer(t)], t
        total += len(fast)
    assert total > 1000
