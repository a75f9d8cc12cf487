"""Faithful bytes: what `fix` does not edit comes out byte for byte (BOM, encoding, line endings, NUL,
final newline), offsets are documented exactly, undecodable input names file, byte and a hint."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalize.cli import main
from normalize.errors import InputDecodeError
from normalize.io.text import Decoded, decode, encode

TESTS = Path(__file__).resolve().parent
GLOSSARY = ["--no-builtin-glossary", "--glossary", str(TESTS / "data" / "core-test.tsv")]
DIRTY = "Delegations from Mỹ and China met."
CLEAN = "Delegations from the United States and China met."


def run(args, input=None):
    return CliRunner().invoke(main, args, input=input, catch_exceptions=False)


@pytest.mark.parametrize(
    "before, after",
    [
        (f"Line one.\r\n{DIRTY}\r\nLast line.\r\n", f"Line one.\r\n{CLEAN}\r\nLast line.\r\n"),  # CRLF
        (f"Line one.\r{DIRTY}\rLast line.", f"Line one.\r{CLEAN}\rLast line."),  # lone CR, no final newline
        (f"A\x00B.\n{DIRTY}\nLast\x00line.\n", f"A\x00B.\n{CLEAN}\nLast\x00line.\n"),  # NUL
        (f"{DIRTY}", f"{CLEAN}"),  # no final newline
        (f"{DIRTY}\n\n\n", f"{CLEAN}\n\n\n"),  # several
        (f"Mixed\r\nendings\n{DIRTY}\r", f"Mixed\r\nendings\n{CLEAN}\r"),
    ],
    ids=["crlf", "lone-cr", "nul", "no-final-newline", "blank-lines", "mixed"],
)
def test_line_endings_nul_and_final_newline_kept(tmp_path, before, after):
    r = run(["fix", *GLOSSARY], input=before.encode("utf-8"))
    assert (r.exit_code, r.stdout_bytes) == (0, after.encode("utf-8"))
    p = tmp_path / "a.txt"
    p.write_bytes(before.encode("utf-8"))
    assert run(["fix", "-i", str(p), *GLOSSARY]).exit_code == 0
    assert p.read_bytes() == after.encode("utf-8")


@pytest.mark.parametrize(
    "codec, bom",
    [
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-32-be", codecs.BOM_UTF32_BE),
    ],
)
def test_bom_and_encoding_written_back(tmp_path, codec, bom):
    text = f"Line one.\r\n{DIRTY}\r\n"
    data = bom + text.encode(codec)
    want = bom + text.replace(DIRTY, CLEAN).encode(codec)
    r = run(["fix", *GLOSSARY], input=data)
    assert (r.exit_code, r.stdout_bytes) == (0, want)
    p = tmp_path / "a.txt"
    p.write_bytes(data)
    out = tmp_path / "out"
    assert run(["fix", "-o", str(out), str(p), *GLOSSARY]).exit_code == 0
    assert (out / "a.txt").read_bytes() == want
    assert run(["fix", "-i", str(p), *GLOSSARY]).exit_code == 0
    assert p.read_bytes() == want


def test_json_offsets_count_code_points_after_the_bom(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(codecs.BOM_UTF8 + f"Line one.\n{DIRTY}\n".encode("utf-8"))
    r = run(["check", "--format", "json", str(p), *GLOSSARY])
    assert r.exit_code == 1
    (entry,) = json.loads(r.stdout)
    assert (entry["encoding"], entry["bom"]) == ("UTF-8", True)
    (finding,) = entry["findings"]
    # "Line one.\n" is 10 code points, "Delegations from " 17: the BOM is not counted.
    assert (finding["start"], finding["end"], finding["text"]) == (27, 29, "Mỹ")
    assert p.read_bytes().decode("utf-8-sig")[27:29] == "Mỹ"
    # the text report's columns count the same way
    r = run(["check", str(p), *GLOSSARY])
    assert r.stdout.startswith(f"{p}:2:18: glossary-resolve [")


def test_no_bom_json_fields(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(DIRTY.encode("utf-16-le").join([codecs.BOM_UTF16_LE, b""]))
    (entry,) = json.loads(run(["check", "--format", "json", str(p), *GLOSSARY]).stdout)
    assert (entry["encoding"], entry["bom"], entry["findings"][0]["start"]) == ("UTF-16-LE", True, 17)
    q = tmp_path / "b.txt"
    q.write_text(DIRTY, encoding="utf-8")
    (entry,) = json.loads(run(["check", "--format", "json", str(q), *GLOSSARY]).stdout)
    assert (entry["encoding"], entry["bom"]) == ("UTF-8", False)


SENTENCE = "Delegations from Mỹ and China met.\n"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"ok\n\xff\xfe rest", "cannot decode as UTF-8 at byte 3: invalid start byte"),
        (SENTENCE.encode("utf-16-le"),
         "cannot decode as UTF-8 at byte 36: invalid start byte; looks like UTF-16-LE without a byte-order mark"),
        (SENTENCE.encode("utf-16-be"),
         "cannot decode as UTF-8 at byte 37: invalid start byte; looks like UTF-16-BE without a byte-order mark"),
        (SENTENCE.encode("utf-32-le"),
         "cannot decode as UTF-8 at byte 72: invalid start byte; looks like UTF-32-LE without a byte-order mark"),
        ("Le café est là, à côté.\n".encode("cp1252"),
         "cannot decode as UTF-8 at byte 6: invalid continuation byte; "
         "Latin-1 or Windows-1252? convert it to UTF-8 first: iconv -f cp1252 -t utf-8"),
        ("东京是日本的首都。\n".encode("gb18030"),
         "cannot decode as UTF-8 at byte 0: invalid start byte; "
         "a legacy CJK encoding, GB18030 or Shift_JIS? convert it to UTF-8 first: iconv -f ENCODING -t utf-8"),
        ("東京は日本の首都です。\n".encode("shift_jis"),
         "cannot decode as UTF-8 at byte 0: invalid start byte; "
         "a legacy CJK encoding, GB18030 or Shift_JIS? convert it to UTF-8 first: iconv -f ENCODING -t utf-8"),
        (codecs.BOM_UTF16_LE + b"A", "cannot decode as UTF-16-LE at byte 2: truncated data"),
        (codecs.BOM_UTF8 + b"ok \xc3(", "cannot decode as UTF-8 at byte 6: invalid continuation byte"),
    ],
    ids=["utf8", "utf16le-no-bom", "utf16be-no-bom", "utf32le-no-bom", "cp1252", "gb18030", "shift-jis",
         "utf16-odd", "utf8-bom"],
)
def test_undecodable_exit_3_with_offset_and_hint_nothing_written(tmp_path, data, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    out = tmp_path / "out"
    r = run(["fix", "-o", str(out), str(p), *GLOSSARY])
    assert r.exit_code == 3
    assert r.stderr == f"normalize: error: {p}: {message}\n"
    assert list(out.iterdir()) == []
    r = run(["fix", "-i", str(p), *GLOSSARY])
    assert r.exit_code == 3 and p.read_bytes() == data
    r = run(["check", *GLOSSARY], input=data)
    assert r.exit_code == 3 and r.stderr.startswith(f"normalize: error: -: {message}\n")


def test_decode_encode_round_trip_library():
    d = decode(codecs.BOM_UTF32_BE + "a\r\nb".encode("utf-32-be"))
    assert d == Decoded("a\r\nb", "UTF-32-BE", codecs.BOM_UTF32_BE)
    assert encode("a\r\nc", d) == codecs.BOM_UTF32_BE + "a\r\nc".encode("utf-32-be")
    assert decode(b"\x00plain") == Decoded("\x00plain")
    with pytest.raises(InputDecodeError) as info:
        decode(b"\x80", "x")
    assert (info.value.path, info.value.offset, info.value.encoding) == ("x", 0, "UTF-8")
    assert isinstance(info.value, UnicodeError)
