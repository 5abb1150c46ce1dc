"""Reading articles safely (size limit, binary check, encoding guess, HTML) and writing outputs atomically."""

from __future__ import annotations

import codecs
import json
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import InputError
from .html import html_to_text, looks_like_html

MAX_BYTES = 10 * 1024 * 1024
DEFAULT_GLOBS: tuple[str, ...] = ("*.txt", "*.html", "*.htm")
HTML_SUFFIXES = frozenset({".html", ".htm"})

# Single-byte Cyrillic encodings tried besides charset-normalizer's guesses, most common first.
CYRILLIC_ENCODINGS: tuple[str, ...] = ("cp1251", "koi8_r", "mac_cyrillic", "cp866", "iso8859_5")
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control bytes that do not occur in text files (tab, LF, VT, FF, CR and ESC do).
CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
# The ten most frequent Russian letters make up about 60% of running text.
COMMON_LETTERS = frozenset("оеаинтсрвл")
WORD = re.compile(r"[^\W\d_]+")
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)
SAMPLE_BYTES = 256 * 1024
SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*", re.I)


def parse_size(value: str) -> int:
    """Bytes from "10MB", "500k", "2G" or a plain number (binary multiples)."""
    match = SIZE.fullmatch(value)
    if not match:
        raise ValueError(f"not a size: {value!r} (use e.g. 10MB, 500k or 1000000)")
    number, unit = match.groups()
    return int(float(number) * 1024 ** " kmg".index(unit.lower() or " "))


def read_limited(path: Path, *, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's bytes, refusing files over `max_bytes` before reading them."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(str(path), f"too large: {size} bytes > {max_bytes}")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(str(path), exc.strerror or type(exc).__name__) from exc
    if len(data) > max_bytes:  # the file grew while we read it
        raise InputError(str(path), f"too large: {len(data)} bytes > {max_bytes}")
    return data


def _is_binary(data: bytes) -> bool:
    sample = data[:SAMPLE_BYTES]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))
    return controls > max(2, len(sample) // 100)


def _cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u052f"


def _proper_letters(text: str) -> tuple[int, int, int]:
    """(Common Russian letters in proper Cyrillic words, letters in proper words, all letters).

    A proper word is lower case, capitalised or upper case, in one script. A wrong code page turns Russian
    into mixed-case words ("рХРЙН" is "Путин" in KOI8-R read as cp1251) or into words of rare letters
    (upper-case cp1251 read as KOI8-R is lower case), so only common letters in proper words count.
    """
    common = proper = letters = 0
    for word in WORD.findall(text):
        letters += len(word)
        if not (word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())):
            continue
        scripts = {_script(c) for c in word}
        if scripts == {"latin"}:
            proper += len(word)
        elif scripts == {"cyrillic"}:
            proper += len(word)
            common += sum(c in COMMON_LETTERS for c in word.lower())
    return common, proper, letters


def _controls(text: str) -> bool:
    return any(ord(c) < 32 and c not in "\t\n\r\f\v" for c in text)


def _script(char: str) -> str:
    if char < "\u0250":
        return "latin"
    return "cyrillic" if _cyrillic(char) else "other"


def _readable(text: str, share: float = 0.7) -> bool:
    """True when nearly all characters are Latin or Cyrillic, spaces, digits or common punctuation."""
    good = sum(_script(c) != "other" or "\u2000" <= c <= "\u214f" for c in text)
    return good >= share * len(text)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a BOM (NUL high bytes of ASCII characters), or None."""
    if len(data) % 2:
        return None
    sample = data[:SAMPLE_BYTES]
    nul_even = sample[0::2].count(0)
    nul_odd = sample[1::2].count(0)
    # ASCII characters put their NUL byte second in UTF-16-LE, first in UTF-16-BE; never both.
    for encoding, own, other in (("utf-16-le", nul_odd, nul_even), ("utf-16-be", nul_even, nul_odd)):
        if not own or other:
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        _, proper, letters = _proper_letters(text)
        if letters and proper >= 0.8 * letters and _readable(text) and not _controls(text):
            return text
    return None


def _candidates(data: bytes) -> list[str]:
    """Encodings worth trying on non-UTF-8 bytes: the page's own declaration, charset-normalizer, code pages."""
    from charset_normalizer import from_bytes

    names: list[str] = []
    declared = META_CHARSET.search(data[:4096])
    if declared:
        names.append(declared.group(1).decode("ascii", "replace"))
    names.extend(match.encoding for match in from_bytes(data[:SAMPLE_BYTES]))
    names.extend(CYRILLIC_ENCODINGS)
    unique: dict[str, None] = {}
    for name in names:
        try:
            unique.setdefault(codecs.lookup(name).name, None)
        except LookupError:
            continue
    return list(unique)


