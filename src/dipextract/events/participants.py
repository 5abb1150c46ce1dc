"""Who takes part in an event: the trigger's subject, its "с"/"между"/"у" partners, genitive agents, objects."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from ..const import CITY, COUNTRY, DASHES, ORGANIZATION, PERSON, POST, REGION
from ..morph import OPENCORPORA_TO_UD_CASE, parse
from ..morph_features import feature
from .index import EntityIndex
from .lexicon import cue
from .tree import NP_RELS, Tree
from .triggers import Trigger, animate_accusative, hidden_partners, names_before

# Objects that are the other side: "принял посла", "посетили королеву", "пригласил премьера посетить".
_OBJECT_PARTNER = frozenset({"принять", "принимать", "посетить", "посещать", "пригласить", "встречать"})
_PARTNER_CASES = frozenset({"с", "со", "между", "у"})
_VISIT_VERBS = frozenset({"посетить", "посещать"})
_IMPERSONAL_DISCUSS = frozenset({"обсуждаться"})
_PLACES = frozenset({COUNTRY, CITY, REGION})
# Nominals that stand for the people of an event already described ("стороны обсудили").
_ANAPHORIC_SUBJECTS = frozenset(
    {
        "сторона",
        "собеседник",
        "лидер",
        "глава",
        "президент",
        "премьер",
        "министр",
        "партнёр",
        "партнер",
        "коллега",
        "участник",
        "делегация",
        "он",
        "они",
        "оба",
    }
)
_PRONOUNS = frozenset({"он", "она"})
_CHAIR = frozenset({"председательство", "руководство"})
_SUBJECT_RELS = ("nsubj", "nsubj:pass")
_NOT_ARGUMENT = ("накануне", "до", "перед", "против", "вместо")
_NP_NO_CONJ = NP_RELS
# prepositions after which no agent of the event noun follows: "подписание соглашения о создании фонда" (a
# topic); and for a gathering "с": "подготовку к саммиту с генсеком" (the verb's partner)
_TOPIC_CASES = frozenset({"о", "об", "обо", "по", "к"})
_GATHERING_TYPES = frozenset({"forum", "session"})


@dataclass(slots=True)
class Found:
    """Participants read off one trigger (entity ids, people first) and whether it points back at a known event."""

    agents: list[str]
    anaphoric: bool
    sides: bool = False  # the anaphor is plural ("стороны", "министры"): the people of an event before
    joins: bool = False  # "Во встрече также приняли участие X и Y": more people at an event named before


def _np(tree: Tree, tok: Token) -> list[Token]:
    """The argument's noun phrase, cut to the unbroken stretch around its head (long arcs are parser slips)."""
    stop = [c.i for c in tree.children(tok, "acl:relcl")]
    tokens = tree.phrase(tok, _NP_NO_CONJ, stop=stop, bare=True)
    # contiguity is judged on the whole phrase, so "председатель комиссии по ... политике Людмила Нарусова" holds
    ids = {t.i for t in tree.phrase(tok, _NP_NO_CONJ, stop=stop)}
    doc = tok.doc
    lo = hi = tok.i
    while lo - 1 in ids or (lo - 1 >= 0 and (doc[lo - 1].is_punct or doc[lo - 1].is_space) and lo - 2 in ids):
        lo -= 1
    while hi + 1 in ids or (
        hi + 1 < len(doc) and (doc[hi + 1].is_punct or doc[hi + 1].is_space) and hi + 2 in ids
    ):
        hi += 1
    return [t for t in tokens if lo <= t.i <= hi]


