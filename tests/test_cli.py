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
    assert (r.exit_code, r.stderr) == (130, "normalize: error: interrupted\n")
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
        (["check", "--diff", "--format", "json"], "--diff cannot be combined with --format json (the diff is text)"),
        (["fix", "-i"], "stdin (-) cannot be fixed in place or into a directory"),
        (["fix", "-o", "out"], "stdin (-) cannot be fixed in place or into a directory"),
        (["fix", "-o", "out", "a", "-"], "stdin (-) cannot be fixed in place or into a directory"),
        (["fix", "-i", "-o", "out", "a"], "--in-place and --output-dir cannot be combined"),
        (["fix", "-o", "out", "x/a.txt", "y/a.txt"], "x/a.txt and y/a.txt would both be written to out/a.txt"),
        (["check", "--min-confidence", "2"], "Invalid value for '--min-confidence': 2.0 is not in the range 0.0<=x<=1.0."),
    ],
)
def test_usage_errors_exit_2(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run(args, input=DIRTY.encode())
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr.endswith(f"Error: {message}\n")
    assert list(tmp_path.iterdir()) == []  # nothing read, nothing written (no out/ made)


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


# -- one input's failure is that input's alone; exit codes by precedence 4 > 3 > 1 > 0 ----------------

BOOM = "This line makes the injected failure happen.\n"
INTERNAL_HINT = "(internal error; please report it with the input; --debug or NORMALIZE_DEBUG=1 shows the traceback)"


@pytest.fixture
def injected_failure(monkeypatch):
    """Cleaner.clean_and_explain raises for any input containing BOOM (a stand-in for a bug)."""
    from normalize.pipeline import Cleaner

    real = Cleaner.clean_and_explain

    def clean_and_explain(self, text):
        if BOOM in text:
            raise RuntimeError("injected failure\nsecond line not shown")
        return real(self, text)

    monkeypatch.setattr(Cleaner, "clean_and_explain", clean_and_explain)


def _three(tmp_path):
    a, b, c = (tmp_path / n for n in ("a.txt", "b.txt", "c.txt"))
    a.write_text(DIRTY, encoding="utf-8")
    b.write_text(DIRTY + BOOM, encoding="utf-8")
    c.write_text(DIRTY, encoding="utf-8")
    return a, b, c


def test_internal_error_in_one_file_others_written_to_output_dir(tmp_path, injected_failure):
    a, b, c = _three(tmp_path)
    out = tmp_path / "out"
    r = run(["fix", "-o", str(out), str(a), str(b), str(c), *GLOSSARY])
    assert r.exit_code == 4
    assert r.stderr == f"normalize: error: {b}: RuntimeError: injected failure {INTERNAL_HINT}\n"
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "c.txt"]
    assert (out / "a.txt").read_text(encoding="utf-8") == (out / "c.txt").read_text(encoding="utf-8") == CLEAN


def test_internal_error_in_place_leaves_that_file_and_fixes_the_others(tmp_path, injected_failure):
    a, b, c = _three(tmp_path)
    r = run(["fix", "--in-place", str(a), str(b), str(c), *GLOSSARY])
    assert r.exit_code == 4
    assert r.stderr == f"normalize: error: {b}: RuntimeError: injected failure {INTERNAL_HINT}\n"
    assert a.read_text(encoding="utf-8") == c.read_text(encoding="utf-8") == CLEAN
    assert b.read_text(encoding="utf-8") == DIRTY + BOOM


def test_internal_error_in_check_reports_the_others(tmp_path, injected_failure):
    a, b, c = _three(tmp_path)
    c.write_text(CLEAN, encoding="utf-8")
    r = run(["check", str(a), str(b), str(c), *GLOSSARY])
    assert r.exit_code == 4
    assert r.stdout.startswith(f"{a}:1:18: glossary-resolve [") and f"{a}: 1 fixed, 0 flagged" in r.stdout
    assert str(b) not in r.stdout and str(c) not in r.stdout
    assert r.stderr == (
        f"normalize: error: {b}: RuntimeError: injected failure {INTERNAL_HINT}\n"
        "1 of 3 input(s) need attention, 1 internal error(s)\n"
    )
    r = run(["check", "--format", "json", str(a), str(b), str(c), *GLOSSARY])
    assert r.exit_code == 4
    assert [e["path"] for e in json.loads(r.stdout)] == [str(a), str(c)]


