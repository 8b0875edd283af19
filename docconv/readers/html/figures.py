"""Images and their captions in HTML: lazy-loaded ``src``, ``<figure>``/``<figcaption>``, a caption under an image."""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import unquote, urlsplit

from bs4 import Tag
from bs4.element import Comment, NavigableString

from docconv.captions import MAX_CAPTION_CHARS, is_credit_line
from docconv.charclass import HAS_CJK_TEXT
from docconv.model import Block, Emphasis, Figure, Paragraph, Table, Text, comparable, plain_text
from docconv.readers.html.nodes import class_words, clean_caption, is_hidden, is_never_drawn

_LAZY_SRC_ATTRIBUTES = (
    "data-src",
    "data-original",
    "data-lazy-src",
    "data-actualsrc",
    "data-lazyload",
    "data-lazy",
    "data-echo",
    "data-original-src",
)
_CAPTION_CLASS = re.compile(
    r"caption|desc|credit|(?:pic|img|image|photo)[-_]?(?:info|text|txt|note|intro|title|tit|name|explain)", re.IGNORECASE
)
_CENTERED = re.compile(r"text-align\s*:\s*center", re.I)
# A class that centres its element ("f_center", "text-center", "aligncenter").
_CENTRED_CLASS = re.compile(r"(?:^|\s)(?:[a-z]{1,5}[-_]?)?cent(?:er|re)(?:ed)?(?:$|\s)", re.I)
_SHORT_CAPTION = 60  # characters of a line only guessed to be a caption because it is centred under an image


# AMP pages write their images as <amp-img> (and animated ones as <amp-anim>).
IMAGE_TAGS = frozenset(["img", "amp-img", "amp-anim"])
# A data: URI this short is a lazy-loading placeholder (a 1×1 GIF, an empty SVG), not a picture;
# a real image saved into the page ("save as a single file") takes kilobytes.
_PLACEHOLDER_DATA_URI = 256


def image_source(element: Tag) -> str:
    """An ``<img>``'s address as written ("" if none).

    A lazy-loading attribute wins over ``src``: pages that lazy-load keep a placeholder there (a
    tiny ``data:`` GIF, ``/static/loading.gif``) and the real image in ``data-src`` and the like.
    With no ``src`` at all (or only a placeholder ``data:`` URI), the largest candidate of
    ``srcset`` is taken.
    """
    lazy = next((str(element[a]).strip() for a in _LAZY_SRC_ATTRIBUTES if str(element.get(a) or "").strip()), "")
    if lazy and not (_STAND_IN_NAME.match(_file_stem(lazy)) and _real_source(element)):
        return lazy  # a page saved after its script ran may hold the real image in src and the stand-in here
    # ``data-url`` is a lazy image's address on some pages, and the page a click opens on others.
    named = str(element.get("data-url") or "").strip()
    if IMAGE_FILE.search(urlsplit(named).path):
        return named
    if src := _real_source(element):
        return src
    candidates = str(element.get("srcset") or element.get("data-srcset") or "")
    return named or _largest_candidate(candidates) or _picture_source(element) or _image_attribute(element)


def _file_stem(address: str) -> str:
    return urlsplit(address).path.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]


def _real_source(element: Tag) -> str:
    src = str(element.get("src") or "").strip()
    return src if src and not is_placeholder(src) and not _STAND_IN_NAME.match(_file_stem(src)) else ""


def _picture_source(element: Tag) -> str:
    """The image a ``<picture>`` offers in its first ``<source>`` when its ``<img>`` holds only a placeholder."""
    picture = element.parent
    if not isinstance(picture, Tag) or picture.name != "picture":
        return ""
    for source in picture.find_all("source", recursive=False):
        if found := _largest_candidate(str(source.get("srcset") or source.get("data-srcset") or "")):
            return found
    return ""


def _image_attribute(element: Tag) -> str:
    """An image file's address in any other attribute of an image without one in ``src``: the lazy
    loaders' names are many (``file`` on forums, ``data-lazyload-src``, ``data-hi-res``)."""
    for name, value in element.attrs.items():
        if name.lower() not in ("src", "srcset", "data-srcset") and isinstance(value, str):
            address = value.strip()
            if not address.lower().startswith("data:") and IMAGE_FILE.search(urlsplit(address).path):
                return address
    return ""


# An address whose path names an image file (``…/flare.jpg``), not a script that serves one (``get_image?id=2``).
IMAGE_FILE = re.compile(r"/[^/]{4,}\.(?:jpe?g|png|gif|webp|avif)$", re.IGNORECASE)


