"""Real cases from ../shared/samples (read in place; skipped in a clone without ../shared)."""

from __future__ import annotations

import json

from normalize import Cleaner

CLEANER = Cleaner()


def _samples(shared):
    lines = (shared / "samples" / "leftovers-dev.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_negative_samples_come_out_byte_identical(shared):
    negatives = [c for c in _samples(shared) if c["kind"] == "negative"]
    assert negatives, "no negative cases found"
    for case in negatives:
        result = CLEANER.clean_and_explain(case["input"])
        assert result.output == case["input"], case["id"]
        assert not result.edits, case["id"]


def test_every_sample_keeps_the_invariants(shared):
    for case in _samples(shared):
        text = case.get("input") or (shared / "samples" / case["input_file"]).read_text(encoding="utf-8")
        result = CLEANER.clean_and_explain(text)
        for e in result.edits:
            assert text[e.start : e.end] == e.old, case["id"]
        spans = sorted((e.start, e.end) for e in result.edits)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), (case["id"], "overlapping edits")
        assert CLEANER.clean(result.output) == result.output, case["id"]


def test_example_article_is_the_shared_sample(shared):
    from pathlib import Path

    ours = Path(__file__).resolve().parents[1] / "examples" / "gate-kuala-lumpur.txt"
    assert ours.read_bytes() == (shared / "samples" / "gate-kuala-lumpur.txt").read_bytes()
