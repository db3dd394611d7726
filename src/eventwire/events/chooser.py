"""The learned argument chooser: which party of its sentence is an event's actor, and which its recipient.

For an event's trigger word, every party its sentence offers is an option: the actors stage's records on
words of the sentence, other noun-phrase heads, personal pronouns, the speaker of the quotation holding the
word or the reporter of reported speech ("X said Y lied"), the rule heuristics' own picks, and "no party".
Each option is described in the spirit of a dependency-based semantic role labeller: the dependency path from
the trigger to the option's head (labels with up/down steps, prepositions named, truncated), direction and
distance, the option's relation, part of speech and record kind, whether it has a resolved name or code,
whether it is the quotation's speaker or the heuristics' pick, crossed with the event type, the trigger's
part of speech and voice.  A linear score per side ranks the options of an event and the best one is chosen:
for the actor a conditional logit (a softmax over each event's options), for the recipient a binary logistic
regression over all options (the better of the two per side, by k-fold accuracy and on the tune half).

The weights are trained by ``scripts/train_argument_model.py`` on annotated news sentences (see
``data/events/model/SOURCE.md``) and shipped as JSON: feature -> weight, per side.  Scoring is NumPy over the
options of a whole document at once (``LinearScores``); no scikit-learn at run time.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..cache import fingerprint, load_or_build, paused_gc
from ..model import Document, Entity
from .linear import LinearScores
from .vocab import FIRST_PERSON, FIRST_PERSON_PLURAL, NON_ACTOR_PRONOUNS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

    from .statements import ArgumentFinder

MODEL_FILE = "model/argument_model.json"
SIDES = ("actor", "recipient")
#: parts of speech whose head words are options of their own (with the actors stage's records and pronouns)
NOUN_POS = frozenset({"NOUN", "PROPN"})
#: the longest dependency path written out in full (longer ones keep their two first and last steps)
MAX_PATH = 4
PASSIVE_DEPS = frozenset({"nsubjpass", "auxpass"})
#: relations of the trigger's children that usually hold a party
ARG_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "poss", "dobj", "dative", "prep"})
#: whether options that name a thing (``parties.can_be_party``) are passed over
SKIP_THINGS = True


@dataclass(slots=True)
class Option:
    """One party an event's argument may be (``entity`` None: no party)."""

    entity: Entity | None
    token: Token | None
    tags: set[str] = field(default_factory=set)


def _key(ent: Entity) -> tuple[int, int]:
    return (ent.start, ent.end)


def head_token(sent: Span, start: int, end: int) -> Token | None:
    """The syntactic head of the words of ``sent`` in [start, end) (the word whose governor is outside)."""
    toks = [t for t in sent if start <= t.idx < end]
    if not toks:
        return None
    inside = {t.i for t in toks}
    return next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[-1])


def noun_phrase(doc: Document, tok: Token) -> Entity:
    """The bare noun phrase a head word names (its left words and its compounds and adjectives)."""
    left = min(
        x.idx for x in tok.subtree if x.i == tok.i or (x.i < tok.i and x.dep_ not in ("punct", "cc", "prep"))
    )
    right = max(x.idx + len(x.text) for x in tok.subtree if x.i <= tok.i or x.dep_ in ("compound", "amod"))
    return Entity(
        entity_text=doc.text[left:right],
        start=left,
        end=right,
        sentence=doc.sentence_at(left),
        kind="noun_phrase",
    )


