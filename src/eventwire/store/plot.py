"""Timeline charts (matplotlib, Agg backend: no display needed)."""

from __future__ import annotations

from pathlib import Path

from .queries import Timeline

QUADS = (
    ("q1_verbal_coop", "verbal cooperation", "#4c9be8"),
    ("q2_material_coop", "material cooperation", "#1f5fa8"),
    ("q3_verbal_conflict", "verbal conflict", "#f0a04b"),
    ("q4_material_conflict", "material conflict", "#c0392b"),
)


def plot_timeline(tl: Timeline, title: str, path: str | Path) -> None:
    """Stacked bars of events per quad class, and mean Goldstein / PLOVER scale on a second axis."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    periods = [r["period"] for r in tl.rows]
    width = {"day": 0.8, "week": 5.5, "month": 24.0}[tl.freq]
    fig, ax = plt.subplots(figsize=(10, 4.8), dpi=110)
    bottom = [0] * len(periods)
    for col, label, color in QUADS:
        vals = [r[col] for r in tl.rows]
        ax.bar(periods, vals, width=width, bottom=bottom, label=label, color=color, align="edge")
        bottom = [b + v for b, v in zip(bottom, vals, strict=True)]
    other = [r["events"] - b for r, b in zip(tl.rows, bottom, strict=True)]
    if any(other):
        ax.bar(
            periods, other, width=width, bottom=bottom, label="no quad class", color="#aaaaaa", align="edge"
        )
    ax.set_ylabel(f"events per {tl.freq}")
    ax2 = ax.twinx()
    for col, label, style in (
        ("mean_goldstein", "mean Goldstein", "k-o"),
        ("mean_event_scale", "mean PLOVER scale", "g--s"),
    ):
        pts = [(r["period"], r[col]) for r in tl.rows if r[col] is not None]
        if pts:
            xs, ys = zip(*pts, strict=True)
            ax2.plot(xs, ys, style, label=label, markersize=3, linewidth=1)
    ax2.set_ylim(-10.5, 10.5)
    ax2.axhline(0, color="#888888", linewidth=0.5)
    ax2.set_ylabel("mean score (-10 conflict .. +10 cooperation)")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d" if tl.freq == "day" else "%Y-%m"))
    fig.autofmt_xdate()
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = ax2.get_legend_handles_labels()
    ax.legend(h1 + h2, l1 + l2, loc="upper left", fontsize=8, ncol=2)
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(str(path))
    plt.close(fig)