def _resolve(
    tree: Tree, index: EntityIndex, tok: Token, found: Found, subject: bool = True, anaphor: bool = False
) -> list[str]:
    """Entities of one argument; pronouns and "стороны" in subject position set the anaphoric flag instead."""
    if tok.lemma_ in _PRONOUNS and tok.pos_ == "PRON":
        prev = [r for r in index.refs if r.type == PERSON and r.end <= tok.i and tok.i - r.end < 80]
        return [prev[-1].entity] if prev else []
    phrase = _np(tree, tok)
    agents = index.agents(phrase, tok)
    if tok.lemma_ == "делегация":  # "делегация области во главе с вице-губернатором X совершит визит"
        agents = _delegation_head(index, tok) + agents
    # a bare plural "министры договорились" is both sides, not the one holder its post was linked to
    # ("президенты России и Сербии" names its countries and stays as it is)
    if (
        subject
        and len(agents) == 1
        and index.entities[agents[0]]["type"] == PERSON
        and tok.lemma_ in _ANAPHORIC_SUBJECTS
        and feature(tok, "Number") == ["Plur"]
        and not index.within(phrase, PERSON, COUNTRY, ORGANIZATION)
    ):
        agents = []
    if not agents and subject and _head_of_state(tree, tok):
        # "Затем глава государства провёл рабочую встречу": in a report about one leader, that leader
        main = index.salient_person()
        return [main] if main else []
    if not agents and subject and _bare_person(tree, index, tok):
        # "изобретатель встретился с X", "понтифик": a person named only by a common noun is the doc's main person
        clause = tree.head(tok)
        own = tree.own_clause(tok, clause) if clause is not None else set()  # not "..., который назначил X"
        named = [r.entity for r in index.within([tok.doc[i] for i in own], PERSON)]
        main = index.salient_person(named)
        return [main] if main else []
    if not agents and (subject or anaphor) and tok.lemma_ in _ANAPHORIC_SUBJECTS:
        found.anaphoric = True
        found.sides = found.sides or feature(tok, "Number") == ["Plur"]
    return agents


def _head_of_state(tree: Tree, tok: Token) -> bool:
    """A singular "глава государства" with no country named: the leader the report is about."""
    if tok.lemma_ != "глава" or feature(tok, "Number") != ["Sing"]:
        return False
    dependents = tree.children(tok, "nmod")
    return len(dependents) == 1 and dependents[0].lemma_ == "государство" and not tree.children(dependents[0])


def _bare_person(tree: Tree, index: EntityIndex, tok: Token) -> bool:
    """A singular animate common noun with no name, post or country of its own ("изобретатель", "первосвятитель")."""
    initial = tok.i == 0 or tok.doc[tok.i - 1].text in (".", "!", "?", "\n") or tok.doc[tok.i - 1].is_space
    if tok.pos_ == "PROPN" and (not initial or index.covering(tok, PERSON)):
        return (
            False  # a capital inside the sentence is a name the entity layer missed; at its start, any noun
        )
    if (
        tok.pos_ not in ("NOUN", "PROPN")
        or "Anim" not in feature(tok, "Animacy")
        or feature(tok, "Number") != ["Sing"]
    ):
        return False
    if tok.lemma_ in _ANAPHORIC_SUBJECTS or tok.lemma_ in cue("press"):
        return False
    # the entity layer may tag the bare noun itself as a post with no holder ("Литератор проведёт ...")
    return all(
        r.type == POST
        and (r.start, r.end) == (tok.i, tok.i + 1)
        and not index.entities[r.entity].get("holder")
        for r in index.within(tree.phrase(tok))
    )


def _subjects(tree: Tree, verb: Token, *, speaker: bool = False) -> list[Token]:
    """Subjects of a verb, borrowed from the first conjunct or the verb it complements when it has none;
    with `speaker`, an event verb's "что" clause also borrows the subject of the verb of saying above it."""
    cur: Token | None = verb
    for _ in range(4):
        if cur is None:
            break
        subj = tree.children(cur, *_SUBJECT_RELS)
        if subj and subj[0].lemma_ == "который" and tree.rel(cur) == "acl:relcl":
            head = tree.head(cur)  # "Обама, который ... пригласил"
            return [head] if head is not None else []
        if subj:
            return subj
        if tree.rel(cur) in ("conj", "xcomp", "advcl") or tree.rel(cur).startswith("xcomp"):
            cur = tree.head(cur)
        elif speaker and tree.rel(cur) == "ccomp" and _same_speaker(tree, cur):
            cur = tree.head(cur)  # "Алиев подтвердил, что посетит Казахстан": the speaker is the visitor
        elif tree.rel(cur) == "acl":  # participle: "президент, посетивший ..."
            head = _agreeing_noun(tree, cur)
            return [head] if head is not None else []
        elif tree.rel(cur) == "acl:relcl" and any(c.lower_ in ("где", "куда") for c in tree.children(cur)):
            # "совершил визит в Китай, где провёл переговоры": the visitor of the clause above
            cur = next((a for a in tree.ancestors(cur) if a.pos_ in ("VERB", "AUX")), None)
        else:
            break
    return []


