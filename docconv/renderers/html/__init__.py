"""The HTML renderer, shared by PDF.

It holds page model and template (renderer.py), the block writer (writer.py), CJK typesetting
(typography.py).
"""
