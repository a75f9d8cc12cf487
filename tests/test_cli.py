"""CLI behaviour: exact exit codes and messages, stdin/stdout, in-place, output dir, JSON contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalize.cli import main

TESTS = Path(__file__).resolve().parent
GLOSSARY = ["--no-builtin-glossary", "--glossary", str(TESTS / "data" / "core-test.tsv")]
DIRTY = "Delegations from Mỹ and China met.\n"
CLEAN = "Delegations from the United States and China met.\n"


def run(args, input=None):
    return CliRunner().invoke(main, args, input=input, catch_exceptions=False)


def test_fix_stdin_to_stdout():
    r = run(["fix", *GLOSSARY], input=DIRTY.encode())
    assert r.exit_code == 0
    assert r.stdout == CLEAN


def test_fix_dash_is_stdin():
    r = run(["fix", "-", *GLOSSARY], input=DIRTY.encode())
    assert (r.exit_code, r.stdout) == (0, CLEAN)


def test_check_exit_codes(tmp_path):
    dirty = tmp_path / "a.txt"
    dirty.write_text(DIRTY, encoding="utf-8")
    clean = tmp_path / "b.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    assert run(["check", str(dirty), *GLOSSARY]).exit_code == 1
    assert run(["check", str(clean), *GLOSSARY]).exit_code == 0


def test_check_text_lists_location_rule_and_source(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Line one.\n" + DIRTY, encoding="utf-8")
    r = run(["check", str(p), *GLOSSARY])
    assert r.exit_code == 1
    line = r.stdout.splitlines()[0]
    assert line.startswith(f"{p}:2:18: glossary-resolve [")
    assert "Delegations from [-Mỹ-]{+the United States+} and China met." in line
    assert line.endswith("(core-test.tsv:13, 0.95)")


def test_check_json_contract(tmp_path):
    p = tmp_path / "a.txt"
    text = "Hà Lập Phong met officials from Mỹ. 的首页导航\n"
    p.write_text(text, encoding="utf-8")
    r = run(["check", "--format", "json", str(p), *GLOSSARY])
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert isinstance(data, list) and len(data) == 1 and data[0]["path"] == str(p)
    findings = data[0]["findings"]
    keys = {"start", "end", "text", "replacement", "rule", "source", "confidence", "language"}
    for f in findings:
        assert keys <= f.keys()
        assert text[f["start"] : f["end"]] == f["text"]
    by_text = {f["text"]: f for f in findings}
    assert by_text["Mỹ"]["replacement"] == "the United States"
    assert by_text["Mỹ"]["source"].endswith("core-test.tsv:16") or ":" in by_text["Mỹ"]["source"]
    assert 0 < by_text["Mỹ"]["confidence"] <= 1
    unresolved = by_text["的首页导航"]
    assert unresolved["replacement"] is None and unresolved["language"] == "zh"


def test_check_diff(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(DIRTY, encoding="utf-8")
    r = run(["check", "--diff", str(p), *GLOSSARY])
    assert r.exit_code == 1
    assert f"--- a/{p}" in r.stdout and f"+++ b/{p}" in r.stdout
    assert "-Delegations from Mỹ and China met." in r.stdout
    assert "+Delegations from the United States and China met." in r.stdout


def test_undecodable_file_exit_3_names_file_and_offset(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok\n\xff\xfe rest")
    out = tmp_path / "out"
    r = run(["fix", "-o", str(out), str(bad), *GLOSSARY])
    assert r.exit_code == 3
    assert r.stderr == f"normalize: error: {bad}: cannot decode as UTF-8 at byte 3: invalid start byte\n"
    assert not (out / "bad.txt").exists()


def test_bad_file_does_not_stop_the_others(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xc3")
    good = tmp_path / "good.txt"
    good.write_text(DIRTY, encoding="utf-8")
    r = run(["fix", "--in-place", str(bad), str(good), *GLOSSARY])
    assert r.exit_code == 3
    assert good.read_text(encoding="utf-8") == CLEAN
    assert bad.read_bytes() == b"\xc3"


def test_in_place_atomic_keeps_mode_and_crlf(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(DIRTY.replace("\n", "\r\n").encode())
    p.chmod(0o640)
    r = run(["fix", "-i", str(p), *GLOSSARY])
    assert r.exit_code == 0 and r.stdout == ""
    assert p.read_bytes() == CLEAN.replace("\n", "\r\n").encode()
    assert p.stat().st_mode & 0o777 == 0o640
    assert [x.name for x in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left


def test_in_place_interrupted_write_leaves_original(tmp_path, monkeypatch):
    import os

    p = tmp_path / "a.txt"
    p.write_text(DIRTY, encoding="utf-8")

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", boom)
    r = CliRunner().invoke(main, ["fix", "-i", str(p), *GLOSSARY])
    assert r.exit_code != 0  # click turns the interrupt into "Aborted!"
    assert p.read_text(encoding="utf-8") == DIRTY
    assert [x.name for x in tmp_path.iterdir()] == ["a.txt"]


def test_output_dir(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(DIRTY, encoding="utf-8")
    r = run(["fix", "-o", str(tmp_path / "out"), str(p), *GLOSSARY])
    assert r.exit_code == 0
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == CLEAN
    assert p.read_text(encoding="utf-8") == DIRTY


@pytest.mark.parametrize(
    "args, message",
    [
        (["fix", "a", "b"], "several inputs need --in-place or --output-dir"),
        (["fix", "-i", "-"], "stdin (-) cannot be fixed in place or into a directory"),
        (["check", "--no-rule", "nonsense"], "unknown rule name(s): nonsense (see `normalize rules` for the list)"),
    ],
)
def test_usage_errors_exit_2(args, message):
    r = run(args, input=b"")
    assert r.exit_code == 2
    assert message in r.stderr


def test_broken_glossary_exit_3_with_location(tmp_path):
    g = tmp_path / "g.tsv"
    g.write_text((TESTS / "data" / "core-test.tsv").read_text(encoding="utf-8") + "Mỹ Tho\tMy Tho\tvillage\t\t\t\t\tx\n", encoding="utf-8")
    r = run(["check", "--no-builtin-glossary", "--glossary", str(g)], input=b"text")
    assert r.exit_code == 3
    assert r.stderr == (
        f"normalize: error: {g}:18:15: unknown type 'village' "
        "(one of country, label, org, person, place, title, word)\n"
    )


def test_missing_glossary_exit_3(tmp_path):
    g = tmp_path / "missing.tsv"
    r = run(["check", "--no-builtin-glossary", "--glossary", str(g)], input=b"text")
    assert r.exit_code == 3
    assert "missing.tsv" in r.stderr and "No such file" in r.stderr


def test_rules_lists_every_rule_with_description():
    r = run(["rules"])
    assert r.exit_code == 0
    names = [line.split()[0] for line in r.stdout.splitlines()]
    assert {"script", "vietnamese", "glossary", "glossary-resolve", "vietnamese-ascii"} <= set(names)
    assert all(len(line.split(None, 3)) == 4 for line in r.stdout.splitlines())


def test_rule_switch_off(tmp_path):
    r = run(["fix", "--no-rule", "glossary-resolve", *GLOSSARY], input=DIRTY.encode())
    assert (r.exit_code, r.stdout) == (0, DIRTY)
    r = run(["check", "--no-rule", "glossary-resolve", *GLOSSARY], input=DIRTY.encode())
    assert r.exit_code == 1 and "{==Mỹ==} and China met." in r.stdout and "(vi, left unchanged)" in r.stdout
