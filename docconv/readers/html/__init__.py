"""The HTML reader.

It holds page metadata (page.py), boilerplate extraction (extract.py), and the element walk to blocks
(blocks.py with nodes, tables, figures, code, embeds).
"""
