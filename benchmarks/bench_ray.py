"""normalize.ray.clean_dataset on a local Ray cluster: 1 worker (actor) vs N.

    python benchmarks/bench_ray.py [--mb 1] [--workers 2]

Builds ``--mb`` megabytes of news-paragraph records (benchmarks/pipeline_corpus.py) as a Ray
Dataset, runs the stage with 1 and with N actors (each one core, one Cleaner) and reports the wall
time of ``materialize()`` (actor start-up and glossary loading included) and the speed-up; checks
that both runs give the same rows.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pipeline_corpus import records  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    import ray

    from normalize.ray import clean_dataset

    ray.init(num_cpus=args.workers, include_dashboard=False, log_to_driver=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    rows = [json.loads(line) for line in records(args.mb)]
    mb = sum(len(r["text"].encode("utf-8")) for r in rows) / 1e6
    ds = ray.data.from_items(rows).materialize()
    times, outs = {}, {}
    for n in (1, args.workers):
        t = time.perf_counter()
        out = clean_dataset(ds, workers=n, batch_size=64).materialize()
        times[n] = time.perf_counter() - t
        outs[n] = sorted((r["id"], r["text"], r["text_edits"]) for r in out.take_all())
    print(f"{len(rows)} records, {mb:.2f} MB of text")
    for n, t in times.items():
        print(f"{n} worker(s): {t:6.1f} s  {mb / t:5.2f} MB/s")
    print(f"speed-up {times[1] / times[args.workers]:.2f}x; same rows: {outs[1] == outs[args.workers]}")
    ray.shutdown()


if __name__ == "__main__":
    main()
