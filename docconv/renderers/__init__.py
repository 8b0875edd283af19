"""Renderers: Packet → bytes, one module per format, registered in ``docconv.registry``."""
