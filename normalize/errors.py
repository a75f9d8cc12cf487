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
    """Cleaning one document of many raised unexpectedly (a bug): ``index`` says which document
    (0-based, in the order given), ``cause`` is the original exception (also ``__cause__``)."""

    def __init__(self, index: int, cause: BaseException):
        self.index = index
        self.cause = cause
        lines = str(cause).strip().splitlines()
        super().__init__(f"document {index}: {type(cause).__name__}" + (f": {lines[0]}" if lines else ""))
