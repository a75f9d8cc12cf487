"""Document rules (issue 6): duplicated bodies and paragraphs, repeated titles, boilerplate,
garbled parentheses, glued tokens, immediate repetition.

The rules are run directly on a :class:`Document` with a minimal context (the same order and
overlap policy as the pipeline: document edits in rule order, a later edit overlapping a kept
one is dropped), and, where the pipeline is importable, through ``normalize.clean_and_explain``.
"""

from __future__ import annotations

import json
import types
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import normalize.document_rules  # noqa: F401  (registers the rules)
from normalize import rules
from normalize.config import Config
from normalize.document import Document
from normalize.document_rules import _patterns
from normalize.errors import GlossaryError
from normalize.records import apply_edits

REPO = Path(__file__).resolve().parents[1]
CASES = REPO / "tests" / "cases"
SHARED = (REPO / ".." / "shared").resolve()
EXAMPLE = REPO / "examples" / "gate-kuala-lumpur.txt"
OURS = (
    "duplicate-body",
    "repeated-title",
    "duplicate-paragraph",
    "boilerplate",
    "garbled-parentheses",
    "glued-tokens",
    "immediate-repetition",
)


def _overlaps(a, b) -> bool:
    if a.start == a.end:
        return b.start < a.start < b.end or b.start == b.end == a.start
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def run_document_rules(text: str, config: Config | None = None):
    """(output, edits) of the active document rules on ``text``."""
    config = config or Config()
    doc = Document(text)
    ctx = types.SimpleNamespace(config=config, cache={}, per_doc={})
    kept = []
    for r in rules.active("document", config):
        for e in r.func(doc, ctx):
            assert e.old == text[e.start : e.end], (r.name, e)
            assert e.rule == r.name and e.reason and e.source
            # The document rules agree among themselves: none is dropped for overlapping another.
            assert not any(_overlaps(e, k) for k in kept), (e, [k for k in kept if _overlaps(e, k)])
            kept.append(e)
    kept.sort(key=lambda e: (e.start, e.end))
    return apply_edits(text, kept), kept


def _config(spec: dict | None) -> Config:
    spec = dict(spec or {})
    for key in ("disabled_rules", "enabled_rules"):
        if key in spec:
            spec[key] = frozenset(spec[key])
    return Config(**spec)


def _load_cases():
    files = sorted(CASES.glob("*/document-*.jsonl"))
    out = []
    for f in files:
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            case = json.loads(line)
            out.append(pytest.param(f.parent.name, case, id=f"{f.parent.name}/{case['id']}"))
    return out


CASE_PARAMS = _load_cases()


def test_case_files_found():
    # Guard: a glob that silently finds nothing would make every case test vacuous.
    kinds = {p.values[0] for p in CASE_PARAMS}
    assert {"synthetic", "negative"} <= kinds
    assert len(CASE_PARAMS) >= 40


@pytest.mark.parametrize("provenance,case", CASE_PARAMS)
def test_case(provenance, case):
    config = _config(case.get("config"))
    text = case["input"]
    if provenance == "negative":
        assert "output" not in case, "negative cases must come out unchanged"
    expected = case.get("output", text)
    out, edits = run_document_rules(text, config)
    assert out == expected
    if expected == text:
        assert edits == []
    # Idempotent: a second pass finds nothing.
    again, edits2 = run_document_rules(out, config)
    assert again == out and edits2 == []


def test_every_rule_has_positive_cases():
    fired = set()
    for p in CASE_PARAMS:
        provenance, case = p.values
        if provenance == "synthetic":
            fired |= {e.rule for e in run_document_rules(case["input"], _config(case.get("config")))[1]}
    assert fired >= set(OURS)


@pytest.mark.parametrize("name", OURS)
def test_negative_cases_with_one_rule_on(name):
    """Negative cases come out unchanged with each rule on its own, too (switching the others
    off must not let one rule claim what they would have explained)."""
    config = Config(disabled_rules=frozenset(OURS) - {name})
    for p in CASE_PARAMS:
        provenance, case = p.values
        if provenance == "negative":
            assert run_document_rules(case["input"], config)[1] == [], case["id"]


@pytest.mark.parametrize("name", OURS)
def test_rules_listed_and_switchable(name):
    r = {r.name: r for r in rules.all_rules()}[name]
    assert r.stage == "document" and r.default
    assert r.description and "\n" not in r.description and len(r.description) < 160
    text = EXAMPLE.read_text(encoding="utf-8")
    _, on = run_document_rules(text)
    _, off = run_document_rules(text, Config(disabled_rules=frozenset({name})))
    assert not any(e.rule == name for e in off)


# -- the example article ------------------------------------------------------------------------

TITLE = "China and the United States resume talks to ease trade tensions."


def _check_one_clean_article(out: str, keep_title: bool) -> None:
    first_para = out.count("High-level officials from America")
    assert first_para == 1, "the body once"
    assert out.count(TITLE) == (1 if keep_title else 0)
    if keep_title:
        assert out.startswith(TITLE + "\n")
    for gone in ("View Original", "SN_Nour", "third-party content", "( and", " )"):
        assert gone not in out
    assert "Vice Premier He Lifeng and trade negotiator Li Chenggang." in out
    assert "Kuala Lumpur (Malaysia)" in out
    assert out.endswith("during Trump's first term.\n")


