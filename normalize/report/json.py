"""The JSON report (README "JSON output"): one object per input, ``{"path", "findings"}``.

Each finding has Result.items()'s fields plus ``id``, ``category``, ``sentence`` and, for a
document edit that absorbed leftover fixes, ``includes`` (those fixes, same shape).
"""

from __future__ import annotations

import json

from ..records import Result
from .ids import annotate


def json_entry(path: str, result: Result) -> dict:
    return {"path": path, "findings": [i.as_json() for i in annotate(result)]}


def render_json(entries: list[dict]) -> str:
    return json.dumps(entries, ensure_ascii=False, indent=2) + "\n"
