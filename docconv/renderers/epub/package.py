"""EPUB package facts that must be stable: identifier, dates, and a byte-reproducible zip.

ebooklib 0.20 stamps zip entries with the wall clock (even with its ``mtime`` option) and
defaults the identifier to ``uuid4()``; these helpers replace both with values derived only
from the input and ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import hashlib
import io
import os
import uuid
import zipfile
from datetime import UTC, datetime

from docconv.model import Document, Packet, document_text

# Zip cannot store times before 1980; it is also the fallback when nothing dates the book.
ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)
MIMETYPE = b"application/epub+zip"


def identifier(packet: Packet) -> str:
    """``urn:uuid:`` + UUID5 from the source URL(s) or, lacking one, the content (never random).

    A packet's identifier also covers its title, so two packets of the same articles differ.
    """
    keys = [_document_key(d) for d in packet.documents]
    if packet.is_single and len(keys) == 1:
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, keys[0])}"
    seed = "\n".join(["docconv-packet", packet.meta.title, *keys])
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'urn:sha256:' + _sha256(seed))}"


def _document_key(document: Document) -> str:
    if document.meta.source_url:
        return document.meta.source_url
    seed = "\n".join([document.meta.title, "".join(document_text(document).split())])
    return f"urn:sha256:{_sha256(seed)}"


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def publication_date(packet: Packet) -> datetime | None:
    """The book's ``dc:date``: the packet's date, else the newest article date."""
    if packet.meta.date is not None:
        return packet.meta.date
    dates = [d.meta.date for d in packet.documents if d.meta.date is not None]
    return max(dates, default=None)


def modified(packet: Packet) -> datetime:
    """``dcterms:modified`` in UTC: ``SOURCE_DATE_EPOCH``, else the publication date, else 1980-01-01."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    date = publication_date(packet)
    if date is None:
        return ZIP_EPOCH
    return date.astimezone(UTC) if date.tzinfo else date.replace(tzinfo=UTC)


def iso_date(value: datetime) -> str:
    """``dc:date`` in ISO 8601: the calendar day in the zone the article gave."""
    return value.date().isoformat()


def rezip(data: bytes, when: datetime) -> bytes:
    """Rewrite an EPUB zip reproducibly: ``mimetype`` first and stored, fixed times and attributes.

    Entry order and contents are kept; only what depends on the clock or the platform changes.
    """
    stamp = max(when.astimezone(UTC), ZIP_EPOCH).timetuple()[:6]
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w") as target:
        names = [info.filename for info in source.infolist()]
        if "mimetype" in names:
            names.remove("mimetype")
        entries = [("mimetype", MIMETYPE)] + [(name, source.read(name)) for name in names]
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3  # Unix, whatever machine wrote it
            info.external_attr = 0o100644 << 16  # regular file, rw-r--r--
            if name == "mimetype":
                info.compress_type = zipfile.ZIP_STORED
                target.writestr(info, content)
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                target.writestr(info, content, compresslevel=9)
    return output.getvalue()
