"""Reading articles: encodings, binary and oversize inputs, HTML, atomic writes, resume checks.

`write_corpus` builds the folder of awkward inputs that test_cli.py and test_batch.py run the CLI on.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from dipextract.errors import InputError
from dipextract.html import html_to_text, looks_like_html
from dipextract.io import (
    article_text,
    decode,
    find_inputs,
    is_complete,
    output_paths,
    parse_size,
    read_article,
    read_limited,
    write_atomic,
)

LAVROV = "Министр иностранных дел России Сергей Лавров встретился в Москве с госсекретарём США."
TALKS = "Переговоры прошли 12 марта 2024 года в здании МИД России на Смоленской площади."
PLANNED = "Стороны договорились провести следующий раунд консультаций в Пекине во втором полугодии."
KYRGYZ = "Кыргыз Республикасынын Министрлер Кабинетинин Төрагасы Акылбек Жапаров Бишкекте жолугушту."
ENGLISH = "The Foreign Minister met the Secretary of State in Washington on Monday."
HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Новости МИД</title>
<style>p { color: red; } /* Лавров в стиле */</style>
<script>var s = "<p>Путин в скрипте</p>"; if (a < b && c > d) {}</script></head>
<body><header>Министерство&nbsp;иностранных дел</header>
<article><h1>Встреча   в&nbsp;Москве</h1>
<p>Министр иностранных дел России Сергей Лавров встретился с госсекретарём США
   Энтони Блинкеном. Стороны обсудили &laquo;дорожную карту&raquo; &amp; график визитов.</p>
<ul><li>Первый пункт</li><li>Второй&#160;пункт &#8212; важный</li></ul></article>
<footer>&copy; 2024</footer></body></html>
"""
# Name -> (bytes, decoded text the offsets refer to, or the expected error reason's start).
MAX_BYTES = 2000


def corpus_cases() -> dict[str, tuple[bytes, str | None, str | None]]:
    """Every awkward input: (bytes, expected text or None, expected error start or None)."""
    text = f"{LAVROV} {TALKS}\n{PLANNED}\n"
    crlf = f"{LAVROV}\r\n{TALKS}\r\n\r\n{PLANNED}\r\n"
    return {
        "utf8.txt": (text.encode("utf-8"), text, None),
        "utf8_bom.txt": (codecs.BOM_UTF8 + text.encode("utf-8"), text, None),
        "cp1251.txt": (text.encode("cp1251"), text, None),
        "koi8r.txt": (text.encode("koi8_r"), text, None),
        "utf16.txt": (text.encode("utf-16"), text, None),
        "crlf.txt": (crlf.encode("utf-8"), crlf, None),
        "page.html": (HTML.encode("utf-8"), html_to_text(HTML), None),
        "empty.txt": (b"", "", None),
        "blank.txt": (b"  \n\t \r\n   \n", "  \n\t \r\n   \n", None),
        "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), None, "binary"),
        "big.txt": ((LAVROV + "\n").encode("utf-8") * 40, None, "too large"),
        "english.txt": (ENGLISH.encode("ascii"), ENGLISH, None),
        "kyrgyz.txt": (KYRGYZ.encode("utf-8"), KYRGYZ, None),
        "sub/deeper/nested.txt": (LAVROV.encode("utf-8"), LAVROV, None),
        "notes.md": (b"# not an article", None, None),  # not matched by the default globs
    }


def write_corpus(root: Path) -> dict[str, tuple[bytes, str | None, str | None]]:
    cases = corpus_cases()
    for name, (data, _, _) in cases.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return {name: case for name, case in cases.items() if not name.endswith(".md")}


# --- decoding -----------------------------------------------------------------------------------------


ENCODINGS = [
    "utf-8",
    "utf-8-sig",
    "cp1251",
    "koi8_r",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "cp866",
    "iso8859_5",
]
SAMPLES = [f"{LAVROV}\r\n{TALKS}", LAVROV.upper(), "Лавров и Блинкен", "Путин"]


# UTF-16 without a BOM is recognised by the NUL bytes of ASCII characters, so only texts with some.
@pytest.mark.parametrize(
    ("encoding", "text"),
    [(e, t) for e in ENCODINGS for t in SAMPLES if not (e.endswith(("-le", "-be")) and t.isalpha())],
)
def test_decode_round_trip(encoding: str, text: str) -> None:
    assert decode(text.encode(encoding)) == text


def test_decode_keeps_line_ends_and_drops_bom() -> None:
    assert decode(codecs.BOM_UTF8 + "а\r\nб\rв\n".encode()) == "а\r\nб\rв\n"


