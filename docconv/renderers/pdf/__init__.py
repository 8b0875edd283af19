"""The PDF renderer.

It holds docconv HTML and print CSS laid out by WeasyPrint (renderer.py).
"""
