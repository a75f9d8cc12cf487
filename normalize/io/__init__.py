"""Bytes in and out, nothing else (docs/io.md).

- :mod:`normalize.io.text`: decode a file's bytes to text and encode the output back the same way
  (byte-order mark, UTF-8/16/32, line endings untouched); undecodable input raises
  :class:`~normalize.errors.InputDecodeError` with the byte offset and a hint.
- :mod:`normalize.io.atomic`: :func:`write_atomic` (temp file beside the target, fsync, rename; modes,
  ownership, symlinks, signals) and the clean-up of this tool's own stale temp files.
"""

from .atomic import Interrupted, clean_stale, write_atomic
from .text import Decoded, decode, encode, read_bytes

__all__ = ["Decoded", "Interrupted", "clean_stale", "decode", "encode", "read_bytes", "write_atomic"]
