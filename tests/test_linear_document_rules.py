"""Document rules cost linear time in the length of a line (issue 16: one long line must not cost
the square of its length). Each test measures two sizes in one run and compares the ratio of
CPU times (never an absolute time): linear is x4 for four times the text, quadratic x16."""

from __future__ import annotations

import random
import time
import types

import normalize.document_rules  # noqa: F401  (registers the rules)
from normalize import rules
from normalize.config import Config
from normalize.document import Document

CONFIG = Config()
_WORDS = "the council approved budget on tuesday trading volume fell storm cut power homes".split()


def _line(n: int, tail: str, seed: int = 3) -> str:
    rng = random.Random(seed)
    parts, size = [], 0
    while size < n:
        s = " ".join(rng.choice(_WORDS) for _ in range(8)).capitalize() + tail
        parts.append(s)
        size += len(s) + 1
    return " ".join(parts)


def _cpu(text: str) -> float:
    doc = Document(text)
    ctx = types.SimpleNamespace(config=CONFIG, cache={}, per_doc={})
    t0 = time.process_time()
    for r in rules.active("document", CONFIG):
        list(r.func(doc, ctx))
    return time.process_time() - t0


def _ratio(make) -> float:
    _cpu(make(2_000))  # tables and patterns loaded first
    small, big = make(20_000), make(80_000)
    return min(_cpu(big) / max(_cpu(small), 1e-3) for _ in range(2))


def test_a_line_without_full_stops_is_linear():
    assert _ratio(lambda n: _line(n, "")) < 8


def test_a_line_with_many_bracket_repairs_is_linear():
    assert _ratio(lambda n: _line(n, " ( and the minister ) said.")) < 8


def test_a_line_with_many_glued_tokens_is_linear():
    assert _ratio(lambda n: _line(n, " said.The minister CNNMr. Ly left.")) < 8


def test_a_line_with_many_doubled_words_is_linear():
    assert _ratio(lambda n: _line(n, " the the parade and parade.")) < 8
