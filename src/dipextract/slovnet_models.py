"""natasha's shipped slovnet models and navec embeddings, loaded once and driven on our own tokens.

The morphology and syntax models share slovnet's CNN encoder (navec + word-shape embeddings, three
conv/ReLU/batch-norm layers), which runs here with its own numpy code: every sentence of a batch goes into
one flat sequence, separated by a zero position, instead of a padded (sentences x longest) block. The
model masks padding to zero after each layer and its convolutions see one neighbour on each side, so the
flat sequence gives the same tags as slovnet's own `infer` (tested) at a fraction of the cost.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from collections.abc import Iterable, Sequence
from gzip import GzipFile
from typing import Any

import numpy as np

from .navec_index import Lines, QuantizedVectors, SortedIndex, Words
from .row_cache import RowCache

BATCH_SIZE = 64
_WORD_CACHE_SIZE = 60_000  # distinct word forms whose (navec id, shape id) are kept
_HEAD_ROWS = 512  # words scored at once by a tagging head: 512 x 753 morphology scores fit the CPU cache
_CACHE_ROWS = 12_000  # (navec word, shape) pairs whose first-layer row is kept (3 KB each)


def natasha_data() -> str:
    """natasha's data folder, found without importing natasha (its __init__ imports all of it)."""
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("natasha is not installed", name="natasha")
    return os.path.join(next(iter(spec.submodule_search_locations)), "data")


NEWS_EMBEDDING = os.path.join(natasha_data(), "emb", "navec_news_v1_1B_250K_300d_100q.tar")
NEWS_MORPH = os.path.join(natasha_data(), "model", "slovnet_morph_news_v1.tar")
NEWS_NER = os.path.join(natasha_data(), "model", "slovnet_ner_news_v1.tar")
NEWS_SYNTAX = os.path.join(natasha_data(), "model", "slovnet_syntax_news_v1.tar")


@functools.cache
def navec() -> Any:
    """The 250K-word navec table (26 MB) shared by every slovnet model.

    Read as `Navec.load` does (its per-word codes mapped from the file), minus its similarity tables
    (`PQ.precompute`: 0.3 s and 26 MB that nothing here uses), with one word index for navec and all
    slovnet models: a binary search over the sorted word list (`navec_index`), not a 250,000-key dict.
    """
    from navec import Navec
    from navec.meta import Meta
    from navec.navec import META, PQ_, VOCAB
    from navec.pq import PQ
    from navec.tar import Tar
    from navec.vocab import PAD, UNK, Vocab

    with Tar(NEWS_EMBEDDING) as tar:
        meta = Meta.from_file(tar.load(META))
        Meta.check_protocol(meta.protocol)
        file = GzipFile(mode="rb", fileobj=tar.load(VOCAB))
        (size,) = np.frombuffer(file.read(4), np.uint32)
        file.read(4 * int(size))  # word counts: unused
        lines = Lines(file.read())
        if len(lines) != int(size):
            raise ValueError(f"{NEWS_EMBEDDING}: {len(lines)} words, its header says {int(size)}")
        vocab = Vocab.__new__(Vocab)
        vocab.words = Words(lines)
        vocab.counts = None
        vocab.word_ids = SortedIndex(lines, unsorted_tail=(UNK, PAD))  # navec appends its markers
        vocab.unk_id, vocab.pad_id = vocab.word_ids.get(UNK), vocab.word_ids.get(PAD)
        member = tar.tar.getmember(PQ_)
        file = tar.tar.extractfile(member)
        vectors, dim, qdim, centroids = np.frombuffer(file.read(16), np.uint32).tolist()
        file.seek(16 + vectors * qdim)
        codes = np.frombuffer(file.read(), np.float32).reshape(qdim, centroids, -1)
    pq = PQ.__new__(PQ)
    pq.vectors, pq.dim, pq.qdim, pq.centroids, pq.codes = vectors, dim, qdim, centroids, codes
    pq.qdims = np.arange(qdim)
    # the 25 MB of codes per word are mapped from the (uncompressed) tar, not read: pages load as words are
    # looked up, and forked workers share them
    indexes = np.memmap(NEWS_EMBEDDING, np.uint8, "r", offset=member.offset_data + 16, shape=(vectors, qdim))
    pq.indexes = np.asarray(indexes)
    return Navec(meta, vocab, pq)


