"""Whole-process throughput: dipextract vs natasha's full pipeline on the same texts, --jobs 2 vs 1, CLI start-up.

    PYTHONPATH=src python benchmarks/speed.py [--folder DIR] [--limit N] [--jobs 2]

Prints a Markdown table for the README. Times are wall-clock on whatever else the machine is doing;
run it on an idle machine for numbers worth publishing. Both pipelines run with one BLAS thread (what
dipextract's components and `--jobs` workers use anyway): on a busy 2-core machine a second OpenBLAS
thread made slovnet and natasha several times slower, so this is the fairer setting for natasha too.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

DEFAULT_FOLDER = Path("/work/shared/corpora/nerel/train")


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def cpu_timed(run: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, this process's CPU seconds): CPU time is less disturbed by other work on the machine."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def read_texts(folder: Path, limit: int | None) -> list[str]:
    paths = sorted(folder.glob("*.txt"))[:limit]
    if not paths:
        sys.exit(f"no *.txt files in {folder}")
    return [p.read_text(encoding="utf-8") for p in paths]


def morph_vocab(cls: type) -> object:
    """natasha's MorphVocab, given pymorphy2's dictionary path: pymorphy2 finds it through pkg_resources,
    which setuptools >= 81 no longer ships."""
    import pymorphy2_dicts_ru
    from natasha.morph.vocab import MorphForm

    try:
        return cls()
    except ModuleNotFoundError:
        vocab = cls.__new__(cls)
        cls.__mro__[1].__init__(vocab, path=pymorphy2_dicts_ru.get_path(), result_type=MorphForm)
        return vocab


def natasha_pipeline() -> Callable[[str], object]:
    """natasha's documented full pipeline: segmentation, morphology, syntax, NER, lemmas, span normalisation."""
    from natasha import (
        Doc,
        MorphVocab,
        NewsEmbedding,
        NewsMorphTagger,
        NewsNERTagger,
        NewsSyntaxParser,
        Segmenter,
    )

    segmenter, vocab, emb = Segmenter(), morph_vocab(MorphVocab), NewsEmbedding()
    morph, syntax, ner = NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb)

    def run(text: str) -> object:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.parse_syntax(syntax)
        doc.tag_ner(ner)
        for token in doc.tokens:
            token.lemmatize(vocab)
        for span in doc.spans:
            span.normalize(vocab)
        return doc

    return run


def cli_wall_times(text: str, runs: int = 5) -> list[float]:
    """Seconds for `dipextract FILE` in fresh processes: imports, model loading, one article, JSON out.

    The command as the console script runs it (`python -m dipextract` enters where `dipextract` does),
    with the resident-server client off, so a `dipextract serve` left running cannot answer. The first
    run may compile bytecode (as installing a wheel does), so it is left out.
    """
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "article.txt"
        path.write_text(text, encoding="utf-8")
        command = [sys.executable, "-m", "dipextract", str(path)]
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
            "DIPEXTRACT_SERVER": "0",
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        return _wall_times(command, env, runs)


def _wall_times(command: list[str], env: dict[str, str], runs: int) -> list[float]:
    """Wall seconds of `runs` runs of a command, after one more whose time is dropped (bytecode, caches)."""
    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - started)
    return times[1:]


def served_wall_times(text: str, runs: int = 3) -> list[float]:
    """Seconds for `dipextract FILE` while `dipextract serve` keeps the models loaded (client start-up,
    one article in the server, JSON back); the server's own start is not counted."""
    import signal

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "article.txt"
        path.write_text(text, encoding="utf-8")
        sock = Path(tmp) / "dx.sock"
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
            "DIPEXTRACT_SOCKET": str(sock),
        }
        env.pop("DIPEXTRACT_SERVER", None)
        server = subprocess.Popen(
            [sys.executable, "-m", "dipextract", "serve"], env=env, stderr=subprocess.DEVNULL
        )
        try:
            while not sock.exists():
                if server.poll() is not None:
                    raise RuntimeError("dipextract serve did not start")
                time.sleep(0.1)
            return _wall_times([sys.executable, "-m", "dipextract", str(path)], env, runs)
        finally:
            # SIGTERM, not SIGINT: a shell starting this benchmark in the background makes its children
            # ignore SIGINT, and the server would never stop
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)


