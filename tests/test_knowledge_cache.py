"""The on-disk caches of derived knowledge (``eventwire.cache``): the actors knowledge base, the city table.

Each cached object must equal a fresh build, be built once and then read, get a new file when any source file
changes, and survive a damaged file or a cache directory that cannot be written.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from eventwire import cache
from eventwire.actors import kb as K
from eventwire.events import learned as L


def _plain(obj: Any) -> Any:
    """A comparable form of a knowledge base (compiled patterns by their source)."""
    if isinstance(obj, re.Pattern):
        return ("re", obj.pattern, obj.flags)
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(_plain(v) for v in obj)
    return obj


def _kb_state(kb: K.KnowledgeBase) -> dict[str, Any]:
    return _plain(dict(vars(kb)))


def _model_state(m: L.EventModel) -> Any:
    def arrays(x: Any) -> Any:
        if hasattr(x, "tobytes"):
            return (x.shape, x.tobytes())
        if hasattr(x, "__dict__"):
            return {k: arrays(v) for k, v in vars(x).items()}
        return x

    return arrays(m)


@pytest.fixture
def actors_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the actors' data files and an empty cache directory."""
    data = tmp_path / "actors"
    shutil.copytree(K.DATA, data)
    monkeypatch.setattr(K, "DATA", data)
    model = tmp_path / "event_model.json"
    shutil.copyfile(L.model_path(), model)
    monkeypatch.setattr(L, "model_path", lambda: model)
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path / "cache"))
    K.load_kb.cache_clear()
    K.city_countries.cache_clear()
    yield data
    K.load_kb.cache_clear()
    K.city_countries.cache_clear()


LOADERS: list[tuple[str, Callable[[], Any], Callable[[], Any], Callable[[Any], Any]]] = [
    ("actors-kb", lambda: K.load_kb.__wrapped__(), K.build_kb, _kb_state),
    ("actors-cities", lambda: K.city_countries.__wrapped__(), K.build_city_countries, dict),
    ("event-model", lambda: L.load_model.__wrapped__(), L.build_model, _model_state),
]


@pytest.mark.parametrize(("name", "load", "build", "state"), LOADERS, ids=[x[0] for x in LOADERS])
def test_cached_equals_a_fresh_build_and_is_built_once(
    actors_data: Path,
    name: str,
    load: Callable[[], Any],
    build: Callable[[], Any],
    state: Callable[[Any], Any],
) -> None:
    first = load()
    (path,) = (actors_data.parent / "cache").glob(f"{name}-*.pickle")
    mtime = path.stat().st_mtime_ns
    again = load()  # read from the file this time
    assert path.stat().st_mtime_ns == mtime
    assert state(again) == state(first) == state(build())


def _edit_sources(data: Path) -> None:
    """Change the states (the knowledge base, the city table) and the event model's threshold."""
    m = data.parent / "event_model.json"
    weights = json.loads(m.read_text(encoding="utf-8"))
    weights["threshold"] += 0.01
    m.write_text(json.dumps(weights), encoding="utf-8")
    p = data / "states.json"
    text = p.read_text(encoding="utf-8")
    assert '"names":["Ukraine"]' in text
    p.write_text(text.replace('"names":["Ukraine"]', '"names":["Ukrainia"]'), encoding="utf-8")


@pytest.mark.parametrize(("name", "load"), [(x[0], x[1]) for x in LOADERS], ids=[x[0] for x in LOADERS])
def test_a_changed_source_gets_a_new_cache_file(
    actors_data: Path, name: str, load: Callable[[], Any]
) -> None:
    load()
    before = {p.name for p in (actors_data.parent / "cache").glob(f"{name}-*.pickle")}
    _edit_sources(actors_data)
    K.load_kb.cache_clear()
    load()
    after = {p.name for p in (actors_data.parent / "cache").glob(f"{name}-*.pickle")}
    assert len(before) == 1 and len(after) == 2 and before < after


def test_the_loaded_objects_reflect_the_changed_sources(actors_data: Path) -> None:
    assert "ukraine" in K.load_kb.__wrapped__().lexicon
    before = L.load_model.__wrapped__()
    _edit_sources(actors_data)
    kb = K.load_kb.__wrapped__()
    assert "ukrainia" in kb.lexicon and "ukraine" not in kb.lexicon
    after = L.load_model.__wrapped__()
    assert before is not None and after is not None
    assert after.threshold == pytest.approx(before.threshold + 0.01)


@pytest.mark.parametrize(
    "damage", [b"", b"not a pickle", b"\x80\x05\x95truncated"], ids=["empty", "text", "cut"]
)
def test_a_damaged_cache_file_is_rebuilt(actors_data: Path, damage: bytes) -> None:
    ref = _kb_state(K.load_kb.__wrapped__())
    (path,) = (actors_data.parent / "cache").glob("actors-kb-*.pickle")
    path.write_bytes(damage)
    assert _kb_state(K.load_kb.__wrapped__()) == ref
    assert path.stat().st_size > 1000  # written again


def test_unwritable_cache_builds_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("EVENTWIRE_CACHE", str(blocker / "cache"))
    assert cache.load_or_build("thing", "k1", lambda: {"a": 1}) == {"a": 1}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ((["x"], [], []), (["x"], [], []), True),
        ((["x"], [], []), (["y"], [], []), False),
        ((["x"], [], ["1"]), (["x"], [], ["2"]), False),
        (([], ["x"], []), ([], ["x"], []), True),
    ],
)
def test_fingerprint(tmp_path: Path, a: tuple[list[str], ...], b: tuple[list[str], ...], same: bool) -> None:
    (tmp_path / "x").write_text("one")
    (tmp_path / "y").write_text("two")

    def fp(spec: tuple[list[str], ...]) -> str:
        files, stat_only, extra = spec
        return cache.fingerprint([tmp_path / f for f in files], [tmp_path / f for f in stat_only], extra)

    assert (fp(a) == fp(b)) is same