def _load_slovnet(api: Any, model_cls: Any, path: str, labels: str, infer_cls: Any, decoder_cls: Any) -> Any:
    """A slovnet API object as `api.load(path).navec(navec())` builds it, with navec's word index reused.

    slovnet's own word vocabulary is the navec word list (checked), and building its index took 0.2 s and
    20 MB per model.
    """
    from slovnet.const import SHAPE
    from slovnet.exec.encoders import TagEncoder
    from slovnet.exec.pack import Pack
    from slovnet.vocab import Vocab

    table = navec()
    with Pack(path) as pack:
        pack.load_meta().check_protocol()
        model = pack.load_model(model_cls)
        arrays = dict(pack.load_arrays(model.weights))
        shapes, tags = pack.load_vocab(SHAPE), pack.load_vocab(labels)
    words = Vocab.__new__(Vocab)
    words.items, words.item_ids = table.vocab.words, table.vocab.word_ids
    words.unk_id, words.pad_id = table.vocab.unk_id, table.vocab.pad_id
    if len(words.items) != int(model.emb.word.indexes.shape[0]):
        raise ValueError(f"{path}: its word vocabulary is not navec's")
    model = model.inject_arrays(arrays).inject_navec(table)
    infer = infer_cls(model, TagEncoder(words, shapes, BATCH_SIZE), decoder_cls(tags))
    return api(infer, BATCH_SIZE)


@functools.cache
def morph_model() -> Any:
    from slovnet.api import Morph
    from slovnet.const import TAG
    from slovnet.exec.infer import MorphInfer, TagDecoder
    from slovnet.exec.model import Morph as MorphModel

    return _load_slovnet(Morph, MorphModel, NEWS_MORPH, TAG, MorphInfer, TagDecoder)


@functools.cache
def syntax_model() -> Any:
    from slovnet.api import Syntax
    from slovnet.const import REL
    from slovnet.exec.infer import SyntaxDecoder, SyntaxInfer
    from slovnet.exec.model import Syntax as SyntaxModel

    return _load_slovnet(Syntax, SyntaxModel, NEWS_SYNTAX, REL, SyntaxInfer, SyntaxDecoder)


@functools.cache
def ner_model() -> Any:
    from slovnet import NER

    return NER.load(NEWS_NER, batch_size=BATCH_SIZE).navec(navec())


