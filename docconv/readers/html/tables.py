"""HTML tables to the model: rows from ``thead``/``tbody``/``tfoot``, merged cells on a full grid, header rows found."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from bs4 import Tag

from docconv.model import Block, Inline, Table, TableCell, TableRow, plain_text
from docconv.readers.html.nodes import clean_caption


def build_table(element: Tag, cell_inlines: Callable[[Tag], tuple[Inline, ...]]) -> list[Block]:
    """A ``<table>`` as a Table: merged cells kept with their spans over covered positions, leading header rows as its head.

    ``cell_inlines`` reads the inline content of a cell or of the caption (the walker's, so links
    and nesting are treated as everywhere else).
    """
    caption_element = element.find("caption")
    caption = ""
    if isinstance(caption_element, Tag):
        caption = plain_text(cell_inlines(caption_element))
    grid, head_count = _grid(element, cell_inlines)
    if not grid:
        return []
    width = max(len(r) for r in grid)
    grid = [r + [TableCell(children=())] * (width - len(r)) for r in grid]
    if head_count == len(grid):  # all-header tables: only the first row is the head
        head_count = 1
    head, body = _within_section(grid[:head_count]), _within_section(grid[head_count:])
    return [
        Table(
            head=tuple(TableRow(cells=cells) for cells in head),
            body=tuple(TableRow(cells=cells) for cells in body),
            caption=clean_caption(caption),
        )
    ]


def _grid(element: Tag, cell_inlines: Callable[[Tag], tuple[Inline, ...]]) -> tuple[list[list[TableCell]], int]:
    """The table's rows as cells on a grid (merged cells over covered positions), and how many lead as its head."""
    rows: list[tuple[Tag, bool]] = []
    for row in table_rows(element):
        in_head = row.parent is not None and row.parent.name == "thead"
        rows.append((row, in_head))
    grid: list[list[TableCell]] = []
    head_count = 0
    # column → (rows still covered below, whether the cell covering them is a header)
    pending_rowspans: dict[int, tuple[int, bool]] = {}

    def covered_from_above(cells: list[TableCell], column: int) -> int:
        while pending_rowspans.get(column, (0, False))[0] > 0:
            left, header = pending_rowspans[column]
            pending_rowspans[column] = (left - 1, header)
            cells.append(TableCell(children=(), header=header, covered=True))
            column += 1
        return column

    for row_index, (row, in_head) in enumerate(rows):
        cells: list[TableCell] = []
        column = 0
        for cell in row.find_all(("td", "th"), recursive=False):
            column = covered_from_above(cells, column)
            header = cell.name == "th"
            colspan = _span(cell.get("colspan"))
            rowspan = _span(cell.get("rowspan"))
            cells.append(
                TableCell(children=cell_inlines(cell), header=header, align=_align(cell), rowspan=rowspan, colspan=colspan)
            )
            cells.extend(TableCell(children=(), header=header, covered=True) for _ in range(colspan - 1))
            if rowspan > 1:
                for extra in range(colspan):
                    pending_rowspans[column + extra] = (rowspan - 1, header)
            column += colspan
        column = covered_from_above(cells, column)
        if not cells:
            continue
        if (in_head or (row_index == head_count and all(c.header for c in cells))) and head_count == row_index:
            head_count += 1
        grid.append(cells)
    return grid, head_count


def _within_section(rows: list[list[TableCell]]) -> list[tuple[TableCell, ...]]:
    """Rows whose merged cells stay inside them (a span cannot cross from ``thead`` into ``tbody``).

    Spans are cut at the section's end, and a position no span covers any more becomes an empty
    cell. Spans that overlap each other (malformed markup) are all split into single cells.
    """
    covered: set[tuple[int, int]] = set()
    result = [list(row) for row in rows]
    for r, row in enumerate(result):
        for c, cell in enumerate(row):
            if cell.covered:
                if (r, c) not in covered:
                    row[c] = TableCell(children=(), header=cell.header)
                continue
            if (r, c) in covered:
                return [tuple(_single(cell) for cell in row) for row in rows]
            rowspan = min(cell.rowspan, len(result) - r)
            colspan = min(cell.colspan, len(row) - c)
            if (rowspan, colspan) != (cell.rowspan, cell.colspan):
                row[c] = replace(cell, rowspan=rowspan, colspan=colspan)
            spanned = {(r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan) if dr or dc}
            if spanned & covered:
                return [tuple(_single(cell) for cell in row) for row in rows]
            covered |= spanned
    return [tuple(row) for row in result]