def options(
    doc: Document,
    tok: Token,
    args: ArgumentFinder,
    tagged: Sequence[tuple[str, Entity | None]],
) -> list[Option]:
    """The options of the event on ``tok``: the sentence's parties, then the ``tagged`` records (speaker,
    reporter, heuristic picks: tag, record), merged with a sentence party of the same words; "no party"
    last."""
    sent = tok.sent
    ent_at = args.ent_at
    out: dict[tuple[int, int], Option] = {}
    for t in sent:
        ent = ent_at.get(t.i)
        if ent is not None:
            if _key(ent) not in out:
                out[_key(ent)] = Option(ent, head_token(sent, ent.start, ent.end) or t)
            continue
        if t.i == tok.i:
            continue
        if t.pos_ in NOUN_POS and t.dep_ not in ("compound", "nmod") and t.ent_type_ not in ("DATE", "TIME"):
            ent = noun_phrase(doc, t)
        elif t.tag_ == "PRP" and t.lower_ not in NON_ACTOR_PRONOUNS:
            ent = args.entity(t)
        else:
            continue
        if ent is not None and _key(ent) not in out:
            out[_key(ent)] = Option(ent, t)
    for tag, ent in tagged:
        if ent is None:
            continue
        opt = out.get(_key(ent))
        if opt is not None and opt.entity is not ent and not opt.tags:
            opt.entity = ent  # the heuristics' record of the same words (an apposition's name, a country)
        if opt is None:
            token = (
                head_token(sent, ent.start, ent.end) if sent.start_char <= ent.start < sent.end_char else None
            )
            opt = out[_key(ent)] = Option(ent, token)
        opt.tags.add(tag)
    res = list(out.values())
    res.append(Option(None, None, {t for t, e in tagged if e is None}))
    return res


def dep_path(a: Token, b: Token) -> tuple[list[str], list[str]]:
    """The steps from ``a`` up to the lowest common governor and down to ``b`` (relations, a preposition or
    agent step named by its word)."""
    up_chain = [a, *a.ancestors]
    pos = {t.i: k for k, t in enumerate(up_chain)}
    down: list[Token] = []
    node = b
    while node.i not in pos:
        down.append(node)
        if node.head.i == node.i:
            return [f"^{t.dep_}" for t in up_chain], ["?"]
        node = node.head
    ups = up_chain[: pos[node.i]]

    def step(t: Token) -> str:
        return f"{t.dep_}:{t.lower_}" if t.dep_ in ("prep", "agent") else t.dep_

    return [f"^{step(t)}" for t in ups], [f"v{step(t)}" for t in reversed(down)]


def _bucket(n: int) -> str:
    return str(n) if n < 3 else "3-5" if n < 6 else "6-10" if n < 11 else "11+"


