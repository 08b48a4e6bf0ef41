"""Reading Word documents (.docx) the way districts actually send them, into Markdown and photos.

python-docx reads the document (a maintained library over the OOXML parts: paragraphs with their
styles, runs with bold/italic, numbering, tables and the pictures pasted inline), and this module
writes clean Markdown: headings, paragraphs, bold/italic, lists, tables and the photos extracted
next to the story, captions kept. `generator.authoring.docx_import` makes the story file.

Legacy TCVN3 (ABC, ".VnTime" fonts) text is recognised and converted to Unicode before any other
cleaning (its "ư" is U+00AD, which cleaning would otherwise delete); VNI text is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.core.text import clean, clean_body

__all__ = ["ImportedDoc", "convert_tcvn3", "looks_like_tcvn3", "read_docx"]

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
class ImportedDoc:
    """What was read from one .docx: guessed fields, the Markdown body, photos and remarks."""

    title: str = ""
    body: str = ""
    photos: list[tuple[str, bytes, str]] = field(default_factory=list)
    """(file name, bytes, caption) in document order; the first is offered as the cover."""
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


def read_docx(path: Path, stem: str) -> ImportedDoc:
    """Read a .docx into an `ImportedDoc`; photos are named `<stem>-<n>.<ext>`."""
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
            result.photos.append((name, rel.target_part.blob, ""))
    notes: list[str] = []
    lines: list[str] = []
    last_image: str | None = None
    for block in _blocks(document):
        if not hasattr(block, "runs"):
            lines += ["", _table(block, notes), ""]
            continue
        style = (block.style.name or "") if block.style is not None else ""
        text = clean(_inline(block, notes, images)) if block.text.strip() else _inline(block, notes, images).strip()
        if not text:
            continue
        if style.lower() == "caption" and last_image:
            # Word's caption paragraph belongs to the picture just above it.
            caption = clean(text.replace("\x00", ""))
            result.photos = [(n, b, caption if n == last_image else c) for n, b, c in result.photos]
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
        if heading:
            level = min(max(int(heading.group(1)), 2), 6)  # the story title is the page's only h1
            lines += ["", "#" * level + " " + text.strip("*"), ""]
            continue
        marker = _list_kind(block)
        lines += [marker + text] if marker else ["", text, ""]
    body = "\n".join(lines)
    # Captions become image titles: ![](a.jpg "caption"); alt stays empty for the officer to write.
    for name, _blob, caption in result.photos:
        if caption:
            body = body.replace(f"![]({name})", f'![{caption}]({name} "{caption}")')
    result.body = clean_body(re.sub(r"\n{3,}", "\n\n", body).strip()) + "\n"
    if not result.title:
        first = next((ln for ln in result.body.splitlines() if ln.strip() and not ln.startswith("!")), "")
        result.title = clean(first.strip("#* "))[:200]
    result.notes = notes
    return result
