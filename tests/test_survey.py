"""`normalize survey`: unresolved leftovers of a corpus as to-do glossary stubs that `glossary check`
rejects (file:line) until they are filled in, and that then work as a glossary."""

from __future__ import annotations

from click.testing import CliRunner

from normalize.cli import main


def _run(*args):
    return CliRunner().invoke(main, list(args))


def test_survey_stubs_fail_until_filled(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Sales of đậu nành rose. Exports of đậu nành fell.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("Farmers planted đậu nành early.\n", encoding="utf-8")
    out = tmp_path / "out"
    res = _run("survey", str(corpus), "-o", str(out))
    assert res.exit_code == 0, res.output
    stub = out / "vi-en.survey.tsv"
    assert f"wrote {stub}: 1 form(s), 3 leftover(s)" in res.output
    lines = stub.read_text(encoding="utf-8").splitlines()
    row = lines[-1].split("\t")
    assert row[0] == "đậu nành" and row[1] == "" and row[6] == "todo"
    assert row[7].startswith("3 time(s); vietnamese; e.g. ") and "[đậu nành]" in row[7]

    res = _run("glossary", "check", str(stub))
    assert res.exit_code == 3
    assert f"{stub}:{len(lines)}:" in res.output and "to-do stub: fill in target and type" in res.output

    row[1], row[6] = "soybeans", ""
    stub.write_text("\n".join(lines[:-1] + ["\t".join(row)]) + "\n", encoding="utf-8")
    res = _run("glossary", "check", str(stub))
    assert res.exit_code == 0, res.output

    res = CliRunner().invoke(main, ["fix", "--glossary", str(stub)], input="Farmers planted đậu nành early.")
    assert res.exit_code == 0 and res.stdout == "Farmers planted soybeans early."


def test_survey_nothing_left(tmp_path):
    (tmp_path / "a.txt").write_text("A plain English sentence.\n", encoding="utf-8")
    res = _run("survey", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"))
    assert res.exit_code == 0 and "no unresolved leftovers" in res.output
