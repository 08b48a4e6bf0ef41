"""Reading Word documents (.docx) the way districts actually send them, into Markdown and photos.

python-docx reads the document (a maintained library over the OOXML parts: paragraphs with their
styles, runs with bold/italic, numbering, tables and the pictures pasted inline), and this module
writes clean Markdown: headings, paragraphs, bold/italic, lists, tables and the photos extracted
next to the story, captions kept. `generator.authoring.docx_import` makes the story file.

Legacy TCVN3 (ABC, ".VnTime" fonts) text is recognised and converted to Unicode before any other
cleaning (its "ư" is U+00AD, which cleaning would otherwise delete); VNI text is reported.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.authoring.letterhead import HeadLine, author_line, classify_head, split_credit
from generator.core.text import clean, clean_body

__all__ = ["DocPhoto", "ImportedDoc", "convert_tcvn3", "looks_like_tcvn3", "read_docx"]

_TCVN3 = "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\u00adõøö÷ùúýûüþ¡¢§£¤¥¦"
_UNICODE = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ"
_TCVN3_TABLE = str.maketrans(dict(zip(_TCVN3, _UNICODE)))
# Characters TCVN3 text is full of and Unicode Vietnamese never uses.
_TCVN3_MARKERS = frozenset("µ¸¶·¹¨»¾¼½Æ©ÇË®ÎÏÑªÖ×ØÜÞßä«åæçëîïñö÷øûüþ¬¡¢§£¤¥¦\u00ad")
# Letters only Unicode Vietnamese has: TCVN3 text stays within Latin-1 (â, ê, ô are in both).
_VIETNAMESE = re.compile("[\u0100-\u01b0\u1ea0-\u1ef9]")
# VNI-Windows writes tones as separate Latin-1 letters after the vowel ("Vieät Nam").
_VNI_HINT = re.compile(r"[aeiouyAEIOUY][øùûõïöôâêëäåæçìîðñòóôõ]")


@dataclass
class DocPhoto:
    """A picture pasted in the document, with the caption and credit written under it."""

    name: str
    """File name, `<stem>-<n>.<ext>`."""
    blob: bytes
    caption: str = ""
    credit: str = ""


@dataclass
class ImportedDoc:
    """What was read from one .docx: guessed fields, the Markdown body, photos and remarks."""

    title: str = ""
    body: str = ""
    photos: list[DocPhoto] = field(default_factory=list)
    """In document order; the first is offered as the cover."""
    date: dt.date | None = None
    """The date of the letterhead's "place, date" line, if there is one."""
    author: str = ""
    """The name on a "Người viết: …" or "Tác giả: …" line."""
    head: list[str] = field(default_factory=list)
    """Lines of the letterhead that name front-matter values ("Đơn vị: …"), for guessing them."""
    notes: list[str] = field(default_factory=list)
    """Remarks for the officer (legacy encodings converted or not, fields not found)."""


def looks_like_tcvn3(text: str, font: str = "") -> bool:
    """Whether a piece of text is TCVN3 (ABC) shown in a .Vn font rather than Unicode."""
    if font.lower().startswith(".vn"):
        return True
    markers = sum(1 for c in text if c in _TCVN3_MARKERS)
    return markers >= 2 and not _VIETNAMESE.search(text)


def convert_tcvn3(text: str) -> str:
    """TCVN3 (ABC) text to Unicode: "Tr\\u00adêng häc" -> "Trường học"."""
    return text.translate(_TCVN3_TABLE)


def _run_text(run, notes: list[str]) -> str:
    text = run.text
    font = run.font.name or ""
    if text and looks_like_tcvn3(text, font):
        if "tcvn3" not in notes:
            notes.append("tcvn3")
        text = convert_tcvn3(text)
    elif text and (font.upper().startswith("VNI-") or (_VNI_HINT.search(text) and not _VIETNAMESE.search(text) and font.upper().startswith("VNI"))):
        if "vni" not in notes:
            notes.append("vni")
    return text


