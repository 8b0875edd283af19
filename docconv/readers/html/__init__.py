"""The HTML reader.

It holds parsing (parse.py: lxml, or html5lib when lxml loses the page), page metadata (page.py,
with title.py for the title by agreement and written_dates.py for dates a page writes in its own
way), boilerplate extraction (extract.py, with extractor.py the one call into trafilatura,
matching.py to compare text with the extractor's, rescue.py for the extractor's own reading,
furniture.py for page furniture by function), and the element walk to blocks (blocks.py with
nodes, tables, figures, code, embeds).
"""
