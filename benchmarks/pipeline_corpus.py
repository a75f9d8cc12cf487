"""News-like articles and JSON Lines records for the pipeline benchmarks (bench_jobs, bench_jsonl, bench_ray).

Sentences come from the example article (correct English) and, when ../shared is present, the
machine-translated hypotheses of shared/corpora/nmt-leftovers.jsonl (real leftovers); generated
leftovers are built from the shipped glossaries (countries and people in their Vietnamese forms).
Seeded: the same arguments give the same corpus.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_scan import sentences  # noqa: E402


def _pools() -> tuple[list[str], list[str]]:
    from normalize import Cleaner
    from normalize.glossary import GlossarySet

    gs = GlossarySet.from_config(Cleaner().config)
    people = [e for e in gs.entries if e.type == "person" and not e.keep][:300]
    places = [e for e in gs.entries if e.type == "country" and not e.keep][:300]
    dirty = [f"Officials from {p.source} met {q.source} on tháng 10." for p, q in zip(places, people)]
    shared = ROOT.parent / "shared" / "corpora" / "nmt-leftovers.jsonl"
    if shared.is_file():
        for line in shared.read_text(encoding="utf-8").splitlines():
            hyp = json.loads(line).get("hyp")
            if isinstance(hyp, str) and 40 < len(hyp) < 400:
                dirty.append(hyp)
    return sentences(), dirty


def articles(n: int, size: int = 6000, seed: int = 0) -> list[str]:
    """``n`` articles of about ``size`` bytes: paragraphs of five sentences, a leftover in about
    one paragraph in three."""
    rng = random.Random(seed)
    clean, dirty = _pools()
    out = []
    for a in range(n):
        paras, total = [f"Report {a}: talks resume"], 0
        while total < size:
            para = " ".join(rng.sample(clean, 5))
            if rng.random() < 0.35:
                para += " " + rng.choice(dirty)
            paras.append(para)
            total += len(para.encode("utf-8")) + 1
        out.append("\n".join(paras) + "\n")
    return out


def records(mb: float, seed: int = 0):
    """JSON Lines records of one paragraph each (about 1 KB) up to ``mb`` megabytes."""
    rng = random.Random(seed)
    clean, dirty = _pools()
    total, i = 0, 0
    while total < mb * 1_000_000:
        text = " ".join(rng.sample(clean, rng.randint(2, 6)))
        if rng.random() < 0.3:
            text += " " + rng.choice(dirty)
        rec = {"id": f"doc-{i:07}", "url": f"https://news.example/{i}", "text": text,
               "meta": {"lang": "en", "score": round(rng.random(), 4), "tags": ["news", "mt"]}}
        line = json.dumps(rec, ensure_ascii=False) + "\n"
        total += len(line.encode("utf-8"))
        i += 1
        yield line