def _inline(paragraph, notes: list[str], images: dict[str, str]) -> str:
    """A paragraph's runs as Markdown with bold/italic and image references."""
    from docx.oxml.ns import qn

    parts: list[str] = []
    for run in paragraph.runs:
        for blip in run._element.iter(qn("a:blip")):
            rid = blip.get(qn("r:embed"))
            if rid in images:
                parts.append(f"\x00IMG:{rid}\x00")
        text = _run_text(run, notes)
        if not text.strip():
            parts.append(text)
            continue
        lead, core, trail = re.match(r"^(\s*)(.*?)(\s*)$", text, re.S).groups()
        core = core.replace("*", r"\*").replace("_", r"\_")
        if run.bold and run.italic:
            core = f"***{core}***"
        elif run.bold:
            core = f"**{core}**"
        elif run.italic:
            core = f"*{core}*"
        parts.append(lead + core + trail)
    text = "".join(parts)
    return re.sub(r"\*\*(\s*)\*\*", r"\1", text)  # bold runs split by Word: **a****b** -> **ab**


def _list_kind(paragraph) -> str | None:
    """"- " or "1. " when the paragraph is a list item (numbering or a List style)."""
    style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    if "number" in style:
        return "1. "
    if numbered or "list" in style or "bullet" in style:
        return "- "
    return None


def _blocks(document) -> Iterator[object]:
    """Paragraphs and tables in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            yield Paragraph(child, document)
        elif child.tag.endswith("}tbl"):
            yield Table(child, document)


def _table(table, notes: list[str]) -> str:
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            text = " ".join(_inline(p, notes, {}) for p in cell.paragraphs).strip()
            cells.append(clean(text).replace("|", "\\|") or " ")
        rows.append(cells)
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    rows = [r + [" "] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)


def _head_lines(block) -> list[HeadLine] | None:
    """What each line of a paragraph or table is, if every one is part of a letterhead; else None."""
    if hasattr(block, "runs"):
        texts = [block.text]
    else:  # letterheads are often a two-column table: the agency left, the motto and date right
        texts = [p.text for row in block.rows for cell in row.cells for p in cell.paragraphs]
    texts = [t for t in texts if t.strip()]
    if not texts:
        return None
    found = [classify_head(convert_tcvn3(t) if looks_like_tcvn3(t) else t) for t in texts]
    return found if all(found) else None  # type: ignore[return-value]


def _take_head(result: ImportedDoc, lines: list[HeadLine]) -> None:
    for line in lines:
        if line.kind == "date" and result.date is None:
            result.date = line.date
        elif line.kind == "author" and not result.author:
            result.author = line.value
        elif line.kind == "field":
            result.head.append(line.value)


def _is_caption(paragraph, text: str) -> bool:
    """Whether the paragraph just under a photo is its caption: Word's Caption style, a credit
    "(Ảnh: …)", or a short line set apart (all italic or centred), as officers' templates write it."""
    style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    if style == "caption" or split_credit(text):
        return True
    if len(text) > 300 or style.startswith(("heading", "title")):
        return False
    runs = [run for run in paragraph.runs if run.text.strip()]
    italic = bool(runs) and all(run.italic or run.font.italic for run in runs)
    centred = paragraph.alignment is not None and int(paragraph.alignment) == 1  # WD_ALIGN_PARAGRAPH.CENTER
    return italic or centred


def _looks_like_title(paragraph, text: str) -> bool:
    """A short first line set apart (all bold, all capitals or centred): the title without Word's style."""
    if len(text) > 250 or _list_kind(paragraph):
        return False
    runs = [run for run in paragraph.runs if run.text.strip()]
    bold = bool(runs) and all(run.bold or run.font.bold for run in runs)
    letters = [c for c in paragraph.text if c.isalpha()]
    capitals = bool(letters) and all(c.isupper() for c in letters)
    centred = paragraph.alignment is not None and int(paragraph.alignment) == 1
    return bold or capitals or centred


def _set_caption(result: ImportedDoc, name: str, text: str) -> None:
    line = clean(text.replace("\x00", "").replace("*", ""))
    caption, credit = split_credit(line) or (line.strip("()"), "")
    for photo in result.photos:
        if photo.name == name:
            photo.caption, photo.credit = caption, credit


