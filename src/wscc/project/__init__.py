"""wscc across modules: the project a file belongs to.

``layout``: the project root, its import roots and Python's own import resolution on it;
``cache``: per-module summaries kept between runs under ``<root>/.wscc_cache/``.
"""
