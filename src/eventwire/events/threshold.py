"""The default confidence threshold of coded events.

``DEFAULT_MIN_CONFIDENCE`` is set from the tune half of the corpus by the events benchmark
(benchmarks/): events whose calibrated ``confidence`` is below it are not counted as real
by default (the dashboard, the API and the ``events``/``timeline`` commands show them only
when asked).  0.0 keeps every event until the benchmark sets it.
"""

from __future__ import annotations

#: the minimum ``Event.confidence`` counted by default (set by the events benchmark)
DEFAULT_MIN_CONFIDENCE: float = 0.0