@pytest.mark.parametrize("how", ["--debug", "NORMALIZE_DEBUG"])
def test_debug_shows_the_traceback(tmp_path, injected_failure, how):
    _, b, _ = _three(tmp_path)
    args = ["fix", "-o", str(tmp_path / "out"), str(b), *GLOSSARY]
    env = {"NORMALIZE_DEBUG": "1"} if how == "NORMALIZE_DEBUG" else {"NORMALIZE_DEBUG": ""}
    if how == "--debug":
        args.insert(1, "--debug")
    r = CliRunner().invoke(main, args, env=env, catch_exceptions=False)
    assert r.exit_code == 4
    assert r.stderr.startswith("Traceback (most recent call last):\n")
    assert "RuntimeError: injected failure\nsecond line not shown\n" in r.stderr
    assert r.stderr.endswith(
        f"normalize: error: {b}: RuntimeError: injected failure "
        "(internal error; please report it with the input and this traceback)\n"
    )


@pytest.mark.parametrize(
    "kinds, code",
    [
        (["clean"], 0),
        (["clean", "dirty"], 1),
        (["dirty", "undecodable", "clean"], 3),
        (["undecodable", "dirty", "internal"], 4),
        (["internal", "undecodable"], 4),
    ],
)
def test_exit_code_precedence(tmp_path, injected_failure, kinds, code):
    content = {"clean": CLEAN.encode(), "dirty": DIRTY.encode(), "undecodable": b"\xc3", "internal": BOOM.encode()}
    paths = []
    for i, kind in enumerate(kinds):
        p = tmp_path / f"{i}-{kind}.txt"
        p.write_bytes(content[kind])
        paths.append(str(p))
    assert run(["check", *paths, *GLOSSARY]).exit_code == code
    # fix: "dirty" is not a failure (it gets fixed), the rest is the same
    assert run(["fix", "-o", str(tmp_path / "out"), *paths, *GLOSSARY]).exit_code == (0 if code == 1 else code)


def test_unwritable_output_is_exit_3_and_the_others_are_written(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(DIRTY, encoding="utf-8")
    b.write_text(DIRTY, encoding="utf-8")
    out = tmp_path / "out"
    (out / "a.txt").mkdir(parents=True)  # a directory where a.txt should go
    r = run(["fix", "-o", str(out), str(a), str(b), *GLOSSARY])
    assert r.exit_code == 3
    assert r.stderr == f"normalize: error: {a}: cannot write {out.resolve() / 'a.txt'}: Is a directory\n"
    assert (out / "b.txt").read_text(encoding="utf-8") == CLEAN
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "b.txt"]  # no temporary file left


def test_library_names_the_failing_document(injected_failure):
    from normalize import Cleaner, DocumentError

    cleaner = Cleaner(builtin_glossary=False, glossaries=(TESTS / "data" / "core-test.tsv",))
    with pytest.raises(DocumentError) as info:
        cleaner.clean_and_explain_many([DIRTY, CLEAN, BOOM, DIRTY])
    assert info.value.index == 2 and isinstance(info.value.__cause__, RuntimeError)
    assert str(info.value) == "document 2: RuntimeError: injected failure"


def test_missing_input_is_exit_3_and_the_others_are_fixed(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(DIRTY, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    r = run(["fix", "-i", str(missing), str(a), *GLOSSARY])
    assert r.exit_code == 3
    assert r.stderr == f"normalize: error: {missing}: No such file or directory\n"
    assert a.read_text(encoding="utf-8") == CLEAN
