"""Dotted module names: a relative import made absolute, as ``importlib`` does it.

A module of its own, importing nothing of wscc, so that the project layout (read on every
run) and the module model share it without the layout loading the model.
"""

from __future__ import annotations


def resolve_relative(level: int, module: str | None, package: str | None) -> str | None:
    """``from <level dots><module> import ...`` in ``package``, made absolute as
    ``importlib`` does; ``None`` beyond the top-level package or without a package."""
    if level == 0:
        return module or None
    if not package:
        return None  # "attempted relative import with no known parent package"
    bits = package.rsplit(".", level - 1)
    if len(bits) < level:
        return None  # "attempted relative import beyond top-level package"
    return f"{bits[0]}.{module}" if module else bits[0]
