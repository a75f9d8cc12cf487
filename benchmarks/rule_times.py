"""CPU seconds per rule of ``check`` on the news-like corpus, without a profiler's overhead.

Each registered rule's function is wrapped in a timer (generators are timed while they are
consumed); the rest of the pipeline (merging, rewriting, composing) is what remains of the
total. The first run after loading is timed (as bench_throughput.py's single run), then a
second run on the same text, whose caches across documents are warm.

Run: python benchmarks/rule_times.py [--mb 2] [--seed 1]
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import sys
import time
import types
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))


def _timed(name, func, acc):
    def wrapper(*args, **kw):
        t0 = time.process_time()
        out = func(*args, **kw)
        acc[name] += time.process_time() - t0
        if isinstance(out, types.GeneratorType):
            return _drain(name, out, acc)
        return out
    return wrapper


def _drain(name, gen, acc):
    items = []
    while True:
        t0 = time.process_time()
        try:
            item = next(gen)
        except StopIteration:
            acc[name] += time.process_time() - t0
            return iter(items)
        acc[name] += time.process_time() - t0
        items.append(item)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=2.0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    import newslike
    from normalize import Cleaner, rules

    acc: dict[str, float] = collections.Counter()
    rules.all_rules()  # imports the modules that register them
    for name, r in list(rules._REGISTRY.items()):
        rules._REGISTRY[name] = dataclasses.replace(r, func=_timed(f"{r.stage}:{name}", r.func, acc))
    text = newslike.generate(args.mb, seed=args.seed)
    cleaner = Cleaner()
    cleaner.clean_and_explain(newslike.generate(0.05, seed=args.seed + 1000))
    for label in ("first run", "second run"):
        acc.clear()
        t0 = time.process_time()
        cleaner.clean_and_explain(text)
        total = time.process_time() - t0
        print(f"{label}: {total:.2f} s CPU for {len(text.encode()) / 1e6:.2f} MB")
        for name, t in sorted(acc.items(), key=lambda kv: -kv[1]):
            if t >= 0.005:
                print(f"  {t:6.3f}  {name}")
        print(f"  {total - sum(acc.values()):6.3f}  (the rest: merging, rewriting, composing)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
