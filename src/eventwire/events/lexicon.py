"""The event coder's knowledge: trigger lexicon, verb frames, transfer objects, keyword cues and scales.

Everything lives in ``eventwire/data/events/`` (see SOURCE.md there) and is loaded once per process.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path

DATA = Path(str(resources.files("eventwire"))) / "data" / "events"


@dataclass(frozen=True, slots=True)
class Cond:
    obj: frozenset[str] | None = None
    noobj: frozenset[str] | None = None
    prep: frozenset[str] | None = None
    prt: frozenset[str] | None = None
    subj: frozenset[str] | None = None
    nosubj: frozenset[str] | None = None
    comp: bool = False
    objent: bool = False
    intrans: bool = False
    trans: bool = False
    nocomp: bool = False
    #: a "to" object that is an actor entity, on the verb or inside its direct object ("conveyed the
    #: results of the talks to X"); it is the recipient
    toent: bool = False
    kid: frozenset[str] | None = None
    dep: frozenset[str] | None = None
    #: no child of the trigger has one of these words ("press conference" is not a meeting)
    nokid: frozenset[str] | None = None
    #: no child of the trigger has one of these dependency labels ("demonstrates that ..." is no protest)
    nodep: frozenset[str] | None = None
    #: the trigger's syntactic head has one of these lemmas ("a state of siege")
    head: frozenset[str] | None = None
    #: an object of one of the trigger's prepositions (or its modifier) has one of these lemmas ("opened its
    #: borders to refugees"); that object is the recipient
    pobj: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    lemma: str
    pos: str  # "V" or "N"
    event: str
    mode: str | None
    cameo: str
    context: str | None
    conf: float
    cond: Cond

    @property
    def root(self) -> str:
        return self.cameo[:2]


def inner_matches(inner: frozenset[str], event: str, cameo: str) -> bool:
    """A frame's inner-event set holds event names ("SANCTION") or an event with a CAMEO code prefix
    ("COERCE/163": the sanctions coded COERCE); "*" is any event."""
    if "*" in inner or event in inner:
        return True
    return any(x.startswith(event + "/") and cameo.startswith(x.split("/", 1)[1]) for x in inner)


@dataclass(frozen=True, slots=True)
class Turn:
    verbs: frozenset[str]
    inner: frozenset[str]
    event: str
    mode: str | None
    cameo: str


@dataclass(frozen=True, slots=True)
class ObjectRule:
    event: str
    mode: str | None
    cameo: str
    context: str | None


@dataclass(slots=True)
class Lexicon:
    triggers: dict[tuple[str, str], list[Entry]] = field(default_factory=dict)
    turns: list[Turn] = field(default_factory=list)
    light: frozenset[str] = frozenset()
    transfer: frozenset[str] = frozenset()
    #: verbs of receiving goods ("received weapons from X"): the transfer seen from its recipient
    receive: frozenset[str] = frozenset()
    third: frozenset[str] = frozenset()
    future: frozenset[str] = frozenset()
    hypothetical: frozenset[str] = frozenset()
    negated: frozenset[str] = frozenset()
    #: governing words that set the future mode as someone else's expectation, not the actor's intent
    expected: frozenset[str] = frozenset()
    #: verbs of weighing an option ("considering sending aid"): the option is a statement, not an event
    consider: frozenset[str] = frozenset()
    objctl: frozenset[str] = frozenset()
    #: words of comment or feeling whose complement is a topic, not a reported event ("concern about")
    topic: frozenset[str] = frozenset()
    #: nouns of the turn verbs ("a suspension of aid" = "suspend aid"): noun -> verb lemma
    nominal: dict[str, str] = field(default_factory=dict)
    objects: dict[str, ObjectRule] = field(default_factory=dict)
    mode_cues: dict[str, list[tuple[str, frozenset[str]]]] = field(default_factory=dict)
    context_cues: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    quad: dict[str, int] = field(default_factory=dict)
    plover_scale: dict[str, float] = field(default_factory=dict)
    goldstein_root: dict[str, float] = field(default_factory=dict)

    def entries(self, lemma: str, pos: str) -> list[Entry]:
        return self.triggers.get((lemma, pos), [])

    def scale(self, event: str, modes: list[str]) -> float | None:
        for m in modes:
            v = self.plover_scale.get(f"{event}:{m}")
            if v is not None:
                return v
        return self.plover_scale.get(event)


def _rows(name: str) -> list[list[str]]:
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.append(line.rstrip("\n").split("\t"))
    return out


def _set(v: str) -> frozenset[str]:
    return frozenset(x.strip().lower() for x in v.split("|") if x.strip())


def _opt(v: str) -> str | None:
    v = v.strip()
    return None if v in ("", "-") else v


KEYED_CONDITIONS = ("obj", "noobj", "prep", "prt", "subj", "nosubj", "kid", "dep", "nokid", "nodep", "head")
KEYED_CONDITIONS += ("pobj",)


def parse_cond(text: str) -> Cond:
    kw: dict[str, object] = {}
    if text.strip() in ("", "-"):
        return Cond()
    for part in text.split(";"):
        part = part.strip()
        if "=" in part:
            k, v = part.split("=", 1)
            if k not in KEYED_CONDITIONS:
                raise ValueError(f"unknown trigger condition {k!r}")
            kw[k] = _set(v)
        elif part in ("comp", "objent", "intrans", "trans", "nocomp", "toent"):
            kw[part] = True
        else:
            raise ValueError(f"unknown trigger condition {part!r}")
    return Cond(**kw)  # type: ignore[arg-type]


@functools.lru_cache(maxsize=1)
def load() -> Lexicon:
    lex = Lexicon()
    for row in _rows("triggers.tsv"):
        lemma, pos, event, mode, cameo, context, conf, cond = (row + ["-"] * 8)[:8]
        for p in pos:
            entry = Entry(
                lemma.lower(), p, event, _opt(mode), cameo, _opt(context), float(conf), parse_cond(cond)
            )
            lex.triggers.setdefault((entry.lemma, p), []).append(entry)
    groups: dict[str, set[str]] = {}
    for row in _rows("frames.tsv"):
        kind, verbs = row[0], _set(row[1])
        if kind == "turn":
            inner, event, mode, cameo = row[2], row[3], row[4], row[5]
            inner_set = frozenset(x.strip().upper() for x in inner.split("|") if x.strip())
            lex.turns.append(Turn(verbs, inner_set, event, _opt(mode), cameo))
        elif kind == "nominal":
            for noun in verbs:
                lex.nominal[noun] = row[2].strip().lower()
        elif kind == "third":
            groups.setdefault("third", set()).update(verbs)
        else:
            groups.setdefault(kind, set()).update(verbs)
    lex.light = frozenset(groups.get("light", ()))
    lex.transfer = frozenset(groups.get("transfer", ()))
    lex.receive = frozenset(groups.get("receive", ()))
    lex.third = frozenset(groups.get("third", ()))
    lex.future = frozenset(groups.get("future", ()))
    lex.hypothetical = frozenset(groups.get("hypothetical", ()))
    lex.negated = frozenset(groups.get("negated", ()))
    lex.expected = frozenset(groups.get("expected", ()))
    lex.consider = frozenset(groups.get("consider", ()))
    lex.topic = frozenset(groups.get("topic", ()))
    lex.objctl = frozenset(groups.get("objctl", ()))
    for row in _rows("objects.tsv"):
        rule = ObjectRule(row[1], _opt(row[2]), row[3], _opt(row[4]))
        for lemma in _set(row[0]):
            lex.objects[lemma] = rule
    for row in _rows("keywords.tsv"):
        kind, event, value, lemmas = row[:4]
        if kind == "mode":
            lex.mode_cues.setdefault(event, []).append((value, _set(lemmas)))
        elif kind == "context":
            lex.context_cues.append((value, _set(lemmas)))
    scales = json.loads((DATA / "scales.json").read_text(encoding="utf-8"))
    lex.quad = {k: int(v) for k, v in scales["quad"].items()}
    lex.plover_scale = {k: float(v) for k, v in scales["plover_scale"].items()}
    lex.goldstein_root = {k: float(v) for k, v in scales["goldstein_root"].items()}
    return lex


@dataclass(frozen=True, slots=True)
class Sense:
    """An event noun's sense: the lexicon entry it becomes (its conditions are the matched entry's)."""

    event: str
    mode: str | None
    cameo: str
    context: str | None
    conf: float

    def entry(self, lemma: str, matched: Entry) -> Entry:
        return Entry(lemma, "N", self.event, self.mode, self.cameo, self.context, self.conf, matched.cond)


@dataclass(frozen=True, slots=True)
class StrikeSenses:
    hunger_mods: frozenset[str]
    hunger: Sense
    military_words: frozenset[str]
    labour_words: frozenset[str]
    protest_verbs: frozenset[str]
    labour: Sense


@dataclass(frozen=True, slots=True)
class ExerciseSenses:
    lemmas: frozenset[str]
    joint_mods: frozenset[str]
    joint: Sense
    military_mods: frozenset[str]


@dataclass(frozen=True, slots=True)
class CallSenses:
    request: Sense


@dataclass(frozen=True, slots=True)
class Senses:
    strike: StrikeSenses
    exercise: ExerciseSenses
    call: CallSenses


@functools.cache
def senses() -> Senses:
    """The sense rules of ambiguous event nouns (``data/events/senses.json``); unknown keys are errors."""
    from ..resources import check_keys, load_json

    raw = load_json("events/senses.json", [f.name for f in fields(Senses)])

    def build(cls: type, obj: dict, where: str) -> object:
        check_keys(obj, [f.name for f in fields(cls)], f"events/senses.json: {where}")
        kw = {}
        for f in fields(cls):
            v = obj[f.name]
            if f.type == "Sense":
                kw[f.name] = build(Sense, v, f"{where}.{f.name}")
            elif isinstance(v, list):
                kw[f.name] = frozenset(v)
            else:
                kw[f.name] = v
        return cls(**kw)

    return Senses(
        strike=build(StrikeSenses, raw["strike"], "strike"),  # type: ignore[arg-type]
        exercise=build(ExerciseSenses, raw["exercise"], "exercise"),  # type: ignore[arg-type]
        call=build(CallSenses, raw["call"], "call"),  # type: ignore[arg-type]
    )
