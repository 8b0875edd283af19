"""The Markdown renderer.

It holds the writer (writer.py), the projection onto what Markdown can carry (projection.py), packets
(packet.py) and reference checks (refs.py).
"""
