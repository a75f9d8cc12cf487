"""Command line: a thin layer over Cleaner, the reporters and normalize.io.

Exit codes (the highest one that applies when inputs fare differently: 4 > 3 > 1 > 0):

- 0: done; for ``check``: nothing found
- 1: ``check`` found something to fix or report
- 2: usage error (unknown option or rule name, conflicting flags); nothing is read or written
- 3: bad input or data: an undecodable or unreadable input, an output that cannot be written, a
  broken glossary, a model that cannot be used
- 4: internal error: an unexpected exception while processing an input (a bug: please report it);
  the other inputs are still processed and written
- 130 / 143: interrupted by SIGINT / SIGTERM (a file being written is left as it was)

One bad input never stops the others: its error is printed (``normalize: error: FILE: reason``) and
nothing is written for it. A broken glossary or model is not about one input: it stops the run
before the first output is written (a model that fails only when it is first loaded stops the run
there; the files already written did not need it, so they are what they would have been).
"""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections import Counter as _Counter
from pathlib import Path

import click

from . import report
from .config import Config
from .errors import ConfigError, GlossaryError, InputDecodeError, ModelError, NormalizeError
from .io import Interrupted, clean_stale, decode, encode, read_bytes, write_atomic


def _err(message: str) -> None:
    click.echo(f"normalize: error: {message}", err=True)


def _warn(message: str) -> None:
    click.echo(f"normalize: warning: {message}", err=True)


def _debug() -> bool:
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.find_root().meta.get("normalize.debug"):
        return True
    return os.environ.get("NORMALIZE_DEBUG", "").strip().lower() in ("1", "true", "yes", "on")


def _set_debug(ctx, param, value):
    if value:
        ctx.find_root().meta["normalize.debug"] = True


_debug_option = click.option("--debug", is_flag=True, expose_value=False, is_eager=True, callback=_set_debug,
                             help="Print the traceback of an internal error (also: NORMALIZE_DEBUG=1).")


def _internal(where: str, exc: BaseException | str) -> str:
    """The one-line report of an unexpected exception (the traceback too with --debug); a string
    is the reason a worker process sent back (its traceback stayed there)."""
    if isinstance(exc, str):
        reason = exc
    else:
        lines = str(exc).strip().splitlines()
        reason = type(exc).__name__ + (f": {lines[0]}" if lines else "")
    if len(reason) > 200:
        reason = reason[:197] + "..."
    if _debug() and not isinstance(exc, str):
        click.echo("".join(traceback.format_exception(exc)).rstrip("\n"), err=True)
        hint = "please report it with the input and this traceback"
    else:
        hint = "please report it with the input; --debug or NORMALIZE_DEBUG=1 shows the traceback"
    return f"{where}: {reason} (internal error; {hint})"


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


def _selection_options(f):
    """fix --skip/--only/--decisions: choose single changes by their report id (normalize.decisions)."""
    options = [
        click.option("--skip", multiple=True, metavar="ID[,ID...]",
                     help="Apply every change but these (ids from `check --format json`, `--diff` or the report)."),
        click.option("--only", multiple=True, metavar="ID[,ID...]", help="Apply only these changes."),
        click.option("--decisions", "decisions_file", type=click.Path(dir_okay=False, exists=True), default=None,
                     help="Apply the decisions file `normalize review` wrote."),
    ]
    for opt in reversed(options):
        f = opt(f)
    return f


def _selection(skip, only, decisions_file, inputs):
    if sum(map(bool, (skip, only, decisions_file))) > 1:
        raise click.UsageError("--skip, --only and --decisions cannot be combined")
    if not (skip or only or decisions_file):
        return None
    if len(inputs) > 1:
        raise click.UsageError("--skip, --only and --decisions choose changes of one input: give one")
    from . import decisions

    if decisions_file:
        return decisions.load(decisions_file)
    return decisions.Decisions.skip(decisions.split_ids(skip)) if skip else \
        decisions.Decisions.only(decisions.split_ids(only))