def interleaved_passes(
    texts: list[str], batch_size: int, chunk: int = 64, warm_up: list[str] | None = None, passes: int = 2
) -> dict[str, float]:
    """Both pipelines in one fresh process, taking turns every `chunk` articles, `passes` times over the texts.

    The sequential runs above time the two pipelines minutes apart, and this machine's speed drifts by up
    to ±10% over such spans (the same code's CPU time moved from 28 to 32 s within two hours), which moves
    a ratio as much as a round of work does. Taking turns puts both in the same minutes. Each pipeline
    still meets every article once per pass, in the same order, after the same warm-up (by default the
    first 10 articles; `warm_up` gives other articles, read untimed by both first).
    """
    from dipextract import api

    api.load()
    natasha = natasha_pipeline()
    warm_up = texts[:10] if warm_up is None else warm_up
    list(api.extract_many(warm_up, batch_size=batch_size))
    for text in warm_up:
        natasha(text)
    times = dict.fromkeys(("ours", "ours_cpu", "theirs", "theirs_cpu", "ours_again", "theirs_again"), 0.0)
    for suffix in ("", "_again")[:passes]:
        for start in range(0, len(texts), chunk):
            part = texts[start : start + chunk]
            wall, cpu = cpu_timed(lambda part=part: list(api.extract_many(part, batch_size=batch_size)))
            times["ours" + suffix] += wall
            their_wall, their_cpu = cpu_timed(lambda part=part: [natasha(text) for text in part])
            times["theirs" + suffix] += their_wall
            if not suffix:  # CPU time of the first pass only
                times["ours_cpu"] += cpu
                times["theirs_cpu"] += their_cpu
    return times


