"""Embedded video players as a link a reader can follow.

A PDF, an EPUB or a Markdown file cannot play a YouTube or Bilibili ``<iframe>`` or a ``<video>``,
and dropping it silently leaves a caption that describes nothing ("Archive footage of the 1996
flood."). The player becomes a line with a link to the video's own page instead. Only known video
hosts count: an ``<iframe>`` is as often an advertisement, a map or a poll.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from bs4 import Tag

# host (a suffix of the iframe's host) → how its player URL becomes the video's page
_VIDEO_HOSTS = (
    "youtube.com",
    "youtube-nocookie.com",
    "youtu.be",
    "vimeo.com",
    "bilibili.com",
    "v.qq.com",
    "youku.com",
    "iqiyi.com",
    "ixigua.com",
    "dailymotion.com",
    "ted.com",
    "nicovideo.jp",
)
_YOUTUBE_EMBED = re.compile(r"^/embed/([\w-]{6,})")
_VIMEO_PLAYER = re.compile(r"^/video/(\d+)")
EMBEDS = frozenset(["iframe", "video"])


def video_address(element: Tag) -> str | None:
    """The address an embedded player shows (as written, possibly relative), or None when it is no video."""
    if element.name.lower() == "video":
        source = element.get("src") or next((s.get("src") for s in element.find_all("source") if s.get("src")), "")
        return str(source).strip() or None
    source = str(element.get("src") or element.get("data-src") or "").strip()
    if source.startswith("//"):
        source = "https:" + source
    parts = urlsplit(source)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not any(host == h or host.endswith("." + h) for h in _VIDEO_HOSTS):
        return None
    return _watch_page(source)


def video_title(element: Tag) -> str:
    return " ".join(str(element.get("title") or element.get("aria-label") or "").split())


def _watch_page(player: str) -> str:
    """A player's URL as the page people open: ``youtube.com/embed/ID`` → ``youtube.com/watch?v=ID``."""
    parts = urlsplit(player)
    host = (parts.hostname or "").lower()
    if host.endswith(("youtube.com", "youtube-nocookie.com")) and (match := _YOUTUBE_EMBED.match(parts.path)):
        return f"https://www.youtube.com/watch?v={match.group(1)}"
    if host == "player.vimeo.com" and (match := _VIMEO_PLAYER.match(parts.path)):
        return f"https://vimeo.com/{match.group(1)}"
    if host == "player.bilibili.com":
        query = parse_qs(parts.query)
        if bvid := query.get("bvid", [""])[0]:
            return f"https://www.bilibili.com/video/{bvid}"
        if (aid := query.get("aid", [""])[0]).isdigit():
            return f"https://www.bilibili.com/video/av{aid}"
    return player
