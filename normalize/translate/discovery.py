"""Find local translation models and route a language to one. Reads JSON files only (cheap).

Layout (models/README.md#layout): ``--model DIR`` names one model; ``--models-dir DIR`` holds one
sub-directory per model, named by its language pair: ``<src>-en/`` (``vi-en/``, ``zh-en/``), a
multilingual ``mul-en/``, or the hub name's tail (``opus-mt-vi-en/``, ``m2m100_418M/``,
``nllb-200-distilled-600M/``). A directory is a model when it holds ``config.json`` and weights.

Routing for a finding in language L (``vi``): the ``--model`` if it serves L, then
``<models_dir>/<L>-en`` (or its ISO 639-3 / ``opus-mt-`` spellings), then a multilingual model.
A model serves L when its config or name says so; a ``--model`` whose languages cannot be read
is taken to serve every language (the user chose it explicitly).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from . import langs

#: The README section every "missing model" message points to.
README_INSTALL = "models/README.md#installing-models"

_WEIGHTS = ("model.safetensors", "pytorch_model.bin", "model.safetensors.index.json", "pytorch_model.bin.index.json")
# "<anything>-<src>-<tgt>" or "<src>-<tgt>" at the end of a directory or hub name (OPUS-MT naming:
# Helsinki-NLP/opus-mt-vi-en, opus-mt-tc-big-zh-en; Tatoeba: opus-mt-mul-en).
_PAIR_NAME = re.compile(r"(?:^|[-_/])([a-z]{2,3})-([a-z]{2,3})$")


@dataclass(frozen=True)
class ModelInfo:
    """What can be known about a model directory without loading it."""

    path: Path
    #: ``model:<id>`` is the Candidate source: the hub name from ``_name_or_path`` when it is one,
    #: else the directory name.
    id: str
    #: ``marian`` (OPUS-MT), ``m2m100`` (M2M100 and NLLB share this architecture), or the
    #: ``model_type`` of any other seq2seq model.
    family: str
    #: Source languages (primary codes); None = any (multilingual or unknown).
    sources: frozenset[str] | None
    target: str
    #: ``nllb`` / ``m2m100`` need language-code tokens; Marian models need none for a single target.
    codes: str = ""
    size_bytes: int = 0
    explicit: bool = False

    def serves(self, language: str) -> bool:
        if langs.primary(self.target) != "en":
            return False
        if self.sources is None:
            return True
        return langs.primary(language) in self.sources

    @property
    def languages(self) -> str:
        src = "any" if self.sources is None else ",".join(sorted(self.sources))
        return f"{src} -> {self.target}"


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def is_model_dir(path: Path) -> bool:
    return (path / "config.json").is_file() and any((path / w).is_file() for w in _WEIGHTS)


def read_info(path: Path, explicit: bool = False) -> ModelInfo:
    """Describe the model in ``path`` from its config files and name (no torch, no transformers)."""
    path = Path(path)
    cfg = _read_json(path / "config.json")
    tok = _read_json(path / "tokenizer_config.json")
    name = str(cfg.get("_name_or_path") or "")
    # A hub id looks like "owner/name"; a local path (absolute, ./, or existing) is not an id.
    if not name or name.startswith(("/", ".", "~")) or "\\" in name or Path(name).exists() or name.count("/") > 1:
        name = path.name
    family = str(cfg.get("model_type") or "unknown")
    tok_class = str(tok.get("tokenizer_class") or "")
    codes = ""
    if family == "m2m_100":
        family = "m2m100"
        codes = "nllb" if "Nllb" in tok_class or "nllb" in name.lower() else "m2m100"

    sources: frozenset[str] | None = None
    target = "en"
    src_cfg, tgt_cfg = tok.get("source_lang"), tok.get("target_lang")
    by_dir = _PAIR_NAME.search(path.name.lower())
    by_name = _PAIR_NAME.search(name.lower())

    def _from_pair(m) -> tuple[frozenset[str] | None, str]:
        src, tgt = m.group(1), m.group(2)
        return (None if src in langs.MULTI else frozenset({langs.primary(src)})), langs.primary(tgt)

    if codes:
        sources = None  # M2M100 / NLLB: 100 / 200 languages, routed by language-code token
    elif by_dir:
        # The directory name is where the user declared the pair (layout in models/README.md).
        sources, target = _from_pair(by_dir)
    elif isinstance(src_cfg, str) and src_cfg:
        sources = None if langs.primary(src_cfg) in langs.MULTI else frozenset({langs.primary(src_cfg)})
        if isinstance(tgt_cfg, str) and tgt_cfg:
            target = langs.primary(tgt_cfg)
    elif by_name:
        sources, target = _from_pair(by_name)
    elif not explicit:
        sources = frozenset()  # a discovered directory must say what it translates
    size = sum(f.stat().st_size for f in path.iterdir() if f.is_file()) if path.is_dir() else 0
    return ModelInfo(path=path, id=name, family=family, sources=sources, target=target, codes=codes,
                     size_bytes=size, explicit=explicit)


def discover(model: Path | None, models_dir: Path | None) -> list[ModelInfo]:
    """Every model named by ``--model`` or found one level under ``--models-dir``, explicit first."""
    found: list[ModelInfo] = []
    if model is not None:
        found.append(read_info(Path(model), explicit=True))
    if models_dir is not None and Path(models_dir).is_dir():
        for sub in sorted(Path(models_dir).iterdir()):
            if sub.is_dir() and is_model_dir(sub):
                found.append(read_info(sub))
    return found


def _rank(info: ModelInfo, language: str) -> tuple[int, str]:
    if info.explicit:
        return (0, info.id)
    if info.sources is not None:
        return (1, info.id)  # a dedicated pair model beats a multilingual one (RESEARCH.md: 42.8 vs 30.6 BLEU on vi)
    return (2, info.id)


def route(language: str, models: list[ModelInfo]) -> ModelInfo | None:
    """The model to use for ``language``, or None."""
    fits = [m for m in models if m.serves(language)]
    if langs.primary(language) == "und":
        fits = [m for m in fits if m.sources is None and not m.codes]  # no language to give M2M/NLLB
    return min(fits, key=lambda m: _rank(m, language)) if fits else None


def missing_message(language: str, models_dir: Path | None, model: Path | None) -> str:
    """The note a finding carries when no model serves its language (never a silent skip)."""
    src = langs.primary(language)
    if src == "und":
        return f"no model for an undetermined language (a multilingual mul-en model would serve it): see {README_INSTALL}"
    where = []
    if model is not None:
        where.append(f"--model {model} does not translate {src}")
    if models_dir is not None:
        where.append(f"no {src}-en/ or mul-en/ under {models_dir}")
    if not where:
        where.append("no --model or --models-dir given")
    return f"no model for {langs.pair(src)} ({'; '.join(where)}): see {README_INSTALL}"