def _single(cell: TableCell) -> TableCell:
    return TableCell(children=(), header=cell.header) if cell.covered else replace(cell, rowspan=1, colspan=1)


_PROSE_IN_A_CELL = 200  # characters: a cell holding this much running text is a page region, not data


def is_layout_table(table: Tag) -> bool:
    """A ``<table>`` that arranges the page (old CMS and government sites) rather than holding data.

    The signs, after Mozilla Readability's ``_isDataTable``: ``role="presentation"`` or
    ``datatable="0"``; another table inside; or a cell of running prose — several block elements,
    or hundreds of characters — which no data table has; or a single cell. A caption, ``<thead>``
    or header cells mark a data table, unless the table only frames one picture over its caption.
    (Readability also counts single-column tables as layout; docconv keeps them as tables: a
    one-column list of figures is data.)
    """
    role = str(table.get("role") or "").lower()
    if role == "presentation" or str(table.get("datatable") or "") == "0":
        return True
    if role in ("table", "grid", "treegrid"):
        return False
    if table.find("table") is not None:
        return True
    if frames_a_picture(table):
        return True
    if table.find(("caption", "thead", "th"), recursive=True) is not None:
        return False
    cells = [row.find_all(("td", "th"), recursive=False) for row in table_rows(table)]
    if sum(len(row) for row in cells) == 1:
        return True  # a single cell holds no data: it is a box around whatever it holds
    for row in cells:
        for cell in row:
            blocks = cell.find_all(("p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "blockquote"), recursive=False)
            if len(blocks) >= 3 or len(" ".join(cell.get_text().split())) >= _PROSE_IN_A_CELL:
                return True
    return False


_FRAME_CELLS = 3  # a picture, its caption, its credit


def frames_a_picture(table: Tag) -> bool:
    """A table that sets one picture over its caption and credit, a cell a row: a frame, not data."""
    rows = [row.find_all(("td", "th"), recursive=False) for row in table_rows(table)]
    cells = sum(len(row) for row in rows)
    return (
        len(table.find_all("img", limit=2)) == 1
        and 0 < cells <= _FRAME_CELLS
        and all(len(row) <= 1 for row in rows)
        and table.find("th") is None
    )


def layout_cells(element: Tag) -> list[Tag]:
    """The cells of a layout table (or of one of its row groups or rows) in reading order."""
    rows = [element] if element.name == "tr" else table_rows(element)
    cells = [cell for row in rows for cell in row.find_all(("td", "th"), recursive=False)]
    # A framed picture's <caption> is the picture's: read under it, where a caption is looked for.
    caption = element.find("caption", recursive=False) if element.name == "table" else None
    return [*cells, caption] if caption is not None else cells


def table_rows(table: Tag) -> list[Tag]:
    rows: list[Tag] = []
    for child in table.children:
        if not isinstance(child, Tag):
            continue
        if child.name == "tr":
            rows.append(child)
        elif child.name in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child.find_all("tr", recursive=False))
    return rows


def _span(value: object) -> int:
    try:
        return max(1, min(int(str(value)), 100))
    except (TypeError, ValueError):
        return 1


def _align(cell: Tag) -> str | None:
    align = str(cell.get("align") or "").lower()
    style = str(cell.get("style") or "").lower()
    for option in ("left", "center", "right"):
        if align == option or f"text-align:{option}" in style.replace(" ", ""):
            return option
    return None
