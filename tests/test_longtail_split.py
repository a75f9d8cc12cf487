"""The long-tail set (tests/data/longtail/) stays a fair measure: the test part is frozen and no
hand-kept data holds its forms or its sentences."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "longtail"
MARK = re.compile(r"\{([^{}|]+)\|([^{}]+)\}")


def _rows(part: str) -> list[tuple[str, str, str]]:
    out = []
    for line in (DATA / f"{part}.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and not line.startswith("id\t"):
            id_, kind, sentence = line.split("\t")
            out.append((id_, kind, sentence))
    return out


def _hand_kept_files() -> list[Path]:
    files = sorted((ROOT / "scripts" / "data").glob("*.tsv"))
    files += sorted(p for p in (ROOT / "normalize" / "data").rglob("*") if p.is_file() and p.suffix in (".tsv", ".txt"))
    return files


def test_parts_sizes_and_disjoint():
    dev, test = _rows("dev"), _rows("test")
    assert len(dev) + len(test) >= 300 and len(test) >= 100
    assert not {r[0] for r in dev} & {r[0] for r in test}
    assert not {r[2] for r in dev} & {r[2] for r in test}
    kinds = {r[1] for r in test}
    assert {"number", "keep", "han-word", "hashtag", "vi-country", "vi-exonym", "institution", "abbreviation"} <= kinds


def test_no_test_form_in_hand_kept_data():
    baseline = {ln for ln in (DATA / "test-leak-baseline.txt").read_text(encoding="utf-8").splitlines()
                if ln and not ln.startswith("#")}
    forms = {m.group(1) for _, _, s in _rows("test") for m in MARK.finditer(s)}
    leaks = []
    for path in _hand_kept_files():
        text = path.read_text(encoding="utf-8")
        for form in forms - baseline:
            if re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
                leaks.append(f"{path.relative_to(ROOT)}: {form!r}")
    assert not leaks, "test-part forms in hand-kept data (fitted to the frozen test part?): " + "; ".join(leaks)


def test_no_test_sentence_elsewhere():
    # The English around a mark (its longest stretch) must not be copied into case files or data.
    stretches = set()
    for _, _, s in _rows("test"):
        parts = [p.strip() for p in MARK.split(s)[::3] if len(p.strip()) >= 25]
        stretches.update(parts)
    where = _hand_kept_files() + sorted((ROOT / "tests" / "cases").rglob("*.jsonl"))
    found = [f"{p.relative_to(ROOT)}: {x!r}" for p in where for x in stretches if x in p.read_text(encoding="utf-8")]
    assert not found, found
