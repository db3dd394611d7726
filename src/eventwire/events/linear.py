"""Linear scores over sparse named features and a dense vector: the arithmetic the learned event model's two
halves share (weights as written by ``scripts/train_event_model.py``: feature name -> one weight per class,
where ``v0``, ``v1``... are the positions of the dense context vector)."""

from __future__ import annotations

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

    def scores(self, rows: Sequence[tuple[dict[str, float], np.ndarray | None]]) -> np.ndarray:
        """One row of class scores (before the link function) for each (features, vector) pair."""
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
