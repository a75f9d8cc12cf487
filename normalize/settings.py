"""Project settings: a ``[tool.normalize]`` table in ``pyproject.toml``, turned into a Config.

The file is found from the working directory upward: the first ``pyproject.toml`` that has a
``[tool.normalize]`` table wins; the search stops at the root of a repository (a directory with
``.git`` or ``.hg``) so that a file outside the project is never picked up. Keys are the
:class:`~normalize.Config` fields spelled with dashes; paths are relative to the file. An unknown
key or a value of the wrong type is a :class:`~normalize.errors.ConfigError` naming the file.

On the command line, a flag given explicitly overrides the file: a scalar (``--min-confidence``,
``--model``, ...) replaces it; a list (``--glossary``, ``--no-rule``, ``--rule``,
``--boilerplate``) adds to it, and ``--rule NAME`` also lifts a ``disabled-rules`` entry (and
``--no-rule`` an ``enabled-rules`` one).
"""

from __future__ import annotations

from pathlib import Path

from .config import Config
from .errors import ConfigError

FILE = "pyproject.toml"

# key in the file -> (Config field, kind)
KEYS = {
    "builtin-glossary": ("builtin_glossary", "bool"),
    "glossaries": ("glossaries", "paths"),
    "min-confidence": ("min_confidence", "float"),
    "disabled-rules": ("disabled_rules", "names"),
    "enabled-rules": ("enabled_rules", "names"),
    "model": ("model", "path"),
    "models-dir": ("models_dir", "path"),
    "device": ("device", "str"),
    "keep-title": ("keep_title", "bool"),
    "boilerplate": ("boilerplate", "paths"),
}


def find(start: Path | None = None) -> Path | None:
    """The ``pyproject.toml`` with a ``[tool.normalize]`` table nearest to ``start`` (default:
    the working directory), or None."""
    here = Path(start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        f = d / FILE
        if f.is_file() and "tool" in (data := _read(f)) and "normalize" in data["tool"]:
            return f
        if (d / ".git").exists() or (d / ".hg").exists():
            return None
    return None


def _read(path: Path) -> dict:
    import tomllib  # only when there is a file to read

    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror or exc}") from None


def _value(path: Path, key: str, kind: str, v):
    def bad(what: str):
        return ConfigError(f"{path}: [tool.normalize] {key}: expected {what}, got {v!r}")

    if kind == "bool":
        if not isinstance(v, bool):
            raise bad("true or false")
        return v
    if kind == "float":
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0.0 <= v <= 1.0:
            raise bad("a number between 0 and 1")
        return float(v)
    if kind == "str":
        if not isinstance(v, str):
            raise bad("a string")
        return v
    if kind == "path":
        if not isinstance(v, str):
            raise bad("a path (string)")
        return path.parent / v
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise bad("a list of strings")
    if kind == "paths":
        return tuple(path.parent / x for x in v)
    from . import rules

    try:
        rules.check_names(v)
    except ConfigError as exc:
        raise ConfigError(f"{path}: [tool.normalize] {key}: {exc}") from None
    return frozenset(v)


def load(path: Path) -> dict:
    """The ``[tool.normalize]`` table of ``path`` as Config field values (validated)."""
    path = Path(path)
    table = _read(path).get("tool", {}).get("normalize", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.normalize] must be a table")
    out = {}
    for key, v in table.items():
        if key not in KEYS:
            raise ConfigError(f"{path}: [tool.normalize]: unknown key {key!r} (known: {', '.join(KEYS)})")
        field, kind = KEYS[key]
        out[field] = _value(path, key, kind, v)
    return out


def merge(cli: Config, given: set[str], values: dict) -> Config:
    """``cli`` (a Config built from flags) over the file's ``values``; ``given`` are the Config
    fields set explicitly on the command line."""
    changes = {}
    for field, v in values.items():
        if field not in given:
            changes[field] = v
        elif isinstance(v, tuple):
            changes[field] = v + tuple(x for x in getattr(cli, field) if x not in v)
        elif isinstance(v, frozenset):
            changes[field] = v | getattr(cli, field)
    merged = cli.with_(**changes)
    if "enabled_rules" in given:
        merged = merged.with_(disabled_rules=merged.disabled_rules - cli.enabled_rules)
    if "disabled_rules" in given:
        merged = merged.with_(enabled_rules=merged.enabled_rules - cli.disabled_rules)
    return merged


def project_config(cli: Config, given: set[str], start: Path | None = None) -> Config:
    """``cli`` with the nearest ``[tool.normalize]`` applied under it (unchanged when none)."""
    path = find(start)
    return merge(cli, given, load(path)) if path else cli