@pytest.mark.skipif(not EXAMPLE.exists(), reason="example article not in the repository")
@pytest.mark.parametrize("keep_title", [True, False])
def test_example_article_document_rules(keep_title):
    text = EXAMPLE.read_text(encoding="utf-8")
    out, edits = run_document_rules(text, Config(keep_title=keep_title))
    _check_one_clean_article(out, keep_title)
    # The leftovers stay for the leftover rules: exactly one copy of each remains in the text.
    assert out.count("Hà Lập Phong") == 1 and out.count("from Mỹ and China") == 1
    assert run_document_rules(out, Config(keep_title=keep_title))[1] == []
    by_rule = {e.rule for e in edits}
    assert by_rule == {"duplicate-body", "boilerplate", "garbled-parentheses"} | (
        set() if keep_title else {"repeated-title"}
    )


@pytest.mark.skipif(not EXAMPLE.exists(), reason="example article not in the repository")
@pytest.mark.parametrize("form", ["NFD", "CRLF"])
def test_example_article_other_encodings(form):
    """NFD input and CRLF line breaks give the same article; offsets refer to the input as read."""
    text = EXAMPLE.read_text(encoding="utf-8")
    expected, _ = run_document_rules(text)
    if form == "NFD":
        variant = unicodedata.normalize("NFD", text)
        out, edits = run_document_rules(variant)
        assert unicodedata.normalize("NFC", out) == expected
    else:
        variant = text.replace("\n", "\r\n")
        out, edits = run_document_rules(variant)
        assert out == expected.replace("\n", "\r\n")
    assert all(variant[e.start : e.end] == e.old for e in edits)
    assert run_document_rules(out)[1] == []


def _pipeline():
    try:
        from normalize import clean_and_explain
    except ImportError:
        pytest.skip("pipeline not available yet")
    return clean_and_explain


@pytest.mark.skipif(not EXAMPLE.exists(), reason="example article not in the repository")
@pytest.mark.parametrize("keep_title", [True, False])
def test_example_article_pipeline(keep_title):
    clean_and_explain = _pipeline()
    text = EXAMPLE.read_text(encoding="utf-8")
    result = clean_and_explain(text, Config(keep_title=keep_title))
    _check_one_clean_article(result.output, keep_title)
    assert apply_edits(text, result.edits) == result.output
    # The document rules leave the leftovers of the kept copy to the leftover rules: each is
    # either fixed or reported, never swallowed by a document edit.
    doc_edits = [e for e in result.edits if e.rule in OURS]
    others = [e for e in result.edits if e.rule not in OURS] + list(result.unresolved)
    assert others, "the leftover rules saw the kept copy"
    for item in others:
        assert not any(d.start < item.end and item.start < d.end for d in doc_edits)
    assert "Mỹ" not in result.output
    assert "Hà Lập Phong" not in result.output or any(f.text == "Hà Lập Phong" for f in result.unresolved)
    assert clean_and_explain(result.output, Config(keep_title=keep_title)).output == result.output


@pytest.mark.parametrize("provenance,case", CASE_PARAMS)
def test_case_through_pipeline(provenance, case):
    clean_and_explain = _pipeline()
    config = _config(case.get("config"))
    expected = case.get("output", case["input"])
    result = clean_and_explain(case["input"], config)
    doc_out, _ = run_document_rules(case["input"], config)
    # The document rules' part of the result is the same as running them alone; the leftover
    # rules may change only text the document rules left alone (e.g. a Chinese gloss).
    assert doc_out == expected
    ours = [e for e in result.edits if e.rule in OURS]
    assert apply_edits(case["input"], ours) == expected


# -- pattern files ------------------------------------------------------------------------------


def test_shipped_pattern_files_load():
    files = _patterns.builtin_files()
    assert {f.name for f in files} >= {"en.generic.tsv", "en.gate-io.tsv", "vi.generic.tsv", "zh.generic.tsv"}
    for f in files:
        pats = _patterns.load_file(f)
        assert pats, f
        assert all(p.source.startswith("glossaries/boilerplate/" + f.name + ":") for p in pats)


HEADER = (
    "# normalize-patterns: 1\n# domain: boilerplate\n# site-family: example.com\n# language: en\n"
    "# license: CC0-1.0\n# origin: test\nscope\tpattern\trequires\tnote\n"
)


