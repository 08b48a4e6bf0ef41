"""Safe content: raw HTML in stories, and personal data that must not reach a public portal.

Two halves that agree on one allowlist:
- `scan_html` reads a story's Markdown body and reports, with the line, every tag, attribute or
  URL that the sanitizer will remove (a warning; an error with `--strict`);
- `sanitize_html` enforces it on the rendered HTML of story pages (nh3, the Rust `ammonia`
  sanitizer: a maintained allowlist parser beats any regex we could write).

`scan_personal_data` looks for citizen ID numbers, mobile numbers, personal e-mail addresses,
house-number addresses and dates of birth (Decree 13/2023/NĐ-CP; Law on Personal Data
Protection 2025), in the body and the front matter.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from generator.core.text import clean, clean_body

__all__ = [
    "PRIVACY_RULES",
    "SafetyOptions",
    "sanitize_html",
    "scan_html",
    "scan_personal_data",
]

ALLOWED_TAGS = frozenset(
    "a abbr audio b blockquote br caption cite code col colgroup dd del details div dl dt em figcaption figure "
    "h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p picture pre q s section small source span strong sub "
    "summary sup table tbody td tfoot th thead time tr track u ul video".split()
)
GENERIC_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir"})
TAG_ATTRIBUTES: Mapping[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang", "data-gs-player"}),
    "img": frozenset({"src", "alt", "width", "height", "srcset", "sizes", "loading", "decoding", "fetchpriority"}),
    "source": frozenset({"type", "srcset", "sizes", "media", "src"}),
    # Video and audio play files of the site only (`_local`): what rules.media publishes.
    "video": frozenset({"controls", "preload", "poster", "width", "height", "playsinline"}),
    "audio": frozenset({"controls", "preload"}),
    "track": frozenset({"kind", "src", "srclang", "label", "default"}),
    "td": frozenset({"colspan", "rowspan", "align"}),
    "th": frozenset({"colspan", "rowspan", "align", "scope"}),
    "ol": frozenset({"start"}),
    "time": frozenset({"datetime"}),
    "details": frozenset({"open"}),
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "cite", "poster"})
_MEDIA_TAGS = frozenset({"video", "audio", "source", "track"})
# Whose content goes too: the text inside <script> or <style> is code, not prose.
# An iframe goes whole too: videos are pasted alone on their line and shown as a poster that
# loads the player on click (generator.core.media), never framed at page load.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "object", "embed", "form", "iframe"})


@dataclass(frozen=True)
class SafetyOptions:
    """What stories may contain, from the plugin options."""

    video_hosts: tuple[str, ...] = ()
    """Hosts whose videos stories may show (`generator.core.media`), e.g. www.youtube.com. None by default."""
    privacy: Mapping[str, str] = field(default_factory=dict)
    """Severity per personal-data rule ("warning", "error" or "off"); missing rules are warnings."""
    allowed_numbers: tuple[str, ...] = ()
    """Official contact numbers and addresses that may be published (digits compared)."""
    max_pixels: int = 50_000_000
    """Photos larger than this are refused (decompression bombs)."""
    max_video_mb: int = 50
    """Video files next to stories larger than this are refused (`media: max_video_mb`)."""
    max_audio_mb: int = 20
    """Audio files next to stories larger than this are refused (`media: max_audio_mb`)."""


# -- HTML ------------------------------------------------------------------------------------------

_TAG = re.compile(r"<(?P<close>/?)(?P<name>[a-zA-Z][\w:-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTRIBUTE = re.compile(r"""(?P<name>[^\s=/>"']+)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+)))?""")
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?(?P<url>[^)\s>]+)")


def _url_ok(value: str) -> bool:
    value = re.sub(r"[\x00-\x20]", "", value).lower()
    scheme = value.split(":", 1)[0] if re.match(r"^[a-z][a-z0-9+.-]*:", value) else ""
    return not scheme or scheme in URL_SCHEMES


def _local(value: str) -> bool:
    """A URL of the site itself: no scheme, no host."""
    value = value.strip()
    return not value.startswith(("//", "\\")) and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value)


def _player_ok(value: str, hosts: Sequence[str]) -> bool:
    from generator.core.media import hosted_video

    return not isinstance(hosted_video(value, hosts, iframe=True), tuple)


def _attribute_ok(tag: str, attribute: str, value: str, options: SafetyOptions) -> bool:
    """Whether a kept attribute may keep its value: media play the site's files, players only allowed hosts."""
    if tag in _MEDIA_TAGS and attribute in ("src", "poster"):
        return _local(value)
    if attribute == "data-gs-player":
        return _player_ok(value, options.video_hosts)
    return True


