"""Train the NEREL nested-NER tagger with torch and export numpy weights for torch-free inference.

Usage (from the project root):
    nice -n 10 /work/venv/bin/python training/train_tagger.py --corpus /work/shared/corpora/nerel

Trains on <corpus>/train, selects the epoch with the best macro F1 on <corpus>/dev, writes
src/dipextract/models/nerel_tagger/{config.json,weights.npz} and training/dev_scores.json.
"""

from __future__ import annotations

import argparse
import collections
import json
import pathlib
import random
import sys
import time

import numpy as np
import torch
from torch import nn

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "training"))

import nerel_data as nd

from dipextract.tagging import model as tm

LAYERS = {"PERSON": 1, "POST": 3, "COUNTRY": 1, "CITY": 1, "REGION": 1, "ORGANIZATION": 2}
HEADS: list[tuple[str, int]] = [(lab, k) for lab in nd.LABELS for k in range(LAYERS[lab])]


def build_vocab(counter: collections.Counter, min_count: int, specials: list[str]) -> list[str]:
    """Frequency-filtered vocabulary with special entries first."""
    return specials + sorted(w for w, c in counter.items() if c >= min_count and w not in specials)


def bio_targets(sent: nd.Sentence) -> np.ndarray:
    """Gold BIO tags (T,H) from the sentence's spans, nested same-label spans peeled into layers."""
    tags = np.zeros((len(sent.tokens), len(HEADS)), dtype=np.int64)
    layers = nd.assign_layers(sent.spans, LAYERS)
    for k, spans in enumerate(layers):
        for a, b, lab in spans:
            h = HEADS.index((lab, k))
            tags[a, h] = tm.TAG_B
            tags[a + 1 : b, h] = tm.TAG_I
    return tags