def is_placeholder(src: str) -> bool:
    """A short ``data:`` URI that draws nothing: a 1×1 or 2×2 image, or an SVG with no shapes.

    Anything else stays an image, so a hostile one (a PNG header declaring 50,000 × 50,000
    pixels is under 100 bytes) still reaches the media checks and is refused there, loudly.
    """
    if src[:5].lower() != "data:" or len(src) >= _PLACEHOLDER_DATA_URI:
        return False
    header, _, payload = src[5:].partition(",")
    header = header.lower()
    try:
        data = base64.b64decode(payload + "==", validate=False) if header.endswith(";base64") else unquote(payload).encode()
    except ValueError:
        return False
    if "svg" in header:
        return not _SVG_SHAPE.search(data.decode("utf-8", "replace"))
    try:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as image:
            return image.width <= 2 and image.height <= 2
    except Exception:  # not an image Pillow knows, or a "decompression bomb": not a placeholder
        return False


_SVG_SHAPE = re.compile(r"<(?:path|rect|circle|ellipse|line|polyline|polygon|text|image|use|g)\b", re.IGNORECASE)


def _declared_sizes(element: Tag) -> list[str]:
    """An image's declared width and height as written, without a ``px`` unit ("" where not declared)."""
    return [str(element.get(a) or "").strip().removesuffix("px") for a in ("width", "height")]


def is_tracking_pixel(element: Tag) -> bool:
    """An image declared one or two pixels in size: a web beacon, which must not be fetched."""
    return all(size.isdigit() and int(size) <= 2 for size in _declared_sizes(element))


ICON_PIXELS = 32


def is_icon(element: Tag) -> bool:
    """An image declared at most ``ICON_PIXELS`` wide and high: a bullet, an arrow, the little
    end-of-story mark under a news article — the site's chrome, not the article's picture."""
    sizes = _declared_sizes(element)
    return all(size.isdigit() for size in sizes) and all(int(size) <= ICON_PIXELS for size in sizes)


# Where a link to a writer's page goes: a byline's portrait links there, an article's picture never.
_AUTHOR_PAGE = re.compile(
    r"/(?:authors?|autor(?:en|es|i)?|auteurs?|staff|journalists?|people|profiles?|writers?|columnists?)/[^/?#]+", re.I
)
# What a byline's box, or its portrait, is named: "author-avatar", "contributor_avatar", "Headshot".
_PORTRAIT_BOX = re.compile(
    r"(?:^|[-_\s])(?:avatars?|headshots?|mugshots?|byline|contributors?|authors?(?:[-_](?:image|photo|avatar|pic|thumb|img))?)"
    r"(?:$|[-_\s])",
    re.IGNORECASE,
)
_PORTRAIT_FILE = re.compile(r"gravatar\.com/|/avatars?/|headshot|/contributors?/", re.IGNORECASE)
_BYLINE_BOX_CHARS = 300
_LINK_DEPTH = 3  # an image sits in its link (or its byline's box) directly or in a <picture> and a <span> or two


def is_author_portrait(element: Tag, src: str) -> bool:
    """The byline's portrait: an image linking to its author's page (``/autoren/hannah-ritzmann/``,
    ``rel=author``), set in a box named for the byline or the author, or served as an avatar."""
    if _PORTRAIT_FILE.search(src.split("?", 1)[0]):
        return True
    for depth, parent in enumerate((element, *element.parents)):
        if depth > _LINK_DEPTH:
            return False
        if _PORTRAIT_BOX.search(class_words(parent)) and len(parent.get_text()) <= _BYLINE_BOX_CHARS:
            return True  # a box of the byline's size: WordPress names a whole post "tag-fan-contributor"
        if parent.name == "a":
            path = str(parent.get("href") or "").split("?", 1)[0]
            if "author" in parent.get_attribute_list("rel") or _AUTHOR_PAGE.search(path):
                return True
    return False


# Where advertisements and audience counters are served from: their images are never the article's.
_ADVERT_HOST = re.compile(
    r"(?:^|\.)(?:doubleclick\.net|googlesyndication\.com|scorecardresearch\.com|outbrainimg\.com|outbrain\.com"
    r"|revcontent\.com|taboola\.com|amazon-adsystem\.com|adnxs\.com|quantserve\.com)$"
    r"|^(?:ads|adserver|adservice)\d*\.",
    re.IGNORECASE,
)