class FlatEncoder:
    """slovnet's embedding + CNN encoder of one model, run on all sentences of a batch as one sequence.

    The first convolution is linear in its input, [navec vector; shape embedding], so it is split into a
    part per navec word id and a part per word shape (a few dozen, computed at load), added once per
    distinct (word, shape) pair and kept in a bounded table; the same sums in another order, so scores can
    differ in the last bits of float32 (no tag changed on NEREL dev).
    """

    def __init__(self, model: Any, cache_rows: int = _CACHE_ROWS) -> None:
        from slovnet.shape import word_shape

        infer = model.infer
        self._word_shape = word_shape
        self._words = infer.encoder.words_vocab
        self._shapes = infer.encoder.shapes_vocab
        net = infer.model
        self._navec = QuantizedVectors(net.emb.word.indexes.array, net.emb.word.codes.array)
        layers = net.encoder.layers
        for layer in layers:
            if layer.conv.padding != 1 or layer.conv.weight.shape[-1] != 3:
                raise ValueError("the flat encoder expects kernel 3, padding 1")
        first = layers[0].conv.weight.array  # (filters, in, k)
        navec_dim = self._navec.dim
        # (in, k*filters): column block j holds the filters applied to the word at offset j-1
        projection = np.ascontiguousarray(first.transpose(1, 2, 0).reshape(first.shape[1], -1))
        self._first_navec = projection[:navec_dim]
        self._first_shapes = net.emb.shape.weight.array @ projection[navec_dim:]  # (shapes, k*filters)
        self._first_shapes[self._shapes.pad_id] = 0
        self._filters = first.shape[0]
        self._norms = [
            (
                layer.conv.bias.array,
                layer.norm.mean.array,
                layer.norm.std.array,
                layer.norm.weight.array,
                layer.norm.bias.array,
            )
            for layer in layers
        ]
        self._convs = [
            np.ascontiguousarray(np.concatenate(list(layer.conv.weight.array.transpose(2, 1, 0)), axis=1))
            for layer in layers[1:]
        ]  # (in, k*filters): column block j holds the filters applied to the word at offset j-1
        self._ids: dict[str, tuple[int, int]] = {}
        self._cache: RowCache[int] = RowCache(cache_rows)  # (word, shape) pair code -> its `_pair_rows` row

    def _word_ids(self, word: str) -> tuple[int, int]:
        ids = self._ids.get(word)
        if ids is None:
            if len(self._ids) >= _WORD_CACHE_SIZE:
                self._ids.clear()
            ids = self._ids[word] = (
                self._words.encode(word.lower()),
                self._shapes.encode(self._word_shape(word)),
            )
        return ids

    def _first_rows(self, word_ids: np.ndarray, shape_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The first convolution's three per-offset contributions of every position, as a table and the row
        of each position in it: (rows, k*filters), (N,).

        A row belongs to a (navec word, shape) pair: the word's part plus the shape's, added once when the
        pair is first met (the padding word's part is zero) instead of a shape row gathered and added at
        every position.
        """
        pairs = word_ids * len(self._first_shapes) + shape_ids
        distinct, inverse = np.unique(pairs, return_inverse=True)
        rows = self._cache.rows(distinct.tolist(), self._pair_rows)
        if rows is None or self._cache.table is None:  # more distinct pairs in one batch than the table holds
            return self._pair_rows(distinct), inverse.reshape(-1)
        return self._cache.table, rows[inverse.reshape(-1)]

    def _pair_rows(self, pairs: Sequence[int] | np.ndarray) -> np.ndarray:
        """First-layer rows of (navec word, shape) pairs given as word * shapes + shape: (n, k*filters)."""
        words, shapes = np.divmod(np.asarray(pairs, dtype=np.int64), len(self._first_shapes))
        out = self._project(words)
        out[words == self._words.pad_id] = 0
        out += self._first_shapes[shapes]
        return out

    def _project(self, ids: Sequence[int] | np.ndarray) -> np.ndarray:
        """The navec part of the first convolution for words given by navec id: (n, k*filters)."""
        return self._navec(ids) @ self._first_navec

    def __call__(self, sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """(encoded vectors of the flat sequence, the position of every sentence's first word in it)."""
        pad_word, pad_shape = self._words.pad_id, self._shapes.pad_id
        word_ids, shape_ids, starts = [pad_word], [pad_shape], []
        for words in sentences:
            starts.append(len(word_ids))
            for word in words:
                w, s = self._word_ids(word)
                word_ids.append(w)
                shape_ids.append(s)
            word_ids.append(pad_word)
            shape_ids.append(pad_shape)
        words_arr = np.array(word_ids)
        separators = words_arr == pad_word
        table, rows = self._first_rows(words_arr, np.array(shape_ids))
        f = self._filters
        x = table[rows, f : 2 * f]  # each offset's third of the rows only
        x[1:] += table[rows[:-1], :f]
        x[:-1] += table[rows[1:], 2 * f :]
        for depth, (bias, mean, std, scale, shift) in enumerate(self._norms):
            if depth:  # each word's three contributions at once, then shifted onto its neighbours
                parts = np.matmul(x, self._convs[depth - 1])  # (N, k*filters)
                f = parts.shape[1] // 3
                x = np.ascontiguousarray(parts[:, f : 2 * f])
                x[1:] += parts[:-1, :f]
                x[:-1] += parts[1:, 2 * f :]
            # bias, ReLU and batch norm in place: the same operations in the same order, no new arrays
            x += bias
            np.clip(x, 0, None, out=x)
            x -= mean
            x /= std
            x *= scale
            x += shift
            x[separators] = 0
        return x, np.array(starts, dtype=np.int64)


@functools.cache
def _morph_runner() -> tuple[FlatEncoder, Any, list[tuple[str, dict[str, str]]]]:
    model = morph_model()
    head = model.infer.model.head.proj
    tags = []
    for tag in model.infer.decoder.tags_vocab.items:
        pos, _, feats = tag.partition("|")
        tags.append((pos, dict(f.split("=", 1) for f in feats.split("|") if "=" in f)))
    return FlatEncoder(model), head, tags


def morph_tag_ids(sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
    """slovnet morphology tag ids per word (indices into `morph_tags()`)."""
    if not sentences:
        return []
    encoder, head, _ = _morph_runner()
    x, starts = encoder(sentences)
    ids = _best_tags(x, head.weight.array, head.bias.array)
    return [ids[start : start + len(words)] for start, words in zip(starts.tolist(), sentences)]


def _best_tags(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, rows: int = _HEAD_ROWS) -> np.ndarray:
    """argmax(x @ weight + bias) per row, a few hundred rows at a time: the (rows, tags) scores stay in
    the CPU cache between the product and the argmax, instead of ~50 MB of scores per batch going
    through memory twice (twice as fast for slovnet's 753 morphology tags)."""
    best = np.empty(len(x), dtype=np.int64)
    scores = np.empty((min(rows, len(x)), weight.shape[1]), dtype=np.float32)
    for start in range(0, len(x), rows):
        block = x[start : start + rows]
        out = scores[: len(block)]
        np.matmul(block, weight, out=out)
        out += bias
        best[start : start + len(block)] = out.argmax(-1)
    return best


def morph_tags() -> list[tuple[str, dict[str, str]]]:
    """(UPOS, features) of each morphology tag id; treat the dicts as read-only."""
    return _morph_runner()[2]


def tag_morph(sentences: Sequence[Sequence[str]]) -> list[list[tuple[str, dict[str, str]]]]:
    """(UPOS, features) per word, from slovnet's morphology model."""
    tags = morph_tags()
    return [[(tags[i][0], dict(tags[i][1])) for i in row.tolist()] for row in morph_tag_ids(sentences)]


def _by_length(sentences: Sequence[Sequence[str]]) -> list[int]:
    """Indices sorted by sentence length: slovnet pads each batch to its longest sentence."""
    return sorted(range(len(sentences)), key=lambda i: len(sentences[i]))


def _unsort(order: list[int], results: Iterable[Any]) -> list[Any]:
    out: list[Any] = [None] * len(order)
    for i, result in zip(order, results):
        out[i] = result
    return out


def _tag(model: Any, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
    """Run a slovnet tagger's encoder/model/decoder directly on pre-tokenised sentences."""
    infer = model.infer
    order = _by_length(sentences)
    inputs = infer.encoder([list(sentences[i]) for i in order])
    return _unsort(order, infer.decoder(infer.process(inputs)))


def tag_ner(sentences: Sequence[Sequence[str]]) -> list[list[str]]:
    """BIO tags (PER, LOC, ORG) per word, from slovnet's news NER model."""
    return list(_tag(ner_model(), sentences))


def parse_syntax_slovnet(sentences: Sequence[Sequence[str]]) -> list[list[tuple[int, str]]]:
    """`parse_syntax` through slovnet's own inference (padded batches): the reference it is tested against."""
    order = _by_length(sentences)
    markups = syntax_model().map([list(sentences[i]) for i in order])
    return _unsort(order, ([(int(t.head_id) - 1, t.rel) for t in markup.tokens] for markup in markups))


@functools.cache
def _syntax_runner() -> tuple[FlatEncoder, Any, list[str]]:
    model = syntax_model()
    return FlatEncoder(model, cache_rows=4_000), model.infer.model, list(model.infer.decoder.rels_vocab.items)


def _ff(ff: Any, x: np.ndarray) -> np.ndarray:
    return (np.matmul(x, ff.proj.weight.array) + ff.proj.bias.array).clip(0)


def parse_syntax(sentences: Sequence[Sequence[str]]) -> list[list[tuple[int, str]]]:
    """(head index within the sentence or -1 for the root, relation) per word.

    slovnet's syntax model on the flat encoder: the head and relation feed-forward layers run over all
    words at once; only the biaffine head scores are computed sentence by sentence. Same parses as
    slovnet's own inference except where two candidate heads score equally (a word repeated in the same
    context): there the last bits of float32 decide, in slovnet depending on which sentences share a batch.
    """
    if not sentences:
        return []
    encoder, net, rels = _syntax_runner()
    x, starts = encoder(sentences)
    head, rel = net.head, net.rel
    arc_dep = np.matmul(_ff(head.head, x), head.kernel.array)  # (N, hidden)
    arc_head = _ff(head.tail, x)
    root_head = _ff(head.tail, head.root.array[None])
    heads = np.zeros(len(x), dtype=np.int64)  # flat position of each word's head; 0 stands for the root
    out_heads: list[list[int]] = []
    for start, words in zip(starts.tolist(), sentences):
        end = start + len(words)
        candidates = np.concatenate([root_head, arc_head[start:end]])  # (L+1, hidden): root first
        best = np.matmul(arc_dep[start:end], candidates.T).argmax(-1)  # 0: root, k: word k-1
        out_heads.append(best.tolist())
        heads[start:end] = np.where(best > 0, start + best - 1, -1)
    # relation: biaffine between the chosen head (or the relation model's root) and the word
    rel_heads = _ff(rel.head, x)
    rel_root = _ff(rel.head, rel.root.array[None])[0]
    chosen = np.where((heads >= 0)[:, None], rel_heads[np.maximum(heads, 0)], rel_root)
    hidden = rel.kernel.shape[0]
    scores = np.matmul(chosen, rel.kernel.array).reshape(len(x), -1, hidden)  # (N, rels, hidden)
    rel_ids = np.matmul(scores, _ff(rel.tail, x)[:, :, None])[:, :, 0].argmax(-1)
    return [
        [(h - 1, rels[r]) for h, r in zip(hs, rel_ids[start : start + len(hs)].tolist())]
        for start, hs in zip(starts.tolist(), out_heads)
    ]