def _make_config(glossaries, no_builtin_glossary, disabled, enabled, min_confidence, model, models_dir, device, no_title,
                 boilerplate) -> Config:
    config = Config(
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
    return _with_project_settings(config)


# Command-line parameter -> the Config field it sets (for `[tool.normalize]`, normalize/settings.py).
_PARAM_FIELDS = {"glossaries": "glossaries", "no_builtin_glossary": "builtin_glossary", "disabled": "disabled_rules",
                 "enabled": "enabled_rules", "min_confidence": "min_confidence", "model": "model",
                 "models_dir": "models_dir", "device": "device", "no_title": "keep_title", "boilerplate": "boilerplate"}


def _with_project_settings(config: Config) -> Config:
    """Apply the nearest pyproject.toml's [tool.normalize] under the flags given explicitly."""
    from click.core import ParameterSource

    from .settings import project_config

    ctx = click.get_current_context(silent=True)
    if ctx is None or ctx.params.get("no_config"):
        return config
    given = {f for p, f in _PARAM_FIELDS.items() if ctx.get_parameter_source(p) not in (None, ParameterSource.DEFAULT)}
    return project_config(config, given)


def _cleaner(config: Config):
    from .pipeline import Cleaner

    if config.device != "cpu" and not ((config.model or config.models_dir) and config.rule_on("model")):
        _warn(f"--device {config.device} has no effect: no --model or --models-dir (or NORMALIZE_MODELS_DIR) given")
    try:
        return Cleaner(config)  # a model that cannot be used raises ModelError here, before any output
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None


def _inputs(paths) -> list[str]:
    return list(paths) if paths else ["-"]


def _usage_conflicts(*pairs: tuple[bool, str]) -> None:
    """Exit 2 with the message of the first conflict that applies (before anything is read)."""
    for applies, message in pairs:
        if applies:
            raise click.UsageError(message)


#: Errors about the run rather than one input: they stop it (exit 3 through _data_errors).
_FATAL = (GlossaryError, ModelError, ConfigError)


def _readable(paths, rep):
    """(path, decoded input) for every input that can be read and decoded, in order, read as they
    are needed; one that cannot (exit 3) is reported and skipped, so nothing is written for it."""
    for path in paths:
        try:
            yield path, decode(read_bytes(path), path)
        except InputDecodeError as exc:
            rep.failure(str(exc))
            _err(str(exc))
        except OSError as exc:
            msg = f"{path}: {exc.strerror or exc}"
            rep.failure(msg)
            _err(msg)


def _results(cleaner, paths, rep, pipe):
    """(path, decoded input, result) for every input, in order, on ``--jobs`` processes; an input
    whose cleaning raises unexpectedly is reported (exit 4) and skipped, the others go on."""
    from .commands import stream

    def internal(path, exc):
        msg = _internal(path, exc.cause) if exc.cause is not None else _internal(path, exc.reason)
        rep.internal_error(msg)
        _err(msg)

    return stream.file_results(cleaner, _readable(paths, rep), internal, pipe.jobs, pipe.input_format,
                               len(paths), pipe.quiet)


class _per_input:
    """Run one input's output step; an error there is that input's alone (3 for I/O, 4 otherwise)."""

    def __init__(self, rep, path):
        self.rep, self.path = rep, path

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if exc is None or not isinstance(exc, Exception) or isinstance(exc, _FATAL):
            return False
        if isinstance(exc, click.exceptions.ClickException):
            return False
        if isinstance(exc, OSError):
            where = f" {exc.filename}" if exc.filename else ""
            msg = f"{self.path}: cannot write{where}: {exc.strerror or exc}"
            self.rep.failure(msg)
        else:
            msg = _internal(self.path, exc)
            self.rep.internal_error(msg)
        _err(msg)
        return True


_PIPELINE_OPTIONS = [
    click.option("--jobs", "-j", type=click.IntRange(0), default=0, metavar="N",
                 help="Worker processes for many files or records (0 = every core, the default; 1 = in process)."),
    click.option("--jsonl", is_flag=True, help="Inputs are JSON Lines: clean --field of each record, one line out per line in."),
    click.option("--field", default="text", show_default=True, help="The text field of --jsonl records."),
    click.option("--edits", "with_edits", is_flag=True, help="fix --jsonl: also write <field>_edits, the list of edits."),
    click.option("--per-line", is_flag=True, help="Plain text where every line is its own document (one sentence per line)."),
    click.option("--on-error", type=click.Choice(["stop", "skip"]), default="stop", show_default=True,
                 help="A bad --jsonl/--per-line line: stop there (exit 3), or report it, pass it through and go on."),
    click.option("--input-format", type=click.Choice(["text", "markdown", "html"]), default=None,
                 help="Touch only the text of Markdown/HTML (default: by extension: .md, .html; else text)."),
    click.option("--quiet", "-q", is_flag=True, help="No progress bar."),
    click.option("--no-config", is_flag=True, help="Ignore [tool.normalize] in pyproject.toml."),
]


def _pipeline_options(f):
    """The pipeline options (docs/pipelines.md), handed to the command as one ``pipe`` object."""
    import types

    names = ("jobs", "jsonl", "field", "with_edits", "per_line", "on_error", "input_format", "quiet", "no_config")

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        pipe = types.SimpleNamespace(**{n: kwargs.pop(n) for n in names})
        if pipe.jsonl and pipe.per_line:
            raise click.UsageError("--jsonl and --per-line cannot be combined")
        if (pipe.jsonl or pipe.per_line) and pipe.input_format:
            raise click.UsageError("--input-format applies to whole files, not to --jsonl/--per-line records")
        return f(*args, pipe=pipe, **kwargs)

    for opt in reversed(_PIPELINE_OPTIONS):
        wrapper = opt(wrapper)
    return wrapper


def _run_records(cleaner, inputs, pipe, check: bool, fmt: str = "json"):
    from .commands import stream

    sys.exit(stream.run_records(cleaner, inputs, check=check, field=pipe.field if pipe.jsonl else None,
                                edits=pipe.with_edits, fmt=fmt, on_error=pipe.on_error, jobs=pipe.jobs, quiet=pipe.quiet))


def _model_hint(wanted, config) -> None:
    """The run's one line about leftovers a model could take (resolve/model.py: hint)."""
    from .resolve.model import hint

    if wanted:
        click.echo(hint(wanted, config.model, config.models_dir), err=True)


def _data_errors(func):
    """Turn data and model errors into exit 3 with a message naming the file and line; an
    unexpected exception outside any one input into exit 4; an interruption into 128 + signal."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except NormalizeError as exc:  # GlossaryError, ModelError, ...: bad data, not bad usage
            _err(str(exc))
            sys.exit(report.EXIT_BAD_INPUT)
        except Interrupted as exc:
            _err(f"interrupted: {exc}")
            sys.exit(128 + exc.signum)
        except KeyboardInterrupt:
            _err("interrupted")
            sys.exit(130)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:
            _err(_internal("normalize", exc))
            sys.exit(report.EXIT_INTERNAL)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="normalize", prog_name="normalize")
@_debug_option
def main():
    """Repair machine-translated English: leftover words, names in the wrong reading, foreign script."""


def _output_targets(inputs: list[str], output_dir: str) -> dict[str, Path]:
    """Where ``-o DIR`` writes each input; exit 2 when two inputs would land on one file."""
    targets: dict[str, Path] = {}
    seen: dict[Path, str] = {}
    for path in inputs:
        target = Path(output_dir) / Path(path).name
        if target in seen and os.path.realpath(seen[target]) != os.path.realpath(path):
            raise click.UsageError(f"{seen[target]} and {path} would both be written to {target}")
        seen.setdefault(target, path)
        targets[path] = target
    return targets


def _write(path: str, target: Path, data: bytes) -> None:
    links = write_atomic(target, data)
    if links > 1:
        _warn(f"{path} had {links} hard links: the rewritten file is a new file, the other links keep the old text")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--in-place", "-i", is_flag=True, help="Rewrite each file in place (atomic replace).")
@click.option("--output-dir", "-o", type=click.Path(file_okay=False), help="Write each fixed file into DIR.")
@click.option("--explain", is_flag=True, help="Also print every edit and unresolved finding on stderr.")
@_selection_options
@_config_options
@_pipeline_options
@_debug_option
@_data_errors
def fix(paths, in_place, output_dir, explain, skip, only, decisions_file, pipe, **opts):
    """Write corrected text. No PATH or "-" reads stdin and writes stdout."""
    inputs = _inputs(paths)
    records = pipe.jsonl or pipe.per_line
    selection = _selection(skip, only, decisions_file, inputs)
    _usage_conflicts(
        (in_place and bool(output_dir), "--in-place and --output-dir cannot be combined"),
        ((in_place or bool(output_dir)) and "-" in inputs, "stdin (-) cannot be fixed in place or into a directory"),
        (len(inputs) > 1 and not (in_place or output_dir or records), "several inputs need --in-place or --output-dir"),
        (records and bool(in_place or output_dir), "--jsonl and --per-line write to stdout; redirect it to a file"),
        (records and selection is not None, "--skip, --only and --decisions choose changes of one document, not of records"),
    )
    targets = _output_targets(inputs, output_dir) if output_dir else {}
    cleaner = _cleaner(_make_config(**opts))
    if records:
        _run_records(cleaner, inputs, pipe, check=False)
    rep = report.Report()
    if output_dir:
        Path(output_dir).mkdir(parents=True, exist_ok=True)
    wanted = _Counter()
    for path, decoded, result in _results(cleaner, inputs, rep, pipe):
        if selection is not None:
            from .decisions import apply

            result = apply(result, selection, where=path)
        rep.done(result)
        wanted.update(dict(result.model_wanted))
        with _per_input(rep, path):
            if explain:
                click.echo(report.render_text(path, result), err=True, nl=False)
            if in_place:
                if result.changed:
                    _write(path, Path(path), encode(result.output, decoded))
                else:
                    clean_stale(path)
            elif output_dir:
                _write(path, targets[path], encode(result.output, decoded))
            else:
                sys.stdout.buffer.write(encode(result.output, decoded))
                sys.stdout.buffer.flush()
    if explain:
        _model_hint(wanted, cleaner.config)
    sys.exit(rep.exit_code)


class _GitStyleCommand(click.Command):
    """Takes git's ``--word-diff=MODE`` spelling (click would read ``--word-diff FILE`` as a mode)."""

    def parse_args(self, ctx, args):
        args = ["--word-diff-mode=" + a.split("=", 1)[1] if a.startswith("--word-diff=") else a for a in args]
        return super().parse_args(ctx, args)


@main.command(cls=_GitStyleCommand)
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--diff", "show_diff", is_flag=True, help="Print the unified diff that `fix` would apply.")
@click.option("--word-diff", "word_diff", flag_value="auto", default=None,
              help="Word diff like git's: [-old-]{+new+}, colour on a terminal; --word-diff=plain|porcelain|color.")
@click.option("--word-diff-mode", "word_diff_mode", type=click.Choice(["plain", "porcelain", "color"]), hidden=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "critic", "html"]), default="text",
              show_default=True, help="critic: the document with CriticMarkup; html: one self-contained page.")