def read_docx(path: Path, stem: str) -> ImportedDoc:
    """Read a .docx into an `ImportedDoc`; photos are named `<stem>-<n>.<ext>`.

    The letterhead at the top (agency, motto, number, "place, date", document label, "Đơn vị:")
    is left out of the body, its date and author kept; a "Người viết: …" line anywhere gives the
    author; the line under a photo that reads as its caption becomes the caption and credit.
    """
    import docx

    document = docx.Document(str(path))
    result = ImportedDoc()
    images: dict[str, str] = {}
    for rid, rel in document.part.rels.items():
        if "image" in rel.reltype and not rel.is_external:
            ext = Path(rel.target_part.partname).suffix.lower().lstrip(".") or "png"
            ext = "jpg" if ext == "jpeg" else ext
            name = f"{stem}-{len(images) + 1}.{ext}"
            images[rid] = name
            result.photos.append(DocPhoto(name, rel.target_part.blob))
    notes: list[str] = []
    lines: list[str] = []
    last_image: str | None = None
    in_head = True  # until the first line of the story itself (the title does not end the head)
    for block in _blocks(document):
        if in_head and (head := _head_lines(block)):
            _take_head(result, head)
            continue
        if not hasattr(block, "runs"):
            in_head = False
            lines += ["", _table(block, notes), ""]
            continue
        style = (block.style.name or "") if block.style is not None else ""
        text = clean(_inline(block, notes, images)) if block.text.strip() else _inline(block, notes, images).strip()
        if not text:
            continue
        if last_image and "\x00IMG:" not in text and _is_caption(block, text):
            _set_caption(result, last_image, text)  # the caption belongs to the picture just above it
            last_image = None
            continue
        if (author := author_line(text)) and "\x00IMG:" not in text:
            result.author = result.author or author
            continue
        found = re.findall(r"\x00IMG:([^\x00]+)\x00", text)
        text = re.sub(r"\x00IMG:[^\x00]+\x00", "", text).strip()
        for rid in found:
            last_image = images[rid]
            lines += ["", f"![]({images[rid]})", ""]
        if not text:
            continue
        last_image = None if not found else last_image
        heading = re.match(r"(?i)heading (\d)", style)
        if style.lower() == "title" or (heading and heading.group(1) == "1" and not result.title):
            if not result.title:
                result.title = text.strip("*")
                continue
        if in_head and not result.title and not heading and _looks_like_title(block, text):
            result.title = clean(text.strip("*"))  # a title typed bold or in capitals, without a style
            continue
        in_head = False
        if heading:
            level = min(max(int(heading.group(1)), 2), 6)  # the story title is the page's only h1
            lines += ["", "#" * level + " " + text.strip("*"), ""]
            continue
        marker = _list_kind(block)
        lines += [marker + text] if marker else ["", text, ""]
    body = "\n".join(lines)
    # Captions become image titles: ![](a.jpg "caption"); alt stays empty for the officer to write.
    for photo in result.photos:
        title = _image_title(photo)
        if title:
            alt = _curly(photo.caption).translate(str.maketrans("[]", "()"))  # the caption says what is shown
            body = body.replace(f"![]({photo.name})", f'![{alt}]({photo.name} "{title}")')
    result.body = clean_body(re.sub(r"\n{3,}", "\n\n", body).strip()) + "\n"
    if not result.title:
        first = next((ln for ln in result.body.splitlines() if ln.strip() and not ln.startswith("!")), "")
        result.title = clean(first.strip("#* "))[:200]
    result.notes = notes
    return result


def _image_title(photo: DocPhoto) -> str:
    """The title of a body photo: its caption, then its credit (a Markdown title holds no brackets
    or straight double quotes, so these are replaced)."""
    text = _curly(photo.caption + (f" — Ảnh: {photo.credit}" if photo.credit else ""))
    return text.translate(str.maketrans("()", "[]")).strip(" —")


def _curly(text: str) -> str:
    """Straight double quotes as typographic ones: "a" -> “a”."""
    return re.sub(r'"([^"]*)"', "“\\1”", text).replace('"', "”")
