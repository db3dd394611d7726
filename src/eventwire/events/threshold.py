"""The default ``--min-confidence``: events below it are not shown unless asked for.

Chosen on the tune half of the exhaustive news set (out-of-fold, by ``scripts/train_event_model.py``, which
prints it and writes it into the model file as ``threshold``) for precision; ``tests/test_event_model.py``
checks that this constant and the shipped model agree.  Every event is still stored with its confidence.
"""

DEFAULT_MIN_CONFIDENCE: float = 0.6
