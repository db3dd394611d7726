"""The compact (memory-mapped) gazetteer answers exactly as the TSV parse it is built from."""

from __future__ import annotations

import gzip
import random
import sys
from pathlib import Path

import pytest

import eventwire.geo.gazetteer  # noqa: F401  (the module; ``eventwire.geo.gazetteer`` the name is the function)

G = sys.modules["eventwire.geo.gazetteer"]


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[G.TsvGazetteer, G.Gazetteer]:
    ref = G.read_tsv()
    path = tmp_path_factory.mktemp("gaz") / "g.bin"
    path.write_bytes(G.compact_bytes(ref))
    return ref, G.open_compact(path)


def test_lookups_are_identical(both: tuple[G.TsvGazetteer, G.Gazetteer]) -> None:
    ref, new = both
    rnd = random.Random(19)
    keys = rnd.sample(list(ref.index), 20_000)
    names = [G.norm(ref.names[i]) for i in rnd.sample(range(len(ref)), 5_000)]
    odd = ["", "x", "no such place anywhere", "paris", "washington", "kyiv", "ar raqqah", "gaza strip", "ü"]
    for k in [*keys, *names, *odd, *(k + "x" for k in keys[:2000])]:
        assert new.lookup(k) == ref.lookup(k), k
        assert new.lookup_loose(k) == ref.lookup_loose(k), k
        assert (k in new.index) == (k in ref.index)
        assert new.index.get(k) == ref.index.get(k)
    assert len(new) == len(ref) and len(new.index) == len(ref.index)
    assert len(new.loose_index) == len(ref.loose_index)
    assert new.max_words == ref.max_words and new.country_row == ref.country_row
    rows = rnd.sample(range(len(ref)), 2_000)
    assert [new.record(r) for r in rows] == [ref.record(r) for r in rows]
    assert [new.names[r] for r in rows] == [ref.names[r] for r in rows]


def test_every_key_round_trips(both: tuple[G.TsvGazetteer, G.Gazetteer]) -> None:
    ref, new = both
    assert set(new.index) == set(ref.index)
    assert all(new.index.get(k) == v for k, v in ref.index.items())
    assert all(new.loose_index.get(k) == v for k, v in ref.loose_index.items())


def _small_tsv(path: Path) -> Path:
    src = G.DATA / "gazetteer.tsv.gz"
    with gzip.open(src, "rt", encoding="utf-8") as f, gzip.open(path, "wt", encoding="utf-8") as out:
        for i, line in enumerate(f):
            if i > 500:
                break
            out.write(line)
    return path


def test_cache_is_named_by_the_tsv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path / "cache"))
    tsv = _small_tsv(tmp_path / "small.tsv.gz")
    p = G.compact_path(tsv)
    assert p.parent == tmp_path / "cache" and not p.exists()
    built = G.build_compact(tsv)
    assert built == p and p.exists()
    ref = G.read_tsv(tsv)
    g = G.open_compact(p)
    assert all(g.lookup(k) == ref.lookup(k) for k in ref.index)
    # a different TSV gets another file
    other = tmp_path / "other.tsv.gz"
    with gzip.open(tsv, "rt", encoding="utf-8") as f, gzip.open(other, "wt", encoding="utf-8") as out:
        out.write("".join(f.readlines()[:-1]))
    assert G.compact_path(other) != p


def test_not_a_compact_file_is_refused() -> None:
    with pytest.raises(ValueError):
        G.Gazetteer(b"not a gazetteer at all")


def test_builds_the_cache_once_then_maps_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _small_tsv(data / "gazetteer.tsv.gz")
    monkeypatch.setattr(G, "DATA", data)
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path / "cache"))
    g = G.gazetteer.__wrapped__()  # the loader without its process-wide cache
    assert G.compact_path().exists() and isinstance(g._buf, G.mmap.mmap)
    mtime = G.compact_path().stat().st_mtime_ns
    again = G.gazetteer.__wrapped__()
    assert G.compact_path().stat().st_mtime_ns == mtime  # not built again
    assert len(again) == len(g) == 500  # the records after the header line


def test_unwritable_cache_builds_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _small_tsv(data / "gazetteer.tsv.gz")
    monkeypatch.setattr(G, "DATA", data)
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("EVENTWIRE_CACHE", str(blocker / "cache"))
    g = G.gazetteer.__wrapped__()
    ref = G.read_tsv()
    assert isinstance(g._buf, bytes) and all(g.lookup(k) == ref.lookup(k) for k in ref.index)
