"""The later runs of the leftover stage (pipeline.py): an excerpt of the repaired lines decides
whether the whole text runs again, and the result is the one the whole-text rerun gives."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from normalize import Cleaner, pipeline
from normalize.pipeline import _anchor_spans, _lines_around
from normalize.records import Edit, Finding, apply_edits

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import newslike  # noqa: E402

CLEAN = ("The port authority said container volumes rose 4 percent in the third quarter, "
         "helped by demand for machinery and electronics from Europe.")


def _padded(lines: list[str], pad: int = 30) -> str:
    """``lines`` in the middle of a long text of clean paragraphs (the excerpt is a small part)."""
    return "\n\n".join([CLEAN] * pad + lines + [CLEAN] * pad)


@pytest.fixture()
def calls(monkeypatch):
    """The texts each run of the leftover stage was given."""
    seen: list[str] = []
    real = Cleaner._leftovers

    def spy(self, text):
        seen.append(text)
        return real(self, text)

    monkeypatch.setattr(Cleaner, "_leftovers", spy)
    return seen


@pytest.mark.parametrize("body, fixed", [
    (["Chou En-lai flew to Bắc Kinh on Monday."], "Zhou Enlai flew to Beijing on Monday."),
    (["Teng Hsiao-ping returned in 1973. He was received in Bắc Kinh by senior officials."],
     "Deng Xiaoping returned in 1973. He was received in Beijing by senior officials."),
])
def test_a_cue_from_a_repair_is_used_in_a_long_text(calls, body, fixed):
    # The name needs a cue ("Beijing") that exists only after the first run repaired "Bắc Kinh":
    # the excerpt finds it, so the whole text runs again.
    text = _padded(body)
    out = Cleaner().clean(text)
    assert fixed in out
    assert len(calls) == 4  # first run, excerpt, whole text again, excerpt (nothing more)
    assert len(calls[1]) < len(text) / 10


def test_cue_in_the_next_line_of_a_sentence_per_line_text(calls):
    text = "\n".join([CLEAN] * 40 + ["Teng Hsiao-ping returned in 1973.",
                                    "He was received in Bắc Kinh by senior officials."] + [CLEAN] * 40)
    out = Cleaner().clean(text)
    assert "Deng Xiaoping returned in 1973.\nHe was received in Beijing" in out


def test_nothing_more_to_repair_costs_an_excerpt_not_a_rerun(calls):
    text = _padded(["Delegations from Mỹ and Nhật Bản met in Geneva on Tuesday."])
    out = Cleaner().clean(text)
    assert "Delegations from the United States and Japan met" in out
    assert len(calls) == 2 and calls[0] == text
    assert calls[1].strip() == "\n\n".join([CLEAN, "Delegations from the United States and Japan met in Geneva "
                                            "on Tuesday.", CLEAN])


def test_same_result_as_rerunning_the_whole_text(monkeypatch):
    # Forcing the whole-text rerun every time (the excerpt never chosen) changes nothing.
    text = newslike.generate(0.1, seed=7)
    screened = Cleaner().clean_and_explain(text)
    monkeypatch.setattr(pipeline, "_EXCERPT_SHARE", -1.0)
    whole = Cleaner().clean_and_explain(text)
    assert screened == whole
    assert screened.edits


def test_anchor_spans_are_offsets_of_the_repaired_text():
    text = "Mỹ và Nhật Bản: xyz and Ấn Độ"
    edits = [Edit(0, 2, "Mỹ", "the United States", "glossary", "g", 1.0),
             Edit(6, 14, "Nhật Bản", "Japan", "glossary", "g", 1.0)]
    pending = [Finding(start=16, end=19, text="xyz", kind="script", rule="script")]
    mid = apply_edits(text, edits)
    spans = _anchor_spans(text, edits, pending)
    assert [mid[s:e] for s, e in spans] == ["the United States", "Japan", "xyz"]


def test_lines_around_takes_short_neighbours_only():
    text = "a\n\nb x\n\nc\nd\n\n\ne"
    assert [text[s:e] for s, e in _lines_around(text, [(3, 4)])] == ["a\n\nb x\n\nc"]
    assert [text[s:e] for s, e in _lines_around(text, [(14, 15)])] == ["d\n\n\ne"]
    long = "x" * 500 + "\nmid\n" + "y" * 500
    assert [long[s:e] for s, e in _lines_around(long, [(502, 503)])] == ["mid"]
    # Overlapping windows merge, in order.
    assert [text[s:e] for s, e in _lines_around(text, [(0, 1), (3, 4), (14, 15)])] == [
        "a\n\nb x\n\nc\nd\n\n\ne"]


def test_news_text_is_read_about_once(calls):
    # On news with a leftover in one sentence of fifty, the later runs read an excerpt only: the
    # leftover stage reads about 1.2 times the text, not 2 or 3 times (the whole-text reruns).
    text = newslike.generate(0.2, seed=3)
    Cleaner().clean(text)
    assert len(calls) >= 2
    assert sum(map(len, calls)) < 1.35 * len(text), [len(c) for c in calls]
