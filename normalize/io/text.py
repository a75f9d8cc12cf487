"""Decode input bytes to text and encode the output back exactly as the input was stored.

What is kept, byte for byte, in everything the tool does not edit:

- the encoding: UTF-8 (the default, no byte-order mark needed), or UTF-8, UTF-16 or UTF-32 announced
  by a byte-order mark (BOM, Unicode 15.0 section 23.8): the output is written in the same encoding
  with the same BOM;
- line endings (LF, CRLF, a lone CR), NUL and other control characters, and whether the last line
  ends with a newline: decoding here never translates newlines (``bytes.decode``, not text-mode
  ``open``).

The BOM is encoding, not text: :attr:`Decoded.text` starts after it, so every offset the library
reports (``Finding.start``, JSON ``start``/``end``) counts code points of the text after the BOM.

Undecodable input raises :class:`~normalize.errors.InputDecodeError` with the encoding tried, the
byte offset into the file (BOM included) and, where the bytes make it evident, a hint: UTF-16 or
UTF-32 without a BOM (NUL in every other / three of four bytes), Latin-1 / Windows-1252 (lone high
bytes between ASCII), or a legacy CJK encoding (GB18030, Big5 or Shift_JIS decode the start of the
file into CJK characters).
"""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass

from ..errors import InputDecodeError

# Longest first: the UTF-32-LE BOM begins with the UTF-16-LE one (FF FE 00 00 vs FF FE).
_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32-LE"),
    (codecs.BOM_UTF32_BE, "UTF-32-BE"),
    (codecs.BOM_UTF8, "UTF-8"),
    (codecs.BOM_UTF16_LE, "UTF-16-LE"),
    (codecs.BOM_UTF16_BE, "UTF-16-BE"),
)
#: Bytes looked at for a hint (the start of the file is where a wrong encoding shows).
_SAMPLE = 4096


@dataclass(frozen=True)
class Decoded:
    """A file's text and how to write it back."""

    text: str
    #: The codec, as Python names it: ``UTF-8``, ``UTF-16-LE``, ``UTF-16-BE``, ``UTF-32-LE``, ``UTF-32-BE``.
    encoding: str = "UTF-8"
    #: The byte-order mark the input started with (``b""`` when none); written back before the text.
    bom: bytes = b""


def read_bytes(path: str) -> bytes:
    """The bytes of ``path``, or of stdin for ``"-"``."""
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as fh:
        return fh.read()


def decode(data: bytes, path: str = "-") -> Decoded:
    """Decode ``data`` (UTF-8 unless a BOM says otherwise); raise InputDecodeError naming ``path``."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            break
    else:
        bom, encoding = b"", "UTF-8"
    try:
        text = data[len(bom):].decode(encoding)
    except UnicodeDecodeError as exc:
        offset = len(bom) + exc.start
        hint = "" if bom else _hint(data, offset)
        raise InputDecodeError(path, offset, exc.reason, encoding=encoding, hint=hint) from None
    return Decoded(text, encoding, bom)


def encode(text: str, like: Decoded) -> bytes:
    """``text`` as bytes in the encoding (and with the BOM) of the input ``like``."""
    return like.bom + text.encode(like.encoding)


def _hint(data: bytes, offset: int) -> str:
    """What the bytes look like when they are not UTF-8, or "" when nothing is evident."""
    sample = data[:_SAMPLE]
    n = len(sample)
    if n >= 4:
        zeros = [sum(1 for i in range(k, n, 4) if sample[i] == 0) for k in range(4)]
        quarter = n // 4 or 1
        # ASCII-range text in UTF-32: three of every four bytes are NUL, the same three.
        if zeros[1] + zeros[2] + zeros[3] >= 2.7 * quarter and zeros[0] < quarter // 2:
            return "looks like UTF-32-LE without a byte-order mark"
        if zeros[0] + zeros[1] + zeros[2] >= 2.7 * quarter and zeros[3] < quarter // 2:
            return "looks like UTF-32-BE without a byte-order mark"
        even, odd = zeros[0] + zeros[2], zeros[1] + zeros[3]
        half = n // 2 or 1
        # Latin or CJK text in UTF-16: every other byte is NUL (Latin) or many are.
        if odd >= 0.3 * half and even < 0.05 * half:
            return "looks like UTF-16-LE without a byte-order mark"
        if even >= 0.3 * half and odd < 0.05 * half:
            return "looks like UTF-16-BE without a byte-order mark"
    cjk = _legacy_cjk(data, sample)
    if cjk:
        names = " or ".join(label for label, _ in cjk)
        codec = cjk[0][1] if len(cjk) == 1 else "ENCODING"
        return f"a legacy CJK encoding, {names}? convert it to UTF-8 first: iconv -f {codec} -t utf-8"
    runs = _high_runs(sample)
    if runs and sum(1 for length in runs if length == 1) >= 0.8 * len(runs):
        return "Latin-1 or Windows-1252? convert it to UTF-8 first: iconv -f cp1252 -t utf-8"
    return ""


_CJK_CODECS = (("GB18030", "gb18030"), ("Big5", "big5"), ("Shift_JIS", "shift_jis"))


def _legacy_cjk(data: bytes, sample: bytes) -> list[tuple[str, str]]:
    """The legacy CJK encodings that decode the sample into mostly CJK characters."""
    if len(data) > len(sample):
        cut = sample.rfind(b"\n")  # LF is never a trail byte in these encodings
        if cut <= 0:
            return []
        sample = sample[: cut + 1]
    fits = []
    for label, codec in _CJK_CODECS:
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        wide = [c for c in text if ord(c) >= 0x80]
        if wide and sum(1 for c in wide if ord(c) >= 0x3000) >= 0.8 * len(wide):
            fits.append((label, codec))
    return fits


def _high_runs(sample: bytes) -> list[int]:
    """Lengths of the runs of bytes >= 0x80 that are not valid UTF-8 sequences."""
    runs = []
    i, n = 0, len(sample)
    while i < n:
        if sample[i] < 0x80:
            i += 1
            continue
        j = i
        while j < n and sample[j] >= 0x80:
            j += 1
        try:
            sample[i:j].decode("utf-8")
        except UnicodeDecodeError:
            if j < n:  # a run cut by the sample's end says nothing
                runs.append(j - i)
        i = j
    return runs
