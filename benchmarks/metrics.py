"""Precision, recall and F1: one definition for every benchmark."""

from __future__ import annotations


def prf(tp: float, n_pred: float, n_gold: float, tp_gold: float | None = None) -> tuple[float, float, float]:
    """(precision, recall, F1) from ``tp`` true positives among ``n_pred`` predictions and ``n_gold`` gold
    items; ``tp_gold``, when matching is not one-to-one, counts the gold items matched (for recall).
    An empty denominator gives 0.0."""
    p = tp / n_pred if n_pred else 0.0
    r = (tp if tp_gold is None else tp_gold) / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
