"""Scoring of `dipextract.evaluate` on small hand-made brat / FactRuEval / events-dev fixtures."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dipextract.evaluate import evaluate_events, evaluate_factrueval, evaluate_nerel
from dipextract.evaluate.brat import load_brat, parse_ann, relation_pairs
from dipextract.evaluate.cli import evaluate_app
from dipextract.evaluate.factru import strings_match
from dipextract.evaluate.factrueval import load_factrueval, parse_argument
from dipextract.evaluate.nerel import predicted_links
from dipextract.evaluate.report import format_table
from dipextract.evaluate.score import F1, max_matching, score_exact, score_overlap
from dipextract.schema import (
    City,
    Country,
    Document,
    Event,
    Evidence,
    Mention,
    Participant,
    Person,
    Post,
    Span,
)

NEREL_DEV = Path("/work/shared/corpora/nerel/dev")


# ---------------------------------------------------------------- helpers


def mention(text: str, fragment: str, nth: int = 0) -> Mention:
    """The nth occurrence of `fragment` in `text` as a contract Mention."""
    starts = [m.start() for m in re.finditer(re.escape(fragment), text)]
    s = starts[nth]
    return Mention(start=s, end=s + len(fragment), text=fragment)


def constant(docs: dict[str, Document]):
    """A `predict` callable returning the hand-made Document for each doc_id."""

    def predict(items: Iterable[tuple[str, dict[str, Any]]]) -> Iterator[Document]:
        for _text, meta in items:
            yield docs.get(meta["doc_id"], Document(doc_id=meta["doc_id"]))

    return predict


# ---------------------------------------------------------------- score.py


def test_f1_accumulator():
    f = F1(tp=2, fp=1, fn=3)
    assert f.precision == pytest.approx(2 / 3)
    assert f.recall == pytest.approx(2 / 5)
    assert f.f1 == pytest.approx(2 * (2 / 3) * (2 / 5) / (2 / 3 + 2 / 5))
    f.add(F1(tp=1, fp=0, fn=0))
    assert (f.tp, f.fp, f.fn) == (3, 1, 3)
    assert F1().f1 == 0.0 and F1(fn=4).recall == 0.0 and F1(fp=2).precision == 0.0


def test_exact_vs_overlap_and_nesting():
    gold = [((0, 17),), ((10, 17),)]  # "Президент Франции" with the nested "Франции"
    assert score_exact([((0, 9),)], gold).tp == 0
    assert score_overlap([((0, 9),)], gold).tp == 1
    # a nested gold span is matched on its own
    both = score_exact([((0, 17),), ((10, 17),)], gold)
    assert (both.tp, both.fp, both.fn) == (2, 0, 0)


def test_overlap_is_one_to_one_and_maximal():
    one_gold = score_overlap([((0, 5),), ((3, 9),)], [((0, 9),)])
    assert (one_gold.tp, one_gold.fp, one_gold.fn) == (1, 1, 0)
    # pred 0 overlaps both golds, pred 1 only the first: the maximum matching pairs both
    assert len(max_matching(2, 2, lambda i, j: (i, j) in {(0, 0), (0, 1), (1, 0)})) == 2


def test_discontinuous_gold_overlaps_by_fragment():
    gold = [((0, 4), (10, 14))]
    assert score_overlap([((5, 9),)], gold).tp == 0  # only the gap
    assert score_overlap([((11, 12),)], gold).tp == 1
    assert score_exact([((0, 14),)], gold).tp == 1  # compared by outer extent


def test_strings_match_like_the_official_comparator():
    assert strings_match("Лужков Юрий", "лужков юрий")
    assert strings_match("Мосгордума", "«Мосгордумы»") is False  # 3 edits: quotes and ending
    assert strings_match("Сергей Лавров", "Сергея Лаврова")
    assert not strings_match("США", "ЕС")


def test_format_table_is_fixed_width():
    table = format_table(["type", "F1"], [["PERSON", 0.5], ["CITY", 1.0]])
    lines = table.splitlines()
    assert lines[2] == "PERSON  0.500" and lines[3] == "CITY    1.000"


# ---------------------------------------------------------------- brat / NEREL

NEREL_TEXT = (
    "Президент Франции Эмманюэль Макрон прибыл в Берлин.\n"
    "Канцлер Германии Олаф Шольц принял Макрона в своей резиденции."
)


def write_brat(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    t = NEREL_TEXT
    rows = [
        ("T1", "PROFESSION", "Президент Франции"),
        ("T2", "COUNTRY", "Франции"),
        ("T3", "PERSON", "Эмманюэль Макрон"),
        ("T4", "CITY", "Берлин"),
        ("T5", "PROFESSION", "Канцлер Германии"),
        ("T6", "COUNTRY", "Германии"),
        ("T7", "PERSON", "Олаф Шольц"),
        ("T8", "PERSON", "Макрона"),
    ]
    lines = []
    for tid, type_, frag in rows:
        m = mention(t, frag)
        lines.append(f"{tid}\t{type_} {m.start} {m.end}\t{frag}")
    lines += [
        "R1\tWORKS_AS Arg1:T3 Arg2:T1\t",
        "R2\tWORKS_AS Arg1:T7 Arg2:T5\t",
        "N1\tReference T4 Wikidata:Q64\tБерлин",
    ]
    (folder / "doc1.txt").write_text(t, encoding="utf-8")
    (folder / "doc1.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def nerel_perfect() -> Document:
    t = NEREL_TEXT
    return Document(
        doc_id="doc1",
        entities=[
            Person(
                id="e1",
                name="Эмманюэль Макрон",
                mentions=[mention(t, "Эмманюэль Макрон"), mention(t, "Макрона")],
            ),
            Post(id="e2", name="Президент Франции", mentions=[mention(t, "Президент Франции")], holder="e1"),
            Country(id="e3", name="Франция", iso="FR", mentions=[mention(t, "Франции")]),
            City(id="e4", name="Берлин", mentions=[mention(t, "Берлин")]),
            Post(id="e5", name="Канцлер Германии", mentions=[mention(t, "Канцлер Германии")], holder="e7"),
            Country(id="e6", name="Германия", iso="DE", mentions=[mention(t, "Германии")]),
            Person(id="e7", name="Олаф Шольц", mentions=[mention(t, "Олаф Шольц")]),
        ],
    )


def test_parse_ann_discontinuous_and_relations():
    entities, relations = parse_ann(
        [
            "T1\tORGANIZATION 0 5;10 20\tГорно комбинат",
            "T2\tPERSON 30 35\tИван",
            "R1\tWORKS_AS Arg1:T2 Arg2:T1\t",
            "N1\tReference T1 Wikidata:Q1\tx",
            "",
        ]
    )
    assert entities[0].fragments == ((0, 5), (10, 20)) and entities[0].span == (0, 20)
    assert entities[1].type == "PERSON" and entities[1].text == "Иван"
    assert [(r.type, r.arg1, r.arg2) for r in relations] == [("WORKS_AS", "T2", "T1")]


def test_relation_pairs_reads_roles_by_type(tmp_path):
    doc = next(load_brat(write_brat(tmp_path / "nerel")))
    pairs = relation_pairs(doc, "WORKS_AS", "PERSON", "PROFESSION")
    assert [(p.text, q.text) for p, q in pairs] == [
        ("Эмманюэль Макрон", "Президент Франции"),
        ("Олаф Шольц", "Канцлер Германии"),
    ]
    swapped = relation_pairs(doc, "WORKS_AS", "PROFESSION", "PERSON")
    assert [(p.text, q.text) for p, q in swapped][0] == ("Президент Франции", "Эмманюэль Макрон")


def test_nerel_perfect_prediction(tmp_path):
    report = evaluate_nerel(write_brat(tmp_path / "nerel"), predict=constant({"doc1": nerel_perfect()}))
    for type_ in ("PERSON", "POST", "COUNTRY", "CITY"):
        assert report.exact[type_].f1 == 1.0 and report.overlap[type_].f1 == 1.0
    assert report.micro_exact.f1 == 1.0 and report.link.f1 == 1.0
    assert report.docs == 1
    assert "micro (6 types)" in report.table() and report.as_dict()["link"]["f1"] == 1.0


def test_nerel_empty_prediction(tmp_path):
    report = evaluate_nerel(write_brat(tmp_path / "nerel"), predict=constant({}))
    assert report.micro_exact.f1 == 0.0 and report.micro_overlap.f1 == 0.0 and report.link.f1 == 0.0
    assert report.micro_exact.fn == 8


def test_nerel_wrong_prediction_is_in_between(tmp_path):
    t = NEREL_TEXT
    doc = Document(
        doc_id="doc1",
        entities=[
            Person(id="e1", name="Эмманюэль Макрон", mentions=[mention(t, "Эмманюэль Макрон")]),
            # boundary error: overlap but not exact; holder wrong
            Post(id="e2", name="Президент", mentions=[mention(t, "Президент")], holder="e3"),
            Person(id="e3", name="Олаф Шольц", mentions=[mention(t, "Олаф Шольц")]),
            City(id="e4", name="Германия", mentions=[mention(t, "Германии")]),  # wrong type
        ],
    )
    report = evaluate_nerel(write_brat(tmp_path / "nerel"), predict=constant({"doc1": doc}))
    assert report.exact["POST"].tp == 0 and report.overlap["POST"].tp == 1
    assert report.exact["PERSON"].tp == 2 and report.exact["PERSON"].fn == 1
    assert report.exact["CITY"].fp == 1
    assert 0.0 < report.micro_exact.f1 < report.micro_overlap.f1 < 1.0
    assert report.link.tp == 0 and report.link.fp == 1


def test_link_uses_the_holders_closest_mention():
    t = "Президент Эмманюэль Макрон прибыл в Берлин, где президента Макрона встретили с почестями."
    doc = Document(
        entities=[
            Person(
                id="e1",
                name="Эмманюэль Макрон",
                mentions=[mention(t, "Эмманюэль Макрон"), mention(t, "Макрона")],
            ),
            Post(
                id="e2",
                name="Президент",
                mentions=[mention(t, "Президент"), mention(t, "президента")],
                holder="e1",
            ),
        ]
    )
    links = sorted((t[p[0] : p[1]], t[q[0] : q[1]]) for p, q in predicted_links(doc))
    assert links == [("Макрона", "президента"), ("Эмманюэль Макрон", "Президент")]


@pytest.mark.skipif(not NEREL_DEV.is_dir(), reason=f"NEREL dev corpus not found at {NEREL_DEV}")
def test_real_nerel_dev_loader_counts():
    docs = list(load_brat(NEREL_DEV))
    assert len(docs) >= 90
    assert sum(len(d.of_type("PERSON")) for d in docs) > 0
    pairs = [p for d in docs for p in relation_pairs(d, "WORKS_AS", "PERSON", "PROFESSION")]
    assert len(pairs) > 100
    for d in docs[:10]:
        for e in d.entities:
            assert " ".join(d.text[s:t] for s, t in e.fragments) == e.text


# ---------------------------------------------------------------- FactRuEval

FR_TEXT = "Премьер-министр Италии Марио Монти встретился в Риме с Ангелой Меркель."


def write_factrueval(folder: Path) -> Path:
    """book_1: tokens, spans, mentions, coreference objects, an Occupation and a Meeting."""
    folder.mkdir(parents=True, exist_ok=True)
    t = FR_TEXT
    tokens = [
        (str(1000 + k), m.start(), m.group()) for k, m in enumerate(re.finditer(r"\w+(?:-\w+)*|[^\w\s]", t))
    ]
    tok_by_text = {text: tid for tid, _, text in tokens}
    spans = [  # id, tag, token text
        ("501", "job", "Премьер-министр"),
        ("502", "loc_name", "Италии"),
        ("503", "name", "Марио"),
        ("504", "surname", "Монти"),
        ("505", "loc_name", "Риме"),
        ("506", "name", "Ангелой"),
        ("507", "surname", "Меркель"),
    ]
    span_lines = []
    for sid, tag, word in spans:
        start = t.index(word)
        tid = tok_by_text[word]
        span_lines.append(f"{sid} {tag} {start} {len(word)} {tid} 1  # {tid} {word}")
    objects = [
        "601 Person 503 504 # Марио Монти",
        "602 LocOrg 502 # Италии",
        "603 Location 505 # Риме",
        "604 Person 506 507 # Ангелой Меркель",
    ]
    coref = [
        "1 601\nfirstname Марио\nlastname Монти",
        "2 602\nname Италия",
        "3 603\nname Рим",
        "4 604\nfirstname Ангела\nlastname Меркель",
    ]
    facts = [
        "1-0 Occupation\nWho obj1 Монти Марио\nPosition span501 Премьер-министр\nWhere obj2 Италия",
        "1-1 Meeting\nParticipant obj1 Монти Марио\nParticipant obj4 Меркель Ангела",
    ]
    (folder / "book_1.txt").write_text(t, encoding="utf-8")
    (folder / "book_1.tokens").write_text(
        "\n".join(f"{tid} {s} {len(w)} {w}" for tid, s, w in tokens) + "\n", encoding="utf-8"
    )
    (folder / "book_1.spans").write_text("\n".join(span_lines) + "\n", encoding="utf-8")
    (folder / "book_1.objects").write_text("\n".join(objects) + "\n", encoding="utf-8")
    (folder / "book_1.coref").write_text("\n\n".join(coref) + "\n", encoding="utf-8")
    (folder / "book_1.facts").write_text("\n\n".join(facts) + "\n", encoding="utf-8")
    return folder


def fr_document(
    *, meeting_participants: int = 2, with_post: bool = True, extra_person: bool = False
) -> Document:
    t = FR_TEXT
    entities: list[Any] = [
        Person(
            id="e1",
            name="Марио Монти",
            mentions=[mention(t, "Марио Монти")],
            posts=["e2"] if with_post else [],
        ),
        Country(id="e3", name="Италия", iso="IT", mentions=[mention(t, "Италии")]),
        City(id="e4", name="Рим", mentions=[mention(t, "Риме")]),
        Person(id="e5", name="Ангела Меркель", mentions=[mention(t, "Ангелой Меркель")]),
    ]
    if with_post:
        entities.append(
            Post(
                id="e2",
                name="Премьер-министр Италии",
                mentions=[mention(t, "Премьер-министр Италии")],
                holder="e1",
                country="IT",
            )
        )
    if extra_person:
        entities.append(Person(id="e9", name="Рим", mentions=[mention(t, "Риме")]))
    participants = [
        Participant(entity="e1", name="Марио Монти"),
        Participant(entity="e5", name="Ангела Меркель"),
    ]
    event = Event(
        id="v1",
        type="meeting",
        status="held",
        trigger=Span(**mention(t, "встретился").model_dump()),
        participants=participants[:meeting_participants],
        evidence=Evidence(start=0, end=len(t)),
    )
    return Document(doc_id="book_1", entities=entities, events=[event])


def test_factrueval_loader(tmp_path):
    (doc,) = load_factrueval(write_factrueval(tmp_path / "fr"))
    assert doc.mentions["601"].tag == "per" and doc.mentions["602"].tag == "locorg"
    assert doc.objects["1"].attrs["lastname"] == ("Монти",)
    occupation, meeting = doc.facts
    assert occupation.type == "occupation" and [a.name for a in occupation.arguments] == [
        "who",
        "position",
        "where",
    ]
    assert meeting.type == "meeting" and all(a.objects for a in meeting.arguments)
    assert doc.object_char_spans("4") == [
        (FR_TEXT.index("Ангелой"), FR_TEXT.index("Ангелой") + 7),
        (FR_TEXT.index("Меркель"), len(FR_TEXT) - 1),
    ]


def test_parse_argument_alternatives():
    arg = parse_argument("Owner obj143 Украина | obj144 Турецкая республика | Турция")
    assert arg.name == "owner" and arg.objects == ("143", "144")
    assert arg.values == ("Украина", "Турецкая республика", "Турция")
    assert parse_argument("Job span7 посол").name == "position"


def test_factrueval_perfect_prediction(tmp_path):
    report = evaluate_factrueval(
        write_factrueval(tmp_path / "fr"), predict=constant({"book_1": fr_document()})
    )
    assert report.entities["per"].f1 == 1.0 and report.entities["loc"].f1 == 1.0
    assert report.entities_overall.f1 == 1.0
    assert report.facts["occupation"].f1 == 1.0 and report.facts["meeting"].f1 == 1.0
    assert report.facts_strict["meeting"].f1 == 1.0
    assert "occupation strict" in report.table()


def test_factrueval_empty_prediction(tmp_path):
    report = evaluate_factrueval(write_factrueval(tmp_path / "fr"), predict=constant({}))
    assert report.entities_overall.f1 == 0.0
    assert report.facts["occupation"].f1 == 0.0 and report.facts["meeting"].f1 == 0.0


def test_factrueval_partial_prediction(tmp_path):
    doc = fr_document(meeting_participants=1, with_post=False, extra_person=True)
    doc.events[0].participants.append(Participant(entity="e9", name="Рим"))
    report = evaluate_factrueval(write_factrueval(tmp_path / "fr"), predict=constant({"book_1": doc}))
    # the meeting matches on one participant of two and has one wrong one: quality 1/3
    assert report.facts["meeting"].tp == pytest.approx(1 / 3)
    assert 0.0 < report.facts["meeting"].f1 < 1.0 and report.facts_strict["meeting"].tp == 0
    assert report.facts["occupation"].fn == 1
    # "Риме" as a PERSON is a spurious per mention
    assert report.entities["per"].fp == 1 and 0.0 < report.entities["per"].f1 < 1.0


@pytest.mark.parametrize(("person_country", "quality"), [("IT", 1.0), (None, 0.0)])
def test_factrueval_where_falls_back_to_the_persons_country(tmp_path, person_country, quality):
    """A post that names no country ("Премьер-министр") is placed in its holder's country when known;
    with no place at all it is no Occupation fact."""
    doc = fr_document()
    entities = [
        e.model_copy(update={"country": None})
        if e.type == "POST"
        else e.model_copy(update={"country": person_country})
        if e.id == "e1"
        else e
        for e in doc.entities
    ]
    doc = doc.model_copy(update={"entities": entities})
    report = evaluate_factrueval(write_factrueval(tmp_path / "fr"), predict=constant({"book_1": doc}))
    assert report.facts["occupation"].tp == pytest.approx(quality)


def test_factrueval_meeting_needs_two_participants(tmp_path):
    """A meeting naming one participant ("встреча с избирателями") is no Meeting fact: it is a missed one."""
    doc = fr_document(meeting_participants=1)
    report = evaluate_factrueval(write_factrueval(tmp_path / "fr"), predict=constant({"book_1": doc}))
    assert report.facts["meeting"].fp == 0 and report.facts["meeting"].fn == 1
    assert report.facts["occupation"].f1 == 1.0


def test_factrueval_token_weights_ignore_descriptors(tmp_path):
    """A gold Org with an org_descr token: predicting only the name tokens still scores 1.0."""
    folder = tmp_path / "fr"
    folder.mkdir()
    t = "Сотрудники мэрии Москвы вышли на работу."
    words = [(m.start(), m.group()) for m in re.finditer(r"\w+|[^\w\s]", t)]
    (folder / "book_2.txt").write_text(t, encoding="utf-8")
    (folder / "book_2.tokens").write_text(
        "\n".join(f"{100 + k} {s} {len(w)} {w}" for k, (s, w) in enumerate(words)) + "\n", encoding="utf-8"
    )
    (folder / "book_2.spans").write_text(
        f"1 org_descr {t.index('мэрии')} 5 101 1  # 101 мэрии\n2 loc_name {t.index('Москвы')} 6 102 1  # 102 Москвы\n",
        encoding="utf-8",
    )
    (folder / "book_2.objects").write_text(
        "10 Org 1 2 # мэрии Москвы\n11 LocOrg 2 # Москвы\n", encoding="utf-8"
    )
    from dipextract.schema import Organization

    doc = Document(
        doc_id="book_2",
        entities=[
            Organization(id="e1", name="мэрия Москвы", mentions=[mention(t, "мэрии Москвы")]),
            City(id="e2", name="Москва", mentions=[mention(t, "Москвы")]),  # embedded in the Org: ignored
        ],
    )
    report = evaluate_factrueval(folder, predict=constant({"book_2": doc}))
    assert report.entities["org"].f1 == 1.0
    assert report.entities["loc"].n_pred == 0 and report.entities["loc"].n_gold == 0


# ---------------------------------------------------------------- events-dev wrapper

FAKE_SCORER = """
import argparse, glob, json, os, sys
ap = argparse.ArgumentParser()
ap.add_argument("--pred-dir", required=True)
ap.add_argument("--json", dest="json_out")
a = ap.parse_args()
files = sorted(os.path.basename(p) for p in glob.glob(os.path.join(a.pred_dir, "*.json")))
docs = [json.load(open(os.path.join(a.pred_dir, f), encoding="utf-8")) for f in files]
if a.json_out:
    json.dump({"files": files}, open(a.json_out, "w"))
