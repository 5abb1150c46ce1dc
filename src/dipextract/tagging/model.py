"""Numpy-only inference for the NEREL nested-NER tagger (navec + char-CNN + BiLSTM + per-layer CRF heads)."""

from __future__ import annotations

import json
import pathlib
import re
from typing import Any

import numpy as np

from ..navec_index import QuantizedVectors
from ..row_cache import RowCache

LABELS: tuple[str, ...] = ("PERSON", "POST", "COUNTRY", "CITY", "REGION", "ORGANIZATION")
DEFAULT_MODEL_DIR: pathlib.Path = pathlib.Path(__file__).resolve().parent.parent / "models" / "nerel_tagger"
NAVEC_FILE = "navec_news_v1_1B_250K_300d_100q.tar"

PAD, UNK, BOW, EOW = 0, 1, 2, 3
MAX_CHARS = 20  # longer words keep their first 8 and last 12 characters (suffixes carry case endings)
TAG_O, TAG_B, TAG_I = 0, 1, 2
WORD_TABLE_ROWS = 20_000  # distinct tokens whose LSTM input vector is kept (640 bytes each)


_CYRILLIC_WORD = re.compile(r"[а-яё]+|[А-ЯЁ][а-яё]*|[А-ЯЁ]+")
_LATIN_WORD = re.compile(r"[a-z]+|[A-Z][a-z]*|[A-Z]+")


def word_shape(token: str) -> str:
    """Collapsed capitalisation/digit shape plus a Latin-script flag: cues for names and abbreviations.

    Most words are one run of Cyrillic or Latin letters in lower, title or upper case: their shape is read
    from one regular-expression match instead of a walk over the characters (the same result).
    """
    match = _CYRILLIC_WORD.fullmatch(token)
    if match is None:
        match = _LATIN_WORD.fullmatch(token)
        latin = "L"
    else:
        latin = ""
    if match is not None:
        first = token[0]
        if first.islower():
            return latin + "x"
        if len(token) == 1:
            return latin + "X"
        return latin + ("Xx" if token[1].islower() else "X")
    return _word_shape_by_characters(token)


def _word_shape_by_characters(token: str) -> str:
    """`word_shape` of any token, character by character."""
    out: list[str] = []
    for ch in token:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    latin = any("a" <= ch <= "z" for ch in token.lower())
    return ("L" if latin else "") + "".join(out)[:6]


def clip_chars(token: str) -> str:
    """Bound char-CNN input length while keeping the inflectional ending."""
    return token if len(token) <= MAX_CHARS else token[:8] + token[-12:]


def navec_path() -> pathlib.Path:
    """Locate the navec embeddings natasha ships, so the model dir need not copy 50 MB."""
    import natasha

    return pathlib.Path(natasha.__file__).resolve().parent / "data" / "emb" / NAVEC_FILE


class NavecTable:
    """Vectorised lookup into navec's product-quantised table (avoids per-word python decoding)."""

    def __init__(self, path: pathlib.Path | None = None) -> None:
        from ..slovnet_models import NEWS_EMBEDDING
        from ..slovnet_models import navec as shared_navec

        if path is None and pathlib.Path(NEWS_EMBEDDING).name == NAVEC_FILE:
            navec = shared_navec()  # the same 250K-word table slovnet uses: loading it twice costs ~170 MB
        else:
            from navec import Navec

            navec = Navec.load(str(path or navec_path()))
        self.index: dict[str, int] = navec.vocab.word_ids
        self.unk: int = navec.vocab.unk_id
        self._decode = QuantizedVectors(navec.pq.indexes, navec.pq.codes)
        self.dim: int = navec.pq.dim

    def ids(self, tokens: list[str]) -> list[int]:
        """Lower-cased navec ids, with ё→е as a fallback; unknown words map to <unk>."""
        out = []
        for tok in tokens:
            low = tok.lower()
            i = self.index.get(low)
            if i is None:
                i = self.index.get(low.replace("ё", "е"), self.unk)
            out.append(i)
        return out

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        """Decode navec vectors for an array of ids (any shape) -> shape + (dim,)."""
        return self._decode(ids).reshape(ids.shape + (self.dim,)).astype(np.float32, copy=False)


