"""Derived-data caches: knowledge that takes long to build from its data files, kept ready-built on disk.

A cached object is *derived*: the data files under ``eventwire/data`` (and the code that reads them) stay the
source of truth, and each cache file is named by a fingerprint of everything it was built from, so a changed
source never meets a stale cache file (it gets a new name and is built once, by the first process that needs
it).  Files live in ``cache_dir()``: ``EVENTWIRE_CACHE``, else ``$XDG_CACHE_HOME/eventwire``, else
``~/.cache/eventwire`` (the gazetteer's compact file lives there too).  A process that cannot write there
builds in memory and goes on; a damaged cache file is rebuilt.

``load_or_build(name, key, build)`` keeps one picklable object per (name, key).  Only eventwire writes these
files; like any pickle they must not come from anyone else, so the cache directory must be the user's own.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

#: bump when the way cached objects are written changes
CACHE_FORMAT = "1"


def cache_dir() -> Path:
    env = os.environ.get("EVENTWIRE_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "eventwire"


def fingerprint(files: Iterable[Path], stat_only: Iterable[Path] = (), extra: Iterable[str] = ()) -> str:
    """A short hash of the *contents* of ``files`` (small files: our own data and code), the size and
    modification time of ``stat_only`` (large files of other packages, rewritten only by a reinstall),
    ``extra`` strings, the Python version and ``CACHE_FORMAT``."""
    h = hashlib.blake2b(digest_size=10)
    h.update(f"{CACHE_FORMAT}|{sys.version_info[0]}.{sys.version_info[1]}|".encode())
    for path in files:
        h.update(path.name.encode() + b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    for path in stat_only:
        st = path.stat()
        h.update(f"{path.name}|{st.st_size}|{st.st_mtime_ns}\0".encode())
    for s in extra:
        h.update(s.encode() + b"\0")
    return h.hexdigest()


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Suspend the cyclic garbage collector while many long-lived objects are made at once (unpickling a
    table allocates hundreds of thousands; each collection would scan them all again, doubling the load
    time); the collector's previous state is restored."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def cache_path(name: str, key: str) -> Path:
    return cache_dir() / f"{name}-{key}.pickle"


def write_atomic(path: Path, data: bytes) -> None:
    """Write atomically: a temporary file in the same folder, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def load_or_build(name: str, key: str, build: Callable[[], T]) -> T:
    """The object cached as ``name`` under fingerprint ``key``; built with ``build()`` and written to the
    cache first when there is none (or it cannot be read)."""
    try:
        path = cache_path(name, key)
    except (OSError, RuntimeError) as exc:  # no home directory to hold the cache
        log.warning("no cache directory for %s (%s); building it in memory", name, exc)
        return build()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        pass
    except OSError as exc:
        log.warning("cannot read the cached %s at %s (%s); building it", name, path, exc)
    else:
        try:
            with paused_gc():
                obj: T = pickle.loads(data)
            return obj
        except Exception as exc:  # noqa: BLE001 - a damaged or foreign file: rebuild it
            log.warning("the cached %s at %s is damaged (%s); building it again", name, path, exc)
    obj = build()
    try:
        write_atomic(path, pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError as exc:  # no writable cache: keep it in memory
        log.warning("cannot write the cached %s to %s (%s)", name, path, exc)
    return obj