def test_decode_kyrgyz_utf8() -> None:
    assert decode(KYRGYZ.encode()) == KYRGYZ


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02\x03" * 100,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"%PDF-1.4\n\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11" * 3,
    ],
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="binary"):
        decode(data, source="x.bin")


def test_garbage_after_utf16_bom_is_undecodable() -> None:
    with pytest.raises(InputError, match="undecodable"):
        decode(codecs.BOM_UTF16_LE + bytes([0xFD, 0x81, 0x8D, 0xD8]) * 50)


def test_input_error_names_path_and_reason() -> None:
    error = InputError("a/b.txt", "binary")
    assert (str(error), error.path, error.reason) == ("a/b.txt: binary", "a/b.txt", "binary")


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 101)
    with pytest.raises(InputError, match=r"too large: 101 bytes > 100"):
        read_limited(path, max_bytes=100)
    assert read_limited(path, max_bytes=101) == b"x" * 101


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_article(tmp_path / "gone.txt")
    assert info.value.path.endswith("gone.txt")


@pytest.mark.parametrize(
    ("value", "size"), [("10MB", 10 * 1024**2), ("500k", 512000), ("1000", 1000), ("2G", 2 * 1024**3)]
)
def test_parse_size(value: str, size: int) -> None:
    assert parse_size(value) == size


# --- HTML ---------------------------------------------------------------------------------------------


def test_html_visible_text() -> None:
    text = html_to_text(HTML)
    assert text.splitlines() == [
        "Министерство иностранных дел",
        "Встреча в Москве",
        "Министр иностранных дел России Сергей Лавров встретился с госсекретарём США "
        "Энтони Блинкеном. Стороны обсудили «дорожную карту» & график визитов.",
        "Первый пункт",
        "Второй пункт — важный",
        "© 2024",
    ]
    assert "скрипте" not in text and "стиле" not in text and "Новости" not in text


def test_html_detection() -> None:
    assert looks_like_html(HTML)
    assert looks_like_html("<p>Первый</p><p>Второй</p><div>Третий</div>")
    assert not looks_like_html("Тег <p> обозначает абзац; сравнение a < b и c > d.")
    assert article_text("<html><body><p>Текст&nbsp;статьи</p></body></html>".encode()) == "Текст статьи"


def test_html_file_by_suffix(tmp_path: Path) -> None:
    path = tmp_path / "fragment.htm"
    path.write_text("Просто <b>жирный</b> текст &laquo;в кавычках&raquo;", encoding="cp1251")
    assert read_article(path) == "Просто жирный текст «в кавычках»"


# --- folders and outputs ------------------------------------------------------------------------------


def test_find_inputs_sorted_and_filtered(tmp_path: Path) -> None:
    cases = write_corpus(tmp_path)
    found = [p.as_posix() for p in find_inputs(tmp_path)]
    assert found == sorted(cases)
    assert [p.as_posix() for p in find_inputs(tmp_path, ["*.md"])] == ["notes.md"]


def test_output_paths_keep_relative_dirs_and_avoid_collisions(tmp_path: Path) -> None:
    paths = output_paths(tmp_path, [Path("a/x.txt"), Path("a/x.html"), Path("y.txt")])
    assert paths == [tmp_path / "a/x.json", tmp_path / "a/x.html.json", tmp_path / "y.json"]


def test_write_atomic_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "out.json"
    write_atomic(target, "{}\n")
    write_atomic(target, '{"a": "б"}\n')
    assert target.read_text(encoding="utf-8") == '{"a": "б"}\n'
    assert [p.name for p in target.parent.iterdir()] == ["out.json"]


def test_is_complete(tmp_path: Path) -> None:
    from dipextract.schema import Document

    good = tmp_path / "good.json"
    good.write_text(Document(doc_id="x").to_json(), encoding="utf-8")
    truncated = tmp_path / "truncated.json"
    truncated.write_text(good.read_text(encoding="utf-8")[:-10], encoding="utf-8")
    other = tmp_path / "other.json"
    other.write_text('{"error": "binary", "source": "x"}', encoding="utf-8")
    assert is_complete(good)
    assert not is_complete(truncated)
    assert not is_complete(other)
    assert not is_complete(tmp_path / "missing.json")


def test_corpus_reads_as_expected(tmp_path: Path) -> None:
    for name, (_, text, error) in write_corpus(tmp_path).items():
        if error:
            with pytest.raises(InputError, match=error):
                read_article(tmp_path / name, max_bytes=MAX_BYTES)
        else:
            assert read_article(tmp_path / name, max_bytes=MAX_BYTES) == text, name
