"""HTML and XHTML parsed safely with lxml, and read as blocks of text: nothing fetched, nothing run.

The parsers resolve no entities, load no DTD and never touch the network;
scripts, styles, forms, frames, images and embedded objects are dropped before
any text is read.
"""

from __future__ import annotations

from lxml import etree, html

from reader.core.formats.builder import clean_line

_SKIP = {
    "script", "style", "noscript", "template", "head", "iframe", "frame", "frameset", "object", "embed",
    "svg", "math", "canvas", "form", "button", "select", "textarea", "nav", "audio", "video", "img",
}  # fmt: skip
_BLOCKS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dt", "dd", "td", "th", "caption",
    "figcaption", "address", "div", "section", "article", "header", "footer", "aside", "tr", "table", "ul", "ol",
    "dl", "main", "body", "hr", "br", "title",
}  # fmt: skip
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def xml_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False, recover=True
    )


def parse_xhtml(data: bytes) -> etree._Element | None:
    """An XHTML file's root; broken XML falls back to the forgiving HTML parser. ``None`` if nothing parses."""
    try:
        root = etree.fromstring(data, xml_parser())
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        return parse_html(data)
    return root


def parse_html(data: bytes) -> etree._Element | None:
    parser = html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        return html.fromstring(data, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def blocks(root: etree._Element) -> list[tuple[str, str]]:
    """``(tag, text)`` of each block of readable text in document order: ``h1``-``h6`` for headings, else ``p``."""
    out: list[tuple[str, str]] = []
    current: list[str] = []
    current_tag = ["p"]

    def flush() -> None:
        text = clean_line("".join(current))
        if text:
            out.append((current_tag[0], text))
        current.clear()
        current_tag[0] = "p"

    def walk(element: etree._Element) -> None:
        tag = _local(element.tag)
        if tag in _SKIP or not tag:
            if element.tail and tag:
                current.append(element.tail)
            return
        block = tag in _BLOCKS
        if block:
            flush()
            if tag in HEADINGS:
                current_tag[0] = tag
        if element.text:
            current.append(element.text)
        for child in element:
            walk(child)
        if block:
            flush()
        elif tag in ("td", "th"):
            current.append("\t")
        if element.tail:
            current.append(element.tail)

    body = next((e for e in root.iter() if _local(e.tag) == "body"), root)
    walk(body)
    flush()
    return out


def title_of(root: etree._Element) -> str:
    for element in root.iter():
        if _local(element.tag) == "title":
            return clean_line("".join(element.itertext()))
    return ""
