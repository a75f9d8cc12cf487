"""Load data-driven cases from tests/cases/<provenance>/*.jsonl (format: docs/architecture.md)."""

from __future__ import annotations

import json
from pathlib import Path

from normalize import Config

CASES = Path(__file__).resolve().parent / "cases"
TESTS = Path(__file__).resolve().parent
PROVENANCES = ("wild", "synthetic", "negative", "known-failures")


def load_cases():
    out = []
    for prov in PROVENANCES:
        for path in sorted((CASES / prov).glob("*.jsonl")):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                case = json.loads(line)
                case["_where"] = f"{path.relative_to(CASES)}:{n}"
                case["_provenance"] = prov
                out.append(case)
    return out


def case_config(case) -> Config:
    raw = dict(case.get("config") or {})
    if "glossaries" in raw:
        raw["glossaries"] = tuple(TESTS / g for g in raw["glossaries"])
    for key in ("disabled_rules", "enabled_rules"):
        if key in raw:
            raw[key] = frozenset(raw[key])
    return Config(**raw)