def is_advert(src: str) -> bool:
    """An image served by an ad network or an audience meter (``ad.doubleclick.net``, ``ads.example.com``)."""
    return bool(_ADVERT_HOST.search(urlsplit(src).hostname or ""))


def is_page_chrome(element: Tag, src: str) -> bool:
    """An image of the page rather than of the article: a beacon, an icon, a chrome file, an
    advertisement, the byline's portrait."""
    tiny = is_tracking_pixel(element) or is_icon(element)
    return tiny or is_chrome_file(element, src) or is_advert(src) or is_author_portrait(element, src)


# File names of a site's chrome: the end-of-story mark, spacers, buttons, bullets, loading spinners.
_CHROME_FILE = re.compile(
    r"(?:^|[-_.])(?:end_?news|news_?end|endtag|spacer|blank|clear|pixel|transparent|btn|button|arrow|bullet"
    r"|loading|spinner|qr_?code|ewm|share|icon|ico)(?:$|[-_.\d])",
    re.IGNORECASE,
)


# A lazy-loading page's stand-in for a picture it loads later: a transparent GIF or SVG carrying the
# picture's own description, next to the real image.
_PLACEHOLDER_FILE = re.compile(
    r"(?:^|[-_.])(?:spacer|blank|pixel|transparent|placeholder|empty|lazy)(?:$|[-_.\d]).*\.(?:gif|svg)$", re.IGNORECASE
)


# The file a lazy loader shows until the picture loads: "lazy.png", "loading.gif", "placeholder-640x360.jpg".
_STAND_IN_NAME = re.compile(
    r"^(?:img[-_])?(?:lazy|loading|placeholder|blank|spacer|pixel|transparent|empty|grey|gray)(?:[-_]?(?:img|image|bg|\d+(?:x\d+)?))*$",
    re.IGNORECASE,
)
# Where a site's theme keeps its own pictures (icons, logos, frames): no article's picture lives there.
_THEME_ASSET = re.compile(r"/wp-content/themes/|/themes/[^/]+/(?:assets/)?(?:images|img)/", re.IGNORECASE)


def is_chrome_file(element: Tag, src: str) -> bool:
    """An undescribed image whose file name says it is the site's chrome (``end_news.png``, ``spacer.gif``,
    ``btn_share.png``): no article's picture is named so and left without a description. A
    placeholder GIF and a picture of the site's theme are chrome even when they carry a
    description (the picture's they stand for, the logo's)."""
    name = src.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    if _PLACEHOLDER_FILE.search(name) or _THEME_ASSET.search(urlsplit(src).path):
        return True
    if description(str(element.get("alt") or ""), src):
        return False  # described: a button's label ("enlarge") describes nothing
    stem = name.rsplit(".", 1)[0]
    return bool(stem) and _CHROME_FILE.search(stem) is not None


# What a content system writes when nobody described the image: a word for "image", nothing more.
_GENERIC_ALT = re.compile(
    r"^(?:photo|image|img|picture|pic|graph|graphic|thumbnail|thumb|foto|bild|untitled|null|undefined|none|alt|placeholder"
    r"|symbolbild|sendungsbild|content media|gallery|图片|圖片|配图|配圖|照片|图像|圖像|写真|画像|図版|写真・図版)\s*\d*$"
    # What the image's button says rather than what it shows.
    r"|^(?:(?:click|tap)(?: here)? to )?(?:enlarge|expand|zoom|view larger|see larger|view full size)"
    r"(?: (?:image|photo|picture))?$"
    r"|^(?:拡大(?:する|表示)?|(?:点击|點擊)?放大|(?:查看|点击查看|點擊查看)?(?:大图|大圖|原图|原圖)|확대)$"
    r"|^loading\W*$|^video (?:lädt|loading)\W*$"
    # A file's name, or a number the picture desk or the agency filed the picture under.
    r"|^\S+\.(?:jpe?g|png|gif|webp|avif|bmp|tiff?)$|^\d{5,}$|^(?=\S*[^\W\d_])(?=\S*\d{4})[\w-]+$"
    r"|^(?:[^\W\d_]+\s+){1,3}\d{6,}$",
    re.IGNORECASE,
)
_ALPHANUMERIC = re.compile(r"[\W_]+")


