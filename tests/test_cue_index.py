"""The cue index answers exactly what rescanning the document with the cue regexes answers.

``names.context.Cues`` finds each class of cue once per document and answers by bisection; the
reference below is the definition it replaces (every cue of the document weighed by where it
starts, the clause-level cue found by scanning the 80 characters before the name). Both run on
texts built to be awkward: cues glued to words ("xChina", "Chinese'sChina"), cues inside longer
cues ("People's Bank of China"), cues cut by the 80-character window, cues inside the name.
"""

from __future__ import annotations

import random

import pytest

from normalize.document import Document
from normalize.names import context

_PIECES = (
    list(context._ZH[:20]) + list(context._TWHK[:12]) + list(context._VI[:16]) + list(context._JA) + list(context._KO)
    + ["People's Bank of China", "Bank of China", "xChina", "Chinese'sChina", "Nguyen", "Hong Kong's", "yen",
       "Vice Premier", "Minister", "of", "the", "and", "said", "met", "in", "officials", "Hà", "Lập", "Phong",
       "Trần", "Văn", "Hùng", "Vương", "Đức", "Minh", "(", ")", ",", ".", "'s", "\n", "—", "Mr."]
)


def _text(r: random.Random) -> str:
    out = []
    for _ in range(r.randint(5, 60)):
        piece = r.choice(_PIECES)
        sep = r.choice((" ", " ", " ", "", ". ", ", ", "\n"))
        out.append(piece + sep)
    return "".join(out)


def _reference(doc, s: int, e: int) -> tuple[dict[str, float], str]:
    """The plain definition: one rescan of the document per cue class and per name."""
    nfc = doc.nfc
    ss, se = doc.sentence_bounds(s)
    ps, _ = doc.sentence_bounds(max(ss - 1, 0)) if ss else (ss, ss)
    _, ne = doc.sentence_bounds(se) if se < len(nfc) else (se, se)
    w = {k: 0.0 for k in context.CUES}
    local = ""
    for origin, rx in context.CUES.items():
        for m in rx.finditer(nfc):
            if s <= m.start() < e or s < m.end() <= e:
                continue
            if ss <= m.start() < se:
                w[origin] += 1.0
            elif ps <= m.start() < ne:
                w[origin] += 0.5
            else:
                w[origin] += 0.1
    best_gap = None
    for origin, rx in context.CUES.items():
        for m in rx.finditer(nfc, max(ss, s - 80), s):
            gap = nfc[m.end():s]
            if m.end() <= s and context._CLAUSE_GAP.match(gap):
                if best_gap is None or len(gap) < best_gap:
                    best_gap, local = len(gap), origin
        lead = context._AFTER.match(nfc, e)
        if lead and best_gap is None and rx.match(nfc, lead.end()):
            local = origin
    if local:
        w[local] += 3.0
    return {k: min(v, 8.0) for k, v in w.items()}, local


@pytest.mark.parametrize("seed", range(40))
def test_weights_equal_the_rescan(seed):
    r = random.Random(seed)
    for _ in range(8):
        doc = Document(_text(r))
        nfc = doc.nfc
        index = context.Cues(nfc)
        starts = [i for i in range(len(nfc)) if nfc[i].isupper() and (i == 0 or not nfc[i - 1].isalnum())]
        for s in starts[:40]:
            e = min(len(nfc), s + r.randint(1, 25))
            assert context._weights(doc, s, e, index) == _reference(doc, s, e), (nfc, s, e)


@pytest.mark.parametrize("seed", range(20))
def test_lookups_equal_the_regexes(seed):
    r = random.Random(1000 + seed)
    for _ in range(10):
        nfc = _text(r)
        index = context.Cues(nfc)
        for origin, rx in context.CUES.items():
            assert list(zip(index._starts[origin], index._ends[origin])) == [m.span() for m in rx.finditer(nfc)]
            for _ in range(30):
                lo = r.randrange(len(nfc) + 1)
                hi = min(len(nfc), lo + r.randint(0, 90))
                assert index.window(origin, lo, hi) == [m.span() for m in rx.finditer(nfc, lo, hi)], (nfc, lo, hi)
                assert index.search(origin, lo, hi) == bool(rx.search(nfc, lo, hi))
                assert index.search(origin, lo, hi, sliced=True) == bool(rx.search(nfc[lo:hi]))
                assert index.match_at(origin, lo) == bool(rx.match(nfc, lo))
