"""Places (stage ``geo``): find place mentions, resolve them on the offline gazetteer, tell actors.

Mentions come from spaCy's GPE/LOC/FAC entities and from gazetteer matches on proper-noun
runs (the latter only with support: a locative preposition before, a division word after, a
parenthetical of places, or a large or national-level candidate), in non-boilerplate
sentences, plus the dateline place ("Moscow, May 20:", "KYIV (Reuters) -") at the start of the
body.  Each mention's candidates are scored by a population prior, feature type, the countries
of the article (named countries, the dateline, the other mentions), the divisions named beside
it and distance to the other places (two passes).  Demonyms ("Russian") are not places.

``role`` is "actor" where the place stands for its government or people: the subject of a
verb that is not merely locative ("Moscow said", "Washington and Beijing agreed"), a possessive
("the United States' support"), a party to talks or a relation ("talks between Moscow and
Kyiv", "engage with Ukraine"), or a hyphenated pair ("the Russia-Ukraine war").  Everything
else is "place".  ``attached_place`` (below) gives the event stage the place attached to a clause.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..config import PipelineConfig
from ..model import Document, Place
from ..nlp import governed_by
from ..nlp.dateline import find_dateline
from ..nlp.selective import SentenceView
from ..registry import BaseStage, Stage, stages
from ..resources import load_json, word_lists
from .gazetteer import Gazetteer, Record, common_words, distance_km, gazetteer, lexicon, norm

__all__ = ["GeoStage", "attached_place", "distance_km", "find_dateline"]

#: word lists of the geo stage (``data/geo/words.json``) and GeoNames feature tables (``features.json``)
WORDS = word_lists("geo/words.json", ("connectors", "locative_adjectives", "articles"))
FEATURES = load_json("geo/features.json", ("specificity", "area_features"))
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: entity labels whose tokens are not searched for places unless a locative preposition precedes
BLOCK_LABELS = frozenset(
    {
        "PERSON",
        "NORP",
        "ORG",
        "DATE",
        "TIME",
        "MONEY",
        "CARDINAL",
        "ORDINAL",
        "PERCENT",
        "QUANTITY",
        "WORK_OF_ART",
        "LAW",
        "EVENT",
        "PRODUCT",
        "LANGUAGE",
    }
)
AREA_FEATURES = frozenset(FEATURES["area_features"])
ARTICLES = WORDS["articles"]


@dataclass
class Mention:
    start: int  # char offsets into doc.text
    end: int
    tok_start: int
    tok_end: int
    sentence: int
    key: str
    cands: list[tuple[Record, bool]]
    ner: bool = False
    from_dateline: bool = False
    #: followed by a division word ("Ituri province")
    division_word: bool = False
    #: inside "( ... )"
    in_parens: bool = False
    region_hint: str | None = None
    scores: list[float] = field(default_factory=list)
    best: int = -1
    role: str = "place"


def _prior(rec: Record, primary: bool, m: Mention) -> float:
    pop = rec.population
    f = rec.feature
    if f in AREA_FEATURES:
        s = 8.0
    else:
        s = math.log10(pop + 10)
    if f == "PCLI":
        s += 3.0
    elif f == "PPLC":
        s += 1.5
    elif f == "ADM1":
        s += 3.0 if m.division_word else -1.5
    elif f == "ADM2":
        s += 3.0 if m.division_word else (-0.5 if m.in_parens else -2.5)
        s = min(s, 7.5)
    if not primary:
        s -= 1.5
    if m.from_dateline and f in ("ADM1", "ADM2", "RGN", "CONT"):
        s -= 3.0  # datelines name towns ("WASHINGTON", "KYIV, Ukraine")
    return s


class GeoStage(BaseStage):
    name = "geo"
    requires = ("parse", "sentences")
    assigns = ("places",)

    def __init__(self) -> None:
        self._gaz: Gazetteer | None = None

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = gazetteer()
        return self._gaz

    def warm(self) -> None:
        """Load the gazetteer now (about 3 s), not on the first article."""
        _ = self.gaz

    # ------------------------------------------------------------------ mentions
    def _mentions(self, doc: Document) -> list[Mention]:
        sp = doc.spacy
        assert sp is not None
        lex = lexicon()
        stop = set(lex["stop_names"])
        divwords = set(lex["division_words"])
        loc_preps = set(lex["locative_preps"])
        gaz = self.gaz
        out: list[Mention] = []
        taken = [False] * len(sp)
        _cols(sp, doc.text)  # the parse's text is the article body (the parser checks it)

        settle = set(lex["settlement_words"])

        def add(
            span: Span, ner: bool, from_dateline: bool = False, allow_loose: bool = False
        ) -> Mention | None:
            toks = list(span)
            while toks and (toks[0].text in ARTICLES or toks[0].is_punct):
                toks = toks[1:]
            while toks and (toks[-1].tag_ == "POS" or toks[-1].is_punct):
                toks = toks[:-1]
            # "Kandahar city", "Ituri province": the kind word is not part of the name, unless it
            # is ("Oklahoma City", "Western Province")
            trimmed = False
            if not toks:
                return None  # an entity made of punctuation only ("\u00a7")
            if not gaz.lookup(norm(doc.text[toks[0].idx : toks[-1].idx + len(toks[-1].text)])):
                while len(toks) > 1 and (toks[-1].lower_ in divwords or toks[-1].lower_ in settle):
                    toks = toks[:-1]
                    trimmed = True
            if not toks:
                return None
            s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            key = norm(doc.text[s:e])
            if not key:
                return None
            cands = gaz.lookup(key)
            if not cands and (ner or allow_loose):
                cands = gaz.lookup_loose(key)
            if not cands:
                return None
            i0, i1 = toks[0].i, toks[-1].i + 1
            if any(taken[t] for t in range(i0, i1)):
                return None  # one mention per stretch of text
            ner = ner or all(t.ent_type_ in PLACE_LABELS for t in toks)
            nxt = sp[i1] if i1 < len(sp) else None
            division = nxt is not None and nxt.lower_ in divwords and not (trimmed and nxt.lower_ in settle)
            par_open = any(t.text == "(" for t in sp[max(0, i0 - 4) : i0])
            par_close = any(t.text == ")" for t in sp[i1 : i1 + 4])
            men = Mention(
                s,
                e,
                i0,
                i1,
                doc.sentence_at(s),
                key,
                cands,
                ner=ner,
                from_dateline=from_dateline,
                division_word=division,
                in_parens=par_open and par_close,
            )
            for t in range(i0, i1):
                taken[t] = True
            out.append(men)
            return men

        # dateline
        dl = find_dateline(doc.text)
        if dl is not None:
            span = sp.char_span(dl[0], dl[1], alignment_mode="contract")
            if span is not None and len(span):
                men = add(span, ner=True, from_dateline=True)
                if men is not None and dl[2]:
                    men.region_hint = norm(dl[2])
                    rspan = sp.char_span(*_region_offsets(doc.text, dl), alignment_mode="contract")
                    if rspan is not None:
                        for t in rspan:
                            taken[t.i] = True

        blocked = [False] * len(sp)
        ents = list(sp.ents)  # built anew on each access: read once
        for ent in ents:
            if ent.label_ in BLOCK_LABELS:
                for t in ent:
                    blocked[t.i] = True

        def scan(min_w: int) -> None:
            # proper-noun runs (gazetteer matches spaCy did not label as places).  Tokens written
            # together ("Port-au-Prince", "Croix-des-Bouquets") form one word; connectors ("de", "al")
            # may sit between capitalised words.
            cols = _cols(sp)
            groups, proper = _proper_groups(sp)
            attach = set(lex["attach_preps"])
            settle_words = set(lex["settlement_words"])
            lower, orth, idx, sent_of = cols.lower, cols.orth, cols.idx, cols.sent
            conn = [g[1] - g[0] == 1 and lower[g[0]] in CONNECTORS for g in groups]

            def is_conn(g: tuple[int, int]) -> bool:
                return g[1] - g[0] == 1 and lower[g[0]] in CONNECTORS

            accepted: list[Span] = []
            gi, ng = 0, len(groups)
            while gi < ng:
                g0 = groups[gi]
                # a capitalised article may open a name: "An Nahud", "El Fasher"
                opener = conn[gi] and orth[g0[0]][:1].isupper() and gi + 1 < ng and proper[gi + 1]
                if (
                    not (proper[gi] or opener)
                    or any(taken[t] for t in range(*g0))
                    or doc.in_boilerplate(idx[g0[0]], idx[g0[0]] + 1)
                ):
                    gi += 1
                    continue
                gj = gi + 1
                while gj < ng and sent_of[groups[gj][0]] == sent_of[g0[0]]:
                    g = groups[gj]
                    if any(taken[t] for t in range(*g)):
                        break
                    if proper[gj]:
                        gj += 1
                        continue
                    # connectors ("de la", "of") only between capitalised words
                    gc = gj
                    while gc < ng and conn[gc] and gc - gj < 3:
                        gc += 1
                    if gc > gj and gc < ng and proper[gc]:
                        gj = gc + 1
                    else:
                        break
                gk = gi
                while gk < gj:
                    found = None
                    for w in range(min(gaz.max_words, gj - gk), min_w - 1, -1):
                        if conn[gk + w - 1]:
                            continue
                        a, b = groups[gk][0], groups[gk + w - 1][1]
                        key = norm(cols.text[idx[a] : idx[b - 1] + len(orth[b - 1])])
                        if key and key in gaz.index:
                            found = (sp[a:b], w)
                            break
                    is_loose = False
                    if found is None and gk == gi and min_w == 1:
                        # transliteration variants ("Ar Raqqa") at the start of a run, after a preposition
                        p0 = groups[gi][0] - 1
                        if p0 >= 0 and (lower[p0] in attach or orth[p0] == "("):
                            for w in range(min(gaz.max_words, gj - gk), 0, -1):
                                if is_conn(groups[gk + w - 1]):
                                    continue
                                span = sp[groups[gk][0] : groups[gk + w - 1][1]]
                                if gaz.lookup_loose(norm(span.text)):
                                    found, is_loose = (span, w), True
                                    break
                    if found is None:
                        gk += 1
                        continue
                    span, w = found
                    ok = self._support(span, gaz, stop, loc_preps, divwords, blocked, accepted)
                    if (
                        ok
                        and gk + w < gj
                        and not is_conn(groups[gk + w])
                        and not all(t.ent_type_ in PLACE_LABELS for t in span)
                    ):
                        # the name goes on ("Boko Haram", "Kabul University"): not a place unless
                        # what follows is a kind word or another place name
                        nxt_g = sp[groups[gk + w][0] : groups[gk + w][1]]
                        nk = norm(nxt_g.text)
                        nxt_place = all(t.ent_type_ in PLACE_LABELS for t in nxt_g)
                        if nk not in divwords and nk not in settle_words and not nxt_place:
                            ok = False
                    if ok and add(span, ner=False, allow_loose=is_loose) is not None:
                        accepted.append(span)
                    gk += w
                gi = max(gj, gi + 1)

        scan(2)  # multi-word names first ("Port of Spain" over NER's "Spain")
        for ent in ents:
            if ent.label_ not in PLACE_LABELS:
                continue
            if doc.in_boilerplate(ent.start_char, ent.end_char) or any(taken[t.i] for t in ent):
                continue
            ws, we = ent.start, ent.end
            while ws > 0 and not sp[ws - 1].whitespace_ and sp[ws - 1].text not in _STICKY_PUNCT:
                ws -= 1
            while we < len(sp) and not sp[we - 1].whitespace_ and sp[we].text not in _STICKY_PUNCT:
                we += 1
            widened = (ws, we) != (ent.start, ent.end) and not any(taken[t] for t in range(ws, we))
            if widened and add(sp[ws:we], ner=True) is not None:
                continue
            add(ent, ner=True)

        scan(1)
        out.sort(key=lambda m: m.start)
        return out

    def _support(
        self,
        span: Span,
        gaz: Gazetteer,
        stop: set[str],
        loc_preps: set[str],
        divwords: set[str],
        blocked: list[bool],
        accepted: list[Span],
    ) -> bool:
        """Whether a gazetteer match on a proper-noun run is credible as a place mention."""
        attach = set(lexicon()["attach_preps"])
        settle = set(lexicon()["settlement_words"])
        if len(span) == 1 and (span.text in stop or span.text.title() in stop):
            return False
        if len(span.text) < 3:
            return False
        if (
            span.text.isupper()
            and len(span.text) <= 5
            and not any(r.feature in ("PCLI", "ADM1") for r, _p in gaz.lookup(norm(span.text)))
        ):
            return False  # acronyms ("JAS", "KPK") are not towns
        sp = span.doc
        j = span.start - 1
        while j >= 0 and (sp[j].text in ARTICLES or sp[j].lower_ in LOC_ADJ) and j >= span.start - 3:
            j -= 1
        prev = sp[j] if j >= 0 else None
        locative = prev is not None and prev.lower_ in loc_preps
        # "Yakovlivka, Kharkiv", "in X and Y": a place right after a place and a comma or "and"
        if prev is not None and prev.lower_ in (",", "and", "or") and any(a.end == prev.i for a in accepted):
            locative = True
        if any(t.text == "(" for t in sp[max(0, span.start - 2) : span.start]):
            locative = True  # "(Bogra)", "(Irumu, Ituri)"
        nxt0 = sp[span.end] if span.end < len(sp) else None
        if nxt0 is not None and (nxt0.lower_ in divwords or nxt0.lower_ in settle):
            locative = True  # "Qanawat town", "Bama LGA"
        if (
            nxt0 is not None
            and nxt0.text == ","
            and span.end + 1 < len(sp)
            and sp[span.end + 1].text[:1].isupper()
            and norm(sp[span.end + 1].text) in gaz.index
        ):
            locative = True  # "shelled Barvinkove, Kharkiv"
        if any(blocked[t.i] for t in span):
            # inside a person/organisation name that goes on past the match ("Boko Haram") it is
            # not a place, unless the entity is a run-on of several names ("X and Y (Z")
            ent_end = span.end
            while ent_end < len(sp) and sp[ent_end].ent_iob_ == "I":
                ent_end += 1
            ent_start = span.start
            while ent_start > 0 and sp[ent_start].ent_iob_ == "I":
                ent_start -= 1
            run_on = any(
                (not t.is_alpha and t.text not in ("-", "'")) or t.lower_ == "and"
                for t in sp[ent_start:ent_end]
            )
            nxt_w = sp[span.end] if ent_end > span.end else None
            if nxt_w is not None and nxt_w.is_alpha and not run_on and nxt_w.lower_ not in settle:
                return False
        if any(blocked[t.i] for t in span) and not locative:
            big_org = span[0].ent_type_ == "ORG" and any(
                r.feature in ("PCLI", "ADM1") or r.population >= 100_000
                for r, _p in gaz.lookup(norm(span.text))
            )
            if not big_org:
                return False
        big = any(
            r.feature in ("PCLI", "CONT", "RGN") or r.population >= 1_000_000
            for r, _p in gaz.lookup(norm(span.text))
        )
        # a dictionary word: only after a locative preposition, and tagged as a proper noun
        if (
            len(span) == 1
            and not big
            and norm(span.text) in common_words()
            and not (
                span.start > 0 and sp[span.start - 1].lower_ in attach and span[0].tag_ in ("NNP", "NNPS")
            )
        ):
            return False
        nxt = sp[span.end] if span.end < len(sp) else None
        if locative or (nxt is not None and nxt.lower_ in divwords):
            return True
        if any(t.text == "(" for t in sp[max(0, span.start - 3) : span.start]):
            return True
        for rec, _primary in gaz.lookup(norm(span.text)):
            if rec.feature in ("PCLI", "ADM1", "CONT", "RGN", "TERR") or rec.population >= 100_000:
                return True
        return False

    # ------------------------------------------------------------------ resolution
    def _resolve(self, mentions: list[Mention]) -> None:
        for m in mentions:
            m.scores = [_prior(r, p, m) for r, p in m.cands]
            m.best = max(range(len(m.cands)), key=lambda i: m.scores[i])
        for _ in range(2):
            self._rescore(mentions)

    def _rescore(self, mentions: list[Mention]) -> None:
        for m in mentions:
            others = [o for o in mentions if o is not m and o.best >= 0 and o.key != m.key]
            cc_weight: dict[str, float] = {}
            names: set[str] = {o.key for o in others}
            points: list[tuple[float, float]] = []
            areas: list[tuple[float, float]] = []
            for o in others:
                r = o.cands[o.best][0]
                if not r.cc:
                    continue
                if o.role == "actor":
                    w = 1.0  # "the US supreme court": weak evidence of where things happen
                else:
                    w = 2.5 if (r.feature == "PCLI" or o.from_dateline) else 2.0
                cc_weight[r.cc] = max(cc_weight.get(r.cc, 0.0), w)
                if r.feature == "ADM1":
                    areas.append((r.lat, r.lon))
                elif r.feature not in ("PCLI", "CONT", "RGN"):
                    points.append((r.lat, r.lon))
                if r.admin1:
                    names.add(norm(r.admin1))
            # the same place named twice is one point (the nearest distance is the same)
            points = list(dict.fromkeys(points))
            areas = list(dict.fromkeys(areas))
            scores = []
            for r, p in m.cands:
                s = _prior(r, p, m)
                s += cc_weight.get(r.cc, 0.0) if r.feature != "PCLI" else 0.0
                if m.region_hint and r.cc:
                    country = self.gaz.country_row.get(r.cc)
                    hint_ok = (
                        m.region_hint
                        in (norm(r.admin1), norm(self.gaz.names[country]) if country is not None else "")
                        or m.region_hint == r.cc.lower()
                    )
                    s += 3.0 if hint_ok else 0.0
                if r.feature not in ("PCLI", "ADM1"):
                    if r.admin1 and norm(r.admin1) in names and norm(r.admin1) != m.key:
                        s += 2.5
                    if r.admin2 and norm(r.admin2) in names:
                        s += 2.0
                if points and r.feature not in ("PCLI", "CONT", "RGN"):
                    d = _min_km(r.lat, r.lon, points)
                    s += 2.0 if d < 50 else 1.2 if d < 150 else 0.5 if d < 400 else 0.0
                if areas and r.feature not in ("PCLI", "CONT", "RGN", "ADM1"):
                    d = _min_km(r.lat, r.lon, areas)
                    s += 1.0 if d < 250 else 0.0
                scores.append(s)
            m.scores = scores
            m.best = max(range(len(m.cands)), key=lambda i: scores[i])

    @staticmethod
    def _stray(m: Mention, mentions: list[Mention]) -> bool:
        """A small place in a country nothing else in the article points to, while two or more
        other place mentions point elsewhere."""
        rec = m.cands[m.best][0]
        if rec.feature not in ("PPL", "ADM2") or rec.population >= 50_000 or m.from_dateline:
            return False
        context: set[str] = set()
        support = 0
        for o in mentions:
            if o is m or o.best < 0 or o.role == "actor" or o.key == m.key:
                continue
            r = o.cands[o.best][0]
            if r.cc:
                context.add(r.cc)
                support += 1
        return support >= 2 and rec.cc not in context

    # ------------------------------------------------------------------ roles
    @staticmethod
    def _role(sp: Doc, m: Mention) -> str:
        if m.from_dateline:
            return "place"
        lex = lexicon()
        span = sp[m.tok_start : m.tok_end]
        tok = span.root
        nxt = sp[m.tok_end] if m.tok_end < len(sp) else None
        if nxt is not None and nxt.tag_ == "POS":
            return "actor"
        # hyphenated pair of places: "the Russia-Ukraine war"
        prev = sp[m.tok_start - 1] if m.tok_start > 0 else None
        if (
            nxt is not None
            and nxt.text in ("-", "\u2013")
            and m.tok_end + 1 < len(sp)
            and sp[m.tok_end + 1].tag_ in ("NNP", "NNPS")
        ):
            return "actor"
        if (
            prev is not None
            and prev.text in ("-", "\u2013")
            and m.tok_start >= 2
            and sp[m.tok_start - 2].tag_ == "NNP"
        ):
            return "actor"
        head = tok
        while head.dep_ in ("conj", "appos") and head.head.i != head.i:
            head = head.head
        dep = head.dep_
        if dep == "poss":
            return "actor"
        if (
            dep == "compound"
            and head.head.tag_ in ("NNP", "NNPS")
            and head.head.ent_type_ not in PLACE_LABELS
        ):
            return "actor"  # "US President", "Kenya Police"
        if dep in ("nsubj", "nsubjpass"):
            verb = head.head
            if (
                dep == "nsubj"
                and verb.pos_ == "VERB"
                and verb.lemma_.lower() not in set(lex["nonagentive_verbs"])
            ):
                return "actor"
        if dep == "pobj":
            prep = head.head
            gov = prep.head
            if prep.lower_ == "by":
                return "actor"
            if prep.lower_ == "of" and gov.tag_ in ("NNP", "NNPS") and gov.ent_type_ in ("PERSON", ""):
                return "actor"  # "President Vladimir Putin of Russia", "the President of the United States"
            rel = set(lex["relation_nouns"]) | set(lex["relation_verbs"])
            if prep.lower_ in ("between", "with", "among") and (
                gov.lemma_.lower() in rel or gov.lower_ in rel
            ):
                return "actor"
        return "place"

    # ------------------------------------------------------------------ stage
    def __call__(self, doc: Document) -> None:
        sp = doc.spacy
        assert sp is not None
        mentions = self._mentions(doc)
        if not mentions:
            return
        for m in mentions:
            m.role = self._role(sp, m)
        self._resolve(mentions)
        for m in mentions:
            if m.best < 0:
                continue
            rec, _primary = m.cands[m.best]
            exps = [math.exp(s - m.scores[m.best]) for s in m.scores]
            conf = 1.0 / sum(exps) * (0.95 if m.ner else 0.8)
            if self._stray(m, mentions):
                if not m.ner and not _primary:
                    continue  # another spelling of a small foreign town: most likely not this place
                conf *= 0.5
            role = m.role
            att = None if role != "place" or m.from_dateline else place_attachment(sp, m.start, m.end)
            doc.places.append(
                Place(
                    text=doc.text[m.start : m.end],
                    start=m.start,
                    end=m.end,
                    sentence=m.sentence,
                    name=rec.name,
                    geonameid=rec.geonameid,
                    country_code=rec.cc or None,
                    admin1=rec.admin1 or None,
                    lat=rec.lat,
                    lon=rec.lon,
                    feature_code=rec.feature,
                    role=role,
                    from_dateline=m.from_dateline,
                    confidence=round(conf, 3),
                    head=att[0].idx if att is not None else None,
                    attachment=att[1] if att is not None else None,
                )
            )

    def wants_parse(self, sent: SentenceView) -> bool:
        """Selective parsing: a sentence that may name a place (a named entity or a proper noun)."""
        numeric = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
        return bool(sent.labels - numeric) or "NNP" in sent.tags or "NNPS" in sent.tags


CONNECTORS = WORDS["connectors"]
#: adjectives allowed between a locative preposition and the place ("in central Bolton")
LOC_ADJ = WORDS["locative_adjectives"]
_STICKY_PUNCT = frozenset({",", "(", ")", ".", ":", ";", '"', "[", "]", "/", "!", "?", "\u201c", "\u201d"})


def _min_km(lat: float, lon: float, points: list[tuple[float, float]]) -> float:
    """``min(distance_km(lat, lon, la, lo) for la, lo in points)``, the same arithmetic with the
    latitude terms of ``lat`` computed once."""
    p1 = math.radians(lat)
    c1 = math.cos(p1)
    best = math.inf
    for la, lo in points:
        p2 = math.radians(la)
        dp, dl = p2 - p1, math.radians(lo - lon)
        a = math.sin(dp / 2) ** 2 + c1 * math.cos(p2) * math.sin(dl / 2) ** 2
        d = 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
        if d < best:
            best = d
    return best


def _word_groups(sp: Doc) -> list[tuple[int, int]]:
    """Token ranges of words written without spaces ("Port-au-Prince"), punctuation apart."""
    cols = _cols(sp)
    text, tag, ws = cols.orth, cols.tag, cols.ws
    out: list[tuple[int, int]] = []
    i, n = 0, len(sp)
    while i < n:
        j = i + 1
        if text[i] not in _STICKY_PUNCT and tag[i] != "POS":
            while (
                j < n
                and not ws[j - 1]
                and text[j] not in _STICKY_PUNCT
                and tag[j] != "POS"
                and text[j - 1] not in _STICKY_PUNCT
            ):
                j += 1
        # a trailing hyphen is not part of the word
        while j - 1 > i and text[j - 1] in ("-", "\u2013"):
            j -= 1
        out.append((i, j))
        i = j
    return out


class _Cols:
    """Token attributes as plain lists, read once per parse (each spaCy attribute access builds a Token)."""

    __slots__ = ("groups", "idx", "is_sent_start", "lower", "orth", "proper", "sent", "tag", "text", "ws")

    def __init__(self, sp: Doc, text: str | None = None) -> None:
        from spacy.attrs import IDX, LOWER, ORTH, SENT_START, SPACY, TAG

        self.text = sp.text if text is None else text
        strings = sp.vocab.strings
        cols = sp.to_array([IDX, ORTH, LOWER, TAG, SPACY, SENT_START]).T.tolist()
        self.idx = cols[0]
        self.orth = [strings[h] for h in cols[1]]
        self.lower = [strings[h] for h in cols[2]]
        self.tag = [strings[h] for h in cols[3]]
        self.ws = [bool(v) for v in cols[4]]
        # Token.is_sent_start: None where unset (0), False for -1, True for 1 (SENT_START is signed)
        starts = [v - (1 << 64) if v >= 1 << 63 else v for v in cols[5]]
        self.is_sent_start = [None if v == 0 else v > 0 for v in starts]
        #: index of each token's sentence, as ``Doc.sents`` cuts them
        self.sent = [0] * len(starts)
        if 0 in starts[1:]:  # not fully annotated: Doc.sents decides (and raises where it cannot)
            for k, sent in enumerate(sp.sents):
                for i in range(sent.start, sent.end):
                    self.sent[i] = k
        else:
            k = 0
            for i in range(1, len(starts)):
                if starts[i] == 1:
                    k += 1
                self.sent[i] = k
        #: filled by ``_word_groups`` / ``_proper_groups``
        self.groups: list[tuple[int, int]] | None = None
        self.proper: list[bool] | None = None


def _cols(sp: Doc, text: str | None = None) -> _Cols:
    """The columns of ``sp`` (built on first use; ``text`` is ``sp.text`` when the caller has it)."""
    cols = sp.user_data.get("eventwire_geo_cols")
    if cols is None:
        cols = _Cols(sp, text)
        sp.user_data["eventwire_geo_cols"] = cols
    return cols


def _proper_groups(sp: Doc) -> tuple[list[tuple[int, int]], list[bool]]:
    """``_word_groups(sp)`` and ``_proper`` of each, computed once per parse."""
    cols = _cols(sp)
    if cols.groups is None or cols.proper is None:
        cols.groups = _word_groups(sp)
        cols.proper = [_proper(sp, g) for g in cols.groups]
    return cols.groups, cols.proper


def _proper(sp: Doc, g: tuple[int, int]) -> bool:
    cols = _cols(sp)
    i = g[0]
    text = cols.orth[i]
    if not text[:1].isupper() or not any(ch.isalpha() for ch in text):
        return False
    if any(tag in ("NNP", "NNPS") for tag in cols.tag[g[0] : g[1]]):
        return True  # "As-Sanamayn": the tagger may call the first piece IN
    # capitalised mid-sentence words the tagger did not call proper nouns ("in Norrkoping/VBG")
    return not cols.is_sent_start[i] and cols.tag[i] not in _NOT_PROPER_TAGS


_NOT_PROPER_TAGS = ("PRP", "PRP$", "DT", "IN", "CC", "WDT", "WP", "MD")


def _region_offsets(text: str, dl: tuple[int, int, str | None]) -> tuple[int, int]:
    region = dl[2] or ""
    s = text.find(region, dl[1])
    return (s, s + len(region)) if s >= 0 else (dl[1], dl[1])


#: GeoNames feature codes from the most specific (a town) to the least (a continent)
_SPECIFIC: dict[str, int] = FEATURES["specificity"]


def _clause_anchors(sp: Doc, start: int, end: int) -> set[int]:
    """Token indices of the span and of the verbs it hangs from ("gathered" for "to protest")."""
    toks = [t for t in sp if start <= t.idx < end]
    anchors = {t.i for t in toks}
    for t in toks:
        if t.head.idx < start or t.head.idx >= end or t.head.i == t.i:
            h, steps = t, 0
            # climb through clause links only: "gathered ... to protest", "clashed and killed"
            while h.dep_ in ("xcomp", "advcl", "conj", "ccomp", "acl", "relcl", "pcomp") and steps < 3:
                h = h.head
                anchors.add(h.i)
                steps += 1
    return anchors


def place_attachment(sp: Doc, start: int, end: int) -> tuple[Token, str] | None:
    """The token the place at characters ``[start, end)`` attaches to, and how, else None.

    The place (or the place it is in apposition/conjunction with: "near Zunguluka (Irumu, Ituri)")
    must be the object of a locative preposition (lexicon ``attach_preps``: "in", "near",
    "outside"...), of "of" after a place noun or direction ("the village of X", "north of X",
    lexicon ``of_heads``), or the direct object of a verb
    ("shelled X", attachment ``"obj"``).  The token returned is the preposition's head (a verb or a
    noun such as "protest"), or the verb.
    """
    lex = lexicon()
    preps = set(lex["attach_preps"])
    place_nouns = set(lex["settlement_words"]) | set(lex["division_words"]) | set(lex.get("of_heads", ()))
    abstract = set(lex.get("abstract_heads", ())) | set(lex["relation_nouns"])
    span = sp.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    tok: Token = span.root
    hops = 0
    while tok.dep_ in ("conj", "appos", "compound", "npadvmod", "nmod") and tok.head.i != tok.i and hops < 4:
        if tok.dep_ in ("compound", "nmod") and tok.head.lower_ in abstract:
            return None  # "the Ukraine crisis", "Gaza talks": the place only modifies another noun
        tok = tok.head
        hops += 1
    if tok.dep_ == "pobj" and (
        tok.head.lower_ in preps or (tok.head.lower_ == "of" and tok.head.head.lower_ in place_nouns)
    ):
        return tok.head.head, tok.head.lower_
    if tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
        return tok.head, "obj"
    return None


def attached_place(doc: Document, start: int, end: int, fallback: bool = False) -> Place | None:
    """The place attached to the clause spanning characters ``[start, end)``, else None.

    A place is attached when it is the object of a locative preposition ("in", "near",
    "outside", "at"...; lexicon ``attach_preps``), or of "of" after a place noun ("the village of
    X"), or the direct object of a verb ("shelled X"), and that hangs, directly or through nouns,
    from a token of the span or from the verb the span's clause depends on ("gathered in X to
    protest"); a place in apposition/conjunction with such a place counts too ("near Zunguluka
    (Irumu, Ituri)").  Only ``role == "place"`` places not from the dateline count; among several,
    the most specific (town before division before country), then the nearest to the span wins.

    ``fallback=True`` returns, when nothing attaches, the most specific such locative place of
    the span's sentence (callers must flag that the location is not the clause's own).  The
    dateline is never returned.  Needs ``doc.spacy`` (call it from a stage).
    """
    sp = doc.spacy
    if sp is None:
        return None
    anchors = _clause_anchors(sp, start, end)
    best: tuple[int, int, Place] | None = None
    loose_best: tuple[int, int, Place] | None = None
    for p in doc.places:
        if p.role != "place" or p.from_dateline or p.start < 0:
            continue
        sent = doc.sentences[p.sentence] if doc.sentences else None
        if sent is not None and not (sent.start <= start < sent.end or start <= sent.start < end):
            continue
        att = place_attachment(sp, p.start, p.end)
        if att is None:
            continue
        gov = att[0]
        rank = (_SPECIFIC.get(p.feature_code or "", 3), abs(p.start - start))
        if loose_best is None or rank < loose_best[:2]:
            loose_best = (rank[0], rank[1], p)
        if not governed_by(gov, anchors):
            continue
        if best is None or rank < best[:2]:
            best = (rank[0], rank[1], p)
    if best is not None:
        return best[2]
    if fallback and loose_best is not None:
        return loose_best[2]
    return None


@stages.register("geo")
def make_geo(config: PipelineConfig) -> Stage:
    return GeoStage()