def _delegation_head(index: EntityIndex, tok: Token) -> list[str]:
    """The person "во главе с" whom a delegation comes, named within the next words of its phrase."""
    if tok.lemma_ != "делегация":
        return []
    doc = tok.doc
    stop = min(len(doc), tok.i + 16)
    for k in range(tok.i + 1, stop - 2):
        if doc[k].text in (".", ";", "!", "?"):
            return []
        if doc[k].lower_ in ("во", "в") and doc[k + 1].lower_ == "главе" and doc[k + 2].lower_ in ("с", "со"):
            end = next(
                (j for j in range(k + 3, min(len(doc), k + 14)) if doc[j].text in (",", ".", ";")), None
            )
            span = list(doc[k + 3 : end if end is not None else min(len(doc), k + 14)])
            return [a for a in index.agents(span) if index.entities[a]["type"] == PERSON]
    return []


def _agreeing_noun(tree: Tree, participle: Token) -> Token | None:
    """The noun a participle describes: its head, or, when the parser hung it on a genitive inside the phrase
    ("Президентом Европейского совета Антониу Коштой, прибывшим …"), the nearest noun above in a case the
    participle's form can have ("прибывшим": instrumental singular or dative plural)."""
    head = tree.head(participle)
    cases = {OPENCORPORA_TO_UD_CASE.get(str(p.tag.case)) for p in parse(participle.text) if "PRTF" in p.tag}
    cur = head
    for _ in range(3):
        if cur is None or not cases or (feature(cur, "Case") or [""])[0] in cases:
            break
        if not tree.rel(cur).startswith("nmod"):
            return head
        cur = tree.head(cur)
    return cur if cur is not None and (feature(cur, "Case") or [""])[0] in cases else head


def _same_speaker(tree: Tree, clause: Token) -> bool:
    """A "что" clause with no subject of its own whose verb agrees in number with the subject of the verb of
    saying above it: Russian leaves out the subject the two share."""
    head = tree.head(clause)
    if head is None or not any(c.lower_ == "что" for c in tree.children(clause, "mark")):
        return False
    subjects = tree.children(head, *_SUBJECT_RELS)
    return bool(subjects) and feature(clause, "Number") == feature(subjects[0], "Number")


def _verb_participants(
    tree: Tree, index: EntityIndex, tok: Token, found: Found, words: Sequence[Token]
) -> list[str]:
    if tok.lemma_ in _IMPERSONAL_DISCUSS:
        # "С министром X обсуждалась подготовка к саммиту": the partner, and the person the report is about
        partners = [
            a
            for c in tree.children(tok, "obl", "nmod")
            if tree.case(c) in ("с", "со")
            for a in _resolve(tree, index, c, found, subject=False)
        ]
        host = index.salient_person(partners) if partners else None
        return partners + ([host] if host else [])
    agents: list[str] = []
    for s in _subjects(tree, tok, speaker=True):
        agents += _resolve(tree, index, s, found)
    if not agents:
        agents += names_before(tree, tok, index)  # a parser slip: "Как сообщил X, A и B обсудят"
    for c in hidden_partners(tree, tok, index):
        agents += _resolve(tree, index, c, found, subject=False)
    head = tree.head(tok)
    if head is not None and head.lemma_ == "пригласить":  # the invited visitor is the inviter's object
        for o in tree.children(head, "obj"):
            agents += _resolve(tree, index, o, found)
    for c in tree.children(tok):
        rel = tree.rel(c)
        if rel.startswith("obl") or rel.startswith("nmod"):
            if tree.case(c) in ("у",) and not _animate(c, index):
                continue  # "собрались у посольства": a place, not a host
            if tree.case(c) in _PARTNER_CASES or (rel == "obl:agent" and tok.lemma_ in _OBJECT_PARTNER):
                agents += _resolve(tree, index, c, found)  # "с послом"; "был принят Президентом"
        elif rel == "obj" and tok.lemma_ in _OBJECT_PARTNER:
            visited = _resolve(tree, index, c, found)  # "принял делегацию ... во главе с X": X, through it
            if tok.lemma_ in _VISIT_VERBS:  # "посетит Казахстан": the country visited is the place
                visited = [a for a in visited if index.entities[a]["type"] not in _PLACES]
            agents += visited
    if tok.lemma_ in _OBJECT_PARTNER and not tree.children(tok, "obj"):
        guest = animate_accusative(tok, words)
        if guest is not None:
            agents += _resolve(tree, index, guest, found, subject=False)
    return agents


def _animate(tok: Token, index: EntityIndex) -> bool:
    return "Anim" in feature(tok, "Animacy") or bool(index.covering(tok, PERSON, POST))