@_config_options
@_pipeline_options
@_debug_option
@_data_errors
def check(paths, show_diff, word_diff, word_diff_mode, fmt, pipe, **opts):
    """List findings. Exit 1 when something is found, 0 when clean."""
    inputs = _inputs(paths)
    word_diff = word_diff_mode or word_diff
    records = pipe.jsonl or pipe.per_line
    _usage_conflicts(
        (records and fmt != "json", "--jsonl and --per-line need --format json (one JSON line per record)"),
        (show_diff and fmt != "text", f"--diff cannot be combined with --format {fmt} (the diff is text)"),
        (bool(word_diff) and fmt != "text", f"--word-diff cannot be combined with --format {fmt} (the diff is text)"),
        (show_diff and bool(word_diff), "--diff and --word-diff cannot be combined"),
        (fmt == "critic" and len(inputs) > 1, "--format critic writes one document: give one input"),
    )
    cleaner = _cleaner(_make_config(**opts))
    if records:
        _run_records(cleaner, inputs, pipe, check=True, fmt=fmt)
    rep = report.Report(check=True)
    out = report.Renderer(fmt, show_diff, word_diff, tty=report.use_color(sys.stdout))
    wanted = _Counter()
    for path, decoded, result in _results(cleaner, inputs, rep, pipe):
        rep.done(result)
        wanted.update(dict(result.model_wanted))
        with _per_input(rep, path):
            click.echo(out.add(path, result, _encoding_fields(decoded)), nl=False, color=out.color)
    click.echo(out.finish(), nl=False, color=out.color)
    if out.summary:
        _model_hint(wanted, cleaner.config)
        click.echo(rep.summary(len(inputs)), err=True)
    sys.exit(rep.exit_code)


