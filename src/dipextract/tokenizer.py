"""razdel tokens and sentences as a spaCy tokenizer, with exact character offsets."""

from __future__ import annotations

import re
from collections.abc import Callable

import razdel
from razdel.segmenters.tokenize import ATOM, Atom, TokenSplit
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from .segments import remember_text

_LINE_BREAK = re.compile(r"[\n\r\u2028\u2029\x0b\x0c\x85]")
# lone surrogates (a str decoded with errors="surrogateescape") cannot enter spaCy's UTF-8 string store;
# U+FFFD keeps every offset where the caller's text has it
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, stop) of each `razdel.tokenize` token, by razdel's own atoms and rules.

    razdel cuts text into atoms (letter runs, digit runs, single other characters) and asks its rules
    whether to join two atoms only when nothing stands between them; it builds a split object for every
    pair, though, and most pairs have a space between them. Here only the touching pairs get one (with
    razdel's classes and rules): the same tokens, 2-3 times faster.
    """
    found = [(m.start(), m.end(), m.lastgroup, m.group()) for m in ATOM.finditer(text)]
    if not found:
        return []
    window = razdel.tokenize.split.window
    atoms: dict[int, Atom] = {}

    def atom(k: int) -> Atom:
        if k not in atoms:
            atoms[k] = Atom(*found[k])
        return atoms[k]

    spans = []
    start = found[0][0]
    for k in range(1, len(found)):
        stop = found[k - 1][1]
        if stop == found[k][0]:  # touching: razdel's rules decide
            left = [atom(j) for j in range(max(0, k - window), k)]
            split = TokenSplit(left, "", [atom(j) for j in range(k, min(len(found), k + window))])
            split.buffer = text[start:stop]
            if razdel.tokenize.join(split):
                continue
        spans.append((start, stop))
        start = found[k][0]
    spans.append((start, found[-1][1]))
    return spans


class RazdelTokenizer:
    """Words from razdel; a sentence starts where razdel says or after a line break (headlines stand alone)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        text = _LONE_SURROGATE.sub("\ufffd", text)
        words: list[str] = []
        spaces: list[bool] = []
        starts: list[bool] = []
        sentence_starts = {s.start for s in razdel.sentenize(text)}
        position = 0
        for start, stop in word_spans(text):
            gap = text[position:start]
            if gap:
                self._add_gap(gap, words, spaces, starts)
            new_sentence = not words or start in sentence_starts or bool(_LINE_BREAK.search(gap))
            words.append(text[start:stop])
            spaces.append(False)
            starts.append(new_sentence)
            position = stop
        if position < len(text):
            self._add_gap(text[position:], words, spaces, starts)
        # passed to the constructor: setting token.is_sent_start one by one re-checks the whole doc each time
        doc = Doc(self.vocab, words=words, spaces=spaces, sent_starts=starts)
        remember_text(doc, text)  # `doc.text` would join it again from every token
        return doc

    @staticmethod
    def _add_gap(gap: str, words: list[str], spaces: list[bool], starts: list[bool]) -> None:
        """A single space after a word is its trailing space; any other gap is a whitespace token."""
        if gap == " " and words and not spaces[-1] and not words[-1].isspace():
            spaces[-1] = True
            return
        if words and not spaces[-1] and not words[-1].isspace() and gap[0] == " ":
            spaces[-1] = True
            gap = gap[1:]
            if not gap:
                return
        words.append(gap)
        spaces.append(False)
        starts.append(not words[:-1])


@registry.tokenizers("dipextract.razdel_tokenizer.v1")
def create_razdel_tokenizer() -> Callable[[Language], RazdelTokenizer]:
    """Registered so the pipeline's config names the tokenizer."""

    def make(nlp: Language) -> RazdelTokenizer:
        return RazdelTokenizer(nlp.vocab)

    return make
