"""Property tests over arbitrary Unicode: never crash, idempotent, edits disjoint, spans valid, clean English untouched."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings, strategies as st

from normalize import Cleaner

CLEANER = Cleaner()

# Arbitrary text, biased towards what the detectors care about: Vietnamese letters, Han, Hangul,
# Cyrillic, combining marks, spaces, punctuation and line breaks.
_ALPHABET = st.one_of(
    st.characters(blacklist_categories=("Cs",)),
    st.sampled_from(list("MỹHàLậpPhongthánảđươăNộiSơn 习近平서울Путин ()[]:;,.!?'\u2019\n\r\t-#\u0300\u0323\u0302")),
)
TEXT = st.text(_ALPHABET, max_size=200)
WORDS = st.lists(
    st.sampled_from(["Mỹ", "Hà", "Lập", "Phong", "tháng", "10", "and", "the", "from", "China", "习近平", "(Chinese:", ")",
                     "Mr.", "said", ".", "Chia", "sẻ", "Nội", "Sơn", "Xi", "Jinping", "ảnh", "1", "\n", "Besent", "Tho"]),
    max_size=30,
).map(" ".join)

settings.register_profile("ci", derandomize=True, max_examples=300, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")


def _check(text: str) -> None:
    result = CLEANER.clean_and_explain(text)
    spans = [(e.start, e.end) for e in result.edits]
    assert spans == sorted(spans) and all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    for e in result.edits:
        assert text[e.start : e.end] == e.old
    for f in result.unresolved:
        assert text[f.start : f.end] == f.text
    assert CLEANER.clean(result.output) == result.output


@given(TEXT)
def test_arbitrary_unicode(text):
    _check(text)


@given(WORDS)
def test_word_salad(text):
    _check(text)


@given(WORDS)
def test_nfc_and_nfd_agree(text):
    nfc = unicodedata.normalize("NFC", text)
    nfd = unicodedata.normalize("NFD", text)
    a = CLEANER.clean_and_explain(nfc)
    b = CLEANER.clean_and_explain(nfd)
    assert [(e.new, e.rule) for e in a.edits] == [(e.new, e.rule) for e in b.edits]
    assert unicodedata.normalize("NFC", b.output) == a.output


# Correct English with no leftover forms stays untouched in any company: sentences of our own
# Asian-press negative set (dev split) that come out clean alone must come out clean in any
# paragraph made of them (document-level evidence must not turn clean sentences into "damage").
def _clean_sentences():
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parent / "data" / "labelled" / "asian-press.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = []
    for r in rows:
        if r["split"] == "dev" and not r.get("known_failure"):
            res = CLEANER.clean_and_explain(r["text"])
            if res.output == r["text"] and not res.unresolved:
                out.append(r["text"])
    return out


CLEAN_SENTENCES = _clean_sentences()


@given(st.lists(st.sampled_from(CLEAN_SENTENCES), min_size=2, max_size=6, unique=True),
       st.sampled_from([" ", "\n", "\n\n"]))
def test_clean_english_untouched(sentences, sep):
    text = sep.join(sentences)
    result = CLEANER.clean_and_explain(text)
    # Folded glossary aliases firing inside Vietnamese names ("Le Thanh Long" -> "Le Jackie Chan"
    # beside a Chinese cue) are the glossary matcher's (issue 13.1, branch gazetteer), pinned by
    # tests/cases/known-failures/precision-others.jsonl; everything else must hold.
    edits = [e for e in result.edits if not (e.rule == "glossary-resolve" and "without its diacritics" in e.reason)]
    assert not edits, edits
    assert not result.unresolved, result.unresolved
