"""Report invariants on every data-driven case (tests/cases): ids, sentences, diffs, skipping."""

from __future__ import annotations

import re

import pytest

from casefiles import case_config, load_cases
from normalize import Cleaner, apply_edits
from normalize.decisions import Decisions, apply
from normalize.report import annotate, render_diff, render_word_diff
from normalize.report.ids import walk

CASES = [c for c in load_cases() if c["_provenance"] != "known-failures"]
_CLEANERS: dict = {}


def result_of(case):
    config = case_config(case)
    if config not in _CLEANERS:
        _CLEANERS[config] = Cleaner(config)
    return _CLEANERS[config].clean_and_explain(case["input"])


_HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def apply_unified(text: str, diff: str) -> str:
    """A strict applier of one file's unified diff: every context and removed line must match
    at the header's position, the counts must agree; "#" lines after the last hunk are skipped."""
    old = re.findall(r"[^\n]*\n|[^\n]+\Z", text)
    lines = diff.splitlines(keepends=True)
    assert lines[0].startswith("--- ") and lines[1].startswith("+++ ")
    out, pos, k = [], 0, 2
    while k < len(lines) and lines[k].startswith("@@"):
        m = _HUNK.match(lines[k])
        o_start, o_len = int(m[1]), int(m[2] if m[2] is not None else 1)
        n_len = int(m[4] if m[4] is not None else 1)
        o_at = o_start - 1 if o_len else o_start
        out.extend(old[pos:o_at])
        pos = o_at
        k += 1
        seen_old = seen_new = 0
        while k < len(lines) and lines[k][:1] in (" ", "-", "+"):
            op, body = lines[k][0], lines[k][1:]
            if k + 1 < len(lines) and lines[k + 1].startswith("\\ No newline"):
                body = body[:-1]
                k += 1
            if op in " -":
                assert old[pos] == body, (pos, old[pos], body)
                pos += 1
                seen_old += 1
            if op in " +":
                out.append(body)
                seen_new += 1
            k += 1
        assert (seen_old, seen_new) == (o_len, n_len)
    assert all(x.startswith("#") for x in lines[k:]), lines[k:]
    out.extend(old[pos:])
    return "".join(out)


@pytest.mark.parametrize("case", CASES, ids=[c["_where"] for c in CASES])
def test_report_invariants(case):
    result = result_of(case)
    items = annotate(result)
    every = list(walk(items))
    ids = [i.id for i in every]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[a-z2-7]{6,}", i) for i in ids)
    for it in every:
        s = it.sentence
        assert s.text[s.start : s.end] == it.text == result.input[it.start : it.end]
        assert result.input[s.offset : s.offset + len(s.text)] == s.text
    assert [i.id for i in annotate(result)] == [i.id for i in items]  # deterministic
    if result.edits:
        assert apply_unified(result.input, render_diff("x", result)) == result.output
        porcelain = render_word_diff("x", result, "porcelain", context=10**9)
        old = "".join("\n" if line == "~" else line[1:] for line in porcelain.splitlines()[3:] if line[:1] in " -~")
        assert old == result.input
    for it in items:  # skipping one change: everything else as fix writes it
        if it.flagged:
            continue
        others = [e for e in result.edits if e is not it.edit] + list(it.edit.absorbed)
        assert apply(result, Decisions.skip([it.id]), items).output == apply_edits(result.input, others)
        assert apply(result, Decisions.only([it.id]), items).output == apply_edits(result.input, [it.edit])
