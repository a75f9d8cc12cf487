"""Command line: a thin layer over Cleaner and the reporters.

Exit codes: 0 ok, 1 `check` found something, 2 usage error, 3 bad input or data.
"""

from __future__ import annotations

import functools
import os
import sys
import tempfile
from collections import Counter as _Counter
from pathlib import Path

import click

from . import report
from .config import Config
from .errors import ConfigError, InputDecodeError, NormalizeError


def read_input(path: str) -> str:
    """Read a file (or stdin for "-") as UTF-8 exactly; line endings are kept as they are."""
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(path, "rb") as fh:
            data = fh.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputDecodeError(path, exc.start, exc.reason) from None
    # A UTF-8 byte-order mark is not text: drop it (and keep offsets relative to the text).
    return text[1:] if text.startswith("\ufeff") else text


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` so that an interruption leaves either the old or the new file."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        except FileNotFoundError:
            pass
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _err(message: str) -> None:
    click.echo(f"normalize: error: {message}", err=True)


def _config_options(f):
    options = [
        click.option("--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False),
                     help="Extra glossary file (repeatable); overrides shipped entries with the same source."),
        click.option("--no-builtin-glossary", is_flag=True, help="Do not load the shipped glossaries."),
        click.option("--no-rule", "disabled", multiple=True, metavar="NAME",
                     help="Switch a rule off (repeatable; see `normalize rules`)."),
        click.option("--rule", "enabled", multiple=True, metavar="NAME",
                     help="Switch an opt-in rule on (repeatable)."),
        click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=Config.min_confidence,
                     show_default=True, help="Apply only candidates at least this confident; report the rest."),
        click.option("--model", type=click.Path(file_okay=False), default=None,
                     help="Local translation model directory for leftovers no glossary or rule resolves."),
        click.option("--models-dir", type=click.Path(file_okay=False), default=None, envvar="NORMALIZE_MODELS_DIR",
                     help="Directory of models discovered by language pair (<src>-en/). Env: NORMALIZE_MODELS_DIR."),
        click.option("--device", default="cpu", show_default=True, help="torch device for the model (cpu, cuda, cuda:0)."),
        click.option("--no-title", is_flag=True, help="Drop a repeated title entirely instead of keeping it at the top."),
        click.option("--boilerplate", "boilerplate", multiple=True, type=click.Path(dir_okay=False),
                     help="Extra boilerplate pattern file for the `boilerplate` rule (repeatable)."),
    ]
    for opt in reversed(options):
        f = opt(f)
    return f


def _make_config(glossaries, no_builtin_glossary, disabled, enabled, min_confidence, model, models_dir, device, no_title,
                 boilerplate) -> Config:
    return Config(
        builtin_glossary=not no_builtin_glossary,
        glossaries=tuple(Path(g) for g in glossaries),
        min_confidence=min_confidence,
        disabled_rules=frozenset(disabled),
        enabled_rules=frozenset(enabled),
        model=Path(model) if model else None,
        models_dir=Path(models_dir) if models_dir else None,
        device=device,
        keep_title=not no_title,
        boilerplate=tuple(Path(b) for b in boilerplate),
    )


def _cleaner(config: Config):
    from .pipeline import Cleaner

    try:
        return Cleaner(config)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None


def _inputs(paths) -> list[str]:
    return list(paths) if paths else ["-"]


# Inputs are read and cleaned in groups so that model work is batched across files
# (Cleaner.clean_and_explain_many) while memory stays bounded for long file lists.
_GROUP = 64


def _results(cleaner, paths, rep):
    """(path, result) for every readable input, in order; bad inputs are reported (exit 3) and
    skipped, so nothing is written for them."""
    for i in range(0, len(paths), _GROUP):
        group = []
        for path in paths[i : i + _GROUP]:
            try:
                group.append((path, read_input(path)))
            except InputDecodeError as exc:
                rep.failure(str(exc))
                _err(str(exc))
            except OSError as exc:
                msg = f"{path}: {exc.strerror or exc}"
                rep.failure(msg)
                _err(msg)
        results = cleaner.clean_and_explain_many(text for _, text in group)
        yield from zip((p for p, _ in group), results)


def _model_hint(wanted, config) -> None:
    """The run's one line about leftovers a model could take (resolve/model.py: hint)."""
    from .resolve.model import hint

    if wanted:
        click.echo(hint(wanted, config.model, config.models_dir), err=True)


def _data_errors(func):
    """Turn data and model errors into exit 3 with a message naming the file and line."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except NormalizeError as exc:  # GlossaryError, ModelError, ...: bad data, not bad usage
            _err(str(exc))
            sys.exit(report.EXIT_BAD_INPUT)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="normalize", prog_name="normalize")
def main():
    """Repair machine-translated English: leftover words, names in the wrong reading, foreign script."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--in-place", "-i", is_flag=True, help="Rewrite each file in place (atomic replace).")
@click.option("--output-dir", "-o", type=click.Path(file_okay=False), help="Write each fixed file into DIR.")
@click.option("--explain", is_flag=True, help="Also print every edit and unresolved finding on stderr.")
@_config_options
@_data_errors
def fix(paths, in_place, output_dir, explain, **opts):
    """Write corrected text. No PATH or "-" reads stdin and writes stdout."""
    inputs = _inputs(paths)
    if in_place and output_dir:
        raise click.UsageError("--in-place and --output-dir cannot be combined")
    if (in_place or output_dir) and "-" in inputs:
        raise click.UsageError("stdin (-) cannot be fixed in place or into a directory")
    if len(inputs) > 1 and not (in_place or output_dir):
        raise click.UsageError("several inputs need --in-place or --output-dir")
    cleaner = _cleaner(_make_config(**opts))
    rep = report.Report()
    if output_dir:
        Path(output_dir).mkdir(parents=True, exist_ok=True)
    wanted = _Counter()
    for path, result in _results(cleaner, inputs, rep):
        rep.done(result)
        wanted.update(dict(result.model_wanted))
        if explain:
            click.echo(report.render_text(path, result), err=True, nl=False)
        if in_place:
            if result.changed:
                write_atomic(Path(path), result.output)
        elif output_dir:
            write_atomic(Path(output_dir) / Path(path).name, result.output)
        else:
            sys.stdout.buffer.write(result.output.encode("utf-8"))
            sys.stdout.buffer.flush()
    if explain:
        _model_hint(wanted, cleaner.config)
    sys.exit(rep.exit_code)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--diff", "show_diff", is_flag=True, help="Print the unified diff that `fix` would apply.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_config_options
@_data_errors
def check(paths, show_diff, fmt, **opts):
    """List findings. Exit 1 when something is found, 0 when clean."""
    inputs = _inputs(paths)
    cleaner = _cleaner(_make_config(**opts))
    rep = report.Report(check=True)
    entries = []
    wanted = _Counter()
    for path, result in _results(cleaner, inputs, rep):
        rep.done(result)
        wanted.update(dict(result.model_wanted))
        if fmt == "json":
            entries.append(report.json_entry(path, result))
        elif show_diff:
            click.echo(report.render_diff(path, result), nl=False)
        else:
            click.echo(report.render_text(path, result), nl=False)
    if fmt == "json":
        click.echo(report.render_json(entries), nl=False)
    elif not show_diff:
        _model_hint(wanted, cleaner.config)
        click.echo(rep.summary(len(inputs)), err=True)
    sys.exit(rep.exit_code)


@main.command("rules")
def list_rules():
    """List every rule with its stage, default and one-line description."""
    from .rules import all_rules

    for r in all_rules():
        state = "on " if r.default else "off"
        click.echo(f"{r.name:<24} {r.stage:<9} {state} {r.description}")


def _register_subcommands() -> None:
    """Command groups that live in their own modules (glossary tools, model tools)."""
    from .commands.glossary import glossary
    from .commands.models import models
    from .commands.survey import survey_command

    main.add_command(glossary)
    main.add_command(models)
    main.add_command(survey_command)


_register_subcommands()
