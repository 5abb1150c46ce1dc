"""Morphological features read once per analysis are what spaCy's `Token.morph.get` gives."""

from __future__ import annotations

from dipextract.morph_features import feature, fields

SENTENCES = [
    "Президент России Владимир Путин встретился с главой МИД Китая Ван И в Москве.",
    "Переговоры состоятся в Бишкеке; стороны обсудили визит, который намечен на март 2027 года.",
    "Раз, два! Министры иностранных дел подписали 15 соглашений.",
]
FIELDS = ("Case", "Number", "Gender", "Animacy", "VerbForm", "Tense", "Aspect", "Voice", "Variant", "Mood")


def test_feature_gives_token_morph_get_for_every_field(nlp) -> None:  # type: ignore[no-untyped-def]
    tokens = [t for doc in nlp.pipe(SENTENCES) for t in doc]
    assert any(t.morph.get("Case") for t in tokens) and any(t.morph.get("VerbForm") for t in tokens)
    for t in tokens:
        for name in FIELDS:
            assert feature(t, name) == t.morph.get(name), (t.text, name)


def test_fields_by_hash_and_no_analysis(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = next(nlp.pipe(["Москве"]))
    assert fields(doc[0].morph.key, nlp.vocab.strings)["Case"] == ["Loc"]
    assert fields(0, nlp.vocab.strings) == {}
