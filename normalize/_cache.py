"""On-disk cache for data derived from files (parsed glossaries, the compiled glossary set, the
Latin-script lexicon), so that a short CLI run does not re-parse megabytes of tables.

The key covers every input file's path, size and modification time *and* the code that builds
the value (the defining modules' own files), so an edited table or an upgraded normalize never
loads a stale entry. The cache lives in $NORMALIZE_CACHE_DIR or ~/.cache/normalize; an unreadable
or unwritable cache only costs the rebuild, never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    return Path(os.environ.get("NORMALIZE_CACHE_DIR") or Path.home() / ".cache" / "normalize")


def key(kind: str, files: Iterable[Path], code: Iterable[str] = ()) -> str:
    """Digest of the inputs' identities; raises OSError if an input cannot be stat'ed."""
    h = hashlib.sha256(kind.encode())
    for p in [Path(f) for f in files] + [Path(c) for c in code]:
        st = p.stat()
        h.update(f"\0{p.resolve()}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return h.hexdigest()[:24]


def cached(kind: str, digest: str, build: Callable[[], T]) -> T:
    path = cache_dir() / f"{kind}-{digest}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError, ImportError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
    return value
