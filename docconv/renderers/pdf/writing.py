"""Redundant work WeasyPrint 70 and pydyf 0.13 do when they write a PDF, skipped; the bytes are the same.

Measured on the fixture packet (docs/pdf.md, "Measurements"), two costs that produce nothing:

- pydyf serialises every object twice when the PDF has an identifier (docconv always gives one,
  for byte-identical output): once to write it, once more to hash all objects for the trailer's
  ``/ID``. Each stream is compressed again at zlib level 9 — every embedded font, every page —
  and each of the structure tree's thousands of dictionaries is encoded again.
  ``serialised_once`` keeps each written object's bytes for the rest of the write.
- WeasyPrint copies each font's whole file into Python when it meets the font (``Font.__init__``),
  though only the subset is embedded: a Noto CJK face comes from a 20–27 MB collection, so a
  packet with nine CJK faces copied about 200 MB to throw it away. ``fonts_read_when_needed`` makes
  the copy only if something reads it (a font that is not subset, a variable or colour font).

Each patch is active only inside ``cheaper_writing()``, under the renderer's lock, and each one
is skipped when the internals it relies on are missing (another WeasyPrint or pydyf): the PDF
is then written the slow way, with the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any


@contextmanager
def cheaper_writing() -> Iterator[None]:
    """While active, PDFs are written without the redundant work above."""
    with ExitStack() as stack:
        stack.enter_context(serialised_once())
        stack.enter_context(fonts_read_when_needed())
        yield


@contextmanager
def _replaced(owner: Any, name: str, value: Any) -> Iterator[None]:
    original = owner.__dict__[name]
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, original)


def _data_classes(pydyf: Any) -> list[type]:
    """The pydyf classes that define how their objects serialise (a ``data`` property of their own)."""
    names = ("Dictionary", "Stream", "String", "Array")
    found = (getattr(pydyf, name, None) for name in names)
    return [cls for cls in found if isinstance(cls, type) and isinstance(cls.__dict__.get("data"), property)]


@contextmanager
def serialised_once() -> Iterator[None]:
    """Within ``PDF.write``, each indirect object's bytes are made once (the objects no longer change then)."""
    try:
        import pydyf
    except ImportError:  # pragma: no cover - WeasyPrint always brings pydyf
        yield
        return
    classes = _data_classes(pydyf)
    write = pydyf.PDF.__dict__.get("write")
    if write is None or len(classes) < 4:
        yield
        return
    getters = {cls: cls.__dict__["data"].fget for cls in classes}

    def write_once(pdf: Any, *args: Any, **kwargs: Any) -> Any:
        objects: list[Any] = pdf.objects
        made: dict[int, bytes] = {}

        def once(getter: Callable[[Any], bytes]) -> property:
            def data(item: Any) -> bytes:
                number = item.number
                # Only an object of the PDF's own list: a nested or temporary one may be any object.
                if number is None or number >= len(objects) or objects[number] is not item:
                    return getter(item)
                found = made.get(number)
                if found is None:
                    found = made[number] = getter(item)
                return found

            return property(data)

        with ExitStack() as stack:
            for cls, getter in getters.items():
                stack.enter_context(_replaced(cls, "data", once(getter)))
            return write(pdf, *args, **kwargs)

    with _replaced(pydyf.PDF, "write", write_once):
        yield


_UNREAD = object()


@contextmanager
def fonts_read_when_needed() -> Iterator[None]:
    """WeasyPrint's ``Font.file_content`` (the whole font file) is copied from HarfBuzz when first read."""
    try:
        from weasyprint.pdf import fonts
    except ImportError:  # pragma: no cover - the renderer imports WeasyPrint first
        yield
        return
    font = getattr(fonts, "Font", None)
    read = getattr(fonts, "get_hb_object_data", None)
    init = getattr(font, "__dict__", {}).get("__init__")
    if font is None or read is None or init is None or "file_content" in font.__dict__:
        yield
        return

    def file_content(self: Any) -> Any:
        content = self.__dict__.get("_file_content", _UNREAD)
        if content is _UNREAD:
            content = self.__dict__["_file_content"] = read(self.hb_face)
        return content

    def set_file_content(self: Any, content: Any) -> None:
        self.__dict__["_file_content"] = content

    def deferred(hb_object: Any, *args: Any) -> Any:
        return _UNREAD if not args else read(hb_object, *args)

    def lazy_init(self: Any, *args: Any, **kwargs: Any) -> None:
        # Font.__init__ reads its face's blob through the module's name; only there is it deferred.
        fonts.get_hb_object_data = deferred
        try:
            init(self, *args, **kwargs)
        finally:
            fonts.get_hb_object_data = read

    font.file_content = property(file_content, set_file_content)
    try:
        with _replaced(font, "__init__", lazy_init):
            yield
    finally:
        del font.file_content
