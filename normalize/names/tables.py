"""Loading of the name tables in ``normalize/data/names/`` (lazy, cached, header-checked)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "names"
FORMAT = "# normalize-names: 1"


def read_tsv(name: str) -> tuple[list[str], list[list[str]]]:
    """(column names, rows) of a names table; raise when the file or its format header is wrong.

    A missing table is an error, never "no data" (STYLE.md: no silent fallbacks). Parsed once per
    version of the file, then loaded from the on-disk cache (normalize/_cache.py).
    """
    from .. import _cache

    path = DATA / name
    try:
        digest = _cache.key("names-table", (path,), code=(__file__,))
    except OSError as e:
        raise FileNotFoundError(f"{path}: name table missing ({e.strerror}); reinstall normalize or run "
                                f"scripts/gen_name_tables.py") from e
    return _cache.cached(f"names-{path.stem}", digest, lambda: _parse_tsv(path))


def _parse_tsv(path: Path) -> tuple[list[str], list[list[str]]]:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    if not lines or lines[0] != FORMAT:
        raise ValueError(f"{path}:1: expected {FORMAT!r} as the first line")
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        i += 1
    if i >= len(lines):
        raise ValueError(f"{path}: no column line")
    columns = lines[i].split("\t")
    rows = []
    for n, line in enumerate(lines[i + 1:], start=i + 2):
        cells = line.split("\t")
        if len(cells) != len(columns):
            raise ValueError(f"{path}:{n}: expected {len(columns)} columns, got {len(cells)}")
        rows.append(cells)
    return columns, rows


@lru_cache(maxsize=None)
def sinoviet() -> dict[str, dict[str, tuple[float, tuple[tuple[str, float], ...]]]]:
    """role -> Vietnamese syllable key -> (prior mass, ((pinyin, probability), ...))."""
    _, rows = read_tsv("sinoviet-pinyin.tsv")
    out: dict[str, dict] = {"S": {}, "C": {}, "G": {}}
    for role, key, mass, cands in rows:
        dist = []
        for item in cands.split():
            p, _, x = item.rpartition(":")
            dist.append((p, float(x)))
        out[role][key] = (float(mass), tuple(dist))
    return out


@lru_cache(maxsize=None)
def han_pinyin() -> dict[str, str]:
    """Han character -> its Mandarin reading in a given name (toneless)."""
    _, rows = read_tsv("han-pinyin.tsv")
    return {h: p for h, p in rows}


@lru_cache(maxsize=None)
def zh_surnames() -> dict[str, tuple[str, int]]:
    """Han surname (one or two characters) -> (pinyin, rank)."""
    _, rows = read_tsv("zh-surnames.tsv")
    return {h: (p, int(r)) for h, p, r in rows}
