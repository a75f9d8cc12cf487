"""Throughput of detection on clean English: the negative corpus (scripts/negative_corpus.py).

Prints MB/s per detector of issue 5 (their own functions, i.e. first pass plus whatever the first pass
lets through), for the detect stage as the pipeline runs it, and for the whole pipeline. Timing is
the best of ``--repeat`` runs (the machine is shared; the minimum is the least disturbed figure).

Usage: python benchmarks/bench_detect.py [--mb 1.0] [--repeat 3] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))


def _best(fn, texts, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            fn(t)
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=1.0, help="megabytes of the corpus to use")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pipeline-mb", type=float, default=0.1, help="megabytes for the (slower) whole pipeline")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)

    import negative_corpus
    from normalize import Cleaner, rules
    from normalize.document import Document
    from normalize.detect import latin, policies

    texts, size = [], 0
    for _, text in negative_corpus.documents():
        texts.append(text)
        size += len(text.encode("utf-8"))
        if size >= args.mb * 1e6:
            break
    if not texts:
        print("negative corpus not installed: apt-get install python3-doc", file=sys.stderr)
        return 3
    latin.lexicon()
    policies.han_glosses()
    mb = size / 1e6
    results = {}

    def run(name, fn, texts=texts, mb=mb):
        dt = _best(fn, texts, args.repeat)
        results[name] = round(mb / dt, 2)
        print(f"{name:<28} {mb / dt:8.2f} MB/s   ({mb:.2f} MB in {dt:.3f} s)")

    print(f"negative corpus: {negative_corpus.SOURCE_NAME}, {mb:.2f} MB, best of {args.repeat}")
    run("latin-vietnamese", lambda t: list(latin.vietnamese_runs(t)))
    run("latin-foreign", lambda t: list(latin.foreign_runs(t)))
    run("script-hashtag", lambda t: list(policies.hashtags(t)))
    run("script-leak", lambda t: list(policies.leaks(Document(t))))
    run("script-boilerplate", lambda t: list(policies.boilerplate(t)))

    cleaner = Cleaner()
    ctx = cleaner.context
    detectors = rules.active("detect", cleaner.config)

    def detect_stage(t):
        doc = Document(t)
        for r in detectors:
            list(r.func(doc, ctx))

    cleaner.clean("warm up: Mỹ")
    run("detect stage (all detectors)", detect_stage)
    small, s = [], 0
    for t in texts:
        small.append(t)
        s += len(t.encode("utf-8"))
        if s >= args.pipeline_mb * 1e6:
            break
    run("whole pipeline", cleaner.clean, texts=small, mb=s / 1e6)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
