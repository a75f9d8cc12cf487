"""Idempotence as a guarantee (issue 16.6): ``fix(fix(x)) == fix(x)`` for every input the project
has: each case file entry (under its own config and under the default one), every line of the
shared corpora and every shared sample (skipped when ../shared is absent). Fields that hold text
the tool would meet (MT output, sources, references) are all checked."""

from __future__ import annotations

import json

import pytest

from normalize import Cleaner

from casefiles import case_config, load_cases
from conftest import SHARED

DEFAULT = Cleaner()
CASES = load_cases()
#: The text fields of a shared corpus line.
CORPUS_FIELDS = ("hyp", "src", "ref", "input", "text", "output")


def _second_pass_changes(cleaner: Cleaner, text: str) -> str | None:
    once = cleaner.clean(text)
    twice = cleaner.clean(once)
    return None if twice == once else f"{once!r} -> {twice!r}"


def test_case_files_are_fixed_points():
    assert CASES, "no case files found"
    bad = []
    for case in CASES:
        for cleaner in {Cleaner(case_config(case)), DEFAULT}:
            if problem := _second_pass_changes(cleaner, case["input"]):
                bad.append(f"{case['_where']} ({case['id']}): {problem}")
    assert not bad, "\n".join(bad)


def _corpus_texts():
    out = []
    for path in sorted((SHARED / "corpora").glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                row = json.loads(line)
                out.extend((f"{path.name}:{n}:{k}", row[k]) for k in CORPUS_FIELDS if isinstance(row.get(k), str))
    samples = SHARED / "samples"
    for path in sorted(samples.glob("*")):
        if path.suffix == ".jsonl":
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if line.strip():
                    row = json.loads(line)
                    out.extend((f"{path.name}:{n}:{k}", row[k]) for k in CORPUS_FIELDS if isinstance(row.get(k), str))
        elif path.suffix == ".txt":
            out.append((path.name, path.read_text(encoding="utf-8")))
    return out


def test_shared_corpora_and_samples_are_fixed_points(shared):
    texts = _corpus_texts()
    if not texts:
        pytest.skip("no corpus lines under ../shared")
    bad = [f"{where}: {p}" for where, text in texts if (p := _second_pass_changes(DEFAULT, text))]
    assert not bad, f"{len(bad)} of {len(texts)} texts change on a second pass:\n" + "\n".join(bad)
