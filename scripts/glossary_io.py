"""Write glossary files in the format of glossaries/README.md ("Format, version 1").

Shared by the generators in scripts/; the normalize package never imports it. Rows are sorted by
(source, requires) in code-point order and (source, requires) must be unique: a generator that
produces a duplicate is a bug in its input, so this module raises instead of silently dropping.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Output root; tests/test_glossary_files.py points it at a copy to check the shipped files are
# exactly what the generators produce.
GLOSSARIES = Path(os.environ.get("NORMALIZE_GLOSSARY_OUT") or REPO / "glossaries")
COLUMNS = ("source", "target", "type", "aliases", "requires", "han", "flags", "note")


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s.strip())


def row(source, target, type_, aliases=(), requires=(), han="", flags=(), note="") -> dict:
    """One entry; aliases equal to the source (case-insensitively) are dropped, order kept."""
    source = nfc(source)
    seen = {source.casefold()}
    al = []
    for a in aliases:
        a = nfc(a)
        if a and a.casefold() not in seen:
            seen.add(a.casefold())
            al.append(a)
    for field in (source, target, *al, *requires):
        if "\t" in field or "\n" in field or "|" in field:
            raise ValueError(f"field {field!r} holds a tab, newline or '|'")
    if "\t" in note or "\n" in note:
        raise ValueError(f"note {note!r} holds a tab or newline")
    return {
        "source": source,
        "target": nfc(target),
        "type": type_,
        "aliases": "|".join(al),
        "requires": "|".join(nfc(r) for r in requires),
        "han": han,
        "flags": ",".join(flags),
        "note": nfc(note),
    }


def write(path: Path, header: dict, rows: list[dict]) -> int:
    """Write ``rows`` under ``header`` (ordered keys: domain, source-language, target-language,
    license, origin); return the number of entries."""
    rows = sorted(rows, key=lambda r: (r["source"], r["requires"]))
    for a, b in zip(rows, rows[1:]):
        if (a["source"], a["requires"]) == (b["source"], b["requires"]):
            raise ValueError(f"{path}: duplicate (source, requires) {a['source']!r} {a['requires']!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# normalize-glossary: 1"]
    lines += [f"# {k}: {v}" for k, v in header.items()]
    lines.append("\t".join(COLUMNS))
    lines += ["\t".join(r[c] for c in COLUMNS) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(rows)


def read_hand_tsv(path: Path) -> list[dict]:
    """A hand-kept input table: '#' lines are comments, the first other line names the columns."""
    out = []
    header = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
            continue
        cells += [""] * (len(header) - len(cells))
        out.append({k: unicodedata.normalize("NFC", v) for k, v in zip(header, cells)})
    return out


def source_forms(paths) -> set[str]:
    """Case-folded source forms and aliases of glossary files (generated earlier in the order of
    glossaries/README.md), read with the package's own validating loader."""
    import sys

    sys.path.insert(0, str(REPO))
    from normalize.glossary import load_file

    forms: set[str] = set()
    for path in paths:
        for e in load_file(path).entries:
            forms.add(e.source.casefold())
            forms.update(a.casefold() for a in e.aliases)
    return forms
