"""Load-time benchmark: does the whole shipped glossary set slow the CLI down?

Measures, each in a fresh process (the way a user meets the tool):

1. ``normalize fix`` on a short article, time from process start to the first byte of output,
   with the on-disk glossary cache cold (empty cache dir) and warm (second run);
2. the same through the library (``import normalize; clean(text)``);
3. peak resident memory of those processes (ru_maxrss of the child);
4. in-process: parsing every shipped file, building the matcher, and one scan of the article.

Target (issue 3): <= 0.3 s start-to-first-output for a short article with a warm cache.

The warm path loads the compiled GlossarySet (tables and Aho-Corasick automata) from the on-disk
cache (normalize/_cache.py). Run: python benchmarks/bench_load.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTICLE = (
    "Vice Premier Hà Lập Phong met Treasury Secretary Scott Bessent in Geneva on Sunday. "
    "Exports from Mỹ to Trung Quốc fell in tháng 3, officials in Thâm Quyến said.\n"
    "The Bộ Thương mại Trung Quốc said it would respond, and Premier Lý Cường called for calm.\n"
)


_CPU: list[float] = []  # CPU seconds (user + system) of each child, in run order


def _first_output(cmd: list[str], env: dict, stdin: str) -> tuple[float, float, int]:
    """(seconds to first stdout byte, seconds to exit, child peak RSS in KiB); the child's CPU
    time goes to _CPU (on a shared machine it varies less than the wall time)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    p.stdin.write(stdin.encode())
    p.stdin.close()
    p.stdout.read(1)
    first = time.perf_counter() - t0
    p.stdout.read()
    _, _, usage = os.wait4(p.pid, 0)
    p.returncode = 0
    total = time.perf_counter() - t0
    _CPU.append(usage.ru_utime + usage.ru_stime)
    return first, total, usage.ru_maxrss


def _stats(xs: list[float]) -> str:
    return f"median {statistics.median(xs) * 1000:7.1f} ms  min {min(xs) * 1000:7.1f} ms"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    env = dict(os.environ, HF_HUB_OFFLINE="1")
    # An installed package runs from bytecode (pip compiles it on install); a development shell
    # may forbid writing it (PYTHONDONTWRITEBYTECODE), which would add compiling every module to
    # every run. The children keep theirs in a private directory.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    pycache = tempfile.TemporaryDirectory()
    env["PYTHONPYCACHEPREFIX"] = pycache.name
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    # The console script's entry point, run by the same interpreter (no PATH lookup).
    cli = [sys.executable, "-c", "import sys; from normalize.cli import main; sys.argv=['normalize','fix','-']; main()"]
    lib = [sys.executable, "-c", "import sys; from normalize import clean; sys.stdout.write(clean(sys.stdin.read()))"]

    with tempfile.TemporaryDirectory() as cache:
        env["NORMALIZE_CACHE_DIR"] = cache
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; article {len(ARTICLE)} chars")
        for name, cmd in (("cli fix", cli), ("library clean", lib)):
            for f in Path(cache).glob("*"):
                f.unlink()
            cold_first, cold_total, rss = _first_output(cmd, env, ARTICLE)
            warm_first, warm_total = [], []
            del _CPU[:]
            for _ in range(args.runs):
                a, b, rss = _first_output(cmd, env, ARTICLE)
                warm_first.append(a)
                warm_total.append(b)
            print(f"{name:14s} cold cache: first output {cold_first * 1000:7.1f} ms, exit {cold_total * 1000:7.1f} ms")
            print(f"{name:14s} warm cache: first output {_stats(warm_first)}; exit {_stats(warm_total)}")
            print(f"{name:14s} warm cache: CPU time of the process {_stats(_CPU)}")
            print(f"{name:14s} peak RSS of a child: {rss / 1024:.1f} MiB")
        # The glossary layer alone in a fresh process: import, load every shipped file (warm
        # cache), build the automata, one scan.
        only = [sys.executable, "-c", "import time; t=time.perf_counter(); from normalize.config import Config; "
                "from normalize.glossary import GlossarySet; g=GlossarySet.from_config(Config()); g.scan('M\u1ef9'); "
                "print(round((time.perf_counter()-t)*1000,1))"]
        ms = [float(subprocess.run(only, env=env, capture_output=True, text=True).stdout) for _ in range(args.runs)]
        print(f"{'glossary only':14s} import+load+automata+scan in-process: median {statistics.median(ms):.1f} ms, "
              f"min {min(ms):.1f} ms")
        # Python start-up alone, for scale.
        base = [_first_output([sys.executable, "-c", "print(1)"], env, "")[0] for _ in range(args.runs)]
        print(f"{'python -c print':14s} first output {_stats(base)}")

    # In-process costs of the glossary layer.
    sys.path.insert(0, str(REPO))
    from normalize import glossary

    files = glossary.builtin_files()
    t0 = time.perf_counter()
    parsed = [glossary.load_file(p) for p in files]
    t1 = time.perf_counter()
    gs = glossary.GlossarySet(parsed)
    t2 = time.perf_counter()
    gs.scan(ARTICLE)
    t3 = time.perf_counter()
    big = ARTICLE * 2000
    t4 = time.perf_counter()
    gs.scan(big)
    t5 = time.perf_counter()
    n = sum(len(f.entries) for f in parsed)
    print(f"parse {len(files)} files ({n} entries): {(t1 - t0) * 1000:.1f} ms; build set: {(t2 - t1) * 1000:.1f} ms; "
          f"first scan (builds automata): {(t3 - t2) * 1000:.1f} ms; scan {len(big) / 1e6:.2f} MB: "
          f"{(t5 - t4) * 1000:.0f} ms ({len(big) / 1e6 / (t5 - t4):.1f} MB/s)")
    # The warm path the CLI takes: the compiled set (tables and automata) from the on-disk cache.
    digest = glossary._cache.key("glossary-set", tuple(files), code=(glossary.__file__,))
    glossary._set_for(tuple(files), digest)  # fills the cache
    glossary._set_for.cache_clear()
    t7 = time.perf_counter()
    glossary._set_for(tuple(files), digest)
    t8 = time.perf_counter()
    print(f"warm path (compiled set from the on-disk cache): {(t8 - t7) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
