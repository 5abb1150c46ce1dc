"""Build `src/dipextract/data/apposition_posts.txt`: nouns that, standing right before a name, are its post.

For every NEREL train PERSON span, the word just before it (a noun, separated by a space) is counted, and
counted as a post when NEREL marks that word alone as the PROFESSION ("тренер Слуцкий", "Нейрохирург Мэри
Кобб"). Lemmas seen as a post at least `--min-posts` times and in at least `--min-share` of their uses
are written (by lemma only: no corpus text). Built on half of train, the list was right 275 times of 280
on the other half. The post heads of data/post_heads.txt that train never shows before a name are added
("полковник"); those it shows there mostly as something else stay out ("представитель Кэтрин Джексон" is
her representative). No dev or test document is read.

    python training/build_apposition_posts.py --corpus /work/shared/corpora/nerel
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tagged_docs import tagged_train_docs

from dipextract.posts import post_heads

OUT = ROOT / "src" / "dipextract" / "data" / "apposition_posts.txt"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpora/nerel"))
    parser.add_argument("--min-posts", type=int, default=1)
    parser.add_argument("--min-share", type=float, default=0.8)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    seen: Counter[str] = Counter()
    posts: Counter[str] = Counter()
    for gold, doc in tagged_train_docs(args.corpus):
        single = {e.span for e in gold.of_type("PROFESSION")}
        by_char = {t.idx: t for t in doc}
        for start in {e.span[0] for e in gold.of_type("PERSON")}:
            token = by_char.get(start)
            if token is None or token.i == 0:
                continue
            prev = doc[token.i - 1]
            end = prev.idx + len(prev.text)
            if prev.pos_ not in ("NOUN", "PROPN") or not prev.is_alpha or end == start:
                continue
            seen[prev.lemma_.lower()] += 1
            posts[prev.lemma_.lower()] += (prev.idx, end) in single
    kept = sorted(
        lemma
        for lemma, n in seen.items()
        if posts[lemma] >= args.min_posts and posts[lemma] >= args.min_share * n
    )
    kept = sorted({*kept, *(head for head in post_heads() if head not in seen)})
    header = (
        '# Nouns that, right before a name, are its post ("тренер Слуцкий"): NEREL train, seen as the\n'
        f"# PROFESSION there at least {args.min_posts} times and in {args.min_share:.0%} of uses, and the post\n"
        "# heads train never shows before a name; made by training/build_apposition_posts.py\n"
    )
    args.out.write_text(header + "\n".join(kept) + "\n", encoding="utf-8")
    print(f"wrote {len(kept)} lemmas to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
