"""Sources: load an input's bytes, decode them to text, and remember where they came from.

Decoding follows the browser's order: byte-order mark, a declared charset (HTTP header,
``<meta charset>``, XML declaration), then detection. Legacy Chinese labels decode as GB18030,
the WHATWG rule, so four-byte sequences survive; a declared charset that plainly does not fit
the bytes is replaced by one that does.
"""

from __future__ import annotations

import codecs
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from docconv.charclass import CONTROLS
from docconv.diagnostics import Reporter
from docconv.errors import InputError, LimitExceededError
from docconv.options import Options

# WHATWG Encoding Standard label remapping for the labels news sites actually use.
_LABEL_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "chinese": "gb18030",
    "csgb2312": "gb18030",
    "iso-ir-58": "gb18030",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "cn-big5": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "ms_kanji": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
}
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""")


@dataclass(frozen=True, slots=True)
class Source:
    """The decoded text of one input and where it came from."""

    text: str
    origin: str  # a path, URL or "<stdin>" for messages
    base_url: str | None  # for resolving relative links and images
    encoding: str = "utf-8"
    content_type: str | None = None  # from an HTTP response, when fetched

    def __post_init__(self) -> None:
        # Control characters are a broken page's bytes, never text: no title, alt or code keeps them.
        object.__setattr__(self, "text", _CONTROL.sub("", self.text))


_CONTROL = re.compile(f"[{CONTROLS}]")


def canonical_encoding(label: str) -> str | None:
    """The Python codec for a charset label, with WHATWG's remappings, or None if unknown."""
    label = label.strip().strip("\"'").lower()
    label = _LABEL_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_label(data: bytes, header_charset: str | None = None) -> str | None:
    """The charset label the input declares: HTTP header first, then XML declaration or ``<meta>``."""
    if header_charset:
        return header_charset.strip().strip("\"'")
    head = data[:4096]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _decodes(data: bytes, encoding: str) -> bool:
    return _strict(data, encoding) is not None


# Legacy multi-byte encodings decode almost any byte soup without error (Big5 bytes read as
# GB18030 give valid but meaningless Han characters), so for them "decodes" is not "fits": the
# decoded text's mess ratio (charset-normalizer's measure of implausible characters) decides.
_MULTIBYTE = frozenset(("gb18030", "big5hkscs", "big5", "cp932", "shift_jis", "euc_jp", "cp949", "euc_kr", "iso2022_jp"))
_MESSY = 0.1


def _mess(text: str) -> float:
    from charset_normalizer.md import mess_ratio

    return float(mess_ratio(text[:100_000], 1.0))


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few broken sequences (a truncated download, one bad paste), not another encoding."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    wide = sum(1 for c in text if ord(c) > 0x7F)
    return wide > 0 and broken / wide < 0.02


