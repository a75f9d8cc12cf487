"""fix --skip / --only / --decisions (normalize/decisions.py): single changes accepted or refused."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalize import Cleaner, Config, apply_edits
from normalize.cli import main
from normalize.decisions import Decision, Decisions, DecisionsError, apply, loads
from normalize.report import annotate

TESTS = Path(__file__).resolve().parent
ARTICLE = TESTS.parent / "examples" / "gate-kuala-lumpur.txt"
GLOSSARY = ["--no-builtin-glossary", "--glossary", str(TESTS / "data" / "core-test.tsv")]
CONFIG = Config(builtin_glossary=False, glossaries=(TESTS / "data" / "core-test.tsv",))
TEXT = "Delegations from Mỹ and China met.\nHà Lập Phong spoke in tháng 10.\nOther 的首页导航 line.\n"


def run(args, input=None):
    return CliRunner().invoke(main, args, input=input, catch_exceptions=False)


@lru_cache(maxsize=1)
def result():
    return Cleaner(CONFIG).clean_and_explain(TEXT)


@lru_cache(maxsize=1)
def article():
    return Cleaner().clean_and_explain(ARTICLE.read_text(encoding="utf-8"))


def _ids(res):
    return {i.text: i.id for i in annotate(res)}


def test_skip_leaves_out_exactly_that_change(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    res = result()
    for edit in res.edits:
        ident = _ids(res)[edit.old]
        r = run(["fix", "--skip", ident, str(p), *GLOSSARY])
        assert r.exit_code == 0, r.stderr
        assert r.stdout == apply_edits(TEXT, [e for e in res.edits if e is not edit])
        only = run(["fix", "--only", ident, str(p), *GLOSSARY])
        assert only.stdout == apply_edits(TEXT, [edit])
    both = ",".join(_ids(res)[e.old] for e in res.edits[:2])
    assert run(["fix", "--skip", both, str(p), *GLOSSARY]).stdout == apply_edits(TEXT, res.edits[2:])
    # Skipping a flag leaves it where it is: the output is fix's.
    flag = _ids(res)["的首页导航"]
    assert run(["fix", "--skip", flag, str(p), *GLOSSARY]).stdout == res.output


def test_unknown_id_is_an_error_and_nothing_is_written(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    r = run(["fix", "-i", "--skip", "zzzzzz", str(p), *GLOSSARY])
    assert r.exit_code == 3
    assert r.stderr == (f"normalize: error: {p}: no change or flag has id zzzzzz (ids come from `normalize check "
                        "--format json` or `normalize review` on the same text; has the text changed?): nothing written\n")
    assert p.read_text(encoding="utf-8") == TEXT


@pytest.mark.parametrize("args, message", [
    (["--skip", "a", "--only", "b"], "--skip, --only and --decisions cannot be combined"),
    (["--skip", "a", "x.txt", "y.txt", "-i"], "--skip, --only and --decisions choose changes of one input: give one"),
])
def test_selection_usage_errors(args, message):
    r = run(["fix", *args, *GLOSSARY], input=b"")
    assert r.exit_code == 2 and message in r.stderr


def test_skipping_a_document_edit_brings_back_the_fixes_it_absorbed():
    res = article()
    items = annotate(res)
    body = next(i for i in items if i.rule == "duplicate-body")
    assert {i.text for i in body.includes} == {"Hà Lập Phong", "Mỹ"}
    out = apply(res, Decisions.skip([body.id])).output
    # The first copy stays, with its leftovers fixed like the second copy's.
    assert out == apply_edits(res.input, [e for e in res.edits if e is not body.edit] + list(body.edit.absorbed))
    assert "Hà Lập Phong" not in out and out.count("Bessent, Greer, and He Lifeng have") == 2


def test_skipping_an_absorbed_fix_skips_the_document_edit_that_depends_on_it():
    res = article()
    body = next(i for i in annotate(res) if i.rule == "duplicate-body")
    name = next(i for i in body.includes if i.text == "Hà Lập Phong")
    out = apply(res, Decisions.skip([name.id])).output
    assert out.count("Hà Lập Phong") == 1  # the first copy's, kept as asked
    assert "delegations from Mỹ" not in out  # its sibling in the same copy still applied
    assert out.count("High-level officials from America and China held") == 2  # body no longer removed
    # --only the document edit: it includes what it absorbed, and nothing else is applied.
    only = apply(res, Decisions.only([body.id])).output
    assert only == apply_edits(res.input, [body.edit])


def test_decisions_file_round_trip_edit_and_default(tmp_path):
    res = result()
    ids = _ids(res)
    dec = Decisions({ids["Mỹ"]: Decision(ids["Mỹ"], "edit", "America", "Mỹ"),
                     ids["Hà Lập Phong"]: Decision(ids["Hà Lập Phong"], "accept"),
                     ids["的首页导航"]: Decision(ids["的首页导航"], "edit", "the home page")},
                    default="skip", file="a.txt")
    assert loads(dec.dumps()).as_json() == dec.as_json()
    out = apply(res, dec)
    assert out.output == ("Delegations from America and China met.\nHe Lifeng spoke in tháng 10.\n"
                          "Other the home page line.\n")
    assert not out.unresolved
    assert {e.source for e in out.edits if e.old in ("Mỹ", "的首页导航")} == {"review"}
    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    d = tmp_path / "a.decisions.json"
    d.write_text(dec.dumps(), encoding="utf-8")
    r = run(["fix", "--decisions", str(d), str(p), *GLOSSARY])
    assert (r.exit_code, r.stdout) == (0, out.output)


@pytest.mark.parametrize("text, message", [
    ("{", "d.json:1:2: not JSON"),
    ('{"version": 2}', 'd.json: not a decisions file of version 1'),
    ('{"version": 1, "default": "maybe"}', 'd.json: "default" must be "accept" or "skip"'),
    ('{"version": 1, "decisions": [{"id": "x", "action": "edit"}]}', 'decision 1 (x): "edit" needs a string'),
    ('{"version": 1, "decisions": [{"id": "x", "action": "no"}]}', 'decision 1: needs a string "id"'),
])
def test_bad_decisions_files(text, message):
    with pytest.raises(DecisionsError, match=message.replace("(", r"\(").replace(")", r"\)")):
        loads(text, "d.json")


def test_stale_decision_is_an_error():
    res = result()
    with pytest.raises(DecisionsError, match="no change or flag has id abcdef"):
        apply(res, Decisions({"abcdef": Decision("abcdef", "skip")}))
    ident = _ids(res)["Mỹ"]
    with pytest.raises(DecisionsError, match=f"change {ident} now proposes 'the United States' for 'Mỹ', "
                                             "but 'America' was accepted"):
        apply(res, Decisions({ident: Decision(ident, "accept", "America", "Mỹ")}))


def test_ids_from_check_json_drive_fix_skip_on_the_article():
    (entry,) = json.loads(run(["check", "--format", "json", str(ARTICLE)]).stdout)
    res = article()
    fixed = run(["fix", str(ARTICLE)]).stdout
    for f in entry["findings"]:
        out = run(["fix", "--skip", f["id"], str(ARTICLE)])
        assert out.exit_code == 0
        edit = next(e for e in res.edits if (e.start, e.end) == (f["start"], f["end"]))
        assert out.stdout == apply_edits(res.input, [e for e in res.edits if e is not edit] + list(edit.absorbed))
        assert out.stdout != fixed
