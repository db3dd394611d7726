"""Build the word clusters the learned event model reads (``data/events/model/word_clusters.tsv``).

    .venv/bin/python scripts/build_word_clusters.py [--clusters 300] [--min-count 5]

Distributional clusters let the model generalise from a word it was trained on to words used like it
("slammed", "denounced", "chided" beside "criticized"): a feature ``wc=<cluster>`` fires for every word of a
cluster.

Method (no text is shipped, only word -> cluster id):
- unlabelled text: the news corpus (``shared/data/news/allsides-2019-2020``) without the 36 articles of the
  exhaustive development set, and the PolNeAR article texts (``shared/data/quotes-dev/polnear/*/text``);
- lower-cased word tokens; words seen at least ``--min-count`` times;
- co-occurrence within 4 words (weighted 1/distance) with the 10,000 most frequent words, positive PMI with
  context smoothing 0.75, truncated SVD to 200 dimensions, unit-length rows;
- k-means (scikit-learn, ``random_state=0``) into ``--clusters`` clusters.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "data" / "news" / "allsides-2019-2020" / "articles.jsonl"
EXH = SHARED / "data" / "events-dev" / "news-exhaustive" / "articles.jsonl"
POLNEAR = SHARED / "data" / "quotes-dev" / "polnear"
OUT = ROOT / "src" / "eventwire" / "data" / "events" / "model" / "word_clusters.tsv"
TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?")
WINDOW = 4
CONTEXTS = 10_000
DIMENSIONS = 200


def texts() -> list[str]:
    held_out = {json.loads(line)["id"] for line in EXH.read_text(encoding="utf-8").splitlines()}
    out = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        art = json.loads(line)
        if art["id"] not in held_out:
            out.append(art["text"])
    for path in sorted(POLNEAR.glob("*/text/*.txt")):
        out.append(path.read_text(encoding="utf-8", errors="replace"))
    return out


def embeddings(docs: list[list[str]], min_count: int) -> tuple[list[str], np.ndarray]:
    from scipy import sparse
    from sklearn.utils.extmath import randomized_svd

    counts = Counter(w for d in docs for w in d)
    vocab = [w for w, c in counts.most_common() if c >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    cindex = {w: i for i, w in enumerate(vocab[:CONTEXTS])}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for d in docs:
        ids = [index.get(w, -1) for w in d]
        cids = [cindex.get(w, -1) for w in d]
        for i, wi in enumerate(ids):
            if wi < 0:
                continue
            for j in range(max(0, i - WINDOW), min(len(d), i + WINDOW + 1)):
                if j != i and cids[j] >= 0:
                    rows.append(wi)
                    cols.append(cids[j])
                    vals.append(1.0 / abs(i - j))
    m = sparse.coo_matrix((vals, (rows, cols)), shape=(len(vocab), len(cindex))).tocsr().tocoo()
    total = m.sum()
    row_sum = np.asarray(m.sum(axis=1)).ravel()
    col_p = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    col_p /= col_p.sum()
    pmi = np.log(m.data / (row_sum[m.row] / total) / col_p[m.col] / total)
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)
    u, s, _ = randomized_svd(ppmi, DIMENSIONS, random_state=0)
    e = u * np.sqrt(s)
    return vocab, e / (np.linalg.norm(e, axis=1, keepdims=True) + 1e-9)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clusters", type=int, default=300)
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    from sklearn.cluster import KMeans

    docs = [TOKEN.findall(t.lower().replace("\u2019", "'")) for t in texts()]
    vocab, e = embeddings(docs, args.min_count)
    labels = KMeans(args.clusters, n_init=1, random_state=0).fit(e).labels_
    lines = [
        f"# word clusters for the learned event model: {len(vocab)} words, {args.clusters} clusters; "
        "built by scripts/build_word_clusters.py (see data/events/model/SOURCE.md)",
        *(f"{w}\t{c}" for w, c in zip(vocab, labels, strict=True)),
    ]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(vocab)} words from {sum(map(len, docs))} tokens, {args.clusters} clusters")


if __name__ == "__main__":
    main()