def decode(data: bytes, origin: str, reporter: Reporter, header_charset: str | None = None) -> tuple[str, str]:
    """Decode input bytes to text; returns the text and the encoding that was used.

    Never raises for undecodable bytes: they become U+FFFD and a warning says so.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _replacing(data[len(bom) :], encoding, reporter), encoding
    if b"\x00" in data[:8192] and not _looks_utf16(data):
        raise InputError("binary data, not a text document", where=origin)
    label = declared_label(data, header_charset)
    declared = canonical_encoding(label) if label else None
    if label and declared is None:
        reporter.warning("charset-unknown", f"unknown charset {label!r}; detecting the encoding instead")
    if declared in ("utf-16", "utf-16-le", "utf-16-be"):
        declared = "utf-8"  # HTML: a utf-16 label without a byte-order mark means utf-8
    corrected = f"declared charset {label} does not fit the bytes; decoded as"
    if _is_plain_utf8(data):
        # Valid, non-ASCII UTF-8 is UTF-8 whatever the label says: legacy multi-byte text
        # almost never happens to form valid UTF-8 sequences.
        if declared and declared != "utf-8":
            reporter.warning("charset-corrected", f"{corrected} UTF-8")
        return _without_double_encoded_spaces(data.decode("utf-8"), reporter), "utf-8"
    if declared and declared != "utf-8":
        text = _strict(data, declared)
        if text is not None:
            if declared in _MULTIBYTE and (mess := _mess(text)) >= _MESSY:
                better = _detect(data)
                better_text = _strict(data, better) if better and better != declared else None
                if better and better_text is not None and _mess(better_text) < mess / 2:
                    reporter.warning("charset-corrected", f"{corrected} {better}")
                    return better_text, better
            return text, declared
    if _mostly_utf8(data) and (declared in (None, "utf-8") or not _decodes(data, declared)):
        if declared not in (None, "utf-8"):
            reporter.warning("charset-corrected", f"{corrected} UTF-8")
        return _replacing(data, "utf-8", reporter), "utf-8"
    if declared and declared != "utf-8" and _nearly_decodes(data, declared):
        # A few broken sequences (a truncated character, a stray byte) do not make a page's declared
        # charset wrong; a detector guessing from the rest picks a Cyrillic or Greek code page.
        return _replacing(data, declared, reporter), declared
    detected = _detect(data)
    if detected:
        text = _strict(data, detected)
        if text is not None:
            if declared and detected != declared:
                reporter.warning("charset-corrected", f"{corrected} {detected}")
            elif not declared:
                reporter.info("charset-detected", f"no charset declared; detected {detected}")
            return text, detected
    encoding = declared or detected or "utf-8"
    return _replacing(data, encoding, reporter), encoding


_DOUBLE_ENCODED_SPACE = "\u00c2\u00a0"  # a no-break space encoded to UTF-8 twice, read back once: "Â "


def _without_double_encoded_spaces(text: str, reporter: Reporter) -> str:
    """The web's commonest mojibake mended: a page that encoded its no-break spaces twice shows "Â"
    before each of them, and a line holding nothing else. No language writes "Â" before one."""
    count = text.count(_DOUBLE_ENCODED_SPACE)
    if not count:
        return text
    reporter.info("mojibake-repaired", f"{count} no-break space(s) encoded twice were read as one")
    return text.replace(_DOUBLE_ENCODED_SPACE, "\u00a0")


_FEW_BROKEN = 8  # broken sequences a declared charset may have, or one per 2,000 bytes on larger inputs


def _nearly_decodes(data: bytes, encoding: str) -> bool:
    try:
        broken = data.decode(encoding, errors="replace").count("\ufffd") - _strict_count(data, encoding)
    except LookupError:
        return False
    return broken <= max(_FEW_BROKEN, len(data) // 2000)


def _replacing(data: bytes, encoding: str, reporter: Reporter) -> str:
    text = data.decode(encoding, errors="replace")
    broken = text.count("\ufffd") - _strict_count(data, encoding)
    if broken > 0:
        reporter.warning("undecodable-bytes", f"{broken} byte sequence(s) are not valid {encoding}; replaced with U+FFFD")
    return text


def _strict_count(data: bytes, encoding: str) -> int:
    """U+FFFD characters the input itself contains (they are text, not decoding errors)."""
    return data.count("\ufffd".encode(encoding, errors="ignore")) if encoding.startswith("utf") else 0


def _is_plain_utf8(data: bytes) -> bool:
    return any(b >= 0x80 for b in data) and _decodes(data, "utf-8")


def _looks_utf16(data: bytes) -> bool:
    sample = data[:400]
    return len(sample) > 10 and (sample[1::2].count(0) > len(sample) // 3 or sample[0::2].count(0) > len(sample) // 3)


# What web pages are actually written in; detection among all of Python's codecs picks exotic
# ones (cp864, mac_*) for short inputs.
_PLAUSIBLE = (
    "utf_8",
    "gb18030",
    "big5",
    "cp932",
    "euc_jp",
    "iso2022_jp",
    "cp949",
    "euc_kr",
    "cp1252",
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "cp1258",
    "koi8_r",
    "koi8_u",
    "iso8859_2",
    "iso8859_5",
    "iso8859_7",
    "iso8859_15",
    "tis_620",
)


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=list(_PLAUSIBLE)).best()
    if best is None:
        return None
    return canonical_encoding(best.encoding)


def load(source: str | bytes | Path, options: Options, reporter: Reporter, *, origin: str | None = None) -> Source:
    """Load a path, ``-`` (stdin), a URL, raw bytes or literal text.

    >>> load("<p>你好</p>", Options(), Reporter()).text
    '<p>你好</p>'
    """
    limit = options.limits.max_input_bytes
    if isinstance(source, bytes):
        return from_bytes(source, origin or "<bytes>", options, reporter)
    if isinstance(source, str) and source == "-":
        data = sys.stdin.buffer.read(limit + 1)
        return from_bytes(data, "<stdin>", options, reporter)
    if isinstance(source, str) and re.match(r"^https?://", source, re.IGNORECASE):
        from docconv.resources.fetch import fetch_document

        data, content_type, final_url = fetch_document(source, options, reporter)
        return from_bytes(data, source, options, reporter, base_url=final_url, content_type=content_type)
    if isinstance(source, Path) or _looks_like_path(source):
        path = Path(source)
        name = origin or str(path)
        return from_bytes(read_file(path, options, name), name, options, reporter, base_url=path.resolve().as_uri())
    return text_source(source, options, origin or "<text>")


def text_source(text: str, options: Options, origin: str = "<text>") -> Source:
    """Literal text as a Source, within ``max_input_bytes``."""
    limit = options.limits.max_input_bytes
    if len(text) > limit or len(text.encode("utf-8", "surrogatepass")) > limit:
        raise LimitExceededError(f"input is over the limit of {limit} bytes", where=origin)
    return Source(text, origin, None)


def _looks_like_path(text: str) -> bool:
    """A single line without markup is a path (so a mistyped name fails as "no such file");
    literal text must span lines or contain markup."""
    return "\n" not in text and "<" not in text and 0 < len(text) <= 4096 and "\x00" not in text


def _charset_param(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:\-]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else None


def read_file(path: Path, options: Options, name: str | None = None) -> bytes:
    """A file's bytes, refused before reading when it is over ``max_input_bytes``."""
    name = name or str(path)
    limit = options.limits.max_input_bytes
    try:
        size = path.stat().st_size
        if size > limit:
            raise LimitExceededError(f"input is {size} bytes, over the limit of {limit}", where=name)
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", where=name) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", where=name) from None
    except OSError as error:
        raise InputError(f"cannot be read ({error.strerror or error})", where=name) from None


def from_bytes(
    data: bytes,
    origin: str,
    options: Options,
    reporter: Reporter,
    *,
    base_url: str | None = None,
    content_type: str | None = None,
) -> Source:
    """Decode an input's bytes; ``content_type`` is the HTTP header they came with (its charset counts first).

    A page fetched from the network, a file, a web-archive record and stdin all end here.
    """
    limit = options.limits.max_input_bytes
    if len(data) > limit:
        raise LimitExceededError(f"input is over the limit of {limit} bytes", where=origin)
    if not data.strip():
        raise InputError("input is empty", where=origin)
    text, encoding = decode(data, origin, reporter, _charset_param(content_type))
    return Source(text, origin, base_url, encoding, content_type)
