"""Repeated sentences and fuzzed Unicode through the whole library (issue 16.1 and 16.7).

Every document must come out without an exception, with edits that replay to the output and
spans that match the input, and cleaning the output again must change nothing. The corpora are
deterministic (fixed seeds), so a failure names a document that can be rerun; hypothesis
(derandomized) explores the same generators and shrinks a failure to a short document.
"""

from __future__ import annotations

import random
import sys
import unicodedata

from hypothesis import HealthCheck, given, settings

from normalize import Cleaner, replay

from repeated import corpus, repeated_documents, sentence_sequences

CLEANER = Cleaner()
CORPUS_SIZE = 10_000
FUZZ_SIZE = 5_000

settings.register_profile("repeats", derandomize=True, max_examples=300, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])


def _problem(text: str, again: dict[str, str]) -> str | None:
    """What is wrong with cleaning ``text`` (None: nothing). ``again`` memoises the second pass
    (outputs recur across documents; the cleaner is deterministic)."""
    try:
        result = CLEANER.clean_and_explain(text)
    except Exception as exc:  # the point of the test: report every kind of failure
        return f"{type(exc).__name__}: {exc}"
    if replay(result) != result.output:
        return "replay differs from the output"
    for e in result.edits:
        if text[e.start : e.end] != e.old:
            return f"edit {e.start}:{e.end} does not match the input"
    for f in result.unresolved:
        if text[f.start : f.end] != f.text:
            return f"finding {f.start}:{f.end} does not match the input"
    out = result.output
    if out != text:  # (a text that comes out unchanged is its own fixed point)
        if out not in again:
            try:
                again[out] = CLEANER.clean(out)
            except Exception as exc:
                return f"second pass: {type(exc).__name__}: {exc}"
        if again[out] != out:
            return f"not idempotent: a second pass gives {again[out]!r}"
    return None


def _failures(docs) -> list[tuple[str, str]]:
    again: dict[str, str] = {}
    return [(p, d) for d in docs if (p := _problem(d, again))]


def _report(bad: list[tuple[str, str]], n: int) -> str:
    head = "\n".join(f"  {p}\n    on {d!r}" for p, d in bad[:5])
    return f"{len(bad)} of {n} documents failed; first ones:\n{head}"


def test_repeated_sentence_corpus():
    docs = corpus(CORPUS_SIZE)
    bad = _failures(docs)
    assert not bad, _report(bad, len(docs))


@settings(settings.get_profile("repeats"))
@given(repeated_documents())
def test_repeated_documents(text):
    assert _problem(text, {}) is None


@settings(settings.get_profile("repeats"))
@given(sentence_sequences())
def test_any_sequence_of_pool_sentences(text):
    assert _problem(text, {}) is None


# Fuzz: random Unicode from every script, mixed line breaks.

_NEWLINES = ("\n", "\r\n", "\r", "\n\n", "\N{LINE SEPARATOR}", "\N{NEXT LINE}", "\f", "\v")


def _assigned() -> list[int]:
    """Every assigned code point that may stand in a str read from UTF-8 (no surrogates)."""
    return [c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) not in ("Cs", "Cn")]


def fuzz_documents(n: int, seed: int = 7) -> list[str]:
    """Documents of words drawn from a few random neighbourhoods of Unicode (so that a word has
    one script, as real text does, and every script is reached), ASCII punctuation, spaces and
    mixed line breaks; some words repeat."""
    rng = random.Random(seed)
    points = _assigned()
    docs = []
    for _ in range(n):
        centres = [rng.randrange(len(points)) for _ in range(rng.randint(1, 3))]
        words: list[str] = []
        for _ in range(rng.randint(0, 40)):
            if words and rng.random() < 0.15:
                words.append(rng.choice(words))
                continue
            c = rng.choice(centres)
            words.append("".join(chr(points[min(len(points) - 1, c + rng.randrange(64))])
                                 for _ in range(rng.randint(1, 8))))
        text = ""
        for w in words:
            r = rng.random()
            text += rng.choice(_NEWLINES) if r < 0.1 else rng.choice(" .,()") + " " if r < 0.2 else " "
            text += w
        docs.append(text)
    return docs


def test_fuzzed_unicode_documents():
    docs = fuzz_documents(FUZZ_SIZE)
    bad = _failures(docs)
    assert not bad, _report(bad, len(docs))