def html_findings(text: str, options: SafetyOptions) -> list[tuple[str, dict[str, str]]]:
    """What the sanitizer would remove from one line of Markdown: (message code, params) pairs."""
    found: list[tuple[str, dict[str, str]]] = []
    for match in _TAG.finditer(text):
        name = match["name"].lower()
        if name == "iframe" and not match["close"]:
            found.append(("html.iframe", {"hosts": ", ".join(options.video_hosts) or ("không có", "none")}))
            continue
        if name not in ALLOWED_TAGS:
            if not match["close"]:
                found.append(("html.tag", {"tag": name}))
            continue
        for attribute in _ATTRIBUTE.finditer(match["attrs"]):
            attr = attribute["name"].lower()
            value = attribute["dq"] or attribute["sq"] or attribute["bare"] or ""
            if attr not in GENERIC_ATTRIBUTES and attr not in TAG_ATTRIBUTES.get(name, ()):
                found.append(("html.attribute", {"tag": name, "attribute": attr}))
            elif not _attribute_ok(name, attr, value, options):
                found.append(("html.attribute", {"tag": name, "attribute": attr}))
            elif attr in URL_ATTRIBUTES and not _url_ok(value):
                found.append(("html.url", {"tag": name, "url": value[:60]}))
    for match in _MARKDOWN_LINK.finditer(text):
        if not _url_ok(match["url"]):
            found.append(("html.url", {"tag": "a", "url": match["url"][:60]}))
    return found


def sanitize_html(html: str, options: SafetyOptions) -> str:
    """Keep only the allowlisted tags, attributes and URL schemes; links get rel="noopener noreferrer"."""
    import nh3

    attributes = {"*": set(GENERIC_ATTRIBUTES)} | {tag: set(attrs) for tag, attrs in TAG_ATTRIBUTES.items()}

    def keep(tag: str, attribute: str, value: str) -> str | None:
        return value if _attribute_ok(tag, attribute, value, options) else None

    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes=attributes,
        attribute_filter=keep,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def scan_html(lines: Iterable[tuple[int, str]], options: SafetyOptions) -> list[tuple[int, str, dict[str, str]]]:
    """(line, code, params) for every removal `sanitize_html` will make, from (line, text) pairs."""
    return [(line, code, params) for line, text in lines for code, params in html_findings(text, options)]


# -- personal data ---------------------------------------------------------------------------------

PRIVACY_RULES: Mapping[str, re.Pattern[str]] = {
    # 12-digit citizen ID (căn cước công dân) and 9-digit old ID (CMND), maybe grouped by spaces/dots.
    # Amounts ("450.000.000 đồng") are not IDs.
    # (Each pattern starts with a character, not a lookbehind: `re` then skips ahead to candidate
    # characters instead of trying every position, ten times faster. `x(?<![...]x)` is the
    # lookbehind moved after the first character.)
    "id_number": re.compile(
        r"\d(?<![\d/.,-]\d)(?:\d{11}|\d{2}[ .]\d{3}[ .]\d{3}[ .]\d{3}|\d{8}|\d{2} \d{3} \d{3})(?![\d/.,-]*\d)"
        r"(?!\s*(?:đồng|đ\b|vnđ|vnd|triệu|tỷ|người|m2|m²|ha\b|kg|tấn))",
        re.IGNORECASE,
    ),
    # Mobile numbers: 0 or +84 then 3/5/7/8/9 and 8 digits, with optional spaces, dots or dashes.
    "phone": re.compile(
        r"(?:\((?<![\d/.,-]\()\+?84\)|\+(?<![\d/.,-]\+)84|0(?<![\d/.,-]0)(?:084)?|8(?<![\d/.,-]8)4)"
        r"[\s.-]?[35789]\d(?:[\s.-]?\d){7}(?![\d])"
    ),
    # Bounded lengths: an unbounded local part makes the search quadratic on long tokens.
    "email": re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}", re.UNICODE),
    # "số nhà 12", "nhà số 12", "số 45 đường ...", "kiệt 12", "hẻm 3/4", "ngõ 7": a house, not a decision.
    "address": re.compile(
        r"(?i)\b(?:số nhà|nhà số)\s*\d+[\w/]*|\bsố\s+\d+[\w/]*\s*,?\s*(?:đường|phố)\s|\b(?:kiệt|hẻm|ngõ|ngách)\s+\d+[\w/]*"
    ),
    "birth_date": re.compile(
        r"(?i)[sn](?:(?<=s)inh ngày|(?<=n)gày sinh|(?<=s)inh)\s*:?\s*(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
    ),
}
OFFICIAL_MAIL = (".gov.vn", ".edu.vn", ".org.vn")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


