"""``--jobs``: many article-sized files through ``normalize fix -o`` with 1 and N worker processes.

    python benchmarks/bench_jobs.py [--files 200] [--jobs 2] [--keep DIR]

Writes the articles into a temporary directory (or DIR), runs the CLI as a whole process for
``--jobs 1`` and ``--jobs N``, prints wall time, speed-up and peak memory (largest process) of
each, and checks that both wrote byte-identical files. ``--make DIR`` only writes the files (for
timing the commands with an external harness).
"""

from __future__ import annotations

import argparse
import filecmp
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from pipeline_corpus import articles  # noqa: E402


def make(d: Path, n: int) -> list[str]:
    d.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(articles(n)):
        p = d / f"article-{i:04}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    return paths


def run(files: list[str], out: Path, jobs: int) -> tuple[float, float]:
    cmd = [sys.executable, "-c", "from normalize.cli import main; main()", "fix", "-q", "-j", str(jobs),
           "-o", str(out), *files]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run(cmd, check=True, env=env)
    wall = time.perf_counter() - t
    return wall, max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--make", type=Path, help="only write the articles into this directory")
    args = ap.parse_args()
    if args.make:
        make(args.make, args.files)
        return
    with tempfile.TemporaryDirectory() as tmp:
        files = make(Path(tmp) / "in", args.files)
        mb = sum(os.path.getsize(f) for f in files) / 1e6
        print(f"{len(files)} files, {mb:.2f} MB, {os.cpu_count()} cores")
        run(files[:2], Path(tmp) / "warm", 1)  # warm the on-disk cache
        one, rss1 = run(files, Path(tmp) / "j1", 1)
        many, rssn = run(files, Path(tmp) / f"j{args.jobs}", args.jobs)
        match, mismatch, errors = filecmp.cmpfiles(Path(tmp) / "j1", Path(tmp) / f"j{args.jobs}",
                                                   [Path(f).name for f in files], shallow=False)
        print(f"--jobs 1: {one:6.2f} s  {mb / one:5.2f} MB/s")
        print(f"--jobs {args.jobs}: {many:6.2f} s  {mb / many:5.2f} MB/s  speed-up {one / many:.2f}x")
        print(f"peak memory of the largest process: {max(rss1, rssn):.0f} MB")
        print(f"identical outputs: {len(match)}/{len(files)}" + (f"  DIFFER: {mismatch + errors}" if mismatch or errors else ""))


if __name__ == "__main__":
    main()