print("files", " ".join(files))
print("schemas", " ".join(d["schema"] for d in docs))
print("events F1=0.50 planned F1=0.00")
"""


def write_events_dev(root: Path) -> Path:
    events_dev = root / "events-dev"
    (events_dev / "gold").mkdir(parents=True)
    (root / "corpora" / "nerel" / "dev").mkdir(parents=True)
    (root / "corpora" / "factrueval" / "devset").mkdir(parents=True)
    (root / "corpora" / "nerel" / "dev" / "777_text.txt").write_text(
        "Лавров встретился с Ваном И.", encoding="utf-8"
    )
    (root / "corpora" / "factrueval" / "devset" / "book_9.txt").write_text(
        "Визит не состоялся.", encoding="utf-8"
    )
    for source, doc in (("nerel-dev", "777_text.txt"), ("factru-dev", "book_9.txt")):
        gold = {"source": source, "doc": doc, "published": None, "negative": False, "events": []}
        (events_dev / "gold" / f"{source}-{Path(doc).stem}.json").write_text(
            json.dumps(gold), encoding="utf-8"
        )
    (events_dev / "events_eval.py").write_text(FAKE_SCORER, encoding="utf-8")
    return events_dev


def test_evaluate_events_writes_contract_json_and_passes_scorer_output(tmp_path, monkeypatch):
    monkeypatch.delenv("DIPX_CORPORA", raising=False)
    events_dev = write_events_dev(tmp_path)
    seen: list[str] = []

    def predict(items):
        for text, meta in items:
            seen.append(text)
            yield Document(doc_id=meta["doc_id"], source=meta["source"])

    out = tmp_path / "pred"
    report_json = tmp_path / "report.json"
    output = evaluate_events(events_dev, out, report_json=report_json, predict=predict)
    assert "files 777_text.json book_9.json" in output
    assert "schemas dipextract/1 dipextract/1" in output
    assert output.rstrip().endswith("events F1=0.50 planned F1=0.00")
    assert sorted(p.name for p in out.iterdir()) == ["777_text.json", "book_9.json"]
    assert json.loads(report_json.read_text())["files"] == ["777_text.json", "book_9.json"]
    assert "Лавров встретился с Ваном И." in seen
    # a temporary folder when no --out is given
    assert "files 777_text.json book_9.json" in evaluate_events(events_dev, predict=predict)


# ---------------------------------------------------------------- CLI


@pytest.mark.parametrize(
    "args",
    [["nerel", "/nonexistent/nerel"], ["factrueval", "/nonexistent/fr"], ["events", "/nonexistent/events"]],
)
def test_cli_missing_folder_exits_2(args):
    result = CliRunner().invoke(evaluate_app, args)
    assert result.exit_code == 2
    assert "no such folder" in result.stderr and result.stdout == ""


def test_cli_events_rejects_folder_without_scorer(tmp_path):
    result = CliRunner().invoke(evaluate_app, ["events", str(tmp_path)])
    assert result.exit_code == 2 and "events_eval.py" in result.stderr


@pytest.mark.parametrize(
    ("text", "adjective"),
    [
        ("российского", True),
        ("Американские", True),
        ("России", False),
        ("США", False),
        ("Нижний Новгород", False),
    ],
)
def test_factrueval_leaves_place_adjectives_out(text, adjective):
    # the standard annotates names, not the adjectives made from them (NEREL marks both)
    from dipextract.evaluate.factru import _place_adjective

    assert _place_adjective(text) is adjective


@pytest.mark.parametrize(
    ("text", "descriptor"),
    [
        ("правительства", True),
        ("эстонская полиция", True),
        ("партии «Яблоко", False),
        ("Сенате", False),
        ("МИДа", False),
    ],
)
def test_factrueval_leaves_common_noun_organisations_out(text, descriptor):
    from dipextract.evaluate.factru import _common_noun_body

    assert _common_noun_body(text) is descriptor