# one branch per feature template, in one place so that the feature list reads as a whole
def features(  # noqa: C901
    tok: Token, event: str, opt: Option, trig: dict[str, str], quote: tuple[int, int] | None
) -> dict[str, float]:
    """Sparse features of one option for the event on ``tok`` (``trig``: the trigger's own descriptors;
    ``quote``: the content span of the quotation holding the trigger)."""
    f: dict[str, float] = {"bias": 1.0}
    in_quote = quote is not None
    tpos, voice = trig["pos"], trig["voice"]
    for tag in opt.tags:
        f[f"tag={tag}"] = 1.0
        f[f"tag={tag}|ev={event}"] = 1.0
        f[f"tag={tag}|{tpos}"] = 1.0
    if len(opt.tags) > 1:
        f[f"tags={'+'.join(sorted(opt.tags))}"] = 1.0
    if opt.entity is None:
        f["none"] = 1.0
        f[f"none|ev={event}"] = 1.0
        f[f"none|{tpos}|{voice}"] = 1.0
        f[f"none|d={tok.dep_}"] = 1.0
        f[f"none|q={in_quote}"] = 1.0
        for c in tok.children:
            f[f"none|cd={c.dep_}"] = 1.0
            if c.dep_ in ARG_DEPS:
                # the clause names someone in that relation: crossed with the event type and the voice
                f[f"none|cd={c.dep_}|ev={event}"] = 1.0
                f[f"none|cd={c.dep_}|{tpos}|{voice}"] = 1.0
        return f
    ent = opt.entity
    f[f"kind={ent.kind}"] = 1.0
    f[f"kind={ent.kind}|ev={event}"] = 1.0
    if ent.name:
        f["named"] = 1.0
    if ent.code:
        f["coded"] = 1.0
        f[f"coded|ev={event}"] = 1.0
    if ent.sector:
        f[f"sector={ent.sector}"] = 1.0
    if ent.label:
        f[f"label={ent.label}"] = 1.0
    low = ent.entity_text.lower()
    if low in FIRST_PERSON or low in FIRST_PERSON_PLURAL:
        f["first_person"] = 1.0
        f[f"first_person|q={in_quote}"] = 1.0
    c = opt.token
    if c is None:
        f["outside"] = 1.0
        f[f"outside|ev={event}"] = 1.0
        f[f"outside|q={in_quote}"] = 1.0
        return f
    if quote is not None:
        f[f"same_quote={quote[0] <= c.idx < quote[1]}"] = 1.0
    f[f"cdep={c.dep_}"] = 1.0
    f[f"cpos={c.pos_}"] = 1.0
    f[f"cdep={c.dep_}|{tpos}|{voice}"] = 1.0
    if c.pos_ == "PRON":
        f[f"pron={c.lower_}"] = 1.0
    if c.i == tok.i or (ent.start <= tok.idx < ent.end):
        f["covers_trigger"] = 1.0
        f[f"covers_trigger|ev={event}"] = 1.0
        return f
    ups, downs = dep_path(tok, c)
    steps = ups + downs
    if len(steps) > MAX_PATH:
        path = "|".join([*steps[:2], "..", *steps[-2:]])
    else:
        path = "|".join(steps)
    f[f"path={path}"] = 1.0
    f[f"path={path}|{tpos}|{voice}"] = 1.0
    f[f"path={path}|ev={event}"] = 1.0
    short = "|".join(steps[:2])
    f[f"p2={short}|ev={event}"] = 1.0
    f[f"p2={short}|{tpos}|{voice}"] = 1.0
    f[f"nup={_bucket(len(ups))}"] = 1.0
    f[f"ndown={_bucket(len(downs))}"] = 1.0
    if not ups:
        f["below"] = 1.0
    if not downs:
        f["above"] = 1.0
    before = c.i < tok.i
    f[f"dir={'L' if before else 'R'}"] = 1.0
    f[f"dir={'L' if before else 'R'}|{tpos}|{voice}"] = 1.0
    f[f"dist={_bucket(abs(c.i - tok.i))}"] = 1.0
    if ent.name and len(downs) <= 2 and len(ups) <= 2:
        f["named_near"] = 1.0
    return f


def trigger_info(tok: Token) -> dict[str, str]:
    voice = "passive" if any(c.dep_ in PASSIVE_DEPS for c in tok.children) else "active"
    pos = "N" if tok.pos_ in NOUN_POS else "V" if tok.pos_ in ("VERB", "AUX") else "O"
    return {"pos": pos, "voice": voice}


@dataclass(slots=True)
class Query:
    """One event to choose parties for: its trigger, type, and the tagged records known beforehand."""

    token: Token
    event: str
    tagged: list[tuple[str, Entity | None]]
    #: the content span of the quotation holding the trigger, if any
    quote: tuple[int, int] | None = None
    opts: list[Option] = field(default_factory=list)


def _nearest(tok: Token, opts: Sequence[Option], rows: list[dict[str, float]]) -> None:
    """Features of an option's rank among the others: the nearest option (and the nearest named one) on
    each side of the trigger."""
    for named in (False, True):
        best: dict[str, tuple[int, int]] = {}
        for k, o in enumerate(opts):
            if o.token is None or o.entity is None or o.token.i == tok.i:
                continue
            if named and not (o.entity.name or o.entity.code):
                continue
            side = "L" if o.token.i < tok.i else "R"
            d = abs(o.token.i - tok.i)
            if side not in best or d < best[side][0]:
                best[side] = (d, k)
        for side, (_, k) in best.items():
            rows[k][f"nearest{'_named' if named else ''}={side}"] = 1.0


