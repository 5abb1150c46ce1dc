"""razdel tokens and sentences as a spaCy tokenizer, with exact character offsets."""

from __future__ import annotations

import re
from collections.abc import Callable

import razdel
from razdel.segmenters.punct import DASHES
from razdel.segmenters.tokenize import ATOM, Atom, TokenSplit
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from .dates.lexicon import MONTH_RE
from .morph import parse
from .segments import remember_text

_LINE_BREAK = re.compile(r"[\n\r\u2028\u2029\x0b\x0c\x85]")
# "… с главой МИД КНР Ван И. Стороны обсудили …": razdel reads "И." as an initial and runs on
_LETTER_THEN_WORD = re.compile(r"(?<![\w.])[А-ЯЁ]\.\s+(?=([А-ЯЁ][а-яё]+)\b)")
_NAME_BEFORE = re.compile(r"(?<![\w.-])[А-ЯЁ][а-яё]+ $")
# "ВАШИНГТОН, 4 февраля 2026 — Госсекретарь …": the dateline is no part of the first sentence's syntax
_DATELINE = re.compile(
    rf"(?m)^[ \t]*[А-ЯЁ][А-ЯЁа-яё\- ]{{1,40}},[ \t]+\d{{1,2}}[ \t]+{MONTH_RE}(?:[ \t]+\d{{4}})?"
    r"(?:[ \t]*г(?:ода|\.)?)?[ \t]*[—–-][ \t]+(?=[А-ЯЁ])"
)
_NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"})
# lone surrogates (a str decoded with errors="surrogateescape") cannot enter spaCy's UTF-8 string store;
# U+FFFD keeps every offset where the caller's text has it
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


_LETTERS = frozenset({"RU", "LAT"})
# the marks some rule of razdel's joins to a word: dashes ("Алма-Ата"), "_" and the "!" of "Yahoo!"
_JOINABLE_MARKS = frozenset(DASHES) | {"_", "!"}


def _never_joined(left: tuple[int, int, str | None, str], right: tuple[int, int, str | None, str]) -> bool:
    """A word touching a punctuation mark no rule joins to words ("слово," "«Слово"): razdel's rules always
    split these, the commonest touching pairs, so they need no `TokenSplit`. The points and slashes of
    numbers join digits only; words and other marks go through the rules."""
    if left[2] in _LETTERS:
        return right[2] == "PUNCT" and right[3] not in _JOINABLE_MARKS
    if right[2] in _LETTERS:
        return left[2] == "PUNCT" and left[3] not in _JOINABLE_MARKS
    return False


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
        if stop == found[k][0] and not _never_joined(
            found[k - 1], found[k]
        ):  # touching: razdel's rules decide
            left = [atom(j) for j in range(max(0, k - window), k)]
            split = TokenSplit(left, "", [atom(j) for j in range(k, min(len(found), k + window))])
            split.buffer = text[start:stop]
            if razdel.tokenize.join(split):
                continue
        spans.append((start, stop))
        start = found[k][0]
    spans.append((start, found[-1][1]))
    return spans


def _sentences_after_letters(text: str) -> set[int]:
    """Starts of sentences after a name's one-letter last word and a full stop, which razdel took for an
    initial: the letter follows a capitalised word ("Ван И.") and the next word is a common noun in the
    nominative ("Стороны", "Министр") that no name reading explains ("подписал Н. Медведь" stays one name)."""
    starts = set()
    for m in _LETTER_THEN_WORD.finditer(text):
        if not _NAME_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue
        parses = parse(m.group(1))
        if (
            parses
            and parses[0].is_known
            and any(p.tag.POS == "NOUN" and "nomn" in p.tag for p in parses)
            and not any(_NAME_GRAMMEMES & p.tag.grammemes for p in parses)
        ):
            starts.add(m.end())
    return starts


class RazdelTokenizer:
    """Words from razdel; a sentence starts where razdel says or after a line break (headlines stand alone)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        text = _LONE_SURROGATE.sub("\ufffd", text)
        words: list[str] = []
        spaces: list[bool] = []
        starts: list[bool] = []
        sentence_starts = {s.start for s in razdel.sentenize(text)} | _sentences_after_letters(text)
        sentence_starts.update(m.end() for m in _DATELINE.finditer(text, 0, 400))
        position = 0
        for start, stop in word_spans(text):
            gap = text[position:start]
            if gap == " " and words and not spaces[-1]:  # the common case of `_add_gap`, inline
                spaces[-1] = True
                new_sentence = start in sentence_starts
            else:
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
        remember_text(doc, text, words)  # `doc.text` would join it again from every token
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