def _noun_participants(
    tree: Tree, index: EntityIndex, tok: Token, found: Found, trigger_type: str
) -> list[str]:
    agents: list[str] = []
    for c in tree.children(tok):
        rel = tree.rel(c)
        case = tree.case(c)
        if (
            rel.startswith("nmod")
            and c.i < tok.i
            and (not case or any(t.text == "," for t in tok.doc[c.i : tok.i]))
        ):
            continue  # a genitive agent follows its noun; one before it, or across a comma, is a parser slip
        if rel.startswith("nmod") and (
            not case and feature(c, "Case") in (["Gen"], ["Ins"], []) or case in _PARTNER_CASES
        ):
            if c.lemma_ in cue("press"):
                continue
            if trigger_type == "forum" and case in ("с", "со"):
                continue  # "подготовку к саммиту с генсеком": a summit has no "с" partner, the verb above has
            if trigger_type == "signing" and not case and c.lemma_ in cue("agreement"):
                continue  # "подписание соглашения о создании фонда": the document signed, not a party
            # a genitive agent may point back like a subject: "раунд переговоров министров", "встреча сторон"
            agents += _resolve(tree, index, c, found, subject=False, anaphor=not case)
        elif rel == "amod":
            agents += [r.entity for r in index.covering(c, "COUNTRY")]
        elif rel == "det" and c.lemma_ in cue("anaphor"):
            found.anaphoric = True
    if trigger_type in _GATHERING_TYPES:
        # "заседание комиссии под председательством вице-премьера X" (wherever the parser hung the chair)
        for t in tree.subtree(tok):
            if t.i != tok.i and t.lemma_ in _CHAIR and tree.case(t) == "под":
                agents += _resolve(tree, index, t, found, subject=False)
    head = tree.head(tok)
    rel = tree.rel(tok)
    light = rel == "obj" and head is not None and head.lemma_ in cue("light")  # "провёл переговоры с X"
    if (any(index.entities[a]["type"] == PERSON for a in agents) and not light) or found.anaphoric:
        return agents
    # the subject of the clause takes part: "провёл встречу", "находится с визитом", "в ходе визита ... встретился"
    if head is not None and head.lemma_ in cue("linker") and head.pos_ == "NOUN":
        tok, head, rel = head, tree.head(head), tree.rel(head)  # "в рамках визита ... встретился"
    if head is None or head.pos_ not in ("VERB", "AUX", "ADJ"):
        return agents
    if tree.case(tok) in _NOT_ARGUMENT:
        return agents
    governing = cue("light") | cue("cancelled") | cue("planned")
    if rel == "obj" and head.lemma_ not in governing:
        return agents
    if rel.startswith("nsubj"):
        # "у премьера намечено заседание", "заседание пройдёт под председательством министра Рааба"
        for c in tree.children(head, "obl", "nmod"):
            if tree.case(c) == "у" or c.lemma_ in _CHAIR:
                agents += _resolve(tree, index, c, found, subject=False)
        return agents
    if rel.startswith("obl") or rel == "obj":
        for s in _subjects(tree, head):
            agents += _resolve(tree, index, s, found)
        if rel.startswith("obl") and trigger_type in ("talks", "meeting"):
            # "в телефонном разговоре поздравил Диас-Канеля": the addressee is the other side (a person,
            # not "В ходе встречи обсудили расширение сотрудничества Таджикистана и ЕС")
            for o in tree.children(head, "obj"):
                if _animate(o, index):
                    agents += _resolve(tree, index, o, found, subject=False)
    return agents


def _window_persons(index: EntityIndex, words: Sequence[Token]) -> list[str]:
    """Without a parse: the people named in the sentence."""
    return [r.entity for r in index.within(words, PERSON)]


def _following_genitive(index: EntityIndex, tok: Token, words: Sequence[Token], gathering: bool) -> list[str]:
    """A parser slip fallback: "визит на острова президента России Дмитрия Медведева" - the genitive after the noun."""
    after = [w for w in words if tok.i < w.i <= tok.i + 8]
    stop = next(
        (
            k
            for k, w in enumerate(after)
            if w.is_punct
            or w.pos_ in ("VERB", "CCONJ")
            or w.lower_ in _TOPIC_CASES
            or (gathering and w.lower_ in ("с", "со"))
        ),
        len(after),
    )
    span = after[:stop]
    if not span or not any(feature(w, "Case") == ["Gen"] or w.pos_ == "ADJ" for w in span):
        return []
    return index.agents(span, tok)


