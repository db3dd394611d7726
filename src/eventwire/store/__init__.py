"""store (see the Corpus store / dashboard issues)."""