_WORTH_SCANNING = re.compile(r"[\d@]")


def _national(digits: str) -> str:
    """A Vietnamese number without its 0 / 84 / 0084 prefix: "+84 905 000 111" == "0905 000 111"."""
    for prefix in ("0084", "84", "0"):
        if digits.startswith(prefix) and len(digits) - len(prefix) in (9, 10):
            return digits[len(prefix) :]
    return digits


@lru_cache(maxsize=64)
def _allowed_digits(numbers: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_national(_digits(n)) for n in numbers if _digits(n))


# Every rule matches within a few dozen characters of a digit (e-mails: of an "@"): scanning only
# those windows makes checking a long story several times faster than running every rule over it.
_NEEDLES = {"email": (re.compile("@"), 80, 640)}
_DIGITS = (re.compile(r"\d+"), 80, 80)  # (needle, characters kept before, after)


def _windows(text: str, needle: re.Pattern[str], before: int, after: int) -> list[tuple[int, int]]:
    """Merged (start, end) spans of `text` around each occurrence of `needle`.

    Regex lookbehinds still see the text before a span; `after` leaves room for the lookaheads
    ("450.000.000 đồng" is an amount, not an ID).
    """
    windows: list[tuple[int, int]] = []
    for found in needle.finditer(text):
        start, end = max(0, found.start() - before), min(len(text), found.end() + after)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _findings(text: str, options: SafetyOptions) -> list[tuple[int, str, str]]:
    """(offset, rule, matched text) for personal data in `text` (already cleaned)."""
    allowed = _allowed_digits(options.allowed_numbers)
    found = []
    windows: dict[re.Pattern[str], list[tuple[int, int]]] = {}
    for rule, pattern in PRIVACY_RULES.items():
        if options.privacy.get(rule, "warning") == "off":
            continue
        needle, before, after = _NEEDLES.get(rule, _DIGITS)
        if needle not in windows:
            windows[needle] = _windows(text, needle, before, after)
        matches = (match for start, end in windows[needle] for match in pattern.finditer(text, start, end))
        for match in matches:
            value = match.group(0).strip()
            if rule in ("phone", "id_number") and _national(_digits(value)) in allowed:
                continue
            if rule == "email" and (value.lower().endswith(OFFICIAL_MAIL) or value.lower() in {a.lower() for a in options.allowed_numbers}):
                continue
            found.append((match.start(), rule, value))
    # A mobile number is also a 9/10-digit run: report it once, as a phone.
    phones = {_digits(v) for _, r, v in found if r == "phone"}
    return [(o, r, v) for o, r, v in found if not (r == "id_number" and any(_digits(v) in p for p in phones))]


def personal_findings(text: str, options: SafetyOptions) -> list[tuple[str, str]]:
    """(rule, matched text) for personal data in one line of text."""
    if _WORTH_SCANNING.search(text) is None:  # every rule needs a digit or an "@"
        return []
    return [(rule, value) for _, rule, value in _findings(clean(text), options)]


def scan_personal_data(lines: Iterable[tuple[int, str]], options: SafetyOptions) -> list[tuple[int, str, str, str]]:
    """(line, rule, severity, masked value) for each finding; values are masked in messages too.

    The lines are scanned as one text (a regex pass per rule, not per line: checking 10,000
    stories must stay fast) and each match is mapped back to its line.
    """
    numbers, texts = zip(*lines) if lines else ((), ())
    text = clean_body("\n".join(t.replace("\n", " ") for t in texts))
    if _WORTH_SCANNING.search(text) is None:
        return []
    starts = list(accumulate((len(t) + 1 for t in text.split("\n")), initial=0))
    results = []
    for offset, rule, value in _findings(text, options):
        line = numbers[bisect.bisect_right(starts, offset) - 1]
        severity = options.privacy.get(rule, "warning")
        results.append((line, rule, "error" if severity == "error" else "warning", _mask(value)))
    return sorted(results)


def _mask(value: str) -> str:
    """Keep the shape, hide the middle: messages and CI logs must not leak what they report."""
    if len(value) <= 4:
        return "…"
    keep = max(2, len(value) // 5)
    return value[:keep] + "…" + value[-keep:]