def description(alt: str, src: str) -> str:
    """An image's alt text when it describes the image: not a generic word ("photo", "图片"), not
    its own file name ("IMG 1234" on ``img_1234.jpg``, "Hires XEPSB103" on ``thumb_Hires_XEPSB103.jpg``)."""
    alt = " ".join(alt.split())
    if _GENERIC_ALT.match(alt):
        return ""
    squashed = _ALPHANUMERIC.sub("", alt).lower()
    stem = _ALPHANUMERIC.sub("", src.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]).lower()
    if squashed and any(c.isdigit() for c in squashed) and squashed in stem:
        return ""
    return alt


def noscript_images(noscript: Tag) -> list[Tag]:
    """The images a ``<noscript>`` holds for browsers without JavaScript — unless the page shows one beside it.

    Lazy-loading pages write ``<img src=placeholder><noscript><img src=real></noscript>``; with a
    usable image next to it (``data-src`` read), the ``<noscript>`` copy would show it twice.
    """
    for sibling in (noscript.find_previous_sibling(), noscript.find_next_sibling()):
        if isinstance(sibling, Tag) and sibling.name.lower() in IMAGE_TAGS and image_source(sibling):
            return []
    return [img for img in noscript.find_all(list(IMAGE_TAGS)) if image_source(img) and not is_hidden(img)]


_DESCRIPTOR = re.compile(r"^\d+(?:\.\d+)?[wx]$")


def _largest_candidate(srcset: str) -> str:
    """The candidate of a ``srcset`` with the greatest width (``640w``) or density (``2x``); the last if none says."""
    best, best_size = "", -1.0
    for candidate in srcset.split(","):
        parts = candidate.split()
        if not parts or _DESCRIPTOR.match(parts[0]):
            continue  # a width or density whose URL a template left out (``srcset=" 150w,  1920w"``)
        size = 0.0
        if len(parts) > 1 and parts[1][-1:] in ("w", "x"):
            try:
                size = float(parts[1][:-1])
            except ValueError:
                size = 0.0
        if size >= best_size:
            best, best_size = parts[0], size
    return best


def take_figcaption(element: Tag) -> str:
    """The text of a ``<figure>``'s ``<figcaption>``, which is removed so the walk does not read it again.
    A gallery's ``<figure>`` holds figures of its own: their captions are theirs, not the gallery's."""
    caption_element = next((c for c in element.find_all("figcaption") if c.find_parent("figure") is element), None)
    caption = ""
    if isinstance(caption_element, Tag):
        caption = caption_text(caption_element)
        caption_element.extract()
    return caption


def place_caption(inner: list[Block], caption: str) -> list[Block]:
    """A ``<figure>``'s blocks: its images first, the caption on the last one (or a paragraph when there is no image)."""
    images: list[Block] = [b for b in inner if isinstance(b, Figure)]
    others: list[Block] = [b for b in inner if not isinstance(b, Figure)]
    tables = [i for i, b in enumerate(others) if isinstance(b, Table)]
    if not images and caption and len(tables) == 1:  # WordPress's <figure class="wp-block-table">
        table = others[tables[0]]
        assert isinstance(table, Table)
        if not table.caption:
            others[tables[0]] = replace(table, caption=caption)
            return others
    if not images:  # the caption of a picture the page does not show: set as a caption, never a heading
        return others + ([Paragraph(children=(Emphasis(children=(Text(text=caption),)),))] if caption else [])
    lines = _caption_lines(others, caption)
    if len(lines) <= _CREDIT_LINES:
        for line in lines:
            text = " ".join(plain_text(line.children).split())
            if comparable(text) not in comparable(caption):
                caption = f"{caption} {text}".strip() if caption else text
        others = [b for b in others if not any(b is line for line in lines)]
    if caption:
        images[-1] = with_caption(images[-1], caption)
    return [*images, *others]


_CREDIT_CHARS = 80  # a photographer's or agency's name, not a second caption
_CREDIT_LINES = 2
_FIGURE_TEXT_CHARS = 400  # a caption and its credit; more text in a figure is an article set in one


def _caption_lines(others: list[Block], caption: str) -> list[Paragraph]:
    """The lines of a figure's text besides its images that belong to its caption. A short line is
    the picture's credit or its caption ("Lincolnshire Police" over the image): part of the caption,
    never a paragraph after it. Without a <figcaption>, the figure's few lines are its caption,
    however long."""
    paragraphs = [(b, len(plain_text(b.children).strip())) for b in others if isinstance(b, Paragraph)]
    if not caption and others and len(paragraphs) == len(others) and sum(n for _, n in paragraphs) <= _FIGURE_TEXT_CHARS:
        return [b for b, chars in paragraphs if chars > 0]
    return [b for b, chars in paragraphs if 0 < chars <= _CREDIT_CHARS]


