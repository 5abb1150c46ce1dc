"""Measure tokens/s of NerelTagger vs natasha's slovnet NewsNERTagger on NEREL dev, one core, same process (runs interleaved, best of 5).

Usage: OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
    /work/venv/bin/python training/benchmark_speed.py --corpus /work/shared/corpora/nerel
Adds a "speed" entry to training/dev_scores.json.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core, set before numpy is imported

import argparse
import json
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "training"))

import nerel_data as nd

from dipextract.tagging import NerelTagger


def best_of(fn, repeats: int) -> float:
    """Best wall time of several runs (least disturbed by other processes on the shared machine)."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    """Time both taggers on the same dev sentences and record tokens/s."""
    p = argparse.ArgumentParser()
    p.add_argument("--corpus", type=pathlib.Path, default=pathlib.Path("/work/shared/corpora/nerel"))
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--scores", type=pathlib.Path, default=ROOT / "training/dev_scores.json")
    a = p.parse_args()
    docs = nd.load_split(a.corpus / "dev")
    sents = [s for d in docs for s in d.sentences]
    token_lists = [s.tokens for s in sents]
    texts = [d.text[s.starts[0] : s.ends[-1]] for d in docs for s in d.sentences]
    n_tokens = sum(len(t) for t in token_lists)

    tagger = NerelTagger.load()
    import razdel
    from natasha import NewsEmbedding, NewsNERTagger

    slovnet = NewsNERTagger(NewsEmbedding())
    tagger(token_lists[:50])
    list(slovnet.map(texts[:50]))

    runs = {
        "ours": lambda: tagger(token_lists),
        "ours_tok": lambda: tagger([[t.text for t in razdel.tokenize(x)] for x in texts]),
        "theirs": lambda: list(slovnet.map(texts)),
    }
    best = {k: float("inf") for k in runs}
    for _ in range(a.repeats):  # interleaved, so load spikes from other processes hit all taggers alike
        for k, fn in runs.items():
            best[k] = min(best[k], best_of(fn, 1))
    ours, ours_tok, theirs = best["ours"], best["ours_tok"], best["theirs"]
    speed = {
        "dev_sentences": len(sents),
        "dev_tokens": n_tokens,
        "threads": 1,
        "nerel_tagger_tokens_per_s": round(n_tokens / ours),
        "nerel_tagger_incl_razdel_tokenize_tokens_per_s": round(n_tokens / ours_tok),
        "slovnet_news_ner_tokens_per_s": round(n_tokens / theirs),
        "note": "slovnet NER maps raw sentence texts (tokenises itself, batch 8); ours gets token lists, batch 64",
    }
    print(json.dumps(speed, indent=1))
    data = json.loads(a.scores.read_text(encoding="utf-8")) if a.scores.exists() else {}
    data["speed"] = speed
    a.scores.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