def _encoding_fields(decoded) -> dict:
    """How the input was stored: offsets count code points of the text after the byte-order mark."""
    return {"encoding": decoded.encoding, "bom": bool(decoded.bom)}


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, exists=True))
@click.option("--decisions", "decisions_file", type=click.Path(dir_okay=False), default=None,
              help="Where to write the decisions (default: PATH.decisions.json); `fix --decisions` replays them.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Write the reviewed text here instead of rewriting PATH.")
@click.option("--resume", is_flag=True, help="Continue from the decisions file of an earlier review (with -o).")
@_config_options
@_data_errors
def review(path, decisions_file, output, resume, **opts):
    """Review each change interactively (accept, skip, edit, undo, quit), then write PATH and the decisions."""
    from .review import run

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise click.UsageError("review is interactive and needs a terminal; in scripts use fix --skip/--only/--decisions")
    cleaner = _cleaner(_make_config(**opts))
    decoded = decode(read_bytes(path), path)
    result = cleaner.clean_and_explain(decoded.text)
    target = Path(output or path)
    decisions_path = Path(decisions_file or f"{path}.decisions.json")
    earlier = None
    if resume:
        from .decisions import load

        earlier = load(decisions_path)
    def write(target: Path, text: str) -> None:
        write_atomic(target, encode(text, decoded) if target != decisions_path else text.encode("utf-8"))

    sys.exit(run(path, result, target, decisions_path, write, resume=earlier))


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
