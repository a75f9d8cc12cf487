"""normalize review: the session logic directly, and the command in a real terminal (pexpect)."""

from __future__ import annotations

import json
import os
import re
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from normalize import Cleaner, Config
from normalize.decisions import apply, loads
from normalize.report import annotate
from normalize.review import Session, interact

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
ARTICLE = ROOT / "examples" / "gate-kuala-lumpur.txt"
CORE = TESTS / "data" / "core-test.tsv"
TEXT = "Delegations from Mỹ and China met.\nHà Lập Phong spoke in tháng 10.\nOther 的首页导航 line.\n"


@lru_cache(maxsize=1)
def result():
    return Cleaner(Config(builtin_glossary=False, glossaries=(CORE,))).clean_and_explain(TEXT)


def _drive(session, keys, answers=()):
    keys, answers, said = iter(keys), iter(answers), []
    interact(session, read_key=lambda parts: next(keys), ask=lambda m, d: next(answers), say=said.append)
    return said


def test_accept_skip_edit_undo_quit():
    s = Session("a.txt", result())
    said = _drive(s, ["a", "e", "u", "s", "e", "q"], ["Hi Lifeng", "during October"])
    assert said == ["  accepted", "  edit: 'Hi Lifeng'", "  undone: edit " + s.items[1].id, "  skipped",
                    "  edit: 'during October'"]
    # The date's fix covers its preposition ("in tháng 10" -> "in October"), so the edit does too.
    assert [(d.action, d.text) for d in s.order] == [("accept", "Mỹ"), ("skip", "Hà Lập Phong"),
                                                     ("edit", "in tháng 10")]
    out = s.outcome()
    assert out.output == "Delegations from the United States and China met.\nHà Lập Phong spoke during October.\n" \
                         "Other 的首页导航 line.\n"
    # The decisions file replays the review exactly (fix --decisions).
    assert apply(result(), loads(s.decisions().dumps())).output == out.output


def test_quit_leaves_undecided_changes_out_and_a_flag_can_get_a_replacement():
    s = Session("a.txt", result())
    _drive(s, ["s", "s", "a", "e"], ["the home page"])
    assert s.current() is None
    assert s.outcome().output == TEXT.replace("tháng 10", "October").replace("的首页导航", "the home page")
    q = Session("a.txt", result())
    _drive(q, ["a", "q"])
    assert q.outcome().output == TEXT.replace("Mỹ", "the United States")
    assert q.decisions().default == "skip"


def test_resume_continues_an_earlier_review():
    first = Session("a.txt", result())
    _drive(first, ["a", "s", "q"])
    again = Session("a.txt", result())
    again.resume(loads(first.decisions().dumps()))
    assert again.current().id == first.items[2].id
    _drive(again, ["u", "a", "a", "s"])  # undo reaches back into the earlier review
    assert [(d.action, d.text) for d in again.order] == [("accept", "Mỹ"), ("accept", "Hà Lập Phong"),
                                                         ("accept", "in tháng 10"), ("skip", "的首页导航")]
    from normalize.decisions import Decision, Decisions, DecisionsError

    with pytest.raises(DecisionsError, match="no change or flag has id zzzzzz"):
        Session("a.txt", result()).resume(Decisions({"zzzzzz": Decision("zzzzzz", "skip")}))


def test_skipping_a_removed_copy_puts_its_fixes_up_for_review():
    res = Cleaner().clean_and_explain(ARTICLE.read_text(encoding="utf-8"))
    s = Session("a", res)
    body = s.current()
    assert body.rule == "duplicate-body"
    s.decide(body, "skip")
    nxt = s.current()
    assert nxt.id == body.includes[0].id  # 'Hà Lập Phong' in the first copy
    s.decide(nxt, "skip")
    assert s.current().id == body.includes[1].id
    s.undo()
    s.undo()
    assert s.current().id == body.id and s.order == []


pexpect = pytest.importorskip("pexpect", reason="pexpect is not installed")


