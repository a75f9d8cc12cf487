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


# -- what is wrong with a model directory, from its files alone (no torch, no transformers) -------

#: A safetensors header is a few KB to a few MB of JSON; anything above this is not a header.
_MAX_HEADER = 100_000_000
_TOKENIZER_ANY = ("tokenizer.json", "vocab.json", "vocab.txt", "spiece.model", "sentencepiece.bpe.model",
                  "source.spm", "tokenizer.model")


def _json_problem(path: Path) -> str | None:
    try:
        data = json.loads(path.read_bytes())
    except OSError as exc:
        return f"{path.name}: cannot read: {exc.strerror or exc}"
    except ValueError as exc:
        return f"{path.name} is not valid JSON: {exc}"
    return None if isinstance(data, dict) else f"{path.name} is not a JSON object"


def _safetensors_header(path: Path) -> tuple[dict, str | None]:
    """The header of a safetensors file and what is wrong with the file ({} and a reason when
    something is): header length, header JSON, and whether the file holds every byte it points to."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(8)
            n = int.from_bytes(head, "little") if len(head) == 8 else 0
            if not 0 < n <= min(size - 8, _MAX_HEADER):
                return {}, f"{path.name} is not a safetensors file (no valid header)"
            header = json.loads(fh.read(n))
    except OSError as exc:
        return {}, f"{path.name}: cannot read: {exc.strerror or exc}"
    except ValueError:
        return {}, f"{path.name} is not a safetensors file (header is not JSON)"
    if not isinstance(header, dict):
        return {}, f"{path.name} is not a safetensors file (header is not a JSON object)"
    try:
        end = max((int(v["data_offsets"][1]) for k, v in header.items() if k != "__metadata__"), default=0)
    except (TypeError, KeyError, IndexError, ValueError):
        return {}, f"{path.name} is not a safetensors file (tensor entries without data_offsets)"
    if 8 + n + end > size:
        return {}, f"{path.name} is truncated: {size} bytes, its header needs {8 + n + end}"
    return header, None


def _safetensors_problem(path: Path) -> str | None:
    return _safetensors_header(path)[1]


def _shape_problem(cfg: dict, header: dict, name: str) -> str | None:
    """The token embeddings must be vocab_size x d_model as config.json says (a config from another
    model is the commonest mix-up, and only torch would notice it otherwise)."""
    width = cfg.get("d_model", cfg.get("hidden_size"))
    rows = cfg.get("vocab_size")
    for key, entry in header.items():
        if not key.endswith(("shared.weight", "embed_tokens.weight")) or not isinstance(entry, dict):
            continue
        shape = entry.get("shape")
        if not (isinstance(shape, list) and len(shape) == 2):
            continue
        if isinstance(width, int) and shape[1] != width:
            return f"config.json says d_model {width}, {name} holds {key} of {shape[0]} x {shape[1]}"
        if isinstance(rows, int) and shape[0] != rows:
            return f"config.json says vocab_size {rows}, {name} holds {key} of {shape[0]} x {shape[1]}"
        return None
    return None


def _pickle_problem(path: Path) -> str | None:
    """PyTorch checkpoints are zip archives (torch >= 1.6) or a bare pickle (older)."""
    import zipfile

    try:
        with open(path, "rb") as fh:
            magic = fh.read(4)
    except OSError as exc:
        return f"{path.name}: cannot read: {exc.strerror or exc}"
    if magic == b"PK\x03\x04":
        return None if zipfile.is_zipfile(path) else f"{path.name} is truncated (its zip directory is missing)"
    if magic[:1] == b"\x80":
        return None
    return f"{path.name} is not a PyTorch checkpoint"


def _weights_problem(path: Path, name: str) -> str | None:
    f = path / name
    if name.endswith(".index.json"):
        problem = _json_problem(f)
        if problem:
            return problem
        shards = json.loads(f.read_bytes()).get("weight_map")
        if not isinstance(shards, dict) or not shards:
            return f"{name} has no weight_map"
        for shard in sorted(set(map(str, shards.values()))):
            if not (path / shard).is_file():
                return f"{name} names {shard}, which is missing"
            problem = (_safetensors_problem if shard.endswith(".safetensors") else _pickle_problem)(path / shard)
            if problem:
                return problem
        return None
    return (_safetensors_problem if name.endswith(".safetensors") else _pickle_problem)(f)


def unusable(path: Path) -> str | None:
    """Why the model directory ``path`` cannot be loaded, judged from its files, or None.

    Checks what a load would trip over first, cheaply: ``config.json`` (JSON with a ``model_type``),
    the weights (a safetensors header that fits the file, a PyTorch zip that has its directory, every
    shard an index names), the tokenizer files the family needs and the JSON ones parse. A load can
    still fail for reasons only torch sees (tensor shapes that do not match the config); that
    surfaces as a ModelError when the model is first used.
    """
    path = Path(path)
    if not path.exists():
        return "no such directory"
    if not path.is_dir():
        return "not a directory"
    if not (path / "config.json").is_file():
        return "no config.json"
    problem = _json_problem(path / "config.json")
    if problem:
        return problem
    cfg = json.loads((path / "config.json").read_bytes())
    if not isinstance(cfg.get("model_type"), str) or not cfg["model_type"]:
        return "config.json has no model_type"
    weights = [w for w in _WEIGHTS if (path / w).is_file()]
    if not weights:
        return f"no weights ({' or '.join(_WEIGHTS[:2])})"
    problem = _weights_problem(path, weights[0])
    if problem:
        return problem
    if weights[0].endswith(".safetensors"):
        problem = _shape_problem(cfg, _safetensors_header(path / weights[0])[0], weights[0])
        if problem:
            return problem
    for name in ("tokenizer_config.json", "vocab.json", "generation_config.json", "special_tokens_map.json"):
        if (path / name).is_file():
            problem = _json_problem(path / name)
            if problem:
                return problem
    if (path / "tokenizer.json").is_file():
        problem = _json_ends(path / "tokenizer.json")
        if problem:
            return problem
    elif cfg["model_type"] == "marian":
        missing = [n for n in ("source.spm", "target.spm", "vocab.json") if not (path / n).is_file()]
        if missing:
            return f"a Marian tokenizer needs {', '.join(missing)} (or tokenizer.json)"
    elif not any((path / n).is_file() for n in _TOKENIZER_ANY):
        return "no tokenizer files (tokenizer.json, or a sentencepiece model with its vocab.json)"
    for name in ("source.spm", "target.spm", "spiece.model", "sentencepiece.bpe.model"):
        if (path / name).is_file() and (path / name).stat().st_size == 0:
            return f"{name} is empty"
    return None


def _json_ends(path: Path) -> str | None:
    """A tokenizer.json can be 17 MB: check it is one JSON object end to end without parsing it."""
    try:
        with open(path, "rb") as fh:
            first = fh.read(64).lstrip()[:1]
            fh.seek(max(0, path.stat().st_size - 64))
            last = fh.read().rstrip()[-1:]
    except OSError as exc:
        return f"{path.name}: cannot read: {exc.strerror or exc}"
    return None if (first, last) == (b"{", b"}") else f"{path.name} is not a complete JSON object"


def backend_missing() -> str | None:
    """The message when transformers or torch is not installed (found without importing them)."""
    from importlib.util import find_spec

    absent = [m for m in ("torch", "transformers") if find_spec(m) is None]
    if absent:
        return (f"the model backend needs transformers, torch and sentencepiece: pip install 'normalize[model]' "
                f"(not installed: {', '.join(absent)})")
    return None


def looks_like_model(path: Path) -> bool:
    """A sub-directory of --models-dir meant as a model: named like a pair, or holding model files."""
    if path.name.startswith(".") or not path.is_dir():
        return False
    if _PAIR_NAME.search(path.name.lower()) or path.name.lower().startswith(("m2m100", "nllb")):
        return True
    return (path / "config.json").is_file() or any((path / w).is_file() for w in _WEIGHTS)


def entries(models_dir: Path) -> list[Path]:
    """The sub-directories of ``models_dir`` that are meant as models, usable or not, sorted."""
    return sorted(p for p in Path(models_dir).iterdir() if looks_like_model(p))


def preflight(model: Path | None, models_dir: Path | None) -> None:
    """Raise ModelError naming every configured model that cannot be used, before any text is
    processed: ``--model DIR`` and each model-like directory under ``--models-dir``."""
    from ..errors import ModelError

    problems = []
    found = 0
    if model is not None:
        why = unusable(Path(model))
        if why:
            problems.append(f"--model {model}: unusable model: {why}")
        found += 1
    if models_dir is not None:
        if not Path(models_dir).is_dir():
            problems.append(f"--models-dir {models_dir}: no such directory")
        else:
            for sub in entries(Path(models_dir)):
                found += 1
                why = unusable(sub)
                if why:
                    problems.append(f"--models-dir {models_dir}: {sub.name}/ exists but is unusable: {why}")
    if problems:
        raise ModelError("; ".join(problems) + " (see models/README.md#layout)")
    why = backend_missing() if found else None
    if why:
        raise ModelError(why)


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
        return (1, info.id)  # a dedicated pair model beats a multilingual one (Tatoeba-Challenge model cards: 42.8 vs 30.6 BLEU on vi)
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
        pair = Path(models_dir) / f"{src}-en"
        why = unusable(pair) if pair.is_dir() else None
        if why:
            where.append(f"{src}-en/ under {models_dir} exists but is unusable: {why}")
        else:
            where.append(f"no {src}-en/ or mul-en/ under {models_dir}")
    if not where:
        where.append("no --model or --models-dir given")
    return f"no model for {langs.pair(src)} ({'; '.join(where)}): see {README_INSTALL}"
