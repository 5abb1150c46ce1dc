"""The razdel tokenizer keeps every character and starts sentences at line breaks."""

from __future__ import annotations

import random

import pytest
import razdel
import spacy

from dipextract.razdel_tokens import sentence_starts, word_spans
from dipextract.segments import doc_text, is_russian
from dipextract.tokenizer import RazdelTokenizer


@pytest.fixture(scope="module")
def tokenizer() -> RazdelTokenizer:
    return RazdelTokenizer(spacy.blank("ru").vocab)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Премьер-министр РФ прибыл в г. Москву.",
        "Новости\nПрезидент встретился с послом.\r\n\r\nВ ходе  встречи  стороны обсудили вопросы.",
        "\tОтступ и «кавычки» — тире… и т.д.\n",
        "Жаңылыктар",
    ],
)
def test_text_round_trips(tokenizer: RazdelTokenizer, text: str) -> None:
    doc = tokenizer(text)
    assert doc.text == text
    assert doc_text(doc) == text  # kept by the tokenizer, so it must be what spaCy would join
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text


def test_headline_is_its_own_sentence(tokenizer: RazdelTokenizer) -> None:
    doc = tokenizer("Жапаров встретился со Смаиловым\nВ Алматы прошла встреча глав правительств.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences == ["Жапаров встретился со Смаиловым", "В Алматы прошла встреча глав правительств."]


def test_razdel_sentences_inside_a_paragraph(tokenizer: RazdelTokenizer) -> None:
    doc = tokenizer("Визит начался в понедельник. Переговоры пройдут во вторник.")
    assert [s.text.strip() for s in doc.sents] == [
        "Визит начался в понедельник.",
        "Переговоры пройдут во вторник.",
    ]


@pytest.mark.parametrize(
    ("text", "russian"),
    [
        ("Председатель Кабинета Министров встретился с премьером.", True),
        ("Жаңылыктар", False),  # Kyrgyz: ң is not a Russian letter
        ("Қазақстан Республикасының Премьер-Министрі", False),
        ("The Prime Minister met the President in Almaty.", False),
        ("Компания Apple представила iPhone в Москве.", True),
    ],
)
def test_is_russian(text: str, russian: bool) -> None:
    assert is_russian(text) is russian


def test_lone_surrogates_become_replacement_characters(tokenizer: RazdelTokenizer) -> None:
    # a str read with errors="surrogateescape" (a cut UTF-8 byte) must not crash spaCy's string store
    text = "Лавров\udcd0 прибыл в Москву."
    doc = tokenizer(text)
    assert doc.text == "Лавров\ufffd прибыл в Москву."
    assert [t.text for t in doc][-4:] == ["прибыл", "в", "Москву", "."]
    assert doc[-2].idx == text.index("Москву")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  ",
        "Премьер-министр РФ прибыл в г. Москву 12.05.2020 в 3,5 раза быстрее, 1/2 пути…",
        "т.е. «Газпром»-- ЦБ РФ  -  a_b  _x  x_  -5  5-  :) ;-) ... ?! Yahoo! ΔP mβж",
        "Кот-д'Ивуар\nМИД\tРФ\r\n1990-х гг.",
    ],
)
def test_word_spans_are_razdels_tokens(text: str) -> None:
    assert word_spans(text) == [(t.start, t.stop) for t in razdel.tokenize(text)]


# characters and pieces that exercise razdel's rules: marks that join or split, abbreviations, initials
_MARKS = list("аБ гxZ1 2-—–_.,/\\!?…:;()«»\"'%*ΔσП\n\t#$&+<=>@^`|~№‘’“”„[]{}‑−")
_PIECES = ["  ", "...", "--", ":)", ";-)", "yahoo!", "Yahoo", "3.14", "т.е.", "г. ", "Т. ", "1.", "2)", "а)"]


def _random_texts(seed: int, count: int, longest: int) -> list[str]:
    rng = random.Random(seed)
    pieces = _MARKS + _PIECES + [". А", ". и", "\u00a0"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, longest))) for _ in range(count)]


def test_word_spans_are_razdels_tokens_on_random_text() -> None:
    for text in _random_texts(5, 6000, 30):
        assert word_spans(text) == [(t.start, t.stop) for t in razdel.tokenize(text)], text


def test_sentence_starts_are_razdels_on_random_text() -> None:
    for text in _random_texts(1, 4000, 40):
        assert sentence_starts(text) == [s.start for s in razdel.sentenize(text)], text


def test_sentence_starts_are_razdels_on_news() -> None:
    text = (
        "МОСКВА, 3 марта. Президент РФ В.В. Путин провёл переговоры с премьер-министром Индии. "
        "Встреча прошла в т.ч. в узком составе (см. стр. 2). «Мы договорились», — сказал он. "
        "1. Соглашение подписано. 2) Визит намечен на 2027 г. и т. д.; стороны довольны!"
    )
    assert sentence_starts(text) == [s.start for s in razdel.sentenize(text)]
    assert len(sentence_starts(text)) > 3


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # a name's one-letter last word before a full stop, then a common noun: a new sentence
        ("Он встретился с главой МИД КНР Ван И. Стороны обсудили визит.", 2),
        ("Заявление сделал Иванов И. Министр ушёл.", 2),
        # initials before a surname stay inside the sentence
        ("Документ подписал А. Кузнецов вчера.", 1),
        ("Указ подписал Н. Медведь.", 1),
    ],
)
def test_full_stop_after_a_one_letter_name(tokenizer: RazdelTokenizer, text: str, sentences: int) -> None:
    assert len(list(tokenizer(text).sents)) == sentences


def test_a_dateline_stands_apart_from_the_first_sentence(tokenizer: RazdelTokenizer) -> None:
    doc = tokenizer(
        "ВАШИНГТОН, 4 февраля 2026 — Государственный секретарь США Марко Рубио проведет переговоры."
    )
    assert [s.text for s in doc.sents] == [
        "ВАШИНГТОН, 4 февраля 2026 —",
        "Государственный секретарь США Марко Рубио проведет переговоры.",
    ]


def test_like_num_agrees_with_spacy_russian() -> None:
    """Our set-based `like_num` (installed in the pipeline's vocabulary) answers as spaCy's list-based one."""
    from spacy.attrs import LIKE_NUM
    from spacy.lang.ru.lex_attrs import like_num as spacy_like_num

    from dipextract.lex_attrs import like_num
    from dipextract.pipeline import build_pipeline

    words = [
        "12",
        "-3,5",
        "15%",
        "3/4",
        "тридцать",
        "Тридцати",
        "миллиона",
        "XX",
        "xxi",
        "мая",
        "1/2/3",
        "",
        "две",
    ]
    assert [like_num(w) for w in words] == [spacy_like_num(w) for w in words]
    assert sum(map(like_num, words)) >= 8
    nlp = build_pipeline()
    assert nlp.vocab.lex_attr_getters[LIKE_NUM] is like_num
    doc = nlp.make_doc("Около тридцати делегаций и 15% квоты")
    assert [t.text for t in doc if t.like_num] == ["тридцати", "15"]
