"""Lookups into the knowledge base that the mention finder makes for every token: the first words of the
lexicon's, the people's and the agents' keys (a word no key starts with cannot begin a match), people by
name, and the longest generic agent or title at a token.  The word sets are rebuilt if the knowledge
base grew."""

from __future__ import annotations

from spacy.tokens import Doc

from .kb import KnowledgeBase, norm
from .tokens import first_word, toks


class KbIndex:
    """The knowledge base with the word sets the per-token lookups need."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._firsts_of: tuple[int, int] = (-1, -1)
        #: first words of the lexicon's keys (states, demonyms, seats of power, organisations)
        self.lex_first: set[str] = set()
        #: first words of the people's keys
        self.alias_first: set[str] = set()
        self._agent_first_of = -1
        self._agent_first_set: set[str] = set()
        self._heads_of = -1
        self._heads: set[str] = set()

    def refresh(self) -> None:
        """The first words of the lexicon's and the people's keys, rebuilt if the knowledge base grew."""
        sizes = (len(self.kb.lexicon), len(self.kb.by_alias))
        if sizes != self._firsts_of:
            self.lex_first = {k.split(" ")[0] for k in self.kb.lexicon}
            self.alias_first = {k.split(" ")[0] for k in self.kb.by_alias}
            self._firsts_of = sizes

    def agent_first(self) -> set[str]:
        """First words of the generic agents' and titles' keys."""
        if self._agent_first_of != len(self.kb.agents):
            self._agent_first_set = {k.split(" ")[0] for k in self.kb.agents}
            self._agent_first_of = len(self.kb.agents)
        return self._agent_first_set

    def agent_heads(self) -> set[str]:
        """Last (head) words of the generic agents' and titles' keys."""
        if self._heads_of != len(self.kb.agents):
            self._heads = {k.split(" ")[-1] for k in self.kb.agents}
            self._heads_of = len(self.kb.agents)
        return self._heads

    def people(self, text: str, key: str | None = None) -> list[int]:
        """Indices of the people the name ``text`` (normalised: ``key``) may be; a name of three words
        or more also by its first and last word."""
        if key is None:
            key = norm(text)
        hits = self.kb.by_alias.get(key)
        if hits:
            return list(dict.fromkeys(hits))
        parts = key.split()
        if len(parts) >= 3:
            return list(dict.fromkeys(self.kb.by_alias.get(f"{parts[0]} {parts[-1]}", [])))
        return []

    def agent_at(self, sdoc: Doc, start: int, limit: int) -> tuple[str, int] | None:
        """Longest generic agent/title starting at token ``start`` (last token matched by lemma)."""
        kb = self.kb
        tk = toks(sdoc)
        pos, tag = tk.pos, tk.tag
        if not tk.orth[start].strip():
            return None  # a line-break token starts nothing
        top = min(limit, start + kb.max_agent_len + 2)
        # keys of heads reaching past the first space start with its first word (see ``first_word``)
        cut = len(tk.text)
        if top - 1 > start:
            first = first_word(tk.text, tk.idx[start], tk.idx[top - 1])
            if first is not None and first[0] not in self.agent_first():
                cut = first[1]
        for j in range(top, start, -1):
            k = j - 1
            if pos[k] not in ("NOUN", "PROPN") and tag[k] not in ("NN", "NNS", "NNP", "NNPS"):
                continue
            if tk.idx[k] > cut:
                continue
            head = tk.text[tk.idx[start] : tk.idx[k]]
            lemma, lower = tk.lemma_low[k], tk.lower[k]
            if norm(head + lemma) in kb.agents:
                return norm(head + lemma), j
            if lower != lemma and norm(head + lower) in kb.agents:
                return norm(head + lower), j
        return None
