"""The hashed lock files are complete closures: installed with ``pip install --no-deps`` no resolver runs,
so every requirement of every locked package (with the extras asked for) must itself be locked at a version
that satisfies it.  A new upstream release then cannot change what ``make demo`` or ``make test`` installs.
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REQ = Path(__file__).resolve().parents[1] / "requirements"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


def pins(name: str) -> dict[str, str]:
    out = {}
    for line in (REQ / name).read_text().splitlines():
        m = PIN.match(line)
        if m:
            out[canonicalize_name(m.group(1))] = m.group(2)
    return out


def roots(name: str) -> list[Requirement]:
    """The requirements a .in file asks for (following -r includes)."""
    reqs = []
    for line in (REQ / name).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-c"):
            continue
        if line.startswith("-r"):
            reqs += roots(line.split(None, 1)[1])
            continue
        reqs.append(Requirement(line))
    return reqs


def unmet(lock: dict[str, str], wanted: list[Requirement]) -> list[str]:
    """Walk the closure from ``wanted`` through the installed metadata; list what the lock lacks."""
    env = default_environment()
    env["python_version"], env["sys_platform"], env["platform_system"] = "3.11", "linux", "Linux"
    problems: list[str] = []
    todo = [(r, "requirements") for r in wanted]
    done: set[tuple[str, frozenset[str]]] = set()
    while todo:
        req, why = todo.pop()
        name = canonicalize_name(req.name)
        if name not in lock:
            problems.append(f"{req} (needed by {why}) is not locked")
            continue
        if not req.specifier.contains(lock[name], prereleases=True):
            problems.append(f"{req} (needed by {why}) but the lock has {name}=={lock[name]}")
        key = (name, frozenset(req.extras))
        if key in done:
            continue
        done.add(key)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            problems.append(f"{name} is locked but not installed (cannot read its requirements)")
            continue
        for line in dist.requires or []:
            sub = Requirement(line)
            extras = ["", *sorted(req.extras)]
            if sub.marker is None or any(sub.marker.evaluate({**env, "extra": e}) for e in extras):
                todo.append((sub, f"{name}{sorted(req.extras) if req.extras else ''}"))
    return problems


@pytest.mark.parametrize(("lock", "source"), [("base.txt", "base.in"), ("dev.txt", "dev.in")])
def test_lock_is_a_complete_closure(lock: str, source: str) -> None:
    assert unmet(pins(lock), roots(source)) == []


def test_lock_check_finds_a_missing_package() -> None:
    lock = pins("base.txt")
    lock.pop("smart-open")  # weasel needs smart-open[http]
    assert any("smart-open" in p for p in unmet(lock, roots("base.in")))


def test_dev_lock_keeps_base_versions() -> None:
    base, dev = pins("base.txt"), pins("dev.txt")
    assert {k: dev.get(k) for k in base} == base
