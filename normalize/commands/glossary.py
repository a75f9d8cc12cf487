"""`normalize glossary check|fmt|lookup`: tools for the glossary files (format: glossaries/README.md).

Exit codes as in the main CLI: 0 ok, 1 `fmt --check` found a file to reformat, 2 usage error,
3 a file is invalid or unreadable. Messages name path:line:column like a compiler.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import click

from .. import report
from ..config import Config
from ..errors import GlossaryError
from ..io.atomic import write_atomic


def _paths(paths: tuple[str, ...]) -> list[Path]:
    """The files named, directories expanded to their *.tsv; none named = the shipped set."""
    from ..glossary import builtin_files

    if not paths:
        return builtin_files()
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            # boilerplate/ holds document-rule patterns, another format (see builtin_files).
            out.extend(sorted(f for f in p.rglob("*.tsv") if "boilerplate" not in f.relative_to(p).parts))
        else:
            out.append(p)
    return out


@click.group("glossary")
def glossary() -> None:
    """Check, format and query glossary files."""


def _validate_any(path):
    """Errors of a glossary file, or of a boilerplate pattern file (told by its first line)."""
    from ..glossary import validate_file

    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            first = fh.readline()
    except OSError:
        first = ""
    if first.startswith("# normalize-patterns:"):
        from ..document_rules._patterns import load_file

        try:
            load_file(path)
        except GlossaryError as exc:
            return [exc]
        return []
    return validate_file(path)


def _review_lines(files: list[Path]) -> tuple[list[str], list[str]]:
    """(entries flagged ``review``, forms two entries claim) as report lines, for valid files."""
    from ..glossary import collisions, load_file

    entries = []
    for path in files:
        try:
            entries.extend(load_file(path).entries)
        except GlossaryError:
            continue  # reported as errors already; a pattern file is not a glossary
    review = [f"{e.ref}: review: {e.source!r} -> {e.target!r} ({e.note.rsplit('review: ', 1)[-1]})"
              for e in entries if e.review]
    claims = []
    for c in collisions(entries):
        how = "after folding" if c.folded else "exactly"
        claims.append(f"claimed {how}: {c.form!r}: " + "; ".join(f"{e.ref} {e.source!r} -> {e.target!r}" for e in c.entries))
    return review, claims


@glossary.command("check")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--review/--no-review", default=True, show_default=True,
              help="Also list entries kept for review and forms that two entries claim.")
def check(paths: tuple[str, ...], review: bool) -> None:
    """Validate glossary files (default: the shipped ones); print every error as path:line:column,
    then the entries flagged for review (never applied) and the forms two entries claim (exactly,
    or after diacritic/tone folding), which run time settles by context."""
    try:
        files = _paths(paths)
    except GlossaryError as exc:
        click.echo(f"normalize: error: {exc}", err=True)
        sys.exit(report.EXIT_BAD_INPUT)
    n_errors = 0
    for path in files:
        for err in _validate_any(path):
            n_errors += 1
            click.echo(str(err))
    if n_errors:
        click.echo(f"{n_errors} error(s) in {len(files)} file(s)", err=True)
        sys.exit(report.EXIT_BAD_INPUT)
    extra = ""
    if review:
        to_review, claims = _review_lines(files)
        for line in to_review + claims:
            click.echo(line)
        if to_review or claims:
            extra = f"; {len(to_review)} entr{'y' if len(to_review) == 1 else 'ies'} to review, {len(claims)} form(s) claimed twice"
    click.echo(f"ok: {len(files)} file(s){extra}", err=True)


# -- fmt ---------------------------------------------------------------------------------------
_COLUMN_LINE = "source\ttarget\ttype\taliases\trequires\than\tflags\tnote"


def format_text(text: str, shown: str = "<text>") -> str:
    """The canonical form of a glossary file's text: header kept (trailing spaces removed), every
    field NFC and stripped, entries sorted by (source, requires) in code-point order.

    Raises :class:`GlossaryError` when the text is not a glossary this function can safely
    reorder (no column line, a line with the wrong number of fields)."""
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    try:
        col = next(i for i, line in enumerate(lines) if line.rstrip() == _COLUMN_LINE)
    except StopIteration:
        raise GlossaryError("no column line; not a glossary file", shown, 1, 1) from None
    header = [unicodedata.normalize("NFC", line.rstrip()) for line in lines[: col + 1]]
    rows = []
    for lineno, line in enumerate(lines[col + 1 :], start=col + 2):
        if not line.strip():
            continue  # blank lines are not allowed in data: fmt drops them
        fields = [unicodedata.normalize("NFC", f.strip()) for f in line.rstrip("\n").split("\t")]
        if len(fields) != 8:
            raise GlossaryError(f"expected 8 tab-separated fields, found {len(fields)}", shown, lineno, 1)
        rows.append(fields)
    rows.sort(key=lambda f: (f[0], f[4]))
    return "\n".join(header + ["\t".join(f) for f in rows]) + "\n"


@glossary.command("fmt")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--check", "check_only", is_flag=True, help="Change nothing; exit 1 if a file would be reformatted.")
def fmt(paths: tuple[str, ...], check_only: bool) -> None:
    """Sort entries by (source, requires), normalise to NFC, strip stray spaces; keep the header."""
    changed = 0
    for path in _paths(paths):
        try:
            old = path.read_bytes().decode("utf-8")
            new = format_text(old, str(path))
        except (OSError, UnicodeDecodeError) as exc:
            click.echo(f"normalize: error: {path}: cannot read: {exc}", err=True)
            sys.exit(report.EXIT_BAD_INPUT)
        except GlossaryError as exc:
            click.echo(f"normalize: error: {exc}", err=True)
            sys.exit(report.EXIT_BAD_INPUT)
        if new != old:
            changed += 1
            if check_only:
                click.echo(f"would reformat {path}")
            else:
                write_atomic(path, new.encode("utf-8"))
                click.echo(f"reformatted {path}")
    if check_only and changed:
        sys.exit(report.EXIT_FOUND)


# -- lookup ------------------------------------------------------------------------------------
def _cue_present(cue: str, text: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(cue) + r"(?!\w)", text, re.IGNORECASE) is not None


def explain(matches, text: str) -> list[dict]:
    """One dict per match: where, what, which entry (file:line) and why it matched."""
    out = []
    for m in sorted(matches, key=lambda m: (m.start, -(m.end - m.start), m.entry.ref)):
        e = m.entry
        why = ["exact form" if m.exact else "diacritic-folded form"]
        why.append(f"alias {m.form!r}" if m.alias else "source form")
        if e.requires:
            present = [c for c in e.requires if _cue_present(c, text)]
            why.append(f"cue present: {', '.join(present)}" if present else "needs a cue: " + ", ".join(e.requires))
        if e.keep:
            why.append("flag keep: correct as written, never changed")
        out.append(
            {
                "start": m.start,
                "end": m.end,
                "text": text[m.start : m.end],
                "target": e.target,
                "type": e.type,
                "entry": e.ref,
                "source": e.source,
                "why": why,
            }
        )
    return out


@glossary.command("lookup")
@click.argument("text")
@click.option("--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False, exists=True),
              help="Extra glossary file (repeatable); overrides shipped entries with the same source.")
@click.option("--no-builtin-glossary", is_flag=True, help="Do not load the shipped glossaries.")
@click.option("--json", "as_json", is_flag=True, help="Print the matches as a JSON list.")
def lookup(text: str, glossaries: tuple[str, ...], no_builtin_glossary: bool, as_json: bool) -> None:
    """Show every glossary entry that matches in TEXT, and why."""
    from ..glossary import GlossarySet

    config = Config(builtin_glossary=not no_builtin_glossary, glossaries=tuple(Path(g) for g in glossaries))
    try:
        gs = GlossarySet.from_config(config)
    except GlossaryError as exc:
        click.echo(f"normalize: error: {exc}", err=True)
        sys.exit(report.EXIT_BAD_INPUT)
    nfc = unicodedata.normalize("NFC", text)
    items = explain(gs.lookup(nfc), nfc)
    if as_json:
        click.echo(json.dumps(items, ensure_ascii=False, indent=1))
        return
    if not items:
        click.echo("no glossary entry matches")
        return
    for it in items:
        click.echo(f"{it['start']}:{it['end']} {it['text']!r} -> {it['target']!r} ({it['type']}) {it['entry']}")
        click.echo("    " + "; ".join(it["why"]))
