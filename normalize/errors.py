"""One exception family. Each subclass also subclasses the matching builtin so callers that
already catch ``ValueError`` / ``OSError`` keep working."""

from __future__ import annotations


class NormalizeError(Exception):
    """Base class of every error raised by :mod:`normalize`."""


class GlossaryError(NormalizeError, ValueError):
    """A glossary file is missing, malformed or inconsistent.

    Carries ``path``, ``line`` and ``column`` (1-based; 0 when not applicable) so that the CLI can
    print ``path:line:column: message`` like a compiler.
    """

    def __init__(self, message: str, path: str = "", line: int = 0, column: int = 0):
        self.message = message
        self.path = str(path)
        self.line = line
        self.column = column
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: {self.message}" if where else self.message


class InputDecodeError(NormalizeError, UnicodeError):
    """An input file is not valid text in the expected encoding.

    ``offset`` is the byte offset into the file (a byte-order mark included); ``hint`` says what
    the bytes look like instead when that is evident ("" otherwise).
    """

    def __init__(self, path: str, offset: int, reason: str, encoding: str = "UTF-8", hint: str = ""):
        self.path = str(path)
        self.offset = offset
        self.reason = reason
        self.encoding = encoding
        self.hint = hint
        message = f"{self.path}: cannot decode as {encoding} at byte {offset}: {reason}"
        super().__init__(f"{message}; {hint}" if hint else message)


class ModelError(NormalizeError, RuntimeError):
    """A translation model is missing, broken or cannot be loaded."""


class ConfigError(NormalizeError, ValueError):
    """A configuration value is invalid (unknown rule name, bad threshold, ...)."""


class DocumentError(NormalizeError, RuntimeError):
    """Cleaning one document of many failed (``Cleaner.clean_and_explain_many``, ``clean_many``,
    ``--jsonl``, ``--jobs``).

    ``index`` is the 0-based position of the document in the input; ``reason`` is the underlying
    error in one line (given as a string, or as the exception itself, then kept as ``cause``);
    ``where`` says more when the caller knows it (``file.jsonl:17``).
    """

    def __init__(self, index: int, reason: "str | BaseException", where: str = ""):
        self.cause = reason if isinstance(reason, BaseException) else None
        if self.cause is not None:
            lines = str(reason).strip().splitlines()
            reason = type(reason).__name__ + (f": {lines[0]}" if lines else "")
        self.index, self.reason, self.where = index, reason, where
        super().__init__(f"{where or f'document {index}'}: {reason}")

    def __reduce__(self):  # picklable across process pools (the cause stays behind)
        return (type(self), (self.index, self.reason, self.where))