def viterbi(
    emissions: np.ndarray, lengths: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray
) -> np.ndarray:
    """Best BIO path per (sentence, head): emissions (B,T,H,3) -> tags (B,T,H)."""
    bsz, tmax, nh, nt = emissions.shape
    score = start[None] + emissions[:, 0]  # (B,H,3)
    back = np.zeros((bsz, tmax, nh, nt), dtype=np.int64)
    for t in range(1, tmax):
        cand = score[:, :, :, None] + trans[None]  # (B,H,from,to)
        best = cand.argmax(axis=2)
        new = np.take_along_axis(cand, best[:, :, None, :], axis=2)[:, :, 0] + emissions[:, t]
        live = (t < lengths)[:, None, None]
        score = np.where(live, new, score)
        back[:, t] = np.where(live, best, np.arange(nt)[None, None, :])
    score = score + end[None]
    tags = np.zeros((bsz, tmax, nh), dtype=np.int64)
    last = score.argmax(axis=-1)  # (B,H)
    for t in range(tmax - 1, -1, -1):
        tags[:, t] = last
        if t > 0:
            last = np.take_along_axis(back[:, t], last[:, :, None], axis=2)[:, :, 0]
    return tags


def tags_to_spans(tags: np.ndarray, length: int, heads: list[tuple[str, int]]) -> list[tuple[int, int, str]]:
    """Turn per-head BIO tags of one sentence into labelled token spans (I after O opens a span)."""
    spans: set[tuple[int, int, str]] = set()
    for h, (label, _layer) in enumerate(heads):
        col = tags[:length, h]
        start = -1
        for i, tag in enumerate(col):
            if tag == TAG_B or (tag == TAG_I and start < 0):
                if start >= 0:
                    spans.add((start, i, label))
                start = i
            elif tag == TAG_O and start >= 0:
                spans.add((start, i, label))
                start = -1
        if start >= 0:
            spans.add((start, length, label))
    return sorted(spans)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    """Numerically safe logistic for LSTM gates."""
    return 0.5 * (np.tanh(0.5 * x) + 1.0)


