"""The learned model's linear scores: the vectorised sum equals the one-feature-at-a-time loop bit for bit
(the confidences written out depend on the last digit), on random and on the shipped weights."""

from __future__ import annotations

import numpy as np
import pytest

from eventwire.events.learned import load_model
from eventwire.events.linear import LinearScores


def _random_case(seed: int, n_dense: int, n_rows: int) -> tuple[LinearScores, list]:
    rng = np.random.default_rng(seed)
    names = [f"f{i}" for i in range(50)]
    classes = 5
    weights = {n: rng.normal(size=classes).tolist() for n in names}
    weights.update({f"v{i}": rng.normal(size=classes).tolist() for i in range(n_dense)})
    lin = LinearScores(weights, rng.normal(size=classes).tolist(), classes)
    rows = []
    for r in range(n_rows):
        k = int(rng.integers(0, 30))
        feats = {}
        for name in rng.choice([*names, "unknown1", "unknown2", "v1x"], size=k):
            feats[str(name)] = float(rng.choice([1.0, 0.5, -2.0, 1e-300, 3.7]))
        vec = None
        if n_dense and r % 3:
            vec = rng.normal(size=n_dense if r % 5 else n_dense + 1) * 0.25  # some of the wrong length
        rows.append((feats, vec))
    return lin, rows


@pytest.mark.parametrize(
    ("seed", "n_dense", "n_rows"), [(0, 0, 40), (1, 8, 40), (2, 96, 300), (3, 96, 1), (4, 4, 0)]
)
def test_vectorised_scores_equal_the_loop(seed: int, n_dense: int, n_rows: int) -> None:
    lin, rows = _random_case(seed, n_dense, n_rows)
    a, b = lin.scores(rows), lin.scores_loop(rows)
    assert a.shape == b.shape == (n_rows, 5)
    assert a.tobytes() == b.tobytes()


@pytest.mark.parametrize("half", ["token", "sentence"])
def test_shipped_weights_score_identically(half: str) -> None:
    model = load_model()
    assert model is not None
    lin = model.linear if half == "token" else model.sentence.linear  # type: ignore[union-attr]
    names = list(lin.index)
    rng = np.random.default_rng(7)
    rows = [
        (
            {str(n): 1.0 for n in rng.choice(names, size=int(rng.integers(1, 60)))} | {"not a feature": 1.0},
            rng.normal(size=lin.dense.shape[0]) * 0.25,
        )
        for _ in range(200)
    ]
    assert lin.scores(rows).tobytes() == lin.scores_loop(rows).tobytes()
