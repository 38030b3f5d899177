"""One module per WebSocket library, each defining ``LIBRARY``: a ``wscc.spec.Library``.

Adding a library means adding a module here; it is picked up automatically.
"""

from __future__ import annotations

import importlib
import pkgutil

from wscc.spec import ConstantSet, Library


def _load() -> tuple[Library, ...]:
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.append(module.LIBRARY)
    return tuple(found)


LIBRARIES: tuple[Library, ...] = _load()
BY_NAME: dict[str, Library] = {library.name: library for library in LIBRARIES}


def by_import(libraries: tuple[Library, ...]) -> dict[str, tuple[Library, ...]]:
    """Top-level import name -> the libraries importing it brings in."""
    found: dict[str, tuple[Library, ...]] = {}
    for library in libraries:
        for root in library.imports:
            found[root] = found.get(root, ()) + (library,)
    return found


#: Top-level import name -> the libraries it opens the gate for.
BY_IMPORT: dict[str, tuple[Library, ...]] = by_import(LIBRARIES)

#: Every constant set, with every qualified name it is known by.
CONSTANT_SETS: tuple[tuple[str, ConstantSet], ...] = tuple(
    (name, constant_set)
    for library in LIBRARIES
    for constant_set in library.constants
    for name in (constant_set.container, *constant_set.aliases)
)


#: Each library constant set -> the library (distribution) that ships it.
OWNER: dict[ConstantSet, Library] = {
    constant_set: library for library in LIBRARIES for constant_set in library.constants
}


def constants_for(library: Library) -> ConstantSet | None:
    """The constant set a literal sent through ``library`` should be named with."""
    for name in library.constants_from:
        for constant_set in BY_NAME[name].constants:
            return constant_set
    return None