def decode(data: bytes, *, source: str = "<bytes>") -> str:
    """Text of an article's bytes, exactly as decoded (line ends untouched, BOM removed).

    UTF-8 is tried strictly first; otherwise the candidate giving the most Cyrillic letters in proper
    words wins, and it must read as words at all, or the input is undecodable.
    """
    if not data:
        return ""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(source, f"undecodable: broken {encoding} after its BOM") from exc
            if encoding != "utf-8-sig" and not _readable(text):
                raise InputError(source, f"undecodable: {encoding} BOM but no readable text")
            return text
    if b"\x00" in data[:SAMPLE_BYTES]:
        text = _utf16_without_bom(data)
        if text is not None:
            return text
    if _is_binary(data):
        raise InputError(source, "binary")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best: tuple[tuple[int, int], str] | None = None
    for encoding in _candidates(data):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        common, proper, letters = _proper_letters(text)
        if letters == 0 or proper < 0.6 * letters or not _readable(text, 0.95):
            continue
        if best is None or (common, proper) > best[0]:
            best = ((common, proper), text)
    if best is None:
        raise InputError(source, "undecodable: no encoding gives readable text")
    return best[1]


def article_text(data: bytes, *, source: str = "<bytes>", html: bool | None = None) -> str:
    """The text offsets refer to: the decoded text, or the visible text of an HTML page.

    `html=None` decides from the content; the caller passes True for .html/.htm files.
    """
    text = decode(data, source=source)
    if html or (html is None and looks_like_html(text)):
        return html_to_text(text)
    return text


def read_article(path: Path, *, max_bytes: int = MAX_BYTES) -> str:
    """The article at `path` as text (see `article_text`), or InputError naming the path and reason."""
    data = read_limited(path, max_bytes=max_bytes)
    return article_text(data, source=str(path), html=True if path.suffix.lower() in HTML_SUFFIXES else None)


def find_inputs(root: Path, globs: Sequence[str] = DEFAULT_GLOBS) -> list[Path]:
    """Files below `root` matching any glob, as paths relative to `root`, sorted for a stable order."""
    found: set[Path] = set()
    for pattern in globs:
        found.update(p.relative_to(root) for p in root.rglob(pattern) if p.is_file())
    return sorted(found, key=lambda p: p.as_posix())


def output_paths(out_dir: Path, relative: Iterable[Path]) -> list[Path]:
    """`OUT/<relative dir>/<stem>.json` for each input; if two inputs share a stem, the later keeps its suffix."""
    taken: set[Path] = set()
    paths: list[Path] = []
    for rel in relative:
        target = out_dir / rel.parent / f"{rel.stem}.json"
        if target in taken:
            target = out_dir / rel.parent / f"{rel.name}.json"
        taken.add(target)
        paths.append(target)
    return paths


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file in the target folder and `os.replace`, so no reader sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(
        "w",
        encoding="utf-8",
        newline="",
        dir=path.parent,
        prefix=f".{path.name}.",
        suffix=".tmp",
        delete=False,
    )
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def is_complete(path: Path) -> bool:
    """True when `path` holds a whole Document (so `--resume` may skip its input); truncated files are not."""
    from .schema import Document

    try:
        Document.model_validate_json(path.read_bytes())
    except (OSError, ValueError):
        return False
    return True


def error_record(source: str, reason: str) -> str:
    """The JSON Lines record standing for an input that failed."""
    return json.dumps({"error": reason, "source": source}, ensure_ascii=False)
