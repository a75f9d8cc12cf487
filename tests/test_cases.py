"""Every case file entry, with the invariants that hold for any input:
expected output, disjoint ordered edits, idempotence, spans in bounds and matching the text."""

from __future__ import annotations

import pytest

from casefiles import case_config, load_cases
from normalize import Cleaner

ALL = load_cases()


def test_case_files_exist():
    # Guard (as tomli's): a broken glob must not turn the suite into zero silent passes.
    assert len(ALL) >= 20
    ids = [c["id"] for c in ALL]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    assert {c["_provenance"] for c in ALL} >= {"wild", "synthetic", "negative"}


def _params():
    for c in ALL:
        marks = [pytest.mark.xfail(strict=True, reason=c.get("note", "known failure"))] if c["_provenance"] == "known-failures" else []
        yield pytest.param(c, id=c["id"], marks=marks)


@pytest.mark.parametrize("case", list(_params()))
def test_case(case):
    cleaner = Cleaner(case_config(case))
    text = case["input"]
    result = cleaner.clean_and_explain(text)
    expected = case.get("output", text)
    assert result.output == expected, case["_where"]
    if case["_provenance"] == "negative":
        assert result.output == text
        if case.get("no_findings", True):
            assert not result.unresolved, f"negative case reported {result.unresolved}"
    # Edits are disjoint and in order, so that each can be reviewed (and skipped) on its own.
    spans = [(e.start, e.end) for e in result.edits]
    assert spans == sorted(spans) and all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    for e in result.edits:
        assert 0 <= e.start <= e.end <= len(text)
        assert text[e.start : e.end] == e.old
        assert 0.0 <= e.confidence <= 1.0 and e.source and e.rule
    for f in result.unresolved:
        assert 0 <= f.start < f.end <= len(text) and text[f.start : f.end] == f.text
    assert cleaner.clean(result.output) == result.output, "cleaning twice changes something"
    if "unresolved" in case:
        assert sorted(f.text for f in result.unresolved) == sorted(case["unresolved"])