def run_interleaved(args: argparse.Namespace, warm_with: list[Path] | None = None) -> dict[str, float]:
    """`interleaved_passes` in a child process (neither pipeline's caches or memory from the runs above);
    with `warm_with`, one pass after both have read those folders' articles."""
    import json

    command = [sys.executable, __file__, "--folder", str(args.folder), "--batch-size", str(args.batch_size)]
    if args.limit is not None:
        command += ["--limit", str(args.limit)]
    for folder in warm_with or ():
        command += ["--warm-with", str(folder)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    done = subprocess.run(
        command + ["--interleaved-only"], check=True, capture_output=True, text=True, env=env
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def other_news(folder: Path) -> list[Path]:
    """Article folders beside a NEREL split to warm up on: NEREL dev and FactRuEval dev, where present."""
    corpora = folder.resolve().parent.parent
    found = [folder.resolve().parent / "dev", corpora / "factrueval" / "devset"]
    return [f for f in found if f.is_dir() and f != folder.resolve() and any(f.glob("*.txt"))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--limit", type=int, default=None, help="first N articles (sorted by name)")
    parser.add_argument("--jobs", type=int, default=2, help="workers for the parallel run")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument(
        "--warm-with",
        type=Path,
        action="append",
        help="folders of other articles both pipelines read first, for the 'after other news' row "
        "(default: NEREL dev and FactRuEval dev beside the folder)",
    )
    parser.add_argument("--interleaved-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    import numpy  # noqa: F401  (loads OpenBLAS, so that the limit below applies to it)
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="blas")
    from dipextract import api
    from dipextract.batch import Options, Task, run_batch

    texts = read_texts(args.folder, args.limit)
    if args.interleaved_only:
        import json

        others = [text for folder in args.warm_with or () for text in read_texts(folder, None)]
        passes = 1 if others else 2  # after other news, the first pass is the row
        print(json.dumps(interleaved_passes(texts, args.batch_size, warm_up=others or None, passes=passes)))
        return
    n, chars = len(texts), sum(map(len, texts))
    print(f"{n} articles, {chars / n:.0f} characters on average, from {args.folder}", file=sys.stderr)
    import pymorphy2.dawg
    import pymorphy3.dawg

    dawg = f"pymorphy3 C DAWG: {pymorphy3.dawg.EXTENSION_AVAILABLE}, natasha's pymorphy2: {pymorphy2.dawg.EXTENSION_AVAILABLE}"

    load_seconds = timed(api.load)
    warm_up = texts[:10]  # both pipelines see the same few articles untimed first (lazy inits, first caches)
    list(api.extract_many(warm_up, batch_size=args.batch_size))
    ours, ours_cpu = cpu_timed(lambda: list(api.extract_many(texts, batch_size=args.batch_size)))
    # the same texts again: every word, name and phrase is in the caches, as the common ones are after the
    # first thousands of articles of an archive (an upper bound on that steady state, for both pipelines)
    ours_again = timed(lambda: list(api.extract_many(texts, batch_size=args.batch_size)))
    rss_ours = peak_rss_mb()

    tasks = [Task(i, source=str(i), text=text) for i, text in enumerate(texts)]
    options = Options(batch_size=args.batch_size)
    one_job = timed(lambda: list(run_batch(tasks, options, jobs=1)))
    many_jobs = timed(lambda: list(run_batch(tasks, options, jobs=args.jobs)))
    rss_worker = peak_rss_mb(resource.RUSAGE_CHILDREN)

    natasha_load_started = time.perf_counter()
    natasha = natasha_pipeline()
    natasha_load = time.perf_counter() - natasha_load_started
    for text in warm_up:
        natasha(text)
    theirs, theirs_cpu = cpu_timed(lambda: [natasha(text) for text in texts])
    theirs_again = timed(lambda: [natasha(text) for text in texts])
    rss_both = peak_rss_mb()
    cli_seconds = cli_wall_times(texts[0])
    served_seconds = served_wall_times(texts[0])
    turns = run_interleaved(args)
    warm_with = args.warm_with if args.warm_with is not None else other_news(args.folder)
    warmed = run_interleaved(args, warm_with) if warm_with else None
    warmed_rows = []
    if warmed:
        n_other = sum(len(list(folder.glob("*.txt"))) for folder in warm_with)
        warm_names = ", ".join(f"{folder.parent.name}/{folder.name}" for folder in warm_with)
        warmed_rows.append(
            (
                "ratio, first pass after other news, taking turns",
                f"{warmed['theirs'] / warmed['ours']:.2f}×",
                f"both first read {n_other} other articles ({warm_names}), then these, each for the first "
                f"time: {warmed['ours']:.1f} s vs {warmed['theirs']:.1f} s "
                f"(CPU time: {warmed['theirs_cpu'] / warmed['ours_cpu']:.2f}×)",
            )
        )

    rows = [
        (
            "dipextract `extract_many`",
            f"{n / ours:.2f} docs/s",
            f"{ours:.1f} s for {n} docs (+{load_seconds:.1f} s load)",
        ),
        ("natasha full pipeline", f"{n / theirs:.2f} docs/s", f"{theirs:.1f} s (+{natasha_load:.1f} s load)"),
        ("ratio dipextract / natasha", f"{theirs / ours:.2f}×", "wall time; higher is faster"),
        (
            "ratio dipextract / natasha, CPU time",
            f"{theirs_cpu / ours_cpu:.2f}×",
            f"{ours_cpu:.1f} s vs {theirs_cpu:.1f} s of process CPU time",
        ),
        (
            "ratio, second pass over the same texts",
            f"{theirs_again / ours_again:.2f}×",
            f"caches warm in both: {ours_again:.1f} s vs {theirs_again:.1f} s",
        ),
        (
            "ratio, first pass, taking turns",
            f"{turns['theirs'] / turns['ours']:.2f}×",
            f"a fresh process running both, alternating every 64 articles: {turns['ours']:.1f} s vs "
            f"{turns['theirs']:.1f} s (CPU time: {turns['theirs_cpu'] / turns['ours_cpu']:.2f}×)",
        ),
        *warmed_rows,
        (
            "ratio, second pass, taking turns",
            f"{turns['theirs_again'] / turns['ours_again']:.2f}×",
            f"the same process again: {turns['ours_again']:.1f} s vs {turns['theirs_again']:.1f} s",
        ),
        ("batch `--jobs 1`", f"{n / one_job:.2f} docs/s", f"{one_job:.1f} s"),
        (f"batch `--jobs {args.jobs}`", f"{n / many_jobs:.2f} docs/s", f"{many_jobs:.1f} s incl. pool start"),
        (f"ratio `--jobs {args.jobs}` / `--jobs 1`", f"{one_job / many_jobs:.2f}×", f"{os.cpu_count()} CPUs"),
        (
            "`dipextract FILE` wall time",
            f"{min(cli_seconds):.2f} s",
            f"fresh process, one article, best of {len(cli_seconds)} (median {statistics.median(cli_seconds):.2f}); "
            "runs: " + ", ".join(f"{t:.2f}" for t in cli_seconds),
        ),
        (
            "`dipextract FILE` with `dipextract serve` running",
            f"{min(served_seconds):.2f} s",
            "same article, models kept loaded; runs: " + ", ".join(f"{t:.2f}" for t in served_seconds),
        ),
        ("peak RSS, dipextract", f"{rss_ours:.0f} MB", "models loaded, after the run"),
        ("peak RSS, one worker", f"{rss_worker:.0f} MB", "largest child (shares the parent's pages)"),
        ("peak RSS, both pipelines", f"{rss_both:.0f} MB", "dipextract + natasha in one process"),
    ]
    print(
        f"Python {platform.python_version()}, {platform.machine()}, {n} NEREL articles "
        f"({chars / n:.0f} chars on average); one BLAS thread; {dawg}\n"
    )
    print("| measure | value | notes |\n|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