@pytest.mark.parametrize(
    "body,message",
    [
        ("line\tView (Original\t\tx\n", "bad.tsv:8:11: bad regular expression: missing ), unterminated subpattern"),
        ("page\tView Original\t\tx\n", "bad.tsv:8:1: scope must be one of line, tail, not 'page'"),
        ("line\tView Original\tnext\tx\n", "bad.tsv:8:20: requires must be empty, 'near' or 'edge', not 'next'"),
        ("line\tView Original\t\t\n", "bad.tsv:8:21: note (provenance) is required"),
        ("line\tb\t\tx\nline\ta\t\tx\n", "bad.tsv:9:1: lines must be sorted by (scope, pattern)"),
        ("line\ta\t\tx\nline\ta\t\ty\n", "bad.tsv:9:1: duplicate of line 8"),
        ("line\ta?\t\tx\n", "bad.tsv:8:6: pattern matches the empty string"),
        ("line\ta\tx\n", "bad.tsv:8:1: expected 4 tab-separated columns, got 3"),
    ],
)
def test_bad_pattern_file(tmp_path, body, message):
    f = tmp_path / "bad.tsv"
    f.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(GlossaryError) as exc:
        _patterns.load_file(f)
    assert str(exc.value).endswith(message)


def test_bad_pattern_header(tmp_path):
    f = tmp_path / "bad.tsv"
    f.write_text(HEADER.replace("# license: CC0-1.0\n", ""), encoding="utf-8")
    with pytest.raises(GlossaryError, match="header key 'license' missing"):
        _patterns.load_file(f)
    f.write_text("scope\tpattern\trequires\tnote\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r":1:1: first line must be '# normalize-patterns: 1'"):
        _patterns.load_file(f)


def test_user_pattern_file(tmp_path):
    f = tmp_path / "en.example-com.tsv"
    f.write_text(HEADER + "line\t(?i)subscribe to our newsletter!?\t\tnewsletter box\n", encoding="utf-8")
    text = "The talks resumed on Monday.\nSubscribe to our newsletter!\n"
    assert run_document_rules(text)[0] == text
    out, edits = run_document_rules(text, Config(boilerplate=(f,)))
    assert out == "The talks resumed on Monday.\n"
    assert edits[0].source == f"{f}:8" and "newsletter box" in edits[0].reason


# -- invariants over arbitrary text -------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "View Original",
        "SN_Nour",
        "Photo 1.",
        "The talks resumed in Geneva on Monday after a long pause in negotiations.",
        "Trade talks resume",
        "( and ",
        " )",
        "()",
        "the the ",
        "parade and parade ",
        "CNNMr. Lee ",
        "NewsReuters News",
        "30/05/2025",
        "said.The ",
        "- ảnh 1 Chia sẻ",
        "China, Japan, Korea, ",
        "\n",
        "\n\n",
        " ",
        "e\u0301",
    ]
)
# Defect pieces as they occur: separated by spaces or line breaks. (Pieces glued to each other
# without a space can chain three repairs, each exposing the next; see the report's known misses.)
_DOCS = st.lists(st.tuples(_PIECES, st.sampled_from([" ", "\n", "\n\n"])), max_size=30).map(
    lambda parts: "".join(p + sep for p, sep in parts)
)


def _check_invariants(text):
    out, edits = run_document_rules(text)
    for e in edits:
        assert 0 <= e.start <= e.end <= len(text) and text[e.start : e.end] == e.old
    assert run_document_rules(out)[0] == out


@pytest.mark.slow
@settings(derandomize=True, max_examples=150, deadline=None)
@given(_DOCS)
def test_invariants_on_defects(text):
    _check_invariants(text)


@settings(derandomize=True, max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_invariants_on_any_text(text):
    _check_invariants(text)


# -- real machine translation -------------------------------------------------------------------


@pytest.mark.skipif(not (SHARED / "corpora").exists(), reason="../shared corpora not available")
def test_real_mt_lines():
    """Single lines of real MT output (WMT submissions, Gemini, m2m100) and their human
    references. References are correct English: untouched. MT output holds leftovers but none of
    the page defects, except brackets padded by MT ("( preprocessing)"): only those change, and
    only in their spacing."""
    rows = []
    for path in sorted((SHARED / "corpora").glob("*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) > 100
    spacing_fixes = 0
    for row in rows:
        if isinstance(row.get("ref"), str):
            assert run_document_rules(row["ref"])[1] == [], row["id"]
        if isinstance(row.get("hyp"), str):
            for e in run_document_rules(row["hyp"])[1]:
                assert e.rule == "garbled-parentheses", (row["id"], e)
                assert e.new == e.old[0] + e.old[1:-1].strip() + e.old[-1], (row["id"], e)
                spacing_fixes += 1
    assert spacing_fixes >= 1


@pytest.mark.skipif(not (SHARED / "samples").exists(), reason="../shared samples not available")
def test_shared_samples():
    """The real cases of kind 'document' and the caption with VOV's marker and share button."""
    rows = {}
    for line in (SHARED / "samples" / "leftovers-dev.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        rows[row["id"]] = row
    out, _ = run_document_rules(rows["vov-share"]["input"])
    assert out == "Prime Minister Nguyen Tan Dung receives Chinese Foreign Minister"
    article = (SHARED / "samples" / rows["gate-article"]["input_file"]).read_text(encoding="utf-8")
    _check_one_clean_article(run_document_rules(article)[0], keep_title=True)
    for row in rows.values():
        if row["kind"] == "negative":
            assert run_document_rules(row["input"])[1] == [], row["id"]
