"""`normalize survey PATH...`: the long tail of a corpus as glossary stubs for a newsroom to fill.

Runs the pipeline over every file (directories: their ``*.txt`` and ``*.md``), collects the leftovers
that stayed unresolved, groups them by form and writes one glossary file per source language
(``<lang>-en.survey.tsv``) in the glossary format (glossaries/README.md), most frequent first in the
note: each line is a **to-do stub** (empty target, flag ``todo``, the count and one context in the
note). ``normalize glossary check`` fails on a stub with its file:line until it is filled in (target,
type, the ``todo`` flag removed); the filled file is then a glossary (``--glossary FILE``).

Whole paragraphs in another language and page furniture are not forms: they are counted in the
summary, not stubbed.
"""

from __future__ import annotations

import sys
import unicodedata
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import click

from ..cli import _cleaner, _config_options, _data_errors, _make_config
from ..io import decode, read_bytes, write_atomic
from ..errors import InputDecodeError
from ..glossary import COLUMN_LINE, FORMAT_LINE, TODO_FLAG

#: Longer leftovers are sentences for a model or an editor, not glossary forms.
MAX_WORDS = 6
MAX_CHARS = 60
_TYPE_BY_KIND = {"name": "person"}
_SKIP_KINDS = frozenset({"document", "paragraph"})


def _inputs(paths) -> list[Path]:
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.suffix in (".txt", ".md") and f.is_file()))
        else:
            out.append(p)
    return out


def _context(text: str, start: int, end: int, width: int = 50) -> str:
    lo = max(text.rfind("\n", 0, start) + 1, start - width)
    hi = text.find("\n", end)
    hi = min(len(text) if hi == -1 else hi, end + width)
    snippet = text[lo:start] + "[" + text[start:end] + "]" + text[end:hi]
    return " ".join(snippet.split())


def survey(texts, cleaner) -> tuple[dict, Counter]:
    """{language: {form: [count, kind, first context]}} and counts of what was not stubbed."""
    forms: dict[str, dict[str, list]] = defaultdict(dict)
    skipped: Counter = Counter()
    for where, text in texts:
        result = cleaner.clean_and_explain(text)
        for f in result.unresolved:
            form = unicodedata.normalize("NFC", " ".join(f.text.split()))
            if f.kind in _SKIP_KINDS:
                skipped[f.kind] += 1
                continue
            if len(form.split()) > MAX_WORDS or len(form) > MAX_CHARS or "\t" in form:
                skipped["long"] += 1
                continue
            lang = f.language.split("-")[0] if f.language not in ("und", "") else "mul"
            line = text.count("\n", 0, f.start) + 1
            slot = forms[lang].setdefault(form, [0, f.kind, f"{where}:{line}: {_context(text, f.start, f.end)}"])
            slot[0] += 1
    return forms, skipped


def stub_text(lang: str, forms: dict[str, list], n_files: int) -> str:
    """A glossary file of to-do stubs, sorted by source as the format requires."""
    head = [
        FORMAT_LINE,
        "# domain: survey",
        f"# source-language: {lang}",
        "# target-language: en",
        "# license: the newsroom's own entries (fill in)",
        f"# origin: normalize survey over {n_files} file(s) on {date.today().isoformat()}; every line is a "
        f"to-do stub: fill in target and type, remove the '{TODO_FLAG}' flag, or delete the line",
        COLUMN_LINE,
    ]
    rows = []
    for form in sorted(forms):
        count, kind, context = forms[form]
        typ = _TYPE_BY_KIND.get(kind, "word")
        note = f"{count} time(s); {kind}; e.g. {context}".replace("\t", " ")
        rows.append("\t".join((form, "", typ, "", "", "", TODO_FLAG, note)))
    return "\n".join(head + rows) + "\n"


@click.command("survey")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--output-dir", "-o", type=click.Path(file_okay=False), default="survey", show_default=True,
              help="Write one <lang>-en.survey.tsv stub glossary per source language into DIR.")
@_config_options
@_data_errors
def survey_command(paths, output_dir, **opts):
    """Write the unresolved leftovers of a corpus, grouped by form with counts and one context, as
    to-do glossary stubs (fill them in, then `normalize glossary check` and `--glossary FILE`)."""
    cleaner = _cleaner(_make_config(**opts))
    files = _inputs(paths)
    texts = []
    for p in files:
        try:
            texts.append((str(p), decode(read_bytes(str(p)), str(p)).text))
        except (InputDecodeError, OSError) as exc:
            click.echo(f"normalize: error: {exc}", err=True)
            sys.exit(3)
    forms, skipped = survey(texts, cleaner)
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    for lang in sorted(forms):
        path = out / f"{lang}-en.survey.tsv"
        write_atomic(path, stub_text(lang, forms[lang], len(files)).encode("utf-8"))
        total = sum(v[0] for v in forms[lang].values())
        click.echo(f"wrote {path}: {len(forms[lang])} form(s), {total} leftover(s)")
    if skipped:
        click.echo("not stubbed: " + ", ".join(f"{n} {k}" for k, n in sorted(skipped.items())), err=True)
    if not forms:
        click.echo("no unresolved leftovers", err=True)
