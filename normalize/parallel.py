"""Many documents on all cores: in input order, streaming, with bounded memory.

:meth:`normalize.Cleaner.clean_many` and the CLI's ``--jobs`` run through :func:`run`. Documents
are cut into chunks (a few tens of kilobytes, so the pool's overhead stays small next to the
cleaning); at most ``window`` chunks are in flight, so memory is bounded by the window, not by the
input; results come back in input order as soon as the oldest chunk is done. Each worker process
builds one :class:`~normalize.Cleaner` in its initializer and keeps it (glossaries and models are
loaded once per worker; with the ``fork`` start method the parent's loaded tables are shared).

A short input (one chunk) never starts a pool: start-up stays what it is for one file.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from itertools import islice
from typing import Any, Callable, Iterable, Iterator

from .errors import DocumentError, NormalizeError

#: A chunk closes when its documents hold this many characters, or at this many documents.
CHUNK_CHARS = 32_000
CHUNK_ITEMS = 256


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def clean_item(cleaner, item):
    """The default work: a text (or ``(text, input_format)``) -> :class:`~normalize.Result`."""
    if isinstance(item, tuple):
        text, fmt = item
        if fmt not in (None, "text"):
            from .io import markup

            return markup.clean(cleaner, text, fmt)
        item = text
    return cleaner.clean_and_explain(item)


def _size(item) -> int:
    text = item[0] if isinstance(item, tuple) else item
    return len(text) if isinstance(text, str) else 0


def _chunks(items: Iterable, chunk_chars: int, chunk_items: int) -> Iterator[list]:
    chunk: list = []
    size = 0
    for item in items:
        chunk.append(item)
        size += _size(item)
        if size >= chunk_chars or len(chunk) >= chunk_items:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _run_chunk(cleaner, work: Callable, start: int, chunk: list) -> list:
    """Results of one chunk; an error in one document becomes a DocumentError in its place.

    Errors of the setup (a bad glossary, a model that cannot load) are not the document's fault:
    they are returned as they are and re-raised by the caller.
    """
    if len(chunk) > 1 and (cleaner.config.model or cleaner.config.models_dir) and cleaner.config.rule_on("model"):
        from .resolve.model import prefetch

        try:  # batch the model work of the whole chunk; a failing document is found below
            prefetch(cleaner, [t for t in chunk if isinstance(t, str)])
        except Exception:
            pass
    out: list = []
    for i, item in enumerate(chunk):
        try:
            out.append(work(cleaner, item))
        except DocumentError as exc:
            out.append(DocumentError(start + i, exc.reason))
        except NormalizeError as exc:
            out.append(_Fatal(exc))
        except Exception as exc:  # noqa: BLE001 - reported with the document's index
            out.append(DocumentError(start + i, exc))  # the cause stays when in process
    return out


class _Fatal:
    """Carries a setup error (not a document's) back from a worker."""

    def __init__(self, exc: BaseException):
        self.exc = exc


_WORKER: dict[str, Any] = {}


def _init_worker(config) -> None:
    from .pipeline import Cleaner

    _WORKER["cleaner"] = Cleaner(config)


def _worker_chunk(work: Callable, start: int, chunk: list) -> list:
    return _run_chunk(_WORKER["cleaner"], work, start, chunk)


def _context():
    import multiprocessing

    # fork shares the parent's loaded glossaries for free; it is unsafe once threads run
    # (a model backend, a caller's thread pool), and then workers start fresh.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def run(cleaner, items: Iterable, jobs: int | None = 1, work: Callable = clean_item, *,
        chunk_chars: int = CHUNK_CHARS, chunk_items: int = CHUNK_ITEMS, window: int | None = None) -> Iterator:
    """Yield ``work(cleaner, item)`` for every item, in order; a failed document yields a
    :class:`~normalize.errors.DocumentError` (with its index) in its place.

    ``jobs``: worker processes (None or 0 = all cores; 1 = in this process). ``work`` must be a
    module-level function (it is sent to the workers by name). A setup error (bad glossary, model
    that cannot load) is raised, not yielded.
    """
    jobs = jobs or default_jobs()
    config = cleaner.config
    if jobs == 1 and not ((config.model or config.models_dir) and config.rule_on("model")):
        chunk_items = 1  # in process, no model batching: each document as soon as it is read
    chunks = _chunks(items, chunk_chars, chunk_items)
    first = list(islice(chunks, 2))
    if jobs == 1 or len(first) < 2:
        start = 0
        for chunk in _chain(first, chunks):
            for value in _run_chunk(cleaner, work, start, chunk):
                if isinstance(value, _Fatal):
                    raise value.exc
                yield value
            start += len(chunk)
        return
    # The first chunk runs here: a bad glossary fails once, in this process, and the tables every
    # document needs (glossaries, name tables, compiled automata) are loaded before the workers
    # fork, so they share them instead of each loading its own.
    chunk0 = first[0]
    for value in _run_chunk(cleaner, work, 0, chunk0):
        if isinstance(value, _Fatal):
            raise value.exc
        yield value
    first = first[1:]
    window = window or 2 * jobs + 1
    from concurrent.futures import ProcessPoolExecutor  # only now: ~30 ms of imports

    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_context(),
                               initializer=_init_worker, initargs=(cleaner.config,))
    pending: deque = deque()
    try:
        start = len(chunk0)
        for chunk in _chain(first, chunks):
            pending.append(pool.submit(_worker_chunk, work, start, chunk))
            start += len(chunk)
            while pending and (len(pending) >= window or pending[0].done()):
                yield from _unpack(pending.popleft().result())
        while pending:
            yield from _unpack(pending.popleft().result())
    finally:
        for f in pending:
            f.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _chain(first: list, rest: Iterator) -> Iterator:
    yield from first
    yield from rest


def _unpack(values: list) -> Iterator:
    for value in values:
        if isinstance(value, _Fatal):
            raise value.exc
        yield value
