"""HTML tables to the model: rows from ``thead``/``tbody``/``tfoot``, spans split into cells, header rows found."""

from __future__ import annotations

from collections.abc import Callable

from bs4 import Tag

from docconv.diagnostics import Reporter
from docconv.model import Block, Inline, Table, TableCell, TableRow, plain_text
from docconv.readers.html_nodes import clean_caption


def build_table(element: Tag, cell_inlines: Callable[[Tag], tuple[Inline, ...]], reporter: Reporter) -> list[Block]:
    """A ``<table>`` as a Table: spanning cells split into single ones, leading header rows as its head.

    ``cell_inlines`` reads the inline content of a cell or of the caption (the walker's, so links
    and nesting are treated as everywhere else).
    """
    caption_element = element.find("caption")
    caption = ""
    if isinstance(caption_element, Tag):
        caption = plain_text(cell_inlines(caption_element))
    rows: list[tuple[Tag, bool]] = []
    for row in _table_rows(element):
        in_head = row.parent is not None and row.parent.name == "thead"
        rows.append((row, in_head))
    grid: list[list[TableCell]] = []
    head_count = 0
    pending_rowspans: dict[int, int] = {}
    spans_dropped = False
    for row_index, (row, in_head) in enumerate(rows):
        cells: list[TableCell] = []
        column = 0
        for cell in row.find_all(("td", "th"), recursive=False):
            while pending_rowspans.get(column, 0) > 0:
                pending_rowspans[column] -= 1
                cells.append(TableCell((), header=cell.name == "th"))
                column += 1
            inlines = cell_inlines(cell)
            cells.append(TableCell(inlines, header=cell.name == "th", align=_align(cell)))
            colspan = _span(cell.get("colspan"))
            rowspan = _span(cell.get("rowspan"))
            if colspan > 1 or rowspan > 1:
                spans_dropped = True
            for extra in range(colspan):
                if rowspan > 1:
                    pending_rowspans[column + extra] = rowspan - 1
                if extra:
                    cells.append(TableCell(()))
            column += colspan
        while pending_rowspans.get(column, 0) > 0:
            pending_rowspans[column] -= 1
            cells.append(TableCell(()))
            column += 1
        if not cells:
            continue
        if (in_head or (row_index == head_count and all(c.header for c in cells))) and head_count == row_index:
            head_count += 1
        grid.append(cells)
    if not grid:
        return []
    if spans_dropped:
        reporter.warning("table-span-dropped", "a table cell spanning rows or columns was split into single cells")
    width = max(len(r) for r in grid)
    table_rows = [TableRow(tuple(r + [TableCell(())] * (width - len(r)))) for r in grid]
    if head_count == len(table_rows):  # all-header tables: only the first row is the head
        head_count = 1
    return [Table(tuple(table_rows[:head_count]), tuple(table_rows[head_count:]), clean_caption(caption))]


_PROSE_IN_A_CELL = 200  # characters: a cell holding this much running text is a page region, not data


def is_layout_table(table: Tag) -> bool:
    """A ``<table>`` that arranges the page (old CMS and government sites) rather than holding data.

    The signs, after Mozilla Readability's ``_isDataTable``: ``role="presentation"`` or
    ``datatable="0"``; another table inside; or a cell of running prose — several block elements,
    or hundreds of characters — which no data table has. A caption, ``<thead>`` or header cells
    mark a data table. (Readability also counts single-column tables as layout; docconv keeps them
    as tables: a one-column list of figures is data.)
    """
    role = str(table.get("role") or "").lower()
    if role == "presentation" or str(table.get("datatable") or "") == "0":
        return True
    if role in ("table", "grid", "treegrid"):
        return False
    if table.find("table") is not None:
        return True
    if table.find(("caption", "thead", "th"), recursive=True) is not None:
        return False
    cells = [row.find_all(("td", "th"), recursive=False) for row in _table_rows(table)]
    for row in cells:
        for cell in row:
            blocks = cell.find_all(("p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "blockquote"), recursive=False)
            if len(blocks) >= 3 or len(" ".join(cell.get_text().split())) >= _PROSE_IN_A_CELL:
                return True
    return False


def layout_cells(element: Tag) -> list[Tag]:
    """The cells of a layout table (or of one of its row groups or rows) in reading order."""
    rows = [element] if element.name == "tr" else _table_rows(element)
    return [cell for row in rows for cell in row.find_all(("td", "th"), recursive=False)]


def _table_rows(table: Tag) -> list[Tag]:
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