def option_rows(doc: Document, queries: Sequence[Query], args: ArgumentFinder) -> list[dict[str, float]]:
    """Fill each query's options; the feature rows of all of them, in order."""
    rows: list[dict[str, float]] = []
    for q in queries:
        q.opts = options(doc, q.token, args, q.tagged)
        trig = trigger_info(q.token)
        part = [features(q.token, q.event, o, trig, q.quote) for o in q.opts]
        _nearest(q.token, q.opts, part)
        rows += part
    return rows


class ArgumentModel:
    """One linear score per side (actor, recipient) over the options' sparse features."""

    def __init__(self, data: dict[str, object]) -> None:
        unknown = set(data) - {"actor", "recipient", "trained_on", "version"}
        if unknown:
            raise ValueError(f"argument model: unknown keys {sorted(unknown)}")
        self.sides: dict[str, LinearScores] = {}
        for side in SIDES:
            part: dict[str, object] = data[side]  # type: ignore[assignment]
            weights = {k: [w] for k, w in part["weights"].items()}  # type: ignore[union-attr]
            self.sides[side] = LinearScores(weights, [part["intercept"]], 1)  # type: ignore[list-item]

    def scores(self, side: str, rows: Sequence[dict[str, float]]) -> np.ndarray:
        if not rows:
            return np.zeros(0)
        return self.sides[side].scores([(r, None) for r in rows])[:, 0]


def model_path() -> Path:
    return Path(str(resources.files("eventwire"))) / "data" / "events" / MODEL_FILE


def build_model(path: Path | None = None) -> ArgumentModel:
    with paused_gc():
        return ArgumentModel(json.loads((path or model_path()).read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def load_argument_model() -> ArgumentModel | None:
    """The shipped chooser, or None when there is no weight file (read through ``eventwire.cache``)."""
    path = model_path()
    if not path.is_file():
        return None
    here = Path(__file__).resolve().parent
    key = fingerprint([path, here / "chooser.py", here / "linear.py"])
    return load_or_build("argument-model", key, lambda: build_model(path))


@dataclass(slots=True)
class Choice:
    """The chooser's actor and recipient for a query, with the scores of the best option and of the option
    holding each side's prior pick (``ra``/``rr`` for a rule event, else ``ha``/``hr``)."""

    actor: Entity | None
    recipient: Entity | None
    margin: dict[str, float]


def choose(
    doc: Document, queries: Sequence[Query], args: ArgumentFinder, model: ArgumentModel
) -> list[Choice]:
    """The best options of every query of a document (scored at once); the recipient is never the chosen
    actor's party."""
    from .parties import can_be_party
    from .statements import same_party

    rows = option_rows(doc, queries, args)
    act = model.scores("actor", rows)
    rec = model.scores("recipient", rows)
    if SKIP_THINGS:
        # a thing is no party (``parties.drop_things`` would empty the side): the next best option instead
        things = [o.entity is not None and not can_be_party(doc, o.entity) for q in queries for o in q.opts]
        act[things] = -np.inf
        rec[things] = -np.inf
    out: list[Choice] = []
    k = 0
    for q in queries:
        n = len(q.opts)
        a_s, r_s = act[k : k + n], rec[k : k + n]
        k += n
        ai = int(np.argmax(a_s))
        actor = q.opts[ai].entity
        order = np.argsort(-r_s, kind="stable")
        ri = next(
            (
                int(j)
                for j in order
                if not (
                    actor is not None and q.opts[j].entity is not None and same_party(q.opts[j].entity, actor)
                )
            ),
            len(q.opts) - 1,
        )
        margin = {}
        for side, scores, best, tags in (
            ("actor", a_s, ai, ("ra", "ha")),
            ("recipient", r_s, ri, ("rr", "hr")),
        ):
            prior = [j for j, o in enumerate(q.opts) if tags[0] in o.tags] or [
                j for j, o in enumerate(q.opts) if tags[1] in o.tags
            ]
            margin[side] = float(scores[best] - max((scores[j] for j in prior), default=scores[best]))
        out.append(Choice(actor, q.opts[ri].entity, margin))
    return out