_TAKE_PART = frozenset({"участвовать", "присутствовать"})
_BARE_RELS = frozenset({"case", "det", "amod", "punct"})


def _joins_known(tree: Tree, tok: Token) -> bool:
    """ "Во встрече также приняли участие ...", "В переговорах участвовали ...": a bare event noun (no partner,
    body or place of its own) that people take part in is the event the text has already named."""
    if tok.pos_ != "NOUN" or tree.case(tok) not in ("в", "во"):
        return False
    if any(tree.rel(c) not in _BARE_RELS for c in tree.children(tok)):
        return False
    head = tree.head(tok)
    if head is None:
        return False
    if head.lemma_ == "участие":
        return True
    return head.pos_ == "VERB" and (
        head.lemma_ in _TAKE_PART or any(c.lemma_ == "участие" for c in tree.children(head, "obj"))
    )


def _dash_pair(index: EntityIndex, tok: Token) -> list[str]:
    """ "саммит Россия — АСЕАН", "форум Китай – Африка": the two sides named right after the event noun."""
    doc = tok.doc
    refs = sorted(
        (r for r in index.refs if r.type in (COUNTRY, ORGANIZATION) and tok.i < r.start <= tok.i + 6),
        key=lambda r: r.start,
    )
    for a, b in zip(refs, refs[1:]):
        between = doc[a.end : b.start]
        if a.start == tok.i + 1 and len(between) == 1 and between[0].text in DASHES:
            return [a.entity, b.entity]
    return []


def _taking_part_in_which(tree: Tree, index: EntityIndex, tok: Token, found: Found) -> list[str]:
    """ "конференция, в которой примут участие Генеральный секретарь ООН и главы государств": the subjects of
    the relative clause that takes part in the gathering."""
    doc = tok.doc
    for k in range(tok.i + 1, min(len(doc) - 1, tok.i + 12)):
        if doc[k].text in (".", ";"):
            return []
        if doc[k].lower_ not in ("в", "во") or doc[k + 1].lemma_ != "который":
            continue
        verb = tree.head(doc[k + 1])
        if verb is None or not (
            verb.lemma_ == "участвовать"
            or verb.lemma_ == "принять"
            and any(c.lemma_ == "участие" for c in tree.children(verb, "obj"))
        ):
            return []
        agents: list[str] = []
        for subject in tree.children(verb, "nsubj"):
            for s in [subject, *tree.children(subject, "conj")]:
                agents += _resolve(tree, index, s, found, subject=False)
        return agents
    return []


def _inviters(tree: Tree, index: EntityIndex, tok: Token, found: Found) -> list[str]:
    """ "По приглашению Президента Казахстана … посетит Астану": the host who invited the visitor."""
    agents: list[str] = []
    for c in tree.children(tok, "obl", "nmod"):
        if c.lemma_ == "приглашение" and tree.case(c) == "по":
            for g in tree.children(c, "nmod"):
                if not tree.case(g):
                    agents += _resolve(tree, index, g, found, subject=False)
    return agents


def find_participants(trigger: Trigger, words: Sequence[Token], tree: Tree, index: EntityIndex) -> Found:
    """Participants of one trigger, people first, then countries and bodies; duplicates removed."""
    tok = words[0].doc[trigger.head]
    found = Found([], False)
    if not tree.parsed(tok):
        agents = _window_persons(index, words)
    elif tok.pos_ == "VERB":
        agents = _verb_participants(tree, index, tok, found, words)
    else:
        agents = _noun_participants(tree, index, tok, found, trigger.type)
        found.joins = _joins_known(tree, tok)
        if not agents and not found.anaphoric:
            agents = _following_genitive(index, tok, words, trigger.type in _GATHERING_TYPES)
        if not agents and not found.anaphoric:
            agents = _dash_pair(index, tok)
        if not agents and trigger.type in _GATHERING_TYPES:
            agents = _taking_part_in_which(tree, index, tok, found)
    if trigger.type == "visit" and tree.parsed(tok):
        agents = agents + _inviters(tree, index, tok, found)
    seen: list[str] = []
    for a in agents:
        if a not in seen:
            seen.append(a)
    persons = [a for a in seen if index.entities[a]["type"] == PERSON]
    others = [a for a in seen if a not in persons]
    found.agents = persons + others
    return found
