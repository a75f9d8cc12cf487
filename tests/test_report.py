"""Reporters (normalize/report/): ids, sentences, categories, text, diff, word diff, CriticMarkup."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from casefiles import case_config, load_cases
from normalize import Cleaner, Config
from normalize.cli import main
from normalize.report import annotate, render_diff, render_text, render_word_diff
from normalize.report.critic import CriticMarkupError, accept_all, reject_all, render_critic
from normalize.report.ids import walk

TESTS = Path(__file__).resolve().parent
ARTICLE = TESTS.parent / "examples" / "gate-kuala-lumpur.txt"
GLOSSARY = ["--no-builtin-glossary", "--glossary", str(TESTS / "data" / "core-test.tsv")]
TEST_CONFIG = Config(builtin_glossary=False, glossaries=(TESTS / "data" / "core-test.tsv",))
TWO = "Delegations from Mỹ and China met.\nOther 的首页导航 line.\n"


def run(args, input=None):
    return CliRunner().invoke(main, args, input=input, catch_exceptions=False)


@lru_cache(maxsize=None)
def _cleaner(config: Config = TEST_CONFIG) -> Cleaner:
    return Cleaner(config)


def clean(text, config: Config = TEST_CONFIG):
    return _cleaner(config).clean_and_explain(text)


@lru_cache(maxsize=1)
def article():
    return Cleaner().clean_and_explain(ARTICLE.read_text(encoding="utf-8"))


# -- ids, sentences, categories -------------------------------------------------------------------

def test_ids_same_on_a_second_run_and_under_an_added_paragraph():
    text = ARTICLE.read_text(encoding="utf-8")
    first = {i.id: (i.start, i.text) for i in walk(annotate(article()))}
    again = {i.id: (i.start, i.text) for i in walk(annotate(Cleaner().clean_and_explain(text)))}
    assert first == again
    doc = TWO + "The minister met Hà Lập Phong in Hà Nội.\n" + "Trade with Mỹ grew.\n"
    base = {i.id: (i.start, i.text) for i in walk(annotate(clean(doc)))}
    assert len(base) == 4
    extra = "An unrelated paragraph about the weather, and Mỹ.\n"
    for k in (0, len(TWO), len(doc)):  # added at the top, in the middle, at the end
        changed = doc[:k] + extra + doc[k:]
        ids = {i.id: (i.start - (len(extra) if i.start >= k else 0), i.text) for i in walk(annotate(clean(changed)))}
        assert base.items() <= ids.items() and len(ids) == 5


def test_ids_unique_short_and_duplicates_told_apart():
    # The same sentence twice (a doubled body without document rules): four leftovers, four ids.
    off = Config(builtin_glossary=False, glossaries=TEST_CONFIG.glossaries,
                 disabled_rules=frozenset({"duplicate-paragraph", "immediate-repetition", "duplicate-body"}))
    line = "Delegations from Mỹ met Hà Lập Phong.\n"
    items = [i for i in walk(annotate(clean(line * 2, off))) if i.rule == "glossary-resolve"]
    assert len(items) == 4
    ids = [i.id for i in items]
    assert len(set(ids)) == 4 and all(re.fullmatch(r"[a-z2-7]{6}", i) for i in ids)
    # Nested (absorbed) edits have ids too, unique across the report.
    all_ids = [i.id for i in walk(annotate(article()))]
    assert len(all_ids) == len(set(all_ids)) > len(annotate(article()))


def test_sentence_holds_the_fragment_and_category_is_mqm():
    result = clean(TWO + "It said Mỹ. Then it left.\n")
    for it in walk(annotate(result)):
        s = it.sentence
        assert s.text[s.start : s.end] == it.text
        assert result.input[s.offset : s.offset + len(s.text)] == s.text
    items = annotate(result)
    assert items[0].sentence.text == "Delegations from Mỹ and China met."
    assert items[-1].sentence.text == "It said Mỹ."
    assert {i.category for i in items} == {"accuracy/untranslated"}
    cats = {i.rule: i.category for i in annotate(article())}
    assert cats["duplicate-body"] == "fluency/duplication"
    assert cats["garbled-parentheses"] == "fluency/punctuation"
    assert cats["boilerplate"] == "fluency/extraneous-content"


def test_json_adds_id_sentence_category_and_keeps_the_contract(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(TWO, encoding="utf-8")
    (entry,) = json.loads(run(["check", "--format", "json", str(p), *GLOSSARY]).stdout)
    old = {"start", "end", "text", "replacement", "rule", "source", "confidence", "language", "kind", "reason"}
    for f in entry["findings"]:
        assert old | {"id", "category", "sentence"} <= f.keys()
        s = f["sentence"]
        assert s["text"][s["start"] : s["end"]] == f["text"]
    flag = entry["findings"][1]
    assert flag["replacement"] is None and flag["category"] == "accuracy/untranslated"
    (doc,) = json.loads(run(["check", "--format", "json", str(ARTICLE)]).stdout)
    body = next(f for f in doc["findings"] if f["rule"] == "duplicate-body")
    assert sorted(i["text"] for i in body["includes"]) == ["Hà Lập Phong", "Mỹ"]


# -- text report ----------------------------------------------------------------------------------

def test_text_report_short_lines_with_sentence_and_summary():
    out = render_text("a.txt", clean(TWO))
    lines = out.splitlines()
    items = annotate(clean(TWO))
    assert lines[0] == (f"a.txt:1:18: glossary-resolve [{items[0].id}] Delegations from [-Mỹ-]{{+the United States+}} "
                        "and China met. \N{EM DASH} glossary form 'Mỹ' (core-test.tsv:13, 0.95)")
    assert lines[1].startswith(f"a.txt:2:7: script [{items[1].id}] Other {{==的首页导航==}} line. \N{EM DASH} ")
    assert lines[2] == "a.txt: 1 fixed, 1 flagged | fixed: glossary-resolve 1 | flagged: script 1"
    # What the pipeline noted on the flag (here the dictionary's word-by-word senses) is kept, once
    # per file; a missing model is not noted per finding but once per run (the CLI's hint line).
    assert lines[3].startswith("a.txt: note: ") and "首页 'home page'" in out and "models/README.md" not in out
    for line in render_text("examples/gate-kuala-lumpur.txt", article()).splitlines()[:-1]:
        assert len(line.split(": ", 1)[1]) <= 160, line


def test_explain_uses_the_short_form(tmp_path):
    r = run(["fix", "--explain", *GLOSSARY], input=TWO.encode())
    report, hint = r.stderr[: -len(r.stderr.splitlines()[-1]) - 1], r.stderr.splitlines()[-1]
    assert report == render_text("-", clean(TWO))
    assert hint.startswith("hint: a local translation model could take 1 unresolved leftover(s) (1 zh)")


# -- unified diff -----------------------------------------------------------------------------------

def test_diff_of_a_single_edit_is_difflibs():
    import difflib

    result = clean("One.\nTwo.\nDelegations from Mỹ and China met.\nThree.\n")
    expected = "".join(difflib.unified_diff(result.input.splitlines(True), result.output.splitlines(True),
                                            "a/x", "b/x"))
    assert render_diff("x", result) == expected


def test_diff_removes_the_copy_the_explanation_names():
    diff = render_diff("a", article())
    first = diff.split("\n@@ -17,")[0].splitlines()
    # The explanation: "removed the first copy of the body (lines 1–19)"; the title and the
    # second copy stay. So the first hunk starts by deleting line 1, and line 22 (the title) is kept.
    assert first[2].startswith("@@ -1,")
    assert first[3].startswith("-High-level officials from America")
    assert " China and the United States resume talks to ease trade tensions." in first
    assert not any(x.startswith("-China and the United States resume") for x in diff.splitlines())
    body = next(i for i in annotate(article()) if i.rule == "duplicate-body")
    assert f"\n# changed 1:1 duplicate-body [{body.id}] \N{EM DASH} removed the first copy of the body (lines 1–19," in diff
    word = render_word_diff("a", article(), "plain")
    assert word.index(f"# changed 1:1 duplicate-body [{body.id}]") < word.index("\n@@ -38,")  # under its hunk


@pytest.mark.skipif(not shutil.which("patch"), reason="patch(1) not installed")
def test_diff_applies_with_patch(tmp_path):
    for name, result in (("article.txt", article()), ("two.txt", clean(TWO)),
                         ("noeol.txt", clean("Mỹ and China.\nlast Mỹ"))):
        (tmp_path / name).write_text(result.input, encoding="utf-8")
        diff = render_diff(name, result)
        r = subprocess.run(["patch", "-p1", "-s"], input=diff.encode(), cwd=tmp_path, capture_output=True)
        assert r.returncode == 0, r.stdout + r.stderr
        assert (tmp_path / name).read_text(encoding="utf-8") == result.output


def test_diff_shows_flagged_only_fragments(tmp_path):
    far = TWO + "".join(f"line {k}\n" for k in range(10)) + "Tail 的首页导航 here.\n"
    diff = render_diff("a", clean(far))
    flags = [i for i in annotate(clean(far)) if i.flagged]
    assert diff.splitlines()[-2:] == [
        f"# flagged 2:7 script [{flags[0].id}] {{==的首页导航==}} \N{EM DASH} run of Han letters (zh, left unchanged)",
        f"# flagged 13:6 script [{flags[1].id}] {{==的首页导航==}} \N{EM DASH} run of Han letters (zh, left unchanged)",
    ]
    only_flag = render_diff("a", clean("Other 的首页导航 line.\n"))
    assert only_flag.startswith("# a: nothing to change\n# flagged 1:7 script")


# -- word diff -----------------------------------------------------------------------------------

def _porcelain_sides(text: str) -> tuple[list[str], list[str]]:
    old, new = [], []
    for line in text.splitlines():
        if line.startswith(("---", "+++", "@@")):
            continue
        op, body = line[:1], line[1:]
        if op == "~":
            old.append("\n")
            new.append("\n")
        elif op in " -":
            old.append(body) if op == "-" else (old.append(body), new.append(body))
        elif op == "+":
            new.append(body)
    return "".join(old).splitlines(), "".join(new).splitlines()


def test_word_diff_marks_every_replaced_fragment():
    result = article()
    plain = render_word_diff("a", result, "plain")
    for it in annotate(result):
        if it.text.strip() and "\n" not in it.text:
            assert any(f"[-{part}" in plain for part in it.text.split()), it.text
    assert "He Lifeng [-( -]and trade negotiator Li Chenggang[- )-]. The meeting" in plain
    assert "[-Hà Lập Phong-]{+He Lifeng+}" in plain
    assert "{+the United States+}" in plain and "\x1b[" not in plain
    # porcelain: context and removed runs, "~" for each newline, give the old text back (as in
    # git, "~" also follows a removed line, so the new side is not recoverable this way).
    old, _ = _porcelain_sides(render_word_diff("a", result, "porcelain", context=10**6))
    assert old == result.input.splitlines()
    color = render_word_diff("a", result, "color")
    assert "\x1b[31mHà Lập Phong\x1b[m\x1b[32mHe Lifeng\x1b[m" in color and "[-" not in color


@pytest.mark.skipif(not shutil.which("git"), reason="git not installed")
@pytest.mark.parametrize("mode", ["plain", "porcelain"])
def test_word_diff_is_what_git_writes(tmp_path, mode):
    result = clean("One line.\n" + TWO)
    (tmp_path / "a").write_text(result.input, encoding="utf-8")
    (tmp_path / "b").write_text(result.output, encoding="utf-8")
    git = subprocess.run(["git", "diff", "--no-index", f"--word-diff={mode}", "a", "b"], cwd=tmp_path,
                         capture_output=True, text=True).stdout
    ours = render_word_diff("x", result, mode)
    body = lambda d: [x for x in d.splitlines() if not x.startswith(("diff ", "index ", "---", "+++", "#"))]
    assert body(ours) == body(git)


def test_word_diff_cli_colour_only_when_asked(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text(TWO, encoding="utf-8")
    auto = run(["check", "--word-diff", str(p), *GLOSSARY])  # CliRunner is not a terminal
    assert auto.exit_code == 1 and "[-Mỹ-]{+the United States+}" in auto.stdout and "\x1b[" not in auto.stdout
    assert "# flagged 2:7 script" in auto.stdout
    forced = run(["check", "--word-diff=color", str(p), *GLOSSARY])
    assert "\x1b[31mMỹ\x1b[m" in forced.stdout
    porcelain = run(["check", str(p), "--word-diff=porcelain", *GLOSSARY])
    assert "\n-Mỹ\n+the United States\n" in porcelain.stdout and "# flagged" not in porcelain.stdout

    class Tty:
        def isatty(self):
            return True

    from normalize.report import use_color

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color(Tty())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(Tty())


# -- CriticMarkup --------------------------------------------------------------------------------

def test_critic_marks_changes_and_flags():
    items = annotate(clean(TWO))
    out = render_critic(clean(TWO))
    assert out.startswith("Delegations from {~~Mỹ~>the United States~~}{>>" + items[0].id + " glossary-resolve: ")
    assert "Other {==的首页导航==}{>>" + items[1].id + " script: run of Han letters" in out


CASES = [c for c in load_cases() if c["_provenance"] != "known-failures"]


def test_critic_round_trips_on_every_case_and_the_article():
    checked = 0
    for case in CASES:
        result = clean(case["input"], case_config(case))
        try:
            marked = render_critic(result)
        except CriticMarkupError:
            continue
        assert accept_all(marked) == result.output, case["_where"]
        assert reject_all(marked) == result.input, case["_where"]
        checked += 1
    assert checked > 100
    marked = render_critic(article())
    assert accept_all(marked) == article().output and reject_all(marked) == article().input


def test_critic_refuses_text_with_markup_of_its_own(tmp_path):
    with pytest.raises(CriticMarkupError, match="delimiter '{\\+\\+'"):
        render_critic(clean("Delegations from Mỹ {++x++} met.\n"))
    p = tmp_path / "a.txt"
    p.write_text(TWO, encoding="utf-8")
    r = run(["check", "--format", "critic", str(p), *GLOSSARY])
    assert r.exit_code == 1 and accept_all(r.stdout) == clean(TWO).output
    assert run(["check", "--format", "critic", str(p), str(p), *GLOSSARY]).exit_code == 2
    r = run(["check", "--format", "critic", "-", *GLOSSARY], input="From Mỹ {++x++}.\n".encode())
    assert r.exit_code == 3 and r.stdout == ""
    assert r.stderr == ("normalize: error: -: the text contains the CriticMarkup delimiter '{++': "
                        "it cannot be marked up unambiguously\n")


def test_text_report_colour_replaces_the_brackets():
    out = render_text("a.txt", clean(TWO), color=True)
    assert "\x1b[31mMỹ\x1b[m\x1b[32mthe United States\x1b[m and China met." in out
    assert "\x1b[43;30m的首页导航\x1b[m" in out and "[-" not in out and "{==" not in out
