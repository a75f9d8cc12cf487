"""The example article (examples/gate-kuala-lumpur.txt, a real machine-translated Gate.io page)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from normalize import Cleaner, Config
from normalize.cli import main
from normalize.rules import all_rules

ARTICLE = Path(__file__).resolve().parents[1] / "examples" / "gate-kuala-lumpur.txt"
TEXT = ARTICLE.read_text(encoding="utf-8")
DOCUMENT_RULES = frozenset(r.name for r in all_rules() if r.stage == "document")


def test_leftovers_fixed_every_other_line_identical():
    # The foundation's scope: leftovers only (document cleanup switched off).
    result = Cleaner(Config(disabled_rules=DOCUMENT_RULES)).clean_and_explain(TEXT)
    out = result.output
    assert "Hà Lập Phong" not in out and "Mỹ" not in out
    assert out.count("Bessent, Greer, and He Lifeng have") == 2
    assert out.count("from the United States and China have") == 2
    before, after = TEXT.split("\n"), out.split("\n")
    assert len(before) == len(after)
    changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    assert all(("Hà Lập Phong" in before[i]) or ("Mỹ" in before[i]) for i in changed)
    # The whole expected text, not only its parts: every other character is unchanged.
    assert out == TEXT.replace("Hà Lập Phong", "He Lifeng").replace("from Mỹ", "from the United States")
    assert sorted(e.old for e in result.edits) == ["Hà Lập Phong"] * 2 + ["Mỹ"] * 2
    assert not result.unresolved


def test_check_lists_both_leftovers_in_both_copies_then_clean():
    runner = CliRunner()
    off = [a for r in sorted(DOCUMENT_RULES) for a in ("--no-rule", r)]
    r = runner.invoke(main, ["check", "--format", "json", str(ARTICLE), *off])
    assert r.exit_code == 1
    (entry,) = json.loads(r.stdout)
    texts = sorted(f["text"] for f in entry["findings"])
    assert texts == ["Hà Lập Phong", "Hà Lập Phong", "Mỹ", "Mỹ"]
    fixed = runner.invoke(main, ["fix", str(ARTICLE)]).stdout
    r2 = runner.invoke(main, ["check", "-"], input=fixed.encode())
    assert r2.exit_code == 0, r2.stdout


def test_whole_article_comes_out_clean():
    result = Cleaner().clean_and_explain(TEXT)
    out = result.output
    assert "Hà Lập Phong" not in out and "Mỹ" not in out
    assert out.count("High-level officials from America and China held") == 1
    assert out.startswith("China and the United States resume talks to ease trade tensions.\n")
    assert out.count("China and the United States resume talks") == 1
    for gone in ("View Original", "SN_Nour", "This page may contain third-party content", "( and"):
        assert gone not in out
    assert "Vice Premier He Lifeng and trade negotiator Li Chenggang. The meeting" in out
    assert "from the United States and China have kept" in out
    assert Cleaner().clean(out) == out
