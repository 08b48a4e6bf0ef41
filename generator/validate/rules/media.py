"""Video and audio: files next to the story, and videos pasted from the hosts the site allows.

Each clip is one line of the body (`generator.core.media`). A file must exist next to the story,
stay under the size limit and be readable; a video needs captions (`<name>.vtt` beside it) or a
transcript in the body, an audio clip a transcript, as a photo needs its description. A pasted
video must come from a host in `video_hosts`. The optional `poster:` photo is shown before play.
"""

from __future__ import annotations

from pathlib import Path

from generator.core.media import has_transcript, hosted_video, media_type, pasted_video
from generator.core.model import Image, Media
from generator.core.text import clean
from generator.plan.pictures import BODY_IMAGE, outside_code, prose_lines
from generator.validate.check import StoryCheck
from generator.validate.media_check import MediaInfo, inspect_media
from generator.validate.rules.presentation import resolve_photo

ORDER = 75

_KIND = {"video": ("video", "video"), "audio": ("âm thanh", "audio")}
_MB = 1024 * 1024
_HOST_TITLES = {"", "youtube video player", "vimeo video player", "facebook video", "video", "video player"}


def check(story: StoryCheck) -> None:
    """`poster` (a photo next to the story) and every clip of the body, with its captions or transcript."""
    story.values["poster"] = _poster(story)
    raw = story.raw
    prose = list(prose_lines(raw.body.split("\n")))
    transcript = has_transcript([text for _, text in prose])
    clips: list[Media] = []
    for offset, text in prose:
        line = raw.body_line + offset
        pasted = pasted_video(text, story.safety.video_hosts)
        if pasted is not None:
            clips += _hosted(story, line, *pasted)
            continue
        if "![" not in text:
            continue
        for match in BODY_IMAGE.finditer(outside_code(text)):
            found = media_type(match["src"])
            if found is not None:
                clips += _file(story, line, match["src"], clean(match["alt"]), *found, transcript)
    story.values["media"] = tuple(clips)


def _poster(story: StoryCheck) -> Image | None:
    src = story.text("poster")
    if not src:
        return None
    path = resolve_photo(story, src, story.line("poster"))
    # Decorative: the play button over it names the clip.
    return Image(src=src, path=path, alt="") if path is not None else None


def _hosted(story: StoryCheck, line: int, src: str, title: str, iframe: bool) -> list[Media]:
    hosts = story.safety.video_hosts
    found = hosted_video(src, hosts, iframe)
    if isinstance(found, tuple):
        code, provider = found
        allowed = ", ".join(hosts) or ("không có", "none")
        story.fail("body", f"media.{code}", line=line, src=src[:80], hosts=allowed, provider=provider)
        return []
    # The hosts' own titles ("YouTube video player") name no video: the story's title does.
    title = clean(title)
    if title.casefold() in _HOST_TITLES:
        title = str(story.values.get("title") or "Video")
    return [Media(kind="video", src=src, title=title, line=line, player=found.player, link=found.link, host=found.host)]


def _file(story: StoryCheck, line: int, src: str, alt: str, kind: str, mime: str, transcript: bool) -> list[Media]:
    params = {"src": src, "kind": _KIND[kind]}
    path = _resolve(story, src, line, params)
    if not alt:
        story.fail("body", "media.alt_missing", line=line, **params)
    if path is None:
        return []
    size = path.stat().st_size
    limit, option = (story.safety.max_video_mb, "max_video_mb") if kind == "video" else (story.safety.max_audio_mb, "max_audio_mb")
    if size > limit * _MB:
        story.fail("body", "media.too_large", line=line, size=f"{size / _MB:.1f}", limit=limit, option=option, **params)
        return []
    info = inspect_media(path, mime)
    if not isinstance(info, MediaInfo):
        code, values = info
        story.fail("body", code, line=line, src=src, **values)
        return []
    captions = path.with_suffix(".vtt")
    captions = captions if captions.is_file() else None
    if kind == "video" and captions is None and not transcript:
        story.fail("body", "media.captions_missing", line=line, vtt=Path(src).with_suffix(".vtt").as_posix(), **params)
    elif kind == "audio" and not transcript:
        story.fail("body", "media.transcript_missing", line=line, **params)
    if not alt:
        return []
    return [
        Media(
            kind=kind, src=src, title=alt, line=line, path=path, mime=mime, size=size,
            duration=info.duration, width=info.width, height=info.height, captions=captions,
        )
    ]  # fmt: skip


def _resolve(story: StoryCheck, src: str, line: int, params: dict) -> Path | None:
    """The file next to the story, inside the repository."""
    if "://" in src or src.startswith(("//", "data:")):
        story.fail("body", "media.outside", line=line, **params)
        return None
    candidate = story.raw.file.path.parent / src
    try:
        resolved = candidate.resolve()
        outside = not resolved.is_relative_to(story.root.resolve())
        exists = not outside and resolved.is_file()
    except (OSError, ValueError, RuntimeError):  # NUL bytes, names too long, symlink loops
        outside, exists = False, False
    if outside:
        story.fail("body", "media.outside", line=line, **params)
        return None
    if not exists:
        root = story.root
        shown = candidate.relative_to(root).as_posix() if candidate.is_relative_to(root) else src
        story.fail("body", "media.missing", line=line, resolved=shown, **params)
        return None
    return resolved
