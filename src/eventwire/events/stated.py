"""Statements as events, linked to their quotation.

An event whose trigger lies inside a quotation's content ("'They lied to the American people,' Pelosi said")
or is the quotation's reporting verb ("he warned that ...") is an act stated in that quotation:
``Event.quote`` records which one (an index into ``Document.quotes``; ``quotes.idx`` in the store), so a
reader can go from the event to the words and the speaker it rests on.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Document, Event


def stated_in(doc: Document, ev: Event) -> int | None:
    """Index of the quotation ``ev`` is stated in, or None."""
    t0 = ev.trigger_start if ev.trigger_start is not None else ev.start
    t1 = ev.trigger_end if ev.trigger_end is not None else ev.end
    # inside the content; of nested quotations, the innermost holds the words
    inside = [
        (q.content_end - q.content_start, i)
        for i, q in enumerate(doc.quotes)
        if q.content_start <= t0 and t1 <= q.content_end
    ]
    if inside:
        return min(inside)[1]
    for i, q in enumerate(doc.quotes):
        if q.cue_start is not None and q.cue_end is not None and q.cue_start < t1 and t0 < q.cue_end:
            return i
    return None


def link_quotes(doc: Document, events: Iterable[Event]) -> None:
    """Set ``quote`` on every event stated in one of the document's quotations."""
    if not doc.quotes:
        return
    for ev in events:
        ev.quote = stated_in(doc, ev)
