"""Linear scores over sparse named features and a dense vector: the arithmetic the learned event model's two
halves share (weights as written by ``scripts/train_event_model.py``: feature name -> one weight per class,
where ``v0``, ``v1``... are the positions of the dense context vector)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np


class LinearScores:
    def __init__(self, weights: dict[str, list[float]], intercept: Sequence[float], n_classes: int) -> None:
        dense = [k for k in weights if k[0] == "v" and k[1:].isdigit()]
        dense_set = set(dense)
        sparse = [k for k in weights if k not in dense_set]
        self.index = {name: i for i, name in enumerate(sparse)}
        self.W = np.asarray([weights[k] for k in sparse], dtype=np.float64).reshape(len(sparse), n_classes)
        self.dense = np.zeros((max((int(k[1:]) for k in dense), default=-1) + 1, n_classes))
        for k in dense:
            self.dense[int(k[1:])] = weights[k]
        self.b = np.asarray(intercept, dtype=np.float64)
        #: the sparse weights and one more row of -0.0 for the features the model does not know
        self._zero = len(sparse)
        self._W0 = np.vstack([self.W, np.full((1, n_classes), -0.0)])

    def scores(self, rows: Sequence[tuple[dict[str, float], np.ndarray | None]]) -> np.ndarray:
        """One row of class scores (before the link function) for each (features, vector) pair.

        Row ``r`` is the intercept, plus ``value * weights`` of each of its known features in the order of its
        dict, plus ``vector @ dense``: the same float operations in the same order as adding them one by one,
        so the scores are bit for bit those of the plain loop (``scores_loop``).  The sparse part is done for
        all rows at once: step ``k`` adds every row's ``k``-th known feature."""
        z = np.tile(self.b, (len(rows), 1))
        lens = np.fromiter((len(f) for f, _ in rows), dtype=np.intp, count=len(rows))
        total = int(lens.sum())
        if total:
            # unknown features point at an extra row of -0.0 with the value 1.0: x + (-0.0) == x for every x
            cols = np.fromiter(
                map(
                    self.index.get,
                    itertools.chain.from_iterable(f for f, _ in rows),
                    itertools.repeat(self._zero),
                ),
                dtype=np.intp,
                count=total,
            )
            vals = np.fromiter(
                itertools.chain.from_iterable(f.values() for f, _ in rows), dtype=np.float64, count=total
            )
            vals[cols == self._zero] = 1.0
            starts = np.cumsum(lens) - lens
            rank = np.arange(total) - np.repeat(starts, lens)
            order = np.argsort(rank, kind="stable")
            rr = np.repeat(np.arange(len(rows)), lens)[order]
            cc, vv = cols[order], vals[order]
            bounds = (np.flatnonzero(np.diff(rank[order])) + 1).tolist()
            for a, b in zip([0, *bounds], [*bounds, total], strict=True):
                # each row at most once per step: a plain fancy-index add
                z[rr[a:b]] += vv[a:b, None] * self._W0[cc[a:b]]
        n = self.dense.shape[0]
        if n:
            have = [
                r for r, (_features, vector) in enumerate(rows) if vector is not None and len(vector) == n
            ]
            if have:
                # one vector-matrix product per row, as the loop does (a matrix product sums in another order)
                dense = self.dense
                z[have] += np.stack([rows[r][1] @ dense for r in have])  # type: ignore[operator]
        return z

    def scores_loop(self, rows: Sequence[tuple[dict[str, float], np.ndarray | None]]) -> np.ndarray:
        """``scores`` one feature at a time (the reference the vectorised version is tested against)."""
        z = np.tile(self.b, (len(rows), 1))
        n = self.dense.shape[0]
        for r, (features, vector) in enumerate(rows):
            for name, v in features.items():
                i = self.index.get(name)
                if i is not None:
                    z[r] += v * self.W[i]
            if n and vector is not None and len(vector) == n:
                z[r] += vector @ self.dense
        return z