class Net(nn.Module):
    """Torch twin of dipextract.tagging.model.NerelTagger.emissions, plus a CRF per head."""

    def __init__(
        self, navec_matrix: np.ndarray, n_words: int, n_chars: int, n_shapes: int, a: argparse.Namespace
    ):
        super().__init__()
        self.navec = nn.Embedding.from_pretrained(torch.tensor(navec_matrix), freeze=True)
        self.word_emb = nn.Embedding(n_words, a.word_dim, padding_idx=0)
        self.shape_emb = nn.Embedding(n_shapes, a.shape_dim, padding_idx=0)
        self.char_emb = nn.Embedding(n_chars, a.char_dim, padding_idx=0)
        self.char_conv = nn.Conv1d(a.char_dim, a.char_filters, 3, padding=1)
        din = navec_matrix.shape[1] + a.word_dim + a.shape_dim + a.char_filters
        self.proj = nn.Linear(din, a.proj) if a.proj else None
        if a.proj:
            din = a.proj
        self.lstm = nn.LSTM(
            din,
            a.hidden,
            num_layers=a.lstm_layers,
            bidirectional=True,
            batch_first=True,
            dropout=a.dropout if a.lstm_layers > 1 else 0.0,
        )
        self.drop = nn.Dropout(a.dropout)
        self.out = nn.Linear(2 * a.hidden, len(HEADS) * 3)
        nh = len(HEADS)
        self.trans = nn.Parameter(torch.zeros(nh, 3, 3))
        self.start = nn.Parameter(torch.zeros(nh, 3))
        self.end = nn.Parameter(torch.zeros(nh, 3))
        self.word_dropout = a.word_dropout

    def emissions(self, f: dict[str, torch.Tensor]) -> torch.Tensor:
        """Features -> (B,T,H,3) emission scores."""
        chars = f["chars"]
        bsz, tmax, cmax = chars.shape
        ce = self.char_emb(chars.view(-1, cmax)).transpose(1, 2)  # (BT,E,C)
        conv = torch.relu(self.char_conv(ce)).transpose(1, 2)  # (BT,C,F)
        clen = (chars != 0).sum(-1).view(-1)
        valid = torch.arange(cmax)[None, :] < clen[:, None]
        conv = conv.masked_fill(~valid[..., None], -1e4)
        cv = conv.max(1).values
        cv = cv.masked_fill((clen == 0)[:, None], 0.0).view(bsz, tmax, -1)
        words = f["words"]
        if self.training and self.word_dropout > 0:
            drop = (torch.rand(words.shape) < self.word_dropout) & (words > 0)
            words = words.masked_fill(drop, tm.UNK)
        x = torch.cat([self.navec(f["navec"]), self.word_emb(words), self.shape_emb(f["shapes"]), cv], -1)
        x = self.drop(x)
        if self.proj is not None:
            x = torch.relu(self.proj(x))
        packed = nn.utils.rnn.pack_padded_sequence(x, f["lengths"], batch_first=True, enforce_sorted=False)
        y, _ = self.lstm(packed)
        y, _ = nn.utils.rnn.pad_packed_sequence(y, batch_first=True, total_length=tmax)
        y = self.drop(y)
        return self.out(y).view(bsz, tmax, len(HEADS), 3)

    def crf_loss(self, em: torch.Tensor, tags: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """Negative log-likelihood of the gold BIO paths, summed over heads, averaged over sentences."""
        bsz, tmax, nh, _nt = em.shape
        mask = torch.arange(tmax)[None, :] < lengths[:, None]  # (B,T)
        hidx = torch.arange(nh)[None, :]
        gold = self.start[hidx, tags[:, 0]] + em[:, 0].gather(-1, tags[:, 0, :, None])[..., 0]
        alpha = self.start[None] + em[:, 0]  # (B,H,3)
        for t in range(1, tmax):
            m = mask[:, t][:, None]
            step = (
                self.trans[hidx, tags[:, t - 1], tags[:, t]]
                + em[:, t].gather(-1, tags[:, t, :, None])[..., 0]
            )
            gold = gold + step * m
            new = torch.logsumexp(alpha[:, :, :, None] + self.trans[None] + em[:, t, :, None, :], dim=2)
            alpha = torch.where(m[..., None], new, alpha)
        last = tags.gather(1, (lengths - 1)[:, None, None].expand(bsz, 1, nh))[:, 0]
        gold = gold + self.end[hidx, last]
        logz = torch.logsumexp(alpha + self.end[None], dim=-1)
        return (logz - gold).sum() / bsz


def to_torch(feats: dict[str, np.ndarray]) -> dict[str, torch.Tensor]:
    """numpy feature dict -> torch tensors."""
    return {k: torch.from_numpy(v) for k, v in feats.items()}


def export(
    net: Net, a: argparse.Namespace, vocab: dict[str, list[str]]
) -> tuple[dict, dict[str, np.ndarray]]:
    """Torch state -> (config, numpy weights) in the layout NerelTagger expects."""
    g = {k: v.detach().cpu().numpy().astype(np.float32) for k, v in net.state_dict().items()}
    w = {
        "word_emb": g["word_emb.weight"],
        "shape_emb": g["shape_emb.weight"],
        "char_emb": g["char_emb.weight"],
        "char_conv_w": g["char_conv.weight"],
        "char_conv_b": g["char_conv.bias"],
        "out_w": g["out.weight"],
        "out_b": g["out.bias"],
        **({"proj_w": g["proj.weight"], "proj_b": g["proj.bias"]} if a.proj else {}),
        "crf_trans": g["trans"],
        "crf_start": g["start"],
        "crf_end": g["end"],
    }
    for layer in range(a.lstm_layers):
        for suf, rev in (("", ""), ("_reverse", "_rev")):
            w[f"lstm{layer}_w_ih{rev}"] = g[f"lstm.weight_ih_l{layer}{suf}"]
            w[f"lstm{layer}_w_hh{rev}"] = g[f"lstm.weight_hh_l{layer}{suf}"]
            w[f"lstm{layer}_b{rev}"] = g[f"lstm.bias_ih_l{layer}{suf}"] + g[f"lstm.bias_hh_l{layer}{suf}"]
    config = {
        "format": 1,
        "heads": [list(h) for h in HEADS],
        "lstm_layers": a.lstm_layers,
        "batch_size": 64,
        "navec": tm.NAVEC_FILE,
        "hyperparameters": {k: v for k, v in vars(a).items() if k not in ("corpus", "out", "scores")},
        **vocab,
    }
    return config, w


def predict(tagger: tm.NerelTagger, docs: list[nd.Document]) -> list[list[list[tuple[int, int, str]]]]:
    """Tag every sentence of every doc with the numpy tagger."""
    flat = [s.tokens for d in docs for s in d.sentences]
    spans = tagger(flat)
    out, i = [], 0
    for d in docs:
        out.append(spans[i : i + len(d.sentences)])
        i += len(d.sentences)
    return out


def main() -> None:
    """Train, select on dev, export, score."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--corpus", type=pathlib.Path, default=pathlib.Path("/work/shared/corpora/nerel"))
    p.add_argument("--out", type=pathlib.Path, default=ROOT / "src/dipextract/models/nerel_tagger")
    p.add_argument("--scores", type=pathlib.Path, default=ROOT / "training/dev_scores.json")
    p.add_argument("--epochs", type=int, default=11)
    p.add_argument("--max-minutes", type=float, default=1000.0)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--lr-decay", type=float, default=0.85)
    p.add_argument("--hidden", type=int, default=128)
    p.add_argument("--proj", type=int, default=160, help="linear+ReLU input projection size (0: none)")
    p.add_argument("--lstm-layers", type=int, default=1)
    p.add_argument("--word-dim", type=int, default=64)
    p.add_argument("--shape-dim", type=int, default=16)
    p.add_argument("--char-dim", type=int, default=32)
    p.add_argument("--char-filters", type=int, default=64)
    p.add_argument("--dropout", type=float, default=0.4)
    p.add_argument("--word-dropout", type=float, default=0.15)
    p.add_argument("--word-min-count", type=int, default=2)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--limit-docs", type=int, default=0, help="debug: use only the first N train docs")
    a = p.parse_args()

    random.seed(a.seed)
    np.random.seed(a.seed)
    torch.manual_seed(a.seed)
    torch.set_num_threads(min(a.threads, 2))

    stats: dict[str, int] = {}
    train = nd.load_split(a.corpus / "train", stats)
    dev = nd.load_split(a.corpus / "dev")
    if a.limit_docs:
        train = train[: a.limit_docs]
    print("train alignment stats", stats, flush=True)
    train_sents = [s for d in train for s in d.sentences]

    words = collections.Counter(t.lower() for s in train_sents for t in s.tokens)
    chars = collections.Counter(c for s in train_sents for t in s.tokens for c in tm.clip_chars(t))
    shapes = collections.Counter(tm.word_shape(t) for s in train_sents for t in s.tokens)
    vocab = {
        "words": build_vocab(words, a.word_min_count, ["<pad>", "<unk>"]),
        "chars": build_vocab(chars, 3, ["<pad>", "<unk>", "<w>", "</w>"]),
        "shapes": build_vocab(shapes, 3, ["<pad>", "<unk>"]),
    }
    print({k: len(v) for k, v in vocab.items()}, flush=True)

    navec = tm.NavecTable()
    # compact navec: only rows that train/dev tokens hit (inference uses the full table, same vectors)
    all_ids = sorted({i for d in train + dev for s in d.sentences for i in navec.ids(s.tokens)} | {navec.unk})
    remap = {i: j for j, i in enumerate(all_ids)}
    navec_matrix = navec.vectors(np.array(all_ids))

    config0 = {"heads": [list(h) for h in HEADS], "lstm_layers": a.lstm_layers, **vocab}
    featurizer = tm.NerelTagger(config0, {}, navec)

    def feats_for(sents: list[nd.Sentence]) -> dict[str, torch.Tensor]:
        f = featurizer.featurize([s.tokens for s in sents])
        f["navec"] = np.vectorize(remap.__getitem__, otypes=[np.int64])(f["navec"])
        return to_torch(f)

    def tags_for(sents: list[nd.Sentence], tmax: int) -> torch.Tensor:
        out = np.zeros((len(sents), tmax, len(HEADS)), dtype=np.int64)
        for b, s in enumerate(sents):
            out[b, : len(s.tokens)] = bio_targets(s)
        return torch.from_numpy(out)

    # length-bucketed batches, precomputed once
    order = sorted(range(len(train_sents)), key=lambda i: len(train_sents[i].tokens))
    batches = []
    for pos in range(0, len(order), a.batch):
        sents = [train_sents[i] for i in order[pos : pos + a.batch]]
        f = feats_for(sents)
        batches.append((f, tags_for(sents, f["words"].shape[1])))

    net = Net(navec_matrix, len(vocab["words"]), len(vocab["chars"]), len(vocab["shapes"]), a)
    opt = torch.optim.Adam([q for q in net.parameters() if q.requires_grad], lr=a.lr)
    sched = torch.optim.lr_scheduler.ExponentialLR(opt, a.lr_decay)
    best, best_state, t0 = -1.0, None, time.time()
    history = []
    for epoch in range(a.epochs):
        net.train()
        random.shuffle(batches)
        total = 0.0
        for f, tags in batches:
            opt.zero_grad()
            loss = net.crf_loss(net.emissions(f), tags, f["lengths"])
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            total += loss.item()
        sched.step()
        net.eval()
        config, w = export(net, a, vocab)
        if epoch == 0:  # the numpy twin must reproduce torch's emissions
            sample = [s for d in dev[:3] for s in d.sentences][:40]
            with torch.no_grad():
                em_t = net.emissions(feats_for(sample)).numpy()
            tg = tm.NerelTagger(config, w, navec)
            f_np = tg.featurize([s.tokens for s in sample])
            em_n = tg.emissions(f_np)
            mask = np.arange(em_n.shape[1])[None, :] < f_np["lengths"][:, None]
            print("numpy/torch max emission diff", float(np.abs(em_t - em_n)[mask].max()), flush=True)
        scores = nd.score(dev, predict(tm.NerelTagger(config, w, navec), dev))
        f1s = {k: v["f1"] for k, v in scores.items()}
        macro = float(np.mean(list(f1s.values())))
        history.append(
            {"epoch": epoch + 1, "loss": round(total / len(batches), 3), "macro_f1": round(macro, 4), **f1s}
        )
        print(
            f"epoch {epoch + 1} loss {total / len(batches):.3f} dev macro {macro:.4f} {f1s} "
            f"{(time.time() - t0) / 60:.1f} min",
            flush=True,
        )
        if macro > best:
            best, best_state = macro, (config, w, scores, epoch + 1)
        if (time.time() - t0) / 60 > a.max_minutes:
            print("time budget reached", flush=True)
            break

    config, w, scores, epoch = best_state
    config["best_epoch"] = epoch
    a.out.mkdir(parents=True, exist_ok=True)
    (a.out / "config.json").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    np.savez_compressed(
        a.out / "weights.npz",
        **{k: v.astype(np.float16 if v.size > 50000 else np.float32) for k, v in w.items()},
    )
    # re-score the shipped (float16-stored) model with the public loader
    shipped = nd.score(dev, predict(tm.NerelTagger.load(a.out), dev))
    a.scores.write_text(
        json.dumps(
            {
                "split": "NEREL v1.1 dev",
                "best_epoch": epoch,
                "per_type": shipped,
                "macro_f1": round(float(np.mean([v["f1"] for v in shipped.values()])), 4),
                "train_alignment_stats": stats,
                "history": history,
            },
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    print("shipped model dev scores", json.dumps(shipped, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
