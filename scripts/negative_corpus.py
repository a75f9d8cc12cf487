"""The negative corpus: real English prose that must come out of ``normalize`` untouched.

Source: the Python documentation as shipped by Debian's ``python3-doc`` package (``python3.X-doc``;
reStructuredText sources under ``/usr/share/doc/python3.X/html/_sources``). License: the Python
Software Foundation License Version 2 (documentation text; see /usr/share/doc/python3.X-doc/copyright),
a free license that allows copying and modification. Install offline from Debian with
``apt-get install python3-doc``. Nothing is copied into the repository: this loader reads the
installed files in place, and callers skip when they are absent.

Only prose is kept: paragraphs of running text, with reStructuredText markup removed and code
(literal blocks, doctest lines, inline literals, cross-reference targets) dropped, because the
tool is for prose and identifiers such as ``os.getcwd`` are not English words. The text still
carries the hard cases a news-repair tool meets in English: names with diacritics (Łukasz Langa,
Martin von Löwis, Walter Dörwald), words of other languages quoted in examples, abbreviations.

Usage:
    python scripts/negative_corpus.py            # print size, document and paragraph counts
    python scripts/negative_corpus.py --dump OUT # write the prose (for inspection; do not commit)
"""

from __future__ import annotations

import argparse
import glob
import re
import sys
from pathlib import Path

SOURCE_GLOB = "/usr/share/doc/python3*/html/_sources"
SOURCE_NAME = "Python documentation (Debian package python3-doc), PSF License Version 2"

_DIRECTIVE = re.compile(r"^\s*\.\.\s")
_SECTION_RULE = re.compile(r"^\s*([=\-~^\"'`#*+<>:.])\1{3,}\s*$")
_TABLE = re.compile(r"^\s*[+|]")
_FIELD = re.compile(r"^\s*:[\w -]+:(\s|$)")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+\.|#\.)\s+")
# :role:`text <target>` -> text; :role:`~mod.name` -> code placeholder dropped.
_ROLE = re.compile(r":[\w:.-]+:`([^`]*)`")
_LITERAL = re.compile(r"``[^`]*``")
_LINK = re.compile(r"`([^`<]*?)\s*<[^>]*>`_{1,2}")
_REF = re.compile(r"`([^`]*)`_{1,2}")
_EMPH = re.compile(r"\*\*?([^*]+)\*\*?")
_CODEISH = re.compile(r"[()_.=/\\\[\]{}]|^\w+$")


def source_dir() -> Path | None:
    """The installed documentation sources, newest Python first; None when not installed."""
    found = sorted(glob.glob(SOURCE_GLOB), reverse=True)
    return Path(found[0]) if found else None


def _role(m: re.Match) -> str:
    inner = m.group(1)
    if "<" in inner and inner.endswith(">"):
        return inner[: inner.index("<")].strip()
    inner = inner.lstrip("~!")
    # A role naming code (function, class, module) is not prose: drop it (and its sentence).
    return _CUT if _CODEISH.search(inner) else inner


_CUT = "\x00"  # marks where code was taken out; sentences holding it are dropped
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")


def _clean_inline(text: str) -> str:
    text = _LITERAL.sub(_CUT, text)
    text = _ROLE.sub(_role, text)
    text = _LINK.sub(r"\1", text)
    text = _REF.sub(r"\1", text)
    text = _EMPH.sub(r"\1", text)
    text = text.replace("\\", "")
    text = re.sub(r"[ \t]+", " ", text).strip()
    # A sentence that lost a code name reads broken ("Set to to suppress warnings", "(see )"):
    # keep only sentences that are whole prose.
    return " ".join(s for s in _SENTENCE.split(text) if _CUT not in s)


def prose_paragraphs(rst: str):
    """Yield paragraphs of running English text from one reStructuredText file."""
    para: list[str] = []
    prev_indent = 0
    in_block = False  # inside a literal block or a directive body (indented after '::' / '.. x::')
    block_indent = 0
    lines = rst.splitlines()

    def flush():
        if para:
            text = _clean_inline(" ".join(para))
            para.clear()
            # Running text: a few sentences of words, not a list of identifiers.
            words = text.split()
            if len(words) >= 8 and sum(w[:1].isalpha() for w in words) / len(words) > 0.8 and text[-1:] in ".:!?)\"":
                yield text

    for line in lines:
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if in_block:
            if not stripped or indent > block_indent:
                continue
            in_block = False
        if not stripped:
            yield from flush()
            continue
        if _DIRECTIVE.match(line) or stripped.startswith(">>>") or stripped.startswith("..."):
            yield from flush()
            in_block = True
            block_indent = indent
            continue
        if _SECTION_RULE.match(line) or _TABLE.match(line) or _FIELD.match(line):
            yield from flush()
            para.clear()
            continue
        if _BULLET.match(line):
            yield from flush()
            line = _BULLET.sub("", line)
        elif para and indent > prev_indent:
            # A definition list: the term line, then its indented definition. The term is a
            # heading, not the start of the definition's sentence.
            para.clear()
        prev_indent = indent
        if stripped.endswith("::"):
            para.append(stripped[:-1])
            yield from flush()
            in_block = True
            block_indent = indent
            continue
        para.append(stripped)
    yield from flush()


def documents(min_paragraphs: int = 1):
    """Yield (name, text) per documentation page: its prose paragraphs separated by blank lines.

    Yields nothing when the Debian package is not installed; callers decide whether to skip.
    """
    root = source_dir()
    if root is None:
        return
    for path in sorted(root.rglob("*.rst.txt")):
        # A reference page repeats a sentence under several entries ("The C variable may also be
        # declared as PyObject."); with the code between them gone the copies would sit side by
        # side, which no real page does. Keep the first.
        paras = list(dict.fromkeys(prose_paragraphs(path.read_text(encoding="utf-8", errors="replace"))))
        if len(paras) >= min_paragraphs:
            yield str(path.relative_to(root)), "\n\n".join(paras)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dump", type=Path, help="write the prose to this file")
    args = ap.parse_args(argv)
    root = source_dir()
    if root is None:
        print("negative corpus not installed: apt-get install python3-doc", file=sys.stderr)
        return 3
    docs = list(documents())
    size = sum(len(t.encode("utf-8")) for _, t in docs)
    paras = sum(t.count("\n\n") + 1 for _, t in docs)
    print(f"{SOURCE_NAME}\n{root}\n{len(docs)} documents, {paras} paragraphs, {size / 1e6:.2f} MB of prose")
    if args.dump:
        args.dump.write_text("\n\n".join(t for _, t in docs) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
