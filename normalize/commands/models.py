"""`normalize models list|check`: what translation models are installed and whether they work.

Thin: discovery, loading, generation and the guards are the library's (normalize/translate/).
Exit codes (STYLE.md): 0 all good, 1 nothing to check or a model answers badly, 3 a model is broken.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import ModelError

# One sentence per language whose English translation must contain the word "capital": a cheap,
# model-independent smoke test that the model translates this language into English at all.
PROBES = {
    "vi": "Hà Nội là thủ đô của Việt Nam.",
    "zh": "北京是中国的首都。",
    "ja": "東京は日本の首都です。",
    "ko": "서울은 한국의 수도입니다.",
    "ru": "Москва — столица России.",
    "uk": "Київ — столиця України.",
}
PROBE_WORD = "capital"


def _options(f):
    f = click.option("--device", default="cpu", show_default=True, help="torch device (cpu, cuda, cuda:0).")(f)
    f = click.option("--models-dir", type=click.Path(file_okay=False), envvar="NORMALIZE_MODELS_DIR", default=None,
                     help="Directory of models by language pair (<src>-en/). Env: NORMALIZE_MODELS_DIR.")(f)
    f = click.option("--model", type=click.Path(file_okay=False), default=None, help="One model directory.")(f)
    return f


def _targets(model, models_dir) -> list[tuple[Path, bool]]:
    """(directory, explicit) for --model and every model-like directory under --models-dir,
    usable or not (discovery.entries): `check` says what is wrong with each."""
    from ..translate.discovery import entries

    out = [(Path(model), True)] if model else []
    if models_dir and Path(models_dir).is_dir():
        out.extend((p, False) for p in entries(Path(models_dir)))
    return out


def _none_message(model, models_dir) -> str:
    from ..translate import README_INSTALL

    where = [f"--model {model}" if model else "", f"--models-dir {models_dir}" if models_dir else ""]
    if models_dir and not Path(models_dir).is_dir():
        where[1] += ": no such directory"
    where = " and ".join(w for w in where if w) or "no --model or --models-dir (or NORMALIZE_MODELS_DIR) given"
    return f"no translation models found ({where}): see {README_INSTALL}"


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


@click.group("models")
def models():
    """Local translation models for leftovers no glossary or rule resolves (models/README.md)."""


@models.command("list")
@_options
def list_models(model, models_dir, device):
    """List the models that --model / --models-dir provide and the languages each serves."""
    from ..translate import read_info
    from ..translate.discovery import unusable

    targets = _targets(model, models_dir)
    if not targets:
        click.echo(_none_message(model, models_dir), err=True)
        return
    for path, explicit in targets:
        origin = "--model" if explicit else "discovered"
        why = unusable(path)
        if why:
            click.echo(f"{path.name:<32} unusable: {why}  {origin:<10} {path}")
            continue
        m = read_info(path, explicit=explicit)
        click.echo(f"{m.id:<32} {m.languages:<14} {m.family:<8} {_mb(m.size_bytes):>9}  {origin:<10} {m.path}")


@models.command("check")
@_options
@click.option("--probe", nargs=3, multiple=True, metavar="LANG TEXT WORD",
              help=f"Translate TEXT (in LANG) and expect WORD in the English; default: one sentence "
                   f"per language expecting {PROBE_WORD!r}.")
def check_models(model, models_dir, device, probe):
    """Load every model, translate a probe sentence per language, run the output guards."""
    from ..translate import Translator, check, read_info
    from ..translate.discovery import unusable

    targets = _targets(model, models_dir)
    if not targets:
        click.echo(_none_message(model, models_dir), err=True)
        raise click.exceptions.Exit(1)
    worst = 0
    for path, explicit in targets:
        why = unusable(path)
        if why:
            click.echo(f"BROKEN  {path.name}: {why} ({path})")
            worst = 3
            continue
        m = read_info(path, explicit=explicit)
        tr = Translator(m, device=device)
        if probe:
            probes = [(lang, text, word) for lang, text, word in probe if m.serves(lang)]
        elif m.sources is None:
            probes = [(lang, PROBES[lang], PROBE_WORD) for lang in ("vi", "zh")]
        else:
            probes = [(lang, PROBES[lang], PROBE_WORD) for lang in sorted(m.sources) if lang in PROBES]
        try:
            tr.load()
            results = [(lang, text, word, tr.translate([text], lang)[0]) for lang, text, word in probes]
        except ModelError as exc:
            click.echo(f"BROKEN  {m.id}: {exc}")
            worst = 3
            continue
        status = "OK"
        lines = []
        for lang, text, word, out in results:
            why = check(text, out.text)
            if why is None and word.casefold() not in out.text.casefold():
                why = f"expected {word!r} in the translation"
            if why:
                status = "SUSPECT"
            lines.append(f"    {lang}: {text!r} -> {out.text!r} (p={out.prob():.2f}){': ' + why if why else ''}")
        if not probes:
            lines.append("    no probe sentence for its languages: loaded only")
        s = tr.stats
        speed = f"{s.tokens / s.seconds:.0f} tokens/s" if s.seconds else "-"
        click.echo(f"{status:<7} {m.id} ({m.languages}, {m.family}, {device}): load {s.load_seconds:.1f} s, {speed}")
        for line in lines:
            click.echo(line)
        if status != "OK":
            worst = max(worst, 1)
    if worst:  # 3 (a model is broken) > 1 (a model answers badly) > 0
        raise click.exceptions.Exit(worst)
