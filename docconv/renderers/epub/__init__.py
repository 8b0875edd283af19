"""The EPUB 3 renderer.

It holds the book (renderer.py), its package documents (package.py), XHTML chapters (xhtml.py) and embedded
fonts (fonts.py).
"""
