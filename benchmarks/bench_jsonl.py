"""``fix --jsonl`` on a large JSON Lines stream: throughput, peak memory, nothing lost.

    python benchmarks/bench_jsonl.py [--mb 10] [--jobs 1]

Generates ``--mb`` megabytes of news-paragraph records (benchmarks/pipeline_corpus.py), pipes
them through ``normalize fix --jsonl`` as a whole process, and reports MB/s and the peak resident
memory of the largest process (resource.getrusage of the children). Then checks that every line
came out, in order, with every field other than ``text`` equal to the input's.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from pipeline_corpus import records  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--make", type=Path, help="only write the JSON Lines file")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = args.make or Path(tmp) / "in.jsonl"
        with open(src, "w", encoding="utf-8") as fh:
            fh.writelines(records(args.mb))
        if args.make:
            return
        out = Path(tmp) / "out.jsonl"
        mb = src.stat().st_size / 1e6
        cmd = [sys.executable, "-c", "from normalize.cli import main; main()", "fix", "--jsonl", "-q",
               "-j", str(args.jobs), str(src)]
        t = time.perf_counter()
        with open(out, "wb") as fh:
            subprocess.run(cmd, check=True, stdout=fh, env={**os.environ, "PYTHONPATH": str(ROOT)})
        wall = time.perf_counter() - t
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        n = changed = 0
        with open(src, encoding="utf-8") as a, open(out, encoding="utf-8") as b:
            for la, lb in zip(a, b, strict=True):
                ra, rb = json.loads(la), json.loads(lb)
                assert {k: v for k, v in ra.items() if k != "text"} == {k: v for k, v in rb.items() if k != "text"}
                n += 1
                changed += ra["text"] != rb["text"]
        print(f"{mb:.1f} MB, {n} records, --jobs {args.jobs}: {wall:.1f} s, {mb / wall:.2f} MB/s, "
              f"peak RSS (largest process) {rss:.0f} MB; every line out, other fields equal; {changed} texts changed")


if __name__ == "__main__":
    main()