def _lstm(x: np.ndarray, w_ih: np.ndarray, w_hh: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Unidirectional LSTM over (B,T,D) in torch's gate order i,f,g,o; padding lies at the end."""
    bsz, tmax, _ = x.shape
    hid = w_hh.shape[1]
    xi = x @ w_ih.T + b  # (B,T,4H)
    h = np.zeros((bsz, hid), dtype=np.float32)
    c = np.zeros((bsz, hid), dtype=np.float32)
    out = np.empty((bsz, tmax, hid), dtype=np.float32)
    w_hh_t = np.ascontiguousarray(w_hh.T)
    for t in range(tmax):
        g = xi[:, t] + h @ w_hh_t
        i = _sigmoid(g[:, :hid])
        f = _sigmoid(g[:, hid : 2 * hid])
        cand = np.tanh(g[:, 2 * hid : 3 * hid])
        o = _sigmoid(g[:, 3 * hid :])
        c = f * c + i * cand
        h = o * np.tanh(c)
        out[:, t] = h
    return out


def _reverse_padded(x: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Reverse each sequence within its own length, keeping padding at the end."""
    tmax = x.shape[1]
    t = np.arange(tmax)[None, :]
    idx = np.where(t < lengths[:, None], lengths[:, None] - 1 - t, t)
    return np.take_along_axis(x, idx[:, :, None], axis=1)


def _packed_order(lengths: np.ndarray, reverse: bool) -> np.ndarray:
    """Flat token positions in time-major order for sentences sorted longest first.

    Sentence b's tokens are flat positions starts[b] .. starts[b]+len-1 (taken back to front with
    `reverse`); at step t the running sentences are the first `_active(lengths)[t]`.
    """
    tmax = int(lengths[0])
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    t = np.arange(tmax)[None, :]
    live = t < lengths[:, None]  # (B,T)
    step = np.where(live, lengths[:, None] - 1 - t, 0) if reverse else t
    flat = starts[:, None] + step
    return flat.T[live.T]


def _active(lengths: np.ndarray) -> list[int]:
    """How many sentences (sorted longest first) are still running at each step."""
    return (np.arange(int(lengths[0]))[None, :] < lengths[:, None]).sum(axis=0).tolist()


def _bilstm_packed(
    xi: np.ndarray, active: list[int], w_hh: np.ndarray, rows: np.ndarray | None = None
) -> np.ndarray:
    """Both LSTM directions at once over packed sequences (no step is spent on padding).

    xi: (2,N,4H) input projections in each direction's time-major order, gates ordered i,f,o,g with the
    i,f,o columns (of xi and w_hh) pre-halved, so one tanh gives all gates: sigmoid(x) = (tanh(x/2)+1)/2.
    With `rows` (2,N), xi is (2,U,4H) per distinct token and position n of direction d reads row
    rows[d,n]: each step gathers its own few rows, instead of a (2,N,4H) copy going through memory.
    w_hh: (2,H,4H). Returns the hidden states (2,N,H) in the same packed order.
    """
    hid = w_hh.shape[1]
    n = xi.shape[1] if rows is None else rows.shape[1]
    h = np.zeros((2, active[0], hid), dtype=np.float32)
    c = np.zeros_like(h)
    out = np.empty((2, n, hid), dtype=np.float32)
    offset = 0
    for k in active:
        t = np.matmul(h[:, :k], w_hh)  # (2,k,4H)
        if rows is None:
            t += xi[:, offset : offset + k]
        else:
            t[0] += xi[0].take(rows[0, offset : offset + k], axis=0)
            t[1] += xi[1].take(rows[1, offset : offset + k], axis=0)
        np.tanh(t, out=t)
        # the gates are (t+1)/2; the halving is exact in floating point, so it is applied once to the
        # cell (f*c + i*g) and once to the output (o*tanh(cell)): the same numbers, fewer passes
        t[:, :, : 3 * hid] += 1.0
        cell = c[:, :k]
        cell *= t[:, :, hid : 2 * hid]
        cell += t[:, :, :hid] * t[:, :, 3 * hid :]
        cell *= 0.5
        state = np.tanh(cell)
        state *= t[:, :, 2 * hid : 3 * hid]
        state *= 0.5
        h[:, :k] = out[:, offset : offset + k] = state
        offset += k
    return out


def viterbi_packed(
    emissions: np.ndarray, active: list[int], trans: np.ndarray, start: np.ndarray, end: np.ndarray
) -> np.ndarray:
    """`viterbi` over packed emissions (N,H,3) in time-major order, sentences sorted longest first -> tags (N,H).

    With three tags, each step compares the three "from" scores directly (strict comparisons keep the first
    of equal ones, as `argmax` does) instead of building (k,H,3,3) candidates: the same path, twice as fast.
    """
    if trans.shape[1] != 3:
        raise ValueError("viterbi_packed expects three tags (O, B, I)")
    k0 = active[0]
    score = start[None] + emissions[:k0]  # (B,H,3)
    backs = []
    offset = k0
    from_o, from_b, from_i = trans[None, :, 0, :], trans[None, :, 1, :], trans[None, :, 2, :]  # (1,H,to)
    for k in active[1:]:
        running = score[:k]
        via_o = running[:, :, 0:1] + from_o  # (k,H,to)
        via_b = running[:, :, 1:2] + from_b
        via_i = running[:, :, 2:3] + from_i
        best = (via_b > via_o).astype(np.int64)
        top = np.maximum(via_o, via_b)
        best[via_i > top] = 2
        np.maximum(top, via_i, out=top)
        top += emissions[offset : offset + k]
        score[:k] = top
        backs.append(best)
        offset += k
    tags = np.empty(emissions.shape[:2], dtype=np.int64)
    last = (score + end[None]).argmax(axis=-1)  # (B,H)
    for t in range(len(active) - 1, -1, -1):
        k = active[t]
        offset -= k
        tags[offset : offset + k] = last[:k]
        if t > 0:
            last[:k] = np.take_along_axis(backs[t - 1], last[:k, :, None], axis=2)[:, :, 0]
    return tags


def spans_of_tags(
    tags: np.ndarray, lengths: list[int], heads: list[tuple[str, int]]
) -> list[list[tuple[int, int, str]]]:
    """`tags_to_spans` for many sentences at once: tags (N,H) in flat order, sentence after sentence."""
    n = tags.shape[0]
    first = np.zeros(n, dtype=bool)
    first[np.cumsum([0] + lengths[:-1])] = True
    previous = np.vstack([np.full((1, tags.shape[1]), TAG_O), tags[:-1]])
    previous[first] = TAG_O
    opens = (tags == TAG_B) | ((tags == TAG_I) & (previous == TAG_O))  # (N,H)
    breaks = (tags != TAG_I) | first[:, None]  # a span runs until the next break (or its sentence's end)
    sentence = np.cumsum(first) - 1
    ends_of_sentences = np.cumsum(lengths)
    out: list[set[tuple[int, int, str]]] = [set() for _ in lengths]
    starts_of_sentences = ends_of_sentences - np.array(lengths)
    for h, (label, _layer) in enumerate(heads):
        positions = np.flatnonzero(opens[:, h])
        if not len(positions):
            continue
        stops = np.flatnonzero(breaks[:, h])
        nxt = np.searchsorted(stops, positions, side="right")
        end = np.where(nxt < len(stops), stops[np.minimum(nxt, len(stops) - 1)], n)
        sent = sentence[positions]
        end = np.minimum(end, ends_of_sentences[sent])
        base = starts_of_sentences[sent]
        for b, st, en in zip(sent.tolist(), (positions - base).tolist(), (end - base).tolist()):
            out[b].add((st, en, label))
    return [sorted(spans) for spans in out]


class NerelTagger:
    """Tags PERSON/POST/COUNTRY/CITY/REGION/ORGANIZATION mentions, nested ones included, with numpy only."""

    def __init__(self, config: dict[str, Any], weights: dict[str, np.ndarray], navec: NavecTable) -> None:
        self.config = config
        self.w = weights
        self.navec = navec
        self.heads: list[tuple[str, int]] = [(h[0], int(h[1])) for h in config["heads"]]
        self.word_index: dict[str, int] = {w: i for i, w in enumerate(config["words"])}
        self.char_index: dict[str, int] = {c: i for i, c in enumerate(config["chars"])}
        self.shape_index: dict[str, int] = {s: i for i, s in enumerate(config["shapes"])}
        self.layers: int = int(config["lstm_layers"])
        self.batch_size: int = int(config.get("batch_size", 64))
        self._cache: RowCache[str] = RowCache(WORD_TABLE_ROWS)  # token -> its LSTM input vector
        self._fused: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self._char_conv: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    @classmethod
    def load(cls, path: pathlib.Path | None = None) -> NerelTagger:
        """Load config + npz weights from the model dir (default: the one shipped in the package)."""
        path = pathlib.Path(path) if path is not None else DEFAULT_MODEL_DIR
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        with np.load(path / "weights.npz") as npz:
            weights = {k: npz[k].astype(np.float32) for k in npz.files}
        return cls(config, weights, NavecTable())

    # ---- features -------------------------------------------------------------------------------------
    def featurize(self, batch: list[list[str]]) -> dict[str, np.ndarray]:
        """Integer feature arrays for a batch of token lists, padded to the longest sentence."""
        bsz = len(batch)
        tmax = max(len(s) for s in batch)
        lengths = np.array([len(s) for s in batch], dtype=np.int64)
        navec_ids = np.full((bsz, tmax), self.navec.unk, dtype=np.int64)
        word_ids = np.zeros((bsz, tmax), dtype=np.int64)
        shape_ids = np.zeros((bsz, tmax), dtype=np.int64)
        clipped = [[clip_chars(t) for t in s] for s in batch]
        cmax = max((len(t) for s in clipped for t in s), default=0) + 2
        char_ids = np.zeros((bsz, tmax, cmax), dtype=np.int64)
        wi, ci, si = self.word_index, self.char_index, self.shape_index
        for b, sent in enumerate(batch):
            if not sent:
                continue
            n = len(sent)
            navec_ids[b, :n] = self.navec.ids(sent)
            word_ids[b, :n] = [wi.get(tok.lower(), UNK) for tok in sent]
            shape_ids[b, :n] = [si.get(word_shape(tok), UNK) for tok in sent]
            # every word's characters one after another, then placed in the grid in one assignment
            flat: list[int] = []
            for tok in clipped[b]:
                flat.append(BOW)
                flat.extend([ci.get(ch, UNK) for ch in tok])
                flat.append(EOW)
            sizes = np.array([len(tok) + 2 for tok in clipped[b]])
            char_ids[b, :n][np.arange(cmax)[None, :] < sizes[:, None]] = flat
        return {
            "lengths": lengths,
            "navec": navec_ids,
            "words": word_ids,
            "shapes": shape_ids,
            "chars": char_ids,
        }

    # ---- network --------------------------------------------------------------------------------------
    def emissions(self, feats: dict[str, np.ndarray]) -> np.ndarray:
        """Forward pass: features -> per-head BIO emission scores (B,T,H,3)."""
        w = self.w
        lengths = feats["lengths"]
        bsz, tmax = feats["words"].shape
        x = self._inputs(feats)
        for layer in range(self.layers):
            p = f"lstm{layer}_"
            fwd = _lstm(x, w[p + "w_ih"], w[p + "w_hh"], w[p + "b"])
            bwd = _lstm(_reverse_padded(x, lengths), w[p + "w_ih_rev"], w[p + "w_hh_rev"], w[p + "b_rev"])
            x = np.concatenate([fwd, _reverse_padded(bwd, lengths)], axis=-1)
        return self._outputs(x).reshape(bsz, tmax, len(self.heads), 3)

    def _outputs(self, x: np.ndarray) -> np.ndarray:
        """BiLSTM states -> emission scores, flattened over heads and tags."""
        w = self.w
        if "hidden_w" in w:
            x = np.maximum(x @ w["hidden_w"].T + w["hidden_b"], 0.0)
        out = x @ w["out_w"].T
        out += w["out_b"]
        return out

    def _inputs(self, feats: dict[str, np.ndarray]) -> np.ndarray:
        """Features -> the LSTM's input vectors (B,T,D); each depends on its own word only."""
        w = self.w
        lengths = feats["lengths"]
        bsz, tmax = feats["words"].shape
        real = np.arange(tmax)[None, :] < lengths[:, None]  # (B,T)
        char_vec = np.zeros((bsz, tmax, w["char_conv_w"].shape[0]), dtype=np.float32)
        char_vec[real] = self._char_vectors(feats["chars"][real])
        x = np.concatenate(
            [
                self.navec.vectors(feats["navec"]),
                w["word_emb"][feats["words"]],
                w["shape_emb"][feats["shapes"]],
                char_vec,
            ],
            axis=-1,
        ).astype(np.float32, copy=False)
        if "proj_w" in w:
            x = x @ w["proj_w"].T
            x += w["proj_b"]
            np.maximum(x, 0.0, out=x)
        return x

    def _char_vectors(self, words: np.ndarray) -> np.ndarray:
        """Char-CNN features (N,F) of words given as padded char ids (N,C): same-padded convolution, ReLU,
        max over the word's positions (BOW, its characters, EOW).

        All words' characters run as one flat sequence with a padding position between words (its
        embedding is zero, like the padding around each word in training): a kernel of three sees the
        same neighbours, and no work is spent on padding words to the longest. The convolution is linear
        in the embeddings, so each offset of the kernel is a table of one row per character
        (`_char_tables`), and a position's value is three rows looked up and added.
        """
        before, here, after = self._char_tables()
        clen = (words != PAD).sum(-1)  # (N,)
        with_gap = np.pad(words, ((0, 0), (0, 1)))  # one padding position after each word
        flat = np.pad(with_gap[np.arange(with_gap.shape[1])[None, :] < (clen + 1)[:, None]], 1)  # (L+2,)
        conv = before[flat[:-2]]  # (L,F)
        conv += here[flat[1:-1]]
        conv += after[flat[2:]]
        np.maximum(conv, 0.0, out=conv)
        # a (words, longest) grid of positions, short words repeating their first one
        starts = np.concatenate([[0], np.cumsum(clen + 1)[:-1]]).astype(np.int64)
        offsets = np.arange(int(clen.max(initial=0)))[None, :]
        positions = starts[:, None] + np.where(offsets < clen[:, None], offsets, 0)
        return conv[positions].max(axis=1, initial=0.0)  # ReLU outputs: 0 is no lower bound

    def _char_tables(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per character id, the convolution's contribution at offsets -1, 0, +1 (the bias in the middle
        one); the padding id's rows stay zero but for the bias."""
        tables = self._char_conv
        if tables is None:
            w = self.w
            kernel = w["char_conv_w"]  # (F,E,k)
            if kernel.shape[-1] != 3 or w["char_emb"][PAD].any():
                raise ValueError("the flat char CNN expects kernel 3 and a zero padding embedding")
            before, here, after = (np.ascontiguousarray(w["char_emb"] @ kernel[:, :, j].T) for j in range(3))
            here += w["char_conv_b"]
            tables = self._char_conv = (before, here, after)
        return tables

    def decode(self, emissions: np.ndarray, lengths: np.ndarray) -> list[list[tuple[int, int, str]]]:
        """CRF Viterbi per head, then BIO -> spans for each sentence."""
        w = self.w
        tags = viterbi(emissions, lengths, w["crf_trans"], w["crf_start"], w["crf_end"])
        return [tags_to_spans(tags[b], int(lengths[b]), self.heads) for b in range(len(lengths))]

    def __call__(self, sentences: list[list[str]]) -> list[list[tuple[int, int, str]]]:
        """Tag sentences (lists of razdel tokens); returns token spans per sentence.

        The same network as `emissions` + `decode`, run for inference: each distinct token's input vector
        (navec, word, shape and char-CNN features through the projection) is computed once and kept in a
        bounded table, and projected into the first LSTM layer once per call; the two LSTM directions run together over packed sequences, longest first, so no
        step is spent on padding; Viterbi and span reading run over all sentences at once.
        """
        result: list[list[tuple[int, int, str]]] = [[] for _ in sentences]
        order = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: -len(sentences[i]))
        if not order:
            return result
        batch = [sentences[i] for i in order]
        lengths = np.array([len(s) for s in batch], dtype=np.int64)
        active = _active(lengths)
        forward, backward = _packed_order(lengths, False), _packed_order(lengths, True)
        index: dict[str, int] = {}
        inverse = np.array([index.setdefault(tok, len(index)) for sent in batch for tok in sent])
        distinct = self._word_vectors(list(index))  # (U,D): each distinct token once
        x = distinct
        for layer in range(self.layers):
            w_ih, b, w_hh = self._layer_weights(layer)
            if layer == 0:  # the first layer's input depends on the token alone: project each one once
                projected = np.matmul(distinct, w_ih)  # (2,U,4H)
                projected += b
                states = _bilstm_packed(
                    projected, active, w_hh, np.stack([inverse[forward], inverse[backward]])
                )
            else:
                xi = np.matmul(np.stack([x[forward], x[backward]]), w_ih) + b  # (2,N,4H), packed
                states = _bilstm_packed(xi, active, w_hh)
            x = np.empty((len(inverse), 2 * w_hh.shape[1]), dtype=np.float32)
            x[forward, : w_hh.shape[1]] = states[0]
            x[backward, w_hh.shape[1] :] = states[1]
        w = self.w
        emissions = self._outputs(x)[forward].reshape(len(x), len(self.heads), 3)
        packed_tags = viterbi_packed(emissions, active, w["crf_trans"], w["crf_start"], w["crf_end"])
        tags = np.empty_like(packed_tags)
        tags[forward] = packed_tags
        for i, spans in zip(order, spans_of_tags(tags, lengths.tolist(), self.heads)):
            result[i] = spans
        return result

    def _layer_weights(self, layer: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(2,D,4H) input and (2,H,4H) recurrent weights and (2,1,4H) biases of both directions.

        Gates are reordered from torch's i,f,g,o to i,f,o,g and the i,f,o columns halved (exact in
        floating point), for `_bilstm_packed`.
        """
        fused = self._fused.get(layer)
        if fused is None:
            w, p = self.w, f"lstm{layer}_"
            hid = w[p + "w_hh"].shape[1]
            gates = np.r_[0 : 2 * hid, 3 * hid : 4 * hid, 2 * hid : 3 * hid]
            scale = np.ones(4 * hid, dtype=np.float32)
            scale[: 3 * hid] = 0.5

            def prepare(name: str) -> np.ndarray:
                return np.ascontiguousarray((w[p + name][gates] * scale[:, None]).T)

            w_ih = np.stack([prepare("w_ih"), prepare("w_ih_rev")])
            w_hh = np.stack([prepare("w_hh"), prepare("w_hh_rev")])
            b = np.stack([w[p + "b"][gates] * scale, w[p + "b_rev"][gates] * scale])[:, None, :]
            fused = self._fused[layer] = (w_ih, b, w_hh)
        return fused

    def _word_vectors(self, tokens: list[str]) -> np.ndarray:
        """The LSTM input vector of every token, from the table (new tokens are computed in one batch)."""
        rows = self._cache.rows(tokens, lambda new: self._inputs(self.featurize([new]))[0])
        if rows is None or self._cache.table is None:  # more distinct tokens in one call than the table holds
            return self._inputs(self.featurize([tokens]))[0]
        return self._cache.table[rows]
