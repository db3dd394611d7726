# ruff: noqa: A005 - the benchmark is named after its stage
"""Benchmark of the ``time`` stage on the TimeML TBAQ data (TimeBank + AQUAINT).

Run: ``.venv/bin/python benchmarks/time.py [--limit N] [--full] [--no-cache]``

Reads ``$EVENTWIRE_SHARED/data/time-dev/tbaq`` (default: the ``shared`` folder beside the
repository).  Each document's creation time (the DCT TIMEX3) is the article date and is
left out of both gold and predictions.  The text is the content of the TEXT element with
its tags stripped and XML entities decoded; gold offsets are computed on that text.

Scores, in the manner of TempEval-3:

* span F1, strict (same start and end) and relaxed (any overlap, one-to-one);
* value F1: a relaxed match whose normalised value equals gold's counts as correct;
  precision = correct / predicted, recall = correct / gold;
* type accuracy on relaxed matches.

dateparser's ``search_dates`` (anchored on the DCT) is scored in the same table as a
baseline.  ``--full`` runs ``Pipeline.run`` with every stage; by default the documents
are parsed once (cached under /tmp) and only the ``boilerplate`` and ``time`` stages run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS as RESULTS_DIR
from common import shared_dir
from metrics import prf

SHARED = shared_dir()
DATA = SHARED / "data" / "time-dev" / "tbaq"
RESULTS = RESULTS_DIR / "time.md"
CACHE_DIR = Path("/tmp/eventwire-time-bench")


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str | None


@dataclass
class TmlDoc:
    id: str
    text: str
    dct: dt.date
    gold: list[GoldTimex]


_TAG_OR_ENT = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>|&(#?[A-Za-z0-9]+);")
_ATTR = re.compile(r'([A-Za-z]+)="([^"]*)"')


def read_tml(path: Path) -> TmlDoc | None:
    raw = path.read_text(encoding="utf-8")
    m = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    if m is None:
        return None
    attrs = dict(_ATTR.findall(m.group(0)))
    dct = dt.date.fromisoformat(attrs["value"][:10])
    t = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if t is None:
        return None
    body = t.group(1)
    out: list[str] = []
    n = 0
    pos = 0
    gold: list[GoldTimex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    for mm in _TAG_OR_ENT.finditer(body):
        chunk = body[pos : mm.start()]
        out.append(chunk)
        n += len(chunk)
        pos = mm.end()
        if mm.group(4) is not None:  # an entity
            ch = html.unescape(mm.group(0))
            out.append(ch)
            n += len(ch)
            continue
        closing, name, rest = mm.group(1), mm.group(2), mm.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (n, dict(_ATTR.findall(rest)))
        elif open_timex is not None:
            s, a = open_timex
            open_timex = None
            if a.get("functionInDocument") == "CREATION_TIME":
                continue
            gold.append(GoldTimex(s, n, "", a.get("type", ""), a.get("value")))
    out.append(body[pos:])
    text = "".join(out)
    for g in gold:
        g.text = text[g.start : g.end]
    return TmlDoc(path.stem, text, dct, gold)


def load_corpus(limit: int | None) -> list[TmlDoc]:
    docs: list[TmlDoc] = []
    seen: set[str] = set()
    for sub in ("TimeBank", "AQUAINT"):
        for p in sorted((DATA / sub).glob("*.tml")):
            if p.stem in seen:
                continue
            d = read_tml(p)
            if d is not None:
                seen.add(p.stem)
                docs.append(d)
    if limit:
        docs = docs[:limit]
    return docs


Pred = tuple[int, int, str, str | None]  # start, end, type, value


def run_eventwire(docs: list[TmlDoc], full: bool, use_cache: bool) -> list[list[Pred]]:
    from eventwire.config import PipelineConfig
    from eventwire.ingest import make_article
    from eventwire.model import Document

    articles = [make_article(text=d.text, date=d.dct.isoformat(), id=d.id) for d in docs]
    if full:
        from eventwire.pipeline import Pipeline

        pipe = Pipeline()
        out: list[list[Pred]] = []
        for res in pipe.run(articles):
            if isinstance(res, Document):
                out.append([(t.start, t.end, t.type, t.value) for t in res.times])
            else:
                print(f"rejected: {res.origin}: {res.reason}", file=sys.stderr)
                out.append([])
        return out

    from spacy.tokens import DocBin

    from eventwire.nlp import load_model, parse_documents, sentences_of
    from eventwire.pipeline import _import_stages
    from eventwire.registry import stages

    config = PipelineConfig()
    nlp = load_model(config.model)
    key = hashlib.sha1("\x00".join(d.text for d in docs).encode()).hexdigest()[:16]
    cache = CACHE_DIR / f"{config.model}-{key}.spacy"
    documents = [Document(a) for a in articles]
    if use_cache and cache.exists():
        parsed = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        for d, sd in zip(documents, parsed, strict=True):
            d.spacy = sd
            d.sentences = list(sentences_of(sd))
    else:
        parse_documents(nlp, documents, config.chunk_chars, config.batch_size)
        if use_cache:
            CACHE_DIR.mkdir(parents=True, exist_ok=True)
            db = DocBin(store_user_data=False)
            for d in documents:
                assert d.spacy is not None
                db.add(d.spacy)
            db.to_disk(cache)
    _import_stages()
    run = [stages.get(name)(config) for name in ("boilerplate", "time")]
    t0 = time.perf_counter()
    for d in documents:
        for st in run:
            st(d)
    el = time.perf_counter() - t0
    print(f"boilerplate+time stages: {el:.2f} s for {len(documents)} documents", file=sys.stderr)
    return [[(t.start, t.end, t.type, t.value) for t in d.times] for d in documents]


def run_dateparser(docs: list[TmlDoc]) -> list[list[Pred]]:
    from dateparser.search import search_dates

    out: list[list[Pred]] = []
    for d in docs:
        anchor = dt.datetime.combine(d.dct, dt.time(12))
        settings = {"RELATIVE_BASE": anchor, "PREFER_DATES_FROM": "past"}
        found = search_dates(d.text, languages=["en"], settings=settings) or []
        preds: list[Pred] = []
        pos = 0
        for surface, when in found:
            i = d.text.find(surface, pos)
            if i < 0:
                continue
            pos = i + len(surface)
            preds.append((i, i + len(surface), "DATE", _dp_value(surface, when)))
        out.append(preds)
    return out


def _dp_value(surface: str, when: dt.datetime) -> str:
    """dateparser returns a datetime; give it the granularity the surface shows."""
    s = surface.lower()
    if re.fullmatch(r"\s*(1[5-9]|20)\d\d\s*", s):
        return f"{when.year:04d}"
    if re.search(r"\b(year)\b", s) and not re.search(r"\d", s):
        return f"{when.year:04d}"
    if re.search(r"\bmonth\b", s) or (
        re.search(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", s)
        and not re.search(r"\d{1,2}\b", s)
    ):
        return f"{when.year:04d}-{when.month:02d}"
    if re.search(r"\bweek\b", s):
        y, w, _ = when.isocalendar()
        return f"{y:04d}-W{w:02d}"
    if re.search(r"\d{1,2}:\d\d|\b(a\.?m|p\.?m)\b", s):
        return when.strftime("%Y-%m-%dT%H:%M")
    return when.date().isoformat()


def lenient_equal(ours: str, gold: str | None) -> bool:
    """Equal up to annotation conventions (see the note under the table)."""
    if gold is None:
        return False
    if ours == gold:
        return True
    if re.fullmatch(r"\d{4}-WXX", gold) and re.fullmatch(r"\d{4}-W\d\d", ours):
        return ours[:4] == gold[:4]
    strip = re.compile(r"T(?:MO|AF|EV|NI|DT)$")
    if strip.sub("", ours) == strip.sub("", gold):
        return True
    if re.fullmatch(r".*T\d\d:00", ours) and ours[:-3] == gold:
        return True
    return re.sub(r"(?:-XX)+$", "", gold) == ours


@dataclass
class Score:
    gold: int = 0
    pred: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    lenient: int = 0
    type: int = 0

    def add(self, gold: list[GoldTimex], preds: list[Pred]) -> None:
        self.gold += len(gold)
        self.pred += len(preds)
        gs = {(g.start, g.end) for g in gold}
        self.strict += sum(1 for p in preds if (p[0], p[1]) in gs)
        used: set[int] = set()
        for g in gold:
            best = None
            for j, p in enumerate(preds):
                if j in used or p[1] <= g.start or p[0] >= g.end:
                    continue
                if best is None or (p[0], p[1]) == (g.start, g.end):
                    best = j
            if best is None:
                continue
            used.add(best)
            p = preds[best]
            self.relaxed += 1
            self.value += int(p[3] is not None and p[3] == g.value)
            self.lenient += int(p[3] is not None and lenient_equal(p[3], g.value))
            self.type += int(p[2] == g.type)

    def row(self, name: str) -> str:
        cells = [name]
        for c in (self.strict, self.relaxed, self.value, self.lenient):
            p, r, f = prf(c, self.pred, self.gold)
            cells.append(f"{p:.3f} / {r:.3f} / **{f:.3f}**")
        cells.append(f"{self.type / self.relaxed:.3f}" if self.relaxed else "-")
        cells.append(f"{self.gold} / {self.pred}")
        return "| " + " | ".join(cells) + " |"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="first N documents only")
    ap.add_argument("--full", action="store_true", help="run Pipeline.run with every stage")
    ap.add_argument("--no-cache", action="store_true", help="do not cache parses under /tmp")
    ap.add_argument("--no-baseline", action="store_true", help="skip the dateparser baseline")
    ap.add_argument("--errors", type=int, default=0, help="print N value errors")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"TimeML data not found at {DATA}; set EVENTWIRE_SHARED. Nothing to do.")
        return 0
    docs = load_corpus(args.limit)
    t0 = time.perf_counter()
    ours = run_eventwire(docs, args.full, not args.no_cache)
    t_ours = time.perf_counter() - t0
    rows = []
    sc = Score()
    for d, p in zip(docs, ours, strict=True):
        sc.add(d.gold, p)
    rows.append(sc.row("eventwire `time`"))
    if not args.no_baseline:
        t0 = time.perf_counter()
        base = run_dateparser(docs)
        t_base = time.perf_counter() - t0
        sb = Score()
        for d, p in zip(docs, base, strict=True):
            sb.add(d.gold, p)
        rows.append(sb.row("dateparser `search_dates`"))
    n_gold = sum(len(d.gold) for d in docs)
    mode = "Pipeline.run, all stages" if args.full else "parse + boilerplate + time stages"
    lines = [
        "# Time expressions: TimeML TBAQ (TimeBank + AQUAINT)",
        "",
        f"{len(docs)} documents, {n_gold} gold TIMEX3 (DCT excluded); anchor = each document's DCT; "
        f"eventwire run as: {mode}.",
        "",
        "| system | strict span P / R / F1 | relaxed span P / R / F1 | value P / R / F1 "
        "| value, lenient P / R / F1 | type acc. | gold / pred |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"Wall time: eventwire {t_ours:.1f} s (including parse unless cached)"
        + (f", dateparser {t_base:.1f} s." if not args.no_baseline else "."),
        "",
        "Value F1 as TempEval-3: a value counts when the span overlaps gold and the value is equal; "
        "precision over all predictions, recall over all gold.  The lenient column (not TempEval-3) also "
        "accepts values that differ from gold only by annotation convention: an ISO week where gold "
        "leaves the week unspecified (`1989-W43` for `1989-WXX`), a part of day the gold leaves out or "
        "names differently (`2000-01-05TNI` for `2000-01-05` or `...TEV`), `T17:00` for `T17`, and a "
        "year where gold pads it with unknown months (`1968` for `1968-XX`).",
        "",
        "Command: `.venv/bin/python benchmarks/time.py" + (" --full" if args.full else "") + "`",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.limit is None and not args.no_baseline:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(text, encoding="utf-8")
    if args.errors:
        _print_errors(docs, ours, args.errors)
    return 0


def _print_errors(docs: list[TmlDoc], ours: list[list[Pred]], n: int) -> None:
    shown = 0
    for d, preds in zip(docs, ours, strict=True):
        for g in d.gold:
            hit = [p for p in preds if not (p[1] <= g.start or p[0] >= g.end)]
            if hit and hit[0][3] is not None and lenient_equal(hit[0][3], g.value):
                continue
            got = ", ".join(f"{d.text[p[0] : p[1]]!r}={p[3]}" for p in hit) or "MISSED"
            ctx = d.text[max(0, g.start - 50) : g.end + 30].replace("\n", " ")
            print(f"{d.id} dct={d.dct} gold {g.text!r}={g.value} ({g.type}) got {got} :: ...{ctx}...")
            shown += 1
            if shown >= n:
                return
        for p in preds:
            if not any(not (p[1] <= g.start or p[0] >= g.end) for g in d.gold):
                print(f"{d.id} dct={d.dct} SPURIOUS {d.text[p[0] : p[1]]!r}={p[3]}")
                shown += 1
                if shown >= n:
                    return


if __name__ == "__main__":
    raise SystemExit(main())
