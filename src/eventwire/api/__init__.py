"""api (see the Corpus store / dashboard issues)."""
