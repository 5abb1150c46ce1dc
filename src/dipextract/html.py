"""Visible text of an HTML page, with the standard library parser; offsets then refer to this text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements whose content is never shown.
HIDDEN = frozenset(
    {"script", "style", "head", "title", "meta", "noscript", "template", "svg", "iframe", "object"}
)
# Elements that start a new line of text.
BLOCKS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "hr",
        "main",
        "aside",
        "nav",
        "figure",
        "figcaption",
        "dd",
        "dt",
        "dl",
        "address",
        "form",
        "body",
    }
)
# Void elements have no end tag, so they never open a hidden region.
VOID = frozenset(
    {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr"}
)

HTML_START = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I | re.S
)
HTML_TAG = re.compile(
    r"</?(?:p|div|br|span|a|li|ul|td|tr|table|h[1-6]|section|article|meta|script|style)\b[^<>]*>", re.I
)
SPACES = re.compile(r"[^\S\n]+")
WHITESPACE = re.compile(r"\s+")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.hidden.clear()  # a <head> left open must not hide the page
        if tag in HIDDEN and tag not in VOID:
            self.hidden.append(tag)
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.hidden:
            # Close the innermost matching element, and whatever was left open inside it.
            while self.hidden and self.hidden.pop() != tag:
                pass
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            # Line breaks in the source are spaces in HTML; only block elements break lines.
            self.parts.append(WHITESPACE.sub(" ", data))


def looks_like_html(text: str) -> bool:
    """True when the text clearly is an HTML page or fragment rather than prose that mentions a tag."""
    if HTML_START.match(text[:4096]):
        return True
    return len(HTML_TAG.findall(text[:65536])) >= 3


def html_to_text(markup: str) -> str:
    """Visible text: hidden elements dropped, entities unescaped, blocks on their own lines, spaces collapsed."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    raw = "".join(collector.parts)
    lines = (SPACES.sub(" ", line).strip() for line in raw.split("\n"))
    return "\n".join(line for line in lines if line)
