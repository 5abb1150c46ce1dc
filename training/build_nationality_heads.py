"""Build `src/dipextract/data/nationality_heads.txt`: nouns after which a country adjective is a nationality.

NEREL marks "американскому" in "американскому актёру" as NATIONALITY and "российские" in "российские
власти" as COUNTRY. For every NEREL train COUNTRY or NATIONALITY span made of adjectives only, the noun
they qualify (`dipextract.nationalities.adjective_head`, as at run time) is counted under its label; a
noun's lemma is written when it is animate (a person: "актёр", not "кино") and seen with a NATIONALITY
more often than with a COUNTRY ("журналист" 4 to 1; "гражданин", "космонавт", "политик" stay out). Lemmas
only, no corpus text; no dev or test document is read.

    python training/build_nationality_heads.py --corpus /work/shared/corpora/nerel
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tagged_docs import tagged_train_docs

from dipextract.morph import parse
from dipextract.nationalities import adjective_head

OUT = ROOT / "src" / "dipextract" / "data" / "nationality_heads.txt"
# a fighter serves a state: "украинский боец", "российские гвардейцы" are the country's (NEREL's COUNTRY),
# though train's one "боец" was a boxer's
SERVE_A_STATE = frozenset({"боец", "гвардеец", "доброволец", "солдат", "военный"})


def animate(lemma: str) -> bool:
    """pymorphy3 reads the lemma as an animate common noun (one of its noun readings is, not a name's)."""
    return any(
        p.tag.POS == "NOUN" and "anim" in p.tag and not {"Name", "Surn", "Patr"} & p.tag.grammemes
        for p in parse(lemma)
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpora/nerel"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    nationality: Counter[str] = Counter()
    country: Counter[str] = Counter()
    for gold, doc in tagged_train_docs(args.corpus):
        starts = {t.idx: t.i for t in doc}
        ends = {t.idx + len(t.text): t.i + 1 for t in doc}
        for entity in gold.of_type("COUNTRY", "NATIONALITY"):
            start, end = starts.get(entity.span[0]), ends.get(entity.span[1])
            if start is None or end is None:
                continue
            head = adjective_head(doc, start, end)
            if head is not None and head.pos_ == "NOUN":
                counts = nationality if entity.type == "NATIONALITY" else country
                counts[head.lemma_.lower()] += 1
    kept = sorted(
        lemma
        for lemma, n in nationality.items()
        if n > country[lemma] and animate(lemma) and lemma not in SERVE_A_STATE
    )
    header = (
        '# Nouns after which a country adjective names a nationality ("американский актёр"), not the state:\n'
        "# animate, and seen in NEREL train with a NATIONALITY adjective more often than with a COUNTRY one;\n"
        "# made by training/build_nationality_heads.py\n"
    )
    args.out.write_text(header + "\n".join(kept) + "\n", encoding="utf-8")
    print(f"wrote {len(kept)} lemmas to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
