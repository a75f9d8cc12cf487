"""Throughput of the whole pipeline on a large generated input (MB/s), default rules and data.

    python benchmarks/bench_scan.py [--mb 4] [--repeat 3]

The input is built from the example article's sentences (no leftovers: the clean-English
path) and the same text with generated leftovers every few sentences (the dirty path): Vietnamese
country and person names from the shipped glossaries, Han names, month phrases. Records its result
in benchmarks/results.md by hand; nothing here is asserted by unit tests.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from normalize import Cleaner  # noqa: E402
from normalize.glossary import GlossarySet  # noqa: E402


def sentences() -> list[str]:
    text = (ROOT / "examples" / "gate-kuala-lumpur.txt").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if "Hà Lập Phong" in line or "Mỹ" in line or "( and" in line or len(line) < 80:
            continue
        out.extend(s.strip() + "." for s in line.split(". ") if len(s) > 30)
    return list(dict.fromkeys(out))  # the page prints its body twice


def build(mb: float, dirty: bool, seed: int = 0) -> str:
    rng = random.Random(seed)
    base = sentences()
    leftovers = []
    if dirty:
        gs = GlossarySet.from_config(Cleaner().config)
        people = [e for e in gs.entries if e.type == "person" and not e.keep][:300]
        places = [e for e in gs.entries if e.type == "country" and not e.keep][:300]
        leftovers = [f"Officials from {p.source} met {q.source} on tháng 10 in {q.han or 'Beijing'}."
                     for p, q in zip(places, people)]
    paras, size = [], 0
    while size < mb * 1_000_000:
        para = " ".join(rng.sample(base, 5))  # no sentence twice in a row: that is a defect
        if leftovers and rng.random() < 0.5:
            para += " " + rng.choice(leftovers)
        paras.append(para)
        size += len(para.encode("utf-8")) + 1
    # Unique paragraph numbers keep the document rules from (rightly) removing repeats.
    return "\n".join(f"{i}. {p}" for i, p in enumerate(paras))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=2.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    cleaner = Cleaner()
    t0 = time.perf_counter()
    cleaner.clean("warm-up: load glossaries from Mỹ")
    print(f"first call (glossary load + compile): {time.perf_counter() - t0:.2f} s")
    for label, dirty in (("clean English", False), ("with leftovers", True)):
        text = build(args.mb, dirty)
        mb = len(text.encode("utf-8")) / 1e6
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            result = cleaner.clean_and_explain(text)
            times.append(time.perf_counter() - t)
        best = min(times)
        print(f"{label:15} {mb:5.2f} MB  best {best:6.2f} s  median {statistics.median(times):6.2f} s  "
              f"{mb / best:6.2f} MB/s  edits {len(result.edits)}  unresolved {len(result.unresolved)}")


if __name__ == "__main__":
    main()