def with_caption(figure: Block, caption: str) -> Figure:
    assert isinstance(figure, Figure)
    return Figure(src=figure.src, alt=figure.alt, caption=caption)


def caption_under(blocks: list[Block], container: Tag, children: Sequence[object], index: int) -> int:
    """Puts the caption written under the image that ends ``blocks`` on it, and the credit that
    often follows the caption in an element of its own ("Mark Thiessen"), or the line after a
    break that ends the image's centred ``container`` (an old page's ``<center>``); the index of
    the next child to walk."""
    caption = caption_after(children, index) or caption_below_in_paragraph(container, children, index)
    if caption is None:
        return index
    text, index = caption
    if (credit := caption_after(children, index, credit=True)) is not None and len(credit[0]) <= _CREDIT_CHARS:
        text, index = f"{text} {credit[0]}", credit[1]
    blocks[-1] = with_caption(blocks[-1], text)
    return index


def _holds_picture(element: Tag) -> bool:
    """Whether an element shows a picture of its own; a caption may carry an icon (a camera before the credit)."""
    return any(not is_page_chrome(image, image_source(image)) for image in element.find_all("img"))


def caption_after(children: Sequence[object], index: int, credit: bool = False) -> tuple[str, int] | None:
    """A caption written as the paragraph right under an image (centred, classed or "图为…"); with
    ``credit``, the credit right under a caption (classed or a credit line: on pages that centre
    every line, a centred line after a caption is the text going on)."""
    position = _after_blanks(children, index)
    if position >= len(children):
        return None
    candidate = children[position]
    if not isinstance(candidate, Tag) or candidate.name.lower() not in ("p", "div", "span", "figcaption", "section"):
        return None
    captions_only = _only_captions(candidate)
    if _holds_picture(candidate) or candidate.find(("table", "ul", "ol")) or len(candidate.find_all(("div", "section"))) > 3:
        return None  # a caption may sit in a few nested sections (WeChat's editors), never in a block of text
    if candidate.find("p") and not captions_only:
        return None
    text = caption_text(candidate)
    # A box the markup declares a caption may hold a long one; a line guessed to be a caption is short.
    declared = captions_only or candidate.name.lower() == "figcaption" or _CAPTION_CLASS.search(_classes(candidate))
    longest = _DECLARED_CAPTION_CHARS if declared else MAX_CAPTION_CHARS
    if not text or len(text) > longest:
        return None
    if (
        _CAPTION_CLASS.search(_classes(candidate))
        or candidate.name.lower() == "figcaption"
        or is_credit_line(text)
        or (_centred(candidate) and len(text) <= _SHORT_CAPTION and not credit)
        or captions_only
    ):
        return text, position + 1
    return None


_DECLARED_CAPTION_CHARS = 400
_INLINE_CAPTION = frozenset(("span", "small", "em", "i", "cite"))


def _after_blanks(children: Sequence[object], index: int) -> int:
    """The position of the first node from ``index`` on that is not blank text."""
    position = index
    while position < len(children) and isinstance(children[position], NavigableString) and not str(children[position]).strip():
        position += 1
    return position


def caption_below_in_paragraph(paragraph: Tag, children: Sequence[object], index: int) -> tuple[str, int] | None:
    """The short line after a ``<br>`` under an image, ending the image's own centred paragraph
    (``<p class="f_center"><img …><br>渡轮停靠在港口。</p>``); its text and the end of the paragraph."""
    position = _after_blanks(children, index)
    below = children[position] if position < len(children) else None
    if not (isinstance(below, Tag) and below.name.lower() == "br") or not _centred(paragraph):
        return None
    rest = list(children[position + 1 :])
    # Old portals put a spacer image and more breaks between the photo and its caption, and breaks after it.
    while rest and _is_filler(rest[0]):
        rest.pop(0)
    while rest and _is_filler(rest[-1]):
        rest.pop()
    if any(isinstance(c, Tag) and (c.name.lower() in (*IMAGE_TAGS, "br") or c.find((*IMAGE_TAGS, "br"))) for c in rest):
        return None
    text = " ".join("".join(c.get_text() if isinstance(c, Tag) else str(c) for c in rest if not isinstance(c, Comment)).split())
    return (text, len(children)) if 0 < len(text) <= _SHORT_CAPTION else None


