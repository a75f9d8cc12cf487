"""The CLI side of pipelines: many files on all cores (``--jobs``), JSON Lines and per-line
streams (``--jsonl``, ``--per-line``), input formats by extension, the progress bar.

The library parts live in :mod:`normalize.parallel` and :mod:`normalize.io.jsonl`; this module
only wires them to files, stdout, stderr messages and the report's exit code.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from pathlib import Path
from typing import Any, Iterable, Iterator

import click

from .. import parallel, report
from ..errors import DocumentError
from ..io import jsonl

#: ``--input-format`` by file extension (anything else is plain text).
EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown",
              ".html": "html", ".htm": "html", ".xhtml": "html"}


def input_format(path: str, forced: str | None) -> str:
    if forced:
        return forced
    return EXTENSIONS.get(Path(path).suffix.lower(), "text") if path != "-" else "text"


def _err(message: str) -> None:
    click.echo(f"normalize: error: {message}", err=True)


def progress(iterable: Iterable, quiet: bool, **kwargs) -> Iterable:
    """A progress bar on stderr for long runs: only on a terminal, never with ``--quiet``; shown
    after two seconds, so short runs print nothing."""
    if quiet or not sys.stderr.isatty():
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, file=sys.stderr, delay=2.0, leave=False, dynamic_ncols=True, **kwargs)


def file_results(cleaner, readable: Iterable[tuple[str, Any]], internal, jobs: int, forced_format: str | None,
                 total: int, quiet: bool = False) -> Iterator:
    """(path, decoded, result) for every readable ``(path, decoded)`` input, in input order, on
    ``jobs`` processes; a file whose cleaning fails goes to ``internal(path, DocumentError)`` and
    is skipped (the others go on)."""
    paths: deque = deque()

    def items():
        for path, decoded in readable:
            paths.append((path, decoded))
            yield decoded.text, input_format(path, forced_format)

    for value in progress(parallel.run(cleaner, items(), jobs), quiet, total=total, unit="file"):
        path, decoded = paths.popleft()
        if isinstance(value, DocumentError):
            internal(path, value)
            continue
        yield path, decoded, value


def _records(inputs: list[str], field: str | None, rep) -> Iterator[jsonl.Record]:
    for path in inputs:
        try:
            fh = sys.stdin.buffer if path == "-" else open(path, "rb")
        except OSError as exc:
            msg = f"{path}: {exc.strerror or exc}"
            rep.failure(msg)
            _err(msg)
            continue
        try:
            yield from jsonl.read(fh, path, field)
        finally:
            if fh is not sys.stdin.buffer:
                fh.close()


def _total_bytes(inputs: list[str]) -> int | None:
    try:
        return sum(os.stat(p).st_size for p in inputs) if "-" not in inputs else None
    except OSError:
        return None


def run_records(cleaner, inputs: list[str], *, check: bool, field: str | None, edits: bool, fmt: str,
                on_error: str, jobs: int, quiet: bool) -> int:
    """Clean a stream of records (JSON Lines, or plain lines when ``field`` is None) and write one
    output line per input line to stdout, in order, each as soon as it is done. Returns the exit
    code (3 when a line was bad, whether skipped or stopped at)."""
    rep = report.Report(check=check)
    out = sys.stdout.buffer
    pending: deque = deque()

    def items():
        for rec in _records(inputs, field, rep):
            pending.append(rec)
            yield rec.text

    bar = progress(None, quiet, total=_total_bytes(inputs), unit="B", unit_scale=True)
    results = parallel.run(cleaner, items(), jobs)
    try:
        for value in results:
            rec = pending.popleft()
            if isinstance(value, DocumentError):
                rec.error = f"internal error: {value.reason} (please report)"
            if bar is not None:
                bar.update(len(rec.raw) + len(rec.end))
            if rec.error:
                msg = f"{rec.where}: {rec.error}"
                rep.failure(msg)
                _err(msg + ("" if on_error == "skip" else "; stopped (--on-error skip passes such lines through)"))
                if on_error != "skip":
                    break
                out.write(jsonl.check_line(rec, None) if check and fmt == "json" else
                          b"" if check else rec.raw + rec.end)
            elif check:
                rep.done(value)
                if fmt == "json":
                    out.write(jsonl.check_line(rec, value))
                else:
                    out.write(report.render_text(f"{rec.where}", value).encode("utf-8"))
            else:
                rep.done(value)
                out.write(jsonl.fixed_line(rec, value, field, edits))
            out.flush()
    finally:
        results.close()
        if bar is not None:
            bar.close()
    return rep.exit_code
