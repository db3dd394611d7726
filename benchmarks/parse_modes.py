"""Parse modes: ``full`` (every sentence parsed) against ``selective`` (the parser only where wanted).

On the first N news articles of ``../shared/data/news/allsides-2019-2020/articles.jsonl``, single process:

* where the bare spaCy time goes, pipe by pipe (CPU seconds, one pass);
* the parse step and the whole run (parse, every stage, JSON out) in both modes, repeated and interleaved
  with a bare ``nlp.pipe`` of the same texts (the CPU is shared: medians of wall and CPU time);
* how many sentences and tokens the selective mode kept from the parser;
* output agreement: the share of full-mode records (events, quotes, entities, times, places, sentences)
  that the selective mode gives identically (``id`` and sentence index aside), and the articles whose
  records are all identical;
* with ``--accuracy``: the events, quotes (dev) and actors benchmarks run in both modes (subprocesses).

Writes ``benchmarks/results/parse_modes.md`` (full run: no ``--articles`` below the default).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, require, shared_dir, table, write_result
from eventwire.config import PipelineConfig
from eventwire.ingest import read_jsonl
from eventwire.model import Article, Document
from eventwire.pipeline import Pipeline

NEWS = "data/news/allsides-2019-2020/articles.jsonl"
RECORDS = ("events", "quotes", "entities", "times", "places", "sentences")
DROP = ("id", "sentence", "index")
MODES = ("full", "selective")


def load_articles(n: int) -> list[Article]:
    path = require(shared_dir() / NEWS, "the news corpus")
    out: list[Article] = []
    with path.open(encoding="utf-8") as f:
        for rec in read_jsonl(f, str(path)):
            if isinstance(rec, Article):
                out.append(rec)
            if len(out) >= n:
                break
    return out


# --------------------------------------------------------------------------- where spaCy's time goes


def pipe_breakdown(pipe: Pipeline, texts: list[str]) -> list[list[object]]:
    """CPU seconds per pipe over ``texts`` (tokenizer, each enabled pipe, the disabled senter)."""
    nlp = pipe.nlp
    rows: list[list[object]] = []
    t0 = time.process_time()
    docs = [nlp.make_doc(t) for t in texts]
    rows.append(["tokenizer", time.process_time() - t0])
    before_ruler: list = []
    for name, proc in nlp.pipeline:
        if name == "attribute_ruler":
            before_ruler = [d.copy() for d in docs]
        t0 = time.process_time()
        docs = list(proc.pipe(docs, batch_size=32))  # type: ignore[attr-defined]
        rows.append([name, time.process_time() - t0])
    total = sum(float(r[1]) for r in rows)  # type: ignore[arg-type]  (the pipes of a full parse)
    from eventwire.nlp.attrs import compile_ruler

    fast = compile_ruler(nlp.get_pipe("attribute_ruler")) if "attribute_ruler" in nlp.pipe_names else None
    if fast is not None and before_ruler:
        # the same ruler, its patterns matched vectorised (what the selective mode runs)
        ruler = nlp.get_pipe("attribute_ruler")
        same = all(fast.match(d) == ruler.match(d) for d in before_ruler)  # type: ignore[attr-defined]
        t0 = time.process_time()
        list(fast.pipe(before_ruler))
        label = "identical matches" if same else "**matches differ**"
        spent = time.process_time() - t0
        rows.append([f"attribute_ruler, vectorised matching (selective mode; {label})", spent])
    senter = nlp.get_pipe("senter") if "senter" in nlp.component_names else None
    if senter is not None:
        fresh = [nlp.make_doc(t) for t in texts]
        t0 = time.process_time()
        list(senter.pipe(fresh, batch_size=32))  # type: ignore[attr-defined]
        rows.append(["senter (disabled; selective mode runs it)", time.process_time() - t0])
    return [[n, s, f"{100 * float(s) / total:.1f}%"] for n, s in rows]  # type: ignore[arg-type]


# --------------------------------------------------------------------------- timing


class Timed:
    """A pipeline whose parse step is timed (wall and CPU)."""

    def __init__(self, mode: str) -> None:
        self.pipe = Pipeline(PipelineConfig(parse=mode))
        self.parse_wall = 0.0
        self.parse_cpu = 0.0
        inner: Callable[[list[Document]], None] = self.pipe._parse

        def parse(docs: list[Document]) -> None:
            w, c = time.perf_counter(), time.process_time()
            inner(docs)
            self.parse_wall += time.perf_counter() - w
            self.parse_cpu += time.process_time() - c

        self.pipe._parse = parse  # type: ignore[method-assign]

    def run(self, arts: list[Article]) -> tuple[float, float, float, float, list[dict]]:
        self.parse_wall = self.parse_cpu = 0.0
        w, c = time.perf_counter(), time.process_time()
        out = []
        for d in self.pipe.run(arts):
            rec = d.to_dict() if isinstance(d, Document) else {"reject": d.reason}
            json.dumps(rec, ensure_ascii=False)
            out.append(rec)
        return time.perf_counter() - w, time.process_time() - c, self.parse_wall, self.parse_cpu, out


def bare_parse(pipe: Pipeline, texts: list[str]) -> tuple[float, float]:
    w, c = time.perf_counter(), time.process_time()
    for _ in pipe.nlp.pipe(texts, batch_size=pipe.config.batch_size):
        pass
    return time.perf_counter() - w, time.process_time() - c


# --------------------------------------------------------------------------- agreement


def _strip(x: object) -> object:
    """``x`` without ids and sentence indexes (at any depth: an event's actors carry theirs)."""
    if isinstance(x, dict):
        return {k: _strip(v) for k, v in x.items() if k not in DROP}
    if isinstance(x, list):
        return [_strip(v) for v in x]
    return x


def _key(rec: dict) -> str:
    return json.dumps(_strip(rec), sort_keys=True, ensure_ascii=False)


def agreement(full: list[dict], sel: list[dict]) -> list[list[object]]:
    rows: list[list[object]] = []
    for kind in RECORDS:
        nf = ns = same = arts_same = 0
        for a, b in zip(full, sel, strict=True):
            fa = Counter(_key(r) for r in a.get(kind, []))
            fb = Counter(_key(r) for r in b.get(kind, []))
            nf += sum(fa.values())
            ns += sum(fb.values())
            same += sum((fa & fb).values())
            arts_same += fa == fb
        rows.append(
            [kind, nf, ns, f"{same / nf:.3f}" if nf else "-", f"{arts_same}/{len(full)}"]
        )
    return rows


# --------------------------------------------------------------------------- accuracy benchmarks

ACCURACY = {
    "events": ["benchmarks/events.py"],
    "quotes": ["benchmarks/quotes.py", "--split", "dev", "--no-textacy"],
    "actors": ["benchmarks/actors.py"],
}


def md_tables(text: str) -> list[list[list[str]]]:
    out: list[list[list[str]]] = []
    cur: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not all(set(c) <= set("-: ") for c in cells):
                cur.append(cells)
        elif cur:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def headline(name: str, tabs: list[list[list[str]]]) -> list[tuple[str, str]]:
    """The rows a reader compares first, as (metric, value)."""
    out: list[tuple[str, str]] = []
    if name == "events" and tabs:
        out += [(r[0], r[1]) for r in tabs[0][1:]]
    elif name == "quotes":
        for t in tabs:
            head = t[0]
            for r in t[1:]:
                if r[0].startswith("eventwire /"):
                    out += [(f"{r[0]}: {h}", v) for h, v in zip(head[1:], r[1:], strict=False)]
    elif name == "actors":
        for t in tabs[1:]:
            head = t[0]
            out += [(f"{head[0]}: {r[0]}", " / ".join(r[1:])) for r in t[1:]]
    return out


def run_accuracy(saved: Path | None) -> tuple[list[list[object]], list[str]]:
    rows: list[list[object]] = []
    notes: list[str] = []
    for name, cmd in ACCURACY.items():
        texts: dict[str, str] = {}
        for mode in MODES:
            path = saved / f"{name}-{mode}.txt" if saved else None
            if path is not None and path.exists():
                texts[mode] = path.read_text(encoding="utf-8")
                continue
            res = subprocess.run(
                [sys.executable, *cmd, "--parse", mode], cwd=ROOT, capture_output=True, text=True, check=False
            )
            texts[mode] = res.stdout
            if path is not None:
                path.write_text(res.stdout, encoding="utf-8")
        tf, ts = md_tables(texts["full"]), md_tables(texts["selective"])
        hf, hs = dict(headline(name, tf)), dict(headline(name, ts))
        for metric, v in hf.items():
            rows.append([name, metric, v, hs.get(metric, "-"), "yes" if v == hs.get(metric) else "**no**"])
        cells = sum(len(r) for t in tf for r in t)
        diff = sum(
            a != b
            for t1, t2 in zip(tf, ts, strict=False)
            for r1, r2 in zip(t1, t2, strict=False)
            for a, b in zip(r1, r2, strict=False)
        )
        notes.append(
            f"{name}: {'every table cell identical' if tf == ts else f'{diff} of {cells} table cells differ'}"
            f" ({' '.join(cmd)} --parse full|selective)"
        )
    return rows, notes


# --------------------------------------------------------------------------- main


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=200, help="first N news articles")
    ap.add_argument("--repeats", type=int, default=3, help="timed runs of each mode (interleaved)")
    ap.add_argument("--accuracy", action="store_true", help="also run the accuracy benchmarks in both modes")
    ap.add_argument("--saved", type=Path, default=None, help="reuse/keep accuracy benchmark outputs here")
    args = ap.parse_args()
    arts = load_articles(args.articles)
    texts = [a.text for a in arts]
    words = sum(len(t.split()) for t in texts)
    runs = {m: Timed(m) for m in MODES}
    out = [
        "# Parse modes: full against selective",
        "",
        f"Command: `.venv/bin/python benchmarks/parse_modes.py {' '.join(sys.argv[1:])}`".replace(" `", " `"),
        "",
        f"{len(arts)} news articles ({words:,} words), one process; the CPU is shared with other jobs, so",
        f"times are medians of {args.repeats} interleaved runs (wall and CPU seconds).",
        "",
        "## Where the bare spaCy time goes (CPU seconds, one pass)",
        "",
        table(["pipe", "CPU s", "share"], pipe_breakdown(runs["full"].pipe, texts)),
        "",
    ]
    print("\n".join(out), file=sys.stderr)
    times: dict[str, list[tuple[float, float, float, float]]] = {m: [] for m in (*MODES, "bare")}
    outputs: dict[str, list[dict]] = {}
    for rep in range(args.repeats):
        order = ["bare", *MODES] if rep % 2 == 0 else [*reversed(MODES), "bare"]
        for mode in order:
            if mode == "bare":
                w, c = bare_parse(runs["full"].pipe, texts)
                times["bare"].append((w, c, w, c))
                continue
            before = (runs[mode].pipe.parse_stats.sentences, runs[mode].pipe.parse_stats.parsed_sentences)
            w, c, pw, pc, recs = runs[mode].run(arts)
            times[mode].append((w, c, pw, pc))
            outputs.setdefault(mode, recs)
            print(f"run {rep + 1} {mode}: {w:.1f} s wall, parse {pw:.1f} s ({before})", file=sys.stderr)

    def med(mode: str, i: int) -> float:
        return statistics.median(t[i] for t in times[mode])

    base = med("full", 3)
    trows: list[list[object]] = [
        ["bare spaCy nlp.pipe (all pipes)", med("bare", 0), med("bare", 1), "-", "-", "-"],
    ]
    for mode in MODES:
        trows.append(
            [
                f"eventwire --parse {mode}",
                med(mode, 2),
                med(mode, 3),
                med(mode, 0),
                med(mode, 1),
                f"{med(mode, 3) / base:.3f}",
            ]
        )
    st = runs["selective"].pipe.parse_stats
    n_runs = len(times["selective"])
    out += [
        "## Time",
        "",
        table(
            ["run", "parse wall s", "parse CPU s", "end-to-end wall s", "end-to-end CPU s", "parse CPU/full"],
            trows,
        ),
        "",
        "## What the selective mode parsed",
        "",
        table(
            ["sentences", "parsed", "skipped share", "tokens", "parsed tokens", "skipped token share"],
            [
                [
                    st.sentences // n_runs,
                    st.parsed_sentences // n_runs,
                    f"{st.skipped_share:.3f}",
                    st.tokens // n_runs,
                    st.parsed_tokens // n_runs,
                    f"{st.skipped_token_share:.3f}",
                ]
            ],
        ),
        "",
        "## Output agreement on the news articles (selective against full)",
        "",
        table(
            ["records", "full", "selective", "identical (share of full)", "articles all identical"],
            agreement(outputs["full"], outputs["selective"]),
        ),
        "",
    ]
    if args.accuracy:
        if args.saved:
            args.saved.mkdir(parents=True, exist_ok=True)
        rows, notes = run_accuracy(args.saved)
        out += [
            "## Accuracy benchmarks in both modes",
            "",
            table(["benchmark", "metric", "full", "selective", "same"], rows),
            "",
            *[f"- {n}" for n in notes],
            "",
        ]
    text = "\n".join(out)
    print(text)
    if args.articles >= 200 and args.accuracy:
        print(f"wrote {write_result('parse_modes', text)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
