"""Outside resources.

It holds the fetcher, its network policy and pinned connections, the cache, images and the media store.
"""
