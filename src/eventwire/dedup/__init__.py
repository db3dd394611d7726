"""dedup (see the Corpus store / dashboard issues)."""
