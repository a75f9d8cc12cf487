"""Pipelines: clean_many on processes, JSON Lines and per-line streams, --jobs (docs/pipelines.md)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalize import Cleaner, Config, DocumentError, parallel
from normalize.cli import main
from normalize.io import jsonl

TESTS = Path(__file__).resolve().parent
GLOSSARY = ["--no-builtin-glossary", "--glossary", str(TESTS / "data" / "core-test.tsv")]
CONFIG = Config(builtin_glossary=False, glossaries=(TESTS / "data" / "core-test.tsv",))
DIRTY = "Delegations from Mỹ and China met."
CLEAN = "Delegations from the United States and China met."
TEXTS = [DIRTY, "Nothing to do here.", f"{DIRTY} Again.", "Officials from Mỹ spoke.", "A plain line."] * 5


def run(args, input=None):
    return CliRunner().invoke(main, args, input=input, catch_exceptions=False)


# --- library: clean_many / parallel.run ---------------------------------------------------------

def test_clean_many_in_process_equals_clean():
    c = Cleaner(CONFIG)
    assert [r.output for r in c.clean_many(TEXTS)] == [c.clean(t) for t in TEXTS]


def test_pool_results_in_order_and_identical_to_one_job():
    c = Cleaner(CONFIG)
    one = list(parallel.run(c, TEXTS, jobs=1))
    # chunks of 2 documents: 13 chunks on 2 workers, a window of 3 in flight
    two = list(parallel.run(c, TEXTS, jobs=2, chunk_items=2, window=3))
    assert two == one
    assert [r.input for r in two] == TEXTS


def test_clean_many_generator_is_lazy():
    c = Cleaner(CONFIG)
    seen = []

    def feed():
        for t in TEXTS:
            seen.append(t)
            yield t

    it = c.clean_many(feed())
    assert next(it).input == DIRTY and len(seen) < len(TEXTS)


def test_pool_reads_ahead_only_a_bounded_window():
    c = Cleaner(CONFIG)
    pulled = []

    def feed():
        for i in range(60):
            pulled.append(i)
            yield f"Officials from Mỹ met. {i}"

    leads = []
    for n, r in enumerate(parallel.run(c, feed(), jobs=2, chunk_items=2, window=3), 1):
        leads.append(len(pulled) - n)
        assert r.input.endswith(f" {n - 1}")
    # in flight: at most the window of chunks plus the one being cut (3 + 1 chunks of 2)
    assert max(leads) <= 8 and len(pulled) == 60


@pytest.mark.parametrize("jobs,chunk_items", [(1, 256), (2, 1)])
def test_failing_document_names_its_index(jobs, chunk_items):
    c = Cleaner(CONFIG)
    items = [DIRTY, "fine", 42, DIRTY]
    out = list(parallel.run(c, items, jobs=jobs, chunk_items=chunk_items))
    assert [type(v).__name__ for v in out] == ["Result", "Result", "DocumentError", "Result"]
    assert out[2].index == 2 and str(out[2]) == "document 2: TypeError: expected str, got int"
    got = []
    with pytest.raises(DocumentError, match=r"^document 2: TypeError") as exc:
        for r in c.clean_many(items):
            got.append(r.output)
    assert got == [CLEAN, "fine"] and exc.value.index == 2
    assert isinstance(exc.value, RuntimeError)


def test_document_error_pickles():
    import pickle

    e = pickle.loads(pickle.dumps(DocumentError(7, "ValueError: x", "a.jsonl:8")))
    assert (e.index, e.reason, e.where, str(e)) == (7, "ValueError: x", "a.jsonl:8", "a.jsonl:8: ValueError: x")


# --- io.jsonl -------------------------------------------------------------------------------------

def test_read_records_errors_name_line_and_keep_bytes():
    data = (b'{"id": 1, "text": "a"}\n' b"not json\r\n" b'{"id": 3}\n' b'{"text": 5}\n' b"[1]\n" b"\n"
            b'{"text": "\xff"}\n' b'{"text": "last"}')
    recs = list(jsonl.read(io.BytesIO(data), "in.jsonl"))
    assert [r.line for r in recs] == list(range(1, 9))
    assert [r.error for r in recs] == [
        "",
        "not valid JSON: Expecting value (column 1)",
        "no field 'text' (use --field to name the text field)",
        "field 'text' is a number, not a string",
        "expected a JSON object, got an array",
        "",
        "not UTF-8 at byte 10 of the line: invalid start byte",
        "",
    ]
    assert b"".join(r.raw + r.end for r in recs) == data
    assert recs[1].where == "in.jsonl:2" and recs[1].end == b"\r\n" and recs[-1].end == b""


# --- CLI: --jsonl, --per-line, --on-error, --jobs ------------------------------------------------

def _lines(records):
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


def test_fix_jsonl_replaces_field_keeps_others_and_order():
    recs = [{"id": i, "text": t, "meta": {"n": i, "x": [1.5, None]}} for i, t in enumerate(TEXTS)]
    data = _lines(recs)
    r = run(["fix", "--jsonl", "-j", "1", *GLOSSARY], input=data)
    assert r.exit_code == 0
    out = [json.loads(line) for line in r.stdout_bytes.decode().splitlines()]
    assert len(out) == len(recs)
    c = Cleaner(CONFIG)
    for got, rec in zip(out, recs):
        assert got == {**rec, "text": c.clean(rec["text"])}
    # unchanged records are written back byte for byte
    assert r.stdout_bytes.splitlines()[1] == data.splitlines()[1]
    r2 = run(["fix", "--jsonl", "-j", "2", *GLOSSARY], input=data)
    assert r2.stdout_bytes == r.stdout_bytes


def test_fix_jsonl_field_and_edits():
    data = _lines([{"body": DIRTY, "text": "Mỹ"}])
    r = run(["fix", "--jsonl", "--field", "body", "--edits", *GLOSSARY], input=data)
    rec = json.loads(r.stdout_bytes)
    assert rec["body"] == CLEAN and rec["text"] == "Mỹ"
    assert [(e["text"], e["replacement"]) for e in rec["body_edits"]] == [("Mỹ", "the United States")]


def test_on_error_stop_writes_everything_before_and_exits_3(tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_bytes(_lines([{"text": DIRTY}]) + b"{oops\n" + _lines([{"text": DIRTY}]))
    r = run(["fix", "--jsonl", str(p), *GLOSSARY])
    assert r.exit_code == 3
    assert r.stdout_bytes.decode() == json.dumps({"text": CLEAN}, ensure_ascii=False) + "\n"
    assert r.stderr == (f"normalize: error: {p}:2: not valid JSON: Expecting property name enclosed in double "
                        f"quotes (column 2); stopped (--on-error skip passes such lines through)\n")


def test_on_error_skip_passes_bad_lines_through(tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_bytes(_lines([{"text": DIRTY}]) + b"{oops\n" + b'{"text": null}\n' + _lines([{"text": DIRTY}]))
    r = run(["fix", "--jsonl", "--on-error", "skip", str(p), *GLOSSARY])
    assert r.exit_code == 3
    lines = r.stdout_bytes.splitlines()
    assert lines[1:3] == [b"{oops", b'{"text": null}'] and len(lines) == 4
    assert json.loads(lines[3]) == {"text": CLEAN}
    assert f"{p}:3: field 'text' is null, not a string" in r.stderr


def test_check_jsonl_json_one_line_per_record():
    data = _lines([{"text": DIRTY}, {"text": "Fine."}]) + b"bad\n"
    r = run(["check", "--jsonl", "--format", "json", "--on-error", "skip", *GLOSSARY], input=data)
    assert r.exit_code == 3
    out = [json.loads(x) for x in r.stdout_bytes.splitlines()]
    assert [o["line"] for o in out] == [1, 2, 3] and {o["path"] for o in out} == {"-"}
    assert [f["replacement"] for f in out[0]["findings"]] == ["the United States"]
    assert out[1]["findings"] == [] and out[2]["error"].startswith("not valid JSON")
    r = run(["check", "--jsonl", "--format", "json", *GLOSSARY], input=_lines([{"text": DIRTY}]))
    assert r.exit_code == 1
    r = run(["check", "--jsonl", "--format", "json", *GLOSSARY], input=_lines([{"text": "Fine."}]))
    assert r.exit_code == 0


def test_per_line_keeps_terminators():
    data = f"{DIRTY}\r\nFine.\n\nMỹ said so.".encode()
    r = run(["fix", "--per-line", *GLOSSARY], input=data)
    assert r.exit_code == 0
    assert r.stdout_bytes == f"{CLEAN}\r\nFine.\n\nThe United States said so.".encode()


def test_jobs_on_many_files_same_output(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i, t in enumerate(TEXTS):
        (src / f"{i:02}.txt").write_text(t + "\n", encoding="utf-8")
    files = sorted(str(p) for p in src.iterdir())
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        assert run(["fix", "-j", jobs, "-o", str(out), *files, *GLOSSARY]).exit_code == 0
        outs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert outs[0] == outs[1] and len(outs[0]) == len(TEXTS)
    assert outs[0]["00.txt"] == (CLEAN + "\n").encode()
    r1 = run(["check", "-j", "1", "--format", "json", *files, *GLOSSARY])
    r2 = run(["check", "-j", "2", "--format", "json", *files, *GLOSSARY])
    assert r1.stdout == r2.stdout and r1.exit_code == r2.exit_code == 1


def test_pipeline_option_conflicts():
    r = CliRunner().invoke(main, ["fix", "--jsonl", "--per-line"], input=b"")
    assert r.exit_code == 2 and "--jsonl and --per-line cannot be combined" in r.output
    r = CliRunner().invoke(main, ["fix", "--jsonl", "-o", "x", "a.jsonl"])
    assert r.exit_code == 2 and "--jsonl and --per-line write to stdout" in r.output


def test_progress_bar_only_on_a_terminal_and_not_quiet(monkeypatch):
    from normalize.commands import stream

    items = [1, 2, 3]
    assert stream.progress(items, quiet=False) is items  # pytest's stderr is not a terminal
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    assert stream.progress(items, quiet=True) is items
    bar = stream.progress(items, quiet=False, total=3)
    assert type(bar).__name__ == "tqdm" and list(bar) == items
