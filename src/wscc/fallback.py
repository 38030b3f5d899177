"""``fallback-constants``: naming codes of a library without constants from the user's
own constants module (``[tool.wscc] fallback-constants = {tornado = "app.codes:Close"}``).

The module is found and read statically (relative to the folder of ``pyproject.toml``,
or its ``src/``), never imported.  ``"pkg.mod:Container"`` means ``Container.NAME``
(imported as ``from pkg.mod import Container``); ``"pkg.mod"`` means module-level
``NAME`` (``from pkg.mod import NAME``).  Only names bound once to an int literal count.
"""

from __future__ import annotations

import ast
import functools
import os
from pathlib import Path
from typing import Callable

from wscc.config import Config
from wscc.checks import Replacement
from wscc.libraries import BY_NAME
from wscc.model import ModuleModel
from wscc.spec import ConstantSet


def _int_assignments(body: list[ast.stmt]) -> dict[str, int]:
    values: dict[str, list] = {}
    for statement in body:
        if isinstance(statement, ast.Assign):
            targets, value = statement.targets, statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            targets, value = [statement.target], statement.value
        else:
            continue
        for target in targets:
            if isinstance(target, ast.Name):
                values.setdefault(target.id, []).append(value)
    return {
        name: found[0].value for name, found in values.items()
        if len(found) == 1 and isinstance(found[0], ast.Constant) and type(found[0].value) is int
    }




#: One lookup per configuration in this process: each constants module is read once per
#: run (``preload`` reads them before a process pool forks, so that no worker does).
_LOADED: list["FallbackConstants"] = []


def for_config(config: Config) -> "FallbackConstants":
    """The run's lookup for ``config`` (equal, not identical: a pool worker gets a copy;
    a configuration holds dicts, so it is compared, not hashed)."""
    for loaded in _LOADED:
        if loaded.config == config:
            return loaded
    _LOADED.append(FallbackConstants(config))
    return _LOADED[-1]


class FallbackConstants:
    def __init__(self, config: Config) -> None:
        self.config = config
        self.root = config.root or Path(os.getcwd())
        self._sets: dict[str, tuple[ConstantSet | None, Path | None, bool]] = {}

    def for_path(self, path: str | None) -> Callable[[str, int], Replacement | None]:
        """The lookup ``Settings.fallback`` holds for one checked file."""
        return functools.partial(self.replacement, path)

    def preload(self) -> None:
        for spec in self.config.fallback_constants.values():
            self._load(spec)

    def _module_file(self, module: str) -> Path | None:
        relative = Path(*module.split("."))
        for base in (self.root, self.root / "src"):
            for candidate in (base / relative.with_suffix(".py"), base / relative / "__init__.py"):
                if candidate.is_file():
                    return candidate
        return None

    def _load(self, spec: str) -> tuple[ConstantSet | None, Path | None, bool]:
        if spec in self._sets:
            return self._sets[spec]
        module, _, container = spec.partition(":")
        found: tuple[ConstantSet | None, Path | None, bool] = (None, None, False)
        path = self._module_file(module)
        if path is not None:
            try:
                tree = ast.parse(path.read_bytes())
            except (SyntaxError, ValueError, OSError):
                tree = None
            if tree is not None and container:
                for statement in tree.body:
                    if isinstance(statement, ast.ClassDef) and statement.name == container:
                        members = _int_assignments(statement.body)
                        found = (ConstantSet(f"{module}.{container}", members, "container"), path,
                                 ModuleModel(tree).is_enum_like(statement))
            elif tree is not None:
                found = (ConstantSet(module, _int_assignments(tree.body), "member"), path, False)
        self._sets[spec] = found
        return found

    def replacement(self, path: str | None, library_name: str, value: int) -> Replacement | None:
        """The user's constant for ``value`` sent through ``library_name`` in the file
        ``path``, if there is one."""
        spec = self.config.fallback_constants.get(library_name)
        if not spec or type(value) is not int:
            return None
        constant_set, constants_path, is_enum = self._load(spec)
        if constant_set is None:
            return None
        if path and constants_path and os.path.realpath(path) == os.path.realpath(constants_path):
            return None  # the constants module itself
        library = BY_NAME.get(library_name)
        if is_enum and library is not None and library.requires_plain_int:
            return None  # the library refuses IntEnum members at run time
        member = constant_set.member_for(value)
        return Replacement(value, constant_set, member) if member else None
