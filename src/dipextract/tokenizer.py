"""razdel tokens and sentences as a spaCy tokenizer, with exact character offsets."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from .dates.lexicon import MONTH_RE
from .morph import parse
from .razdel_tokens import sentence_starts as razdel_sentence_starts
from .razdel_tokens import word_spans
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
        sentence_starts = set(razdel_sentence_starts(text)) | _sentences_after_letters(text)
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
