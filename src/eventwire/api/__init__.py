"""The HTTP API and dashboard over a corpus store (``eventwire serve``; ``create_app``)."""