_CSI = r"(?:\x1b\[[0-9;?]*[A-Za-z])*"


def screen(text: str) -> str:
    """A regex for ``text`` as a terminal receives it: escape sequences (colours, cursor moves)
    may come between any two characters."""
    return _CSI.join(re.escape(ch) for ch in text)


def _spawn(tmp_path, *args):
    env = dict(os.environ, PYTHONPATH=str(ROOT), TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1",
               NORMALIZE_CACHE_DIR=str(tmp_path / "cache"), HF_HUB_OFFLINE="1")
    cmd = [sys.executable, "-c", "from normalize.cli import main; main()", "review", *args,
           "--no-builtin-glossary", "--glossary", str(CORE)]
    return pexpect.spawn(cmd[0], cmd[1:], cwd=str(tmp_path), env=env, dimensions=(40, 140),
                         encoding="utf-8", timeout=60)


def test_review_in_a_real_terminal(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    ids = [i.id for i in annotate(result())]
    child = _spawn(tmp_path, "a.txt")
    child.expect(screen("[1/4] change " + ids[0]))
    child.expect(screen("before: Delegations from Mỹ and China met"))
    child.expect(screen("after:  Delegations from the United States and China met"))
    child.expect(screen("[q]uit"))
    child.send("a")
    child.expect(screen("[2/4] change " + ids[1]))
    child.send("e")
    child.expect(screen("replacement: "))
    child.send("\x15Hi Lifeng\r")  # ctrl-u clears the proposed text
    child.expect(screen("[3/4]"))
    child.send("u")
    child.expect(screen("undone: edit " + ids[1]))
    child.expect(screen("[2/4] change " + ids[1]))
    child.send("s")
    child.expect(screen("[3/4] change " + ids[2]))
    child.send("a")
    child.expect(screen("[4/4] flagged " + ids[3]))
    child.send("e")
    child.expect(screen("replacement: "))
    child.send("\x15the home page\r")
    child.expect(screen("a.txt: 2 accepted, 1 skipped, 1 edited; wrote a.txt and a.txt.decisions.json"))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert p.read_text(encoding="utf-8") == ("Delegations from the United States and China met.\n"
                                             "Hà Lập Phong spoke in October.\nOther the home page line.\n")
    data = json.loads((tmp_path / "a.txt.decisions.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["default"] == "skip"
    assert [(d["id"], d["action"]) for d in data["decisions"]] == [
        (ids[0], "accept"), (ids[1], "skip"), (ids[2], "accept"), (ids[3], "edit")]
    assert [x.name for x in tmp_path.iterdir() if x.name.startswith(".")] == []  # no temporary file left


def test_review_quit_writes_what_was_decided(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    child = _spawn(tmp_path, "a.txt", "-o", "out.txt", "--decisions", "d.json")
    child.expect(screen("[q]uit"))
    child.send("a")
    child.expect(screen("[2/4]"))
    child.send("q")
    child.expect(screen("1 accepted, 0 skipped, 0 edited, 3 not reviewed (left out); wrote out.txt and d.json"))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert p.read_text(encoding="utf-8") == TEXT
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == TEXT.replace("Mỹ", "the United States")
    # --resume: the earlier decision stands, the review goes on at the second change.
    child = _spawn(tmp_path, "a.txt", "-o", "out.txt", "--decisions", "d.json", "--resume")
    child.expect(screen("[2/4] change"))
    child.send("s")
    child.expect(screen("[3/4]"))
    child.send("q")
    child.expect(screen("1 accepted, 1 skipped, 0 edited, 2 not reviewed (left out); wrote out.txt and d.json"))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert len(json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))["decisions"]) == 2


def test_review_needs_a_terminal(tmp_path):
    from click.testing import CliRunner
    from normalize.cli import main

    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    r = CliRunner().invoke(main, ["review", str(p)])
    assert r.exit_code == 2 and "review is interactive and needs a terminal" in r.stderr