_SPACER_PIXELS = 10


def _is_filler(node: object) -> bool:
    """Blank text, a comment, a line break, or a spacer image (a side declared ``_SPACER_PIXELS`` or less)."""
    if isinstance(node, Comment) or (isinstance(node, NavigableString) and not str(node).strip()):
        return True
    if not isinstance(node, Tag):
        return False
    if node.name.lower() == "br":
        return True
    spacer = any(size.isdigit() and int(size) <= _SPACER_PIXELS for size in _declared_sizes(node))
    return node.name.lower() in IMAGE_TAGS and spacer


def inline_caption_after(children: Sequence[object], index: int) -> tuple[str, int] | None:
    """A caption written inline right after an image in the same paragraph, in an element the page
    names a caption or credit (``<img …><span class="picCaption">slenderkitchen.com/Pinterest</span>``);
    its text and the position after it."""
    position = _after_blanks(children, index)
    candidate = children[position] if position < len(children) else None
    if not isinstance(candidate, Tag) or candidate.name.lower() not in _INLINE_CAPTION or candidate.find(("img", "picture")):
        return None
    text = caption_text(candidate)
    if not text or len(text) > MAX_CAPTION_CHARS or not _CAPTION_CLASS.search(_classes(candidate)):
        return None
    return text, position + 1


# The labels of a caption's own buttons, which a script turns into controls.
_CAPTION_CONTROL = re.compile(
    r"^(?:(?:hide|show|toggle|close|expand|collapse) (?:the )?(?:caption|image|photo|picture)s?"
    r"|enlarge (?:this )?(?:image|photo)|view (?:larger|full[- ]size) (?:image|photo)|full ?screen)$",
    re.IGNORECASE,
)


def caption_text(element: Tag) -> str:
    """A caption box's text as a reader sees it: without its buttons' labels ("hide caption",
    "toggle caption") and screen-reader labels ("Legend:"), and each credit once where the box
    prints it twice (on the picture and under it)."""
    text = ""
    seen: set[str] = set()
    spaced = True  # whether white space ends what is written so far
    for string in element.find_all(string=True):
        raw = str(string)
        part = " ".join(raw.split())
        if type(string) is not NavigableString or _unseen(string, element):
            continue
        if not part:
            spaced = spaced or raw.isspace()  # white space between two elements' words
            continue
        key = comparable(part)
        if len(key) >= 3 and key in seen:
            continue
        seen.add(key)
        # Words in their own elements are set apart; CJK text runs on where the page wrote no space ("KCON洛杉矶音乐节").
        glued = not spaced and not raw[:1].isspace() and bool(HAS_CJK_TEXT.search(text[-1:] + part[:1]))
        text += part if glued or not text else " " + part
        spaced = raw[-1:].isspace()
    return clean_caption(text)


def _unseen(string: NavigableString, box: Tag) -> bool:
    """A string of a caption box that no reader sees as the caption: a button's label, a hidden label."""
    owner = string.parent
    if isinstance(owner, Tag) and _CAPTION_CONTROL.match(" ".join(owner.get_text(" ").split())):
        return True
    for parent in string.parents:
        if parent is box:
            return False
        if is_never_drawn(parent):
            return True
    return False


def _only_captions(element: Tag) -> bool:
    """An image's metadata box: all its text is in captions and credits (``<figcaption>``, a
    ``caption``/``credit`` class)."""
    parts = [d for d in element.find_all(True) if d.name.lower() == "figcaption" or _CAPTION_CLASS.search(_classes(d))]
    outermost = [part for part in parts if not any(parent in parts for parent in part.parents)]
    inside = "".join(part.get_text() for part in outermost)
    return bool(outermost) and "".join(inside.split()) == "".join(element.get_text().split())


def _classes(element: Tag) -> str:
    return " ".join(str(c) for c in element.get("class") or [])


def _centred(element: Tag) -> bool:
    """Centred by its own style or by that of the one element it wraps (``<section><span style=…>``),
    or by an old page's ``<center>``."""
    node: Tag | None = element
    while node is not None:
        if (
            node.name == "center"
            or _CENTERED.search(str(node.get("style") or ""))
            or str(node.get("align") or "").lower() == "center"
        ):
            return True
        if _CENTRED_CLASS.search(_classes(node)):
            return True
        inner = [c for c in node.children if isinstance(c, Tag) or str(c).strip()]
        node = inner[0] if len(inner) == 1 and isinstance(inner[0], Tag) else None
    return False
