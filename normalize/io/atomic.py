"""Replace a file so that any interruption leaves either the old file or the new one, never a mix.

:func:`write_atomic` writes a temporary file beside the target (same directory, so the same file
system), fsyncs it, gives it the target's mode and owner, and renames it over the target
(``rename(2)`` is atomic on POSIX); then it fsyncs the directory so the rename itself is durable.

- **Symlinks** are followed: the file the link points to is replaced, the link stays a link.
- **Mode and ownership** of an existing target are kept (``chown`` where permitted: the owner can
  always keep the group it is a member of; only root can keep another user's ownership). A new file
  gets ``0o666`` less the umask, like any file the shell creates.
- **Hard links**: a rename gives the target name a new inode, so the other names of a file with
  several hard links keep the old content. That is the price of atomicity and is not hidden:
  :func:`write_atomic` returns the old link count so the caller can say so (the CLI warns).
- **Signals**: SIGINT and SIGTERM that arrive while the temporary file exists remove it, leave the
  target untouched and raise :class:`Interrupted` (SIGKILL and power loss cannot be caught: what they
  leave is cleaned by :func:`clean_stale` on the next write of that target).

Temporary files are named ``.<name>.normalize.<pid>.<8 random chars>.tmp``; :func:`clean_stale`
removes only files of exactly that shape next to the target, and only when the process that made them
is gone and they are older than :data:`STALE_AFTER` seconds (or older than a day whatever the pid), so
a concurrent run's file and other tools' files are never touched.
"""

from __future__ import annotations

import os
import re
import signal
import threading
import time
from pathlib import Path

#: Seconds a temporary file of a dead process must have been left alone before it counts as stale.
STALE_AFTER = 60.0
#: Seconds after which a temporary file is stale whichever process made it (a pid can be reused).
STALE_ALWAYS = 86400.0
_SUFFIX = ".tmp"
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


class Interrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM arrived during a write; the temporary file is gone, the target unchanged."""

    def __init__(self, signum: int, path: Path):
        self.signum = signum
        self.path = path
        super().__init__(f"{signal.Signals(signum).name} during the write of {path}: left unchanged")


def temp_name(target: Path) -> str:
    token = "".join(_ALPHABET[b % 36] for b in os.urandom(8))  # unique enough with O_EXCL; no secrets import
    return f".{target.name}.normalize.{os.getpid()}.{token}{_SUFFIX}"


def _temp_pattern(target: Path) -> re.Pattern:
    return re.compile(rf"\.{re.escape(target.name)}\.normalize\.(\d+)\.[a-z0-9]{{8}}{re.escape(_SUFFIX)}")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


def clean_stale(path: str | os.PathLike, now: float | None = None) -> list[Path]:
    """Remove this tool's own stale temporary files beside ``path`` (symlinks followed); return them."""
    target = Path(os.path.realpath(path))
    pattern = _temp_pattern(target)
    now = time.time() if now is None else now
    removed = []
    try:
        names = os.listdir(target.parent)
    except OSError:
        return removed
    for name in names:
        m = pattern.fullmatch(name)
        if not m:
            continue
        tmp = target.parent / name
        try:
            st = os.lstat(tmp)
        except FileNotFoundError:
            continue
        age = now - st.st_mtime
        if not (age > STALE_ALWAYS or (age > STALE_AFTER and not _alive(int(m.group(1))))):
            continue
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            continue
        removed.append(tmp)
    return removed


def _keep_owner(fd: int, st: os.stat_result) -> None:
    if (st.st_uid, st.st_gid) == (os.geteuid(), os.getegid()):
        return
    for uid in (st.st_uid, -1):  # root keeps the owner; anyone keeps a group they belong to
        try:
            os.fchown(fd, uid, st.st_gid)
            return
        except PermissionError:
            continue


def write_atomic(path: str | os.PathLike, data: bytes) -> int:
    """Replace the file ``path`` (following symlinks) with ``data``; return its old hard-link count
    (0 when it did not exist). Raises OSError when it cannot be written, :class:`Interrupted` on
    SIGINT/SIGTERM (in both cases the target is as it was and no temporary file is left)."""
    target = Path(os.path.realpath(path))
    clean_stale(target)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    tmp = target.parent / temp_name(target)
    with _signals_interrupt(target):
        # New file: 0o666 less the umask (os.open applies it). Existing file: start private, then
        # take the target's mode once the content is in, so no one reads it under wider permissions.
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                         0o600 if st is not None else 0o666)
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, str(target)) from exc
        try:
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
                os.fsync(fd)
                if st is not None:
                    _keep_owner(fd, st)
                    os.fchmod(fd, st.st_mode & 0o7777)  # after chown, which clears set-id bits
            finally:
                os.close(fd)
            os.replace(tmp, target)
        except BaseException as exc:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
            if isinstance(exc, OSError) and exc.errno is not None:
                raise OSError(exc.errno, exc.strerror, str(target)) from exc  # name the target, not the temp file
            raise
    _fsync_dir(target.parent)
    return st.st_nlink if st is not None else 0


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot fsync a directory; the rename is still atomic
    finally:
        os.close(fd)


class _signals_interrupt:
    """While active (main thread only), SIGINT and SIGTERM raise :class:`Interrupted`."""

    _SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self, target: Path):
        self.target = target
        self.saved: dict = {}

    def _raise(self, signum, frame):
        raise Interrupted(signum, self.target)

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            for s in self._SIGNALS:
                self.saved[s] = signal.signal(s, self._raise)
        return self

    def __exit__(self, *exc):
        for s, old in self.saved.items():
            signal.signal(s, old)
        return False
