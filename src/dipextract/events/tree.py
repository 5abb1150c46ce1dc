"""Navigation over the slovnet dependency arcs (`token._.syn_head`, `token._.syn_rel`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from ..const import ARCS, RELS
from ..morph_features import feature

# Relations that keep a dependent inside its head's noun phrase ("министром иностранных дел Грузии Налбандовым").
NP_RELS = frozenset(
    {
        "nmod",
        "amod",
        "appos",
        "flat",
        "flat:name",
        "flat:foreign",
        "conj",
        "cc",
        "det",
        "nummod",
        "nummod:gov",
        "compound",
        "punct",
        "fixed",
        "case",
        "parataxis:appos",
    }
)
_CLAUSE_POS = frozenset({"VERB", "AUX"})
_SUBCLAUSE_RELS = ("acl", "ccomp", "parataxis", "advcl")


class Tree:
    """Heads and children of the parsed tokens of one doc; unparsed tokens have no arcs."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.kids: dict[int, list[int]] = {}
        # token index -> head index (parsed non-root words) and -> relation (parsed words), the tables
        # behind token._.syn_head and token._.syn_rel: read whole, as token._ is slow to read word by word
        self.heads: dict[int, int] = doc.user_data.get(ARCS, {})
        self.rels: dict[int, str] = doc.user_data.get(RELS, {})
        for i in sorted(self.heads):
            self.kids.setdefault(self.heads[i], []).append(i)

    def parsed(self, tok: Token) -> bool:
        return tok.i in self.rels

    def head(self, tok: Token) -> Token | None:
        h = self.heads.get(tok.i)
        return self.doc[h] if h is not None else None

    def rel(self, tok: Token) -> str:
        return self.rels.get(tok.i) or ""

    def children(self, tok: Token, *rels: str) -> list[Token]:
        """Dependents of tok, optionally only those whose relation starts with one of rels."""
        out = [self.doc[i] for i in self.kids.get(tok.i, [])]
        if rels:
            out = [c for c in out if any(self.rel(c) == r or self.rel(c).startswith(r + ":") for r in rels)]
        return out

    def ancestors(self, tok: Token) -> Iterator[Token]:
        seen = {tok.i}
        cur = self.head(tok)
        while cur is not None and cur.i not in seen:
            yield cur
            seen.add(cur.i)
            cur = self.head(cur)

    def case(self, tok: Token) -> str:
        """The preposition (lemma, multiword joined by spaces) that governs a nominal, or ''."""
        preps = [c for c in self.children(tok, "case")]
        if not preps:
            return ""
        first = min(preps, key=lambda c: c.i)
        words = [first] + [
            self.doc[i] for i in self.kids.get(first.i, []) if self.rel(self.doc[i]) == "fixed"
        ]
        return " ".join(w.lower_ for w in sorted(words, key=lambda w: w.i))

    def phrase(
        self, tok: Token, rels: frozenset[str] = NP_RELS, stop: Sequence[int] = (), bare: bool = False
    ) -> list[Token]:
        """tok and its dependents reachable through rels (a noun phrase with its lists), in text order;
        bare leaves out prepositional dependents ("Президента ... в Республику Казахстан")."""
        out, todo, seen = [], [tok], {tok.i}
        while todo:
            cur = todo.pop()
            out.append(cur)
            for c in self.children(cur):
                if c.i in stop or c.i in seen:
                    continue
                if bare and self.rel(c) != "case" and self.case(c) and not self.rel(c).startswith("conj"):
                    continue
                base = self.rel(c).split(":")[0]
                if self.rel(c) in rels or base in rels:
                    seen.add(c.i)
                    todo.append(c)
        return sorted(out, key=lambda t: t.i)

    def subtree(self, tok: Token) -> list[Token]:
        """tok and everything below it."""
        out, todo = [], [tok.i]
        while todo:
            cur = todo.pop()
            out.append(self.doc[cur])
            todo += [k for k in self.kids.get(cur, []) if k != tok.i]
        return sorted(out, key=lambda t: t.i)

    def own_clause(self, tok: Token, top: Token, rels: tuple[str, ...] = _SUBCLAUSE_RELS) -> set[int]:
        """Token ids under top, less the subordinate clauses that do not contain tok."""
        area = {t.i for t in self.subtree(top)}
        for t in self.subtree(top):
            for c in self.children(t, *rels):
                inner = {d.i for d in self.subtree(c)}
                if tok.i not in inner:
                    area -= inner
        return area

    def root(self, tok: Token) -> Token:
        """The top of tok's tree."""
        out = tok
        for anc in self.ancestors(tok):
            out = anc
        return out

    def conjuncts(self, tok: Token) -> list[Token]:
        """tok and the members of its coordination ("A, B и C")."""
        out, todo, seen = [], [tok], {tok.i}
        while todo:
            cur = todo.pop()
            out.append(cur)
            for c in self.children(cur, "conj"):
                if c.i not in seen:
                    seen.add(c.i)
                    todo.append(c)
        return sorted(out, key=lambda t: t.i)

    def clause_head(self, tok: Token) -> Token | None:
        """The nearest verb (or predicate) above tok, crossing nominal and coordination arcs."""
        for anc in self.ancestors(tok):
            if anc.pos_ in _CLAUSE_POS or (anc.pos_ == "ADJ" and "Short" in feature(anc, "Variant")):
                return anc
        return None
