"""The lowest version of each library a project allows: its declared floors.

``wscc-fix`` writes no constant newer than the floor (``wscc.spelling``).  Read, never
executed, from the project's root folder:

* ``pyproject.toml``: ``[project] dependencies`` and ``optional-dependencies``, Poetry's
  ``[tool.poetry.dependencies]``, ``dev-dependencies`` and ``group.*.dependencies``, PDM's
  ``[tool.pdm.dev-dependencies]``;
* ``setup.cfg``: ``[options] install_requires`` and ``[options.extras_require]``;
* ``setup.py``: a literal ``install_requires=[...]`` / ``extras_require={...}`` passed to
  ``setup()`` (or a module-level name bound once to such a literal);
* ``requirements*.txt`` and ``constraints*.txt`` in the root folder.

A requirement's floor is its highest lower bound (``>=``, ``>``, ``~=``, ``==``, Poetry's
``^`` and ``~``); a library declared several times gets the lowest of those floors (the
oldest release some declaration lets in).  A requirement without a lower bound declares
no floor.  ``[tool.wscc] library-versions`` (``wscc.config``) replaces what is found here.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Iterable, Iterator

_NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)")
_CLAUSE = re.compile(r"(~=|===|==|>=|<=|!=|>|<|\^|~)?\s*v?([0-9][0-9A-Za-z.*+!-]*)")


def normalize(name: str) -> str:
    """PEP 503: ``Websocket_Client`` and ``websocket-client`` are one distribution."""
    return re.sub(r"[-_.]+", "-", name).lower()


#: The phase of a release after its numbers, in PEP 440's order.
_PHASES = (("dev", 0), ("alpha", 1), ("a", 1), ("beta", 2), ("b", 2), ("rc", 3), ("c", 3), ("pre", 3),
           ("preview", 3), ("post", 5), ("rev", 5), ("r", 5), ("-", 5))
_FINAL = 4


def version_key(version: str) -> tuple[int, ...]:
    """A version's order: its release numbers (``12.0`` as ``12``: trailing zeros do not
    count), then its phase: a development or pre-release (``2.0.dev3``, ``0.1.3a0``,
    ``1.0rc1``) before the final release, a post-release after it.  (A floor of
    ``0.1.3a0`` must not be taken for 0.1.3: lomond 0.1.3a0 lacks a name 0.1.3 has.)"""
    numbers = []
    phase = _FINAL
    for part in version.lower().split("."):
        digits = re.match(r"\d+", part)
        rest = part if digits is None else part[digits.end():]
        if digits is not None:
            numbers.append(int(digits.group()))
        if rest:
            rest = rest.lstrip("_")
            phase = next((value for prefix, value in _PHASES if rest.startswith(prefix)), _FINAL)
            break
    while numbers and numbers[-1] == 0:
        numbers.pop()
    return (*numbers, *(0,) * (12 - len(numbers)), phase)


def lower_bound(specifier: str) -> str | None:
    """The lowest version a specifier (``>=10.3,<13``, ``^1.2``, ``==2.*``) lets in."""
    floors = []
    for clause in specifier.split(","):
        clause = clause.strip()
        match = _CLAUSE.fullmatch(clause)
        if not match:
            continue
        operator, version = match.group(1) or "==", match.group(2).rstrip(".*").rstrip("*")
        if operator in (">=", ">", "~=", "==", "===", "^", "~") and version:
            floors.append(version)
    return max(floors, key=version_key) if floors else None


def parse_requirement(line: str) -> tuple[str, str | None] | None:
    """(normalised name, floor or ``None``) of a PEP 508 line; ``None`` for anything else
    (options, URLs, includes, comments)."""
    line = line.split("#", 1)[0].split(";", 1)[0].strip()
    if not line or line.startswith(("-", ".", "/")) or "://" in line or " @ " in line:
        return None
    match = _NAME.fullmatch(line)
    if match is None:
        return None
    rest = match.group(3).strip().strip("()")
    return normalize(match.group(1)), lower_bound(rest) if rest else None


def _poetry(table: dict) -> Iterator[tuple[str, str | None]]:
    for name, value in table.items():
        if normalize(name) == "python":
            continue
        if isinstance(value, dict):
            value = value.get("version")
        elif isinstance(value, list):  # multiple constraints: the lowest floor
            floors = [lower_bound(v.get("version", "")) for v in value if isinstance(v, dict)]
            known = [f for f in floors if f]
            value = min(known, key=version_key) if len(known) == len(floors) and known else None
            yield normalize(name), value
            continue
        yield normalize(name), lower_bound(value) if isinstance(value, str) and value.strip() != "*" else None


def _strings(value) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _pyproject(path: Path) -> Iterator[tuple[str, str | None]]:
    try:  # Python 3.11+
        import tomllib
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]

    data = tomllib.loads(path.read_text(encoding="utf-8"))  # TOMLDecodeError is a ValueError
    project = data.get("project", {})
    lines = _strings(project.get("dependencies"))
    for extra in (project.get("optional-dependencies") or {}).values():
        lines += _strings(extra)
    tool = data.get("tool", {})
    for group in ((tool.get("pdm") or {}).get("dev-dependencies") or {}).values():
        lines += _strings(group)
    for line in lines:
        parsed = parse_requirement(line)
        if parsed:
            yield parsed
    poetry = tool.get("poetry") or {}
    for key in ("dependencies", "dev-dependencies"):
        yield from _poetry(poetry.get(key) or {})
    for group in (poetry.get("group") or {}).values():
        yield from _poetry((group or {}).get("dependencies") or {})


def _setup_cfg(path: Path) -> Iterator[tuple[str, str | None]]:
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except configparser.Error:
        return  # a file that cannot be read declares nothing
    texts = []
    if parser.has_option("options", "install_requires"):
        texts.append(parser.get("options", "install_requires"))
    if parser.has_section("options.extras_require"):
        texts += [value for _key, value in parser.items("options.extras_require")]
    for text in texts:
        for line in text.splitlines():
            parsed = parse_requirement(line)
            if parsed:
                yield parsed


def _literal_strings(node: ast.AST, names: dict[str, ast.AST]) -> list[str]:
    if isinstance(node, ast.Name) and node.id in names:
        node = names[node.id]
    if isinstance(node, (ast.List, ast.Tuple)):
        return [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    if isinstance(node, ast.Dict):
        return [s for value in node.values for s in _literal_strings(value, names)]
    return []


def _setup_py(path: Path) -> Iterator[tuple[str, str | None]]:
    tree = ast.parse(path.read_bytes())
    assigned: dict[str, list[ast.AST]] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    assigned.setdefault(target.id, []).append(statement.value)
    names = {name: values[0] for name, values in assigned.items() if len(values) == 1}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "setup":
            for keyword in node.keywords:
                if keyword.arg in ("install_requires", "extras_require"):
                    for line in _literal_strings(keyword.value, names):
                        parsed = parse_requirement(line)
                        if parsed:
                            yield parsed


def _requirement_files(root: Path) -> Iterator[tuple[str, str | None]]:
    for path in sorted([*root.glob("requirements*.txt"), *root.glob("constraints*.txt")]):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            parsed = parse_requirement(line)
            if parsed:
                yield parsed


def declared(root: Path, wanted: set[str] | None = None) -> Iterator[tuple[str, str | None, str]]:
    """(normalised name, floor or ``None``, file) for every declared requirement (of
    ``wanted`` normalised names, at least: a file that names none of them is not parsed)."""
    readers = (("pyproject.toml", _pyproject), ("setup.cfg", _setup_cfg), ("setup.py", _setup_py))
    for name, reader in readers:
        path = root / name
        if path.is_file():
            try:
                if wanted is not None and not _names_any(path, wanted):
                    continue  # most projects: no TOML or INI parser to import and run
                for found in reader(path):
                    yield (*found, name)
            except (OSError, ValueError, SyntaxError):
                continue  # a file that cannot be read declares nothing
    try:
        for found in _requirement_files(root):
            yield (*found, "requirements")
    except OSError:
        pass


def _names_any(path: Path, wanted: set[str]) -> bool:
    """Does the file spell one of the ``wanted`` names, in any of PEP 503's spellings?"""
    text = normalize(path.read_bytes().decode("utf-8", "replace"))
    return any(name in text for name in wanted)


def floors(root: Path, libraries: Iterable[str] | None = None) -> dict[str, str]:
    """Distribution name -> the lowest version the project allows, for each library
    declared with a lower bound everywhere it is declared (``libraries``: only these)."""
    wanted = {normalize(name) for name in libraries} if libraries is not None else None
    found: dict[str, list[str | None]] = {}
    for name, floor, _file in declared(root, wanted):
        if wanted is None or name in wanted:
            found.setdefault(name, []).append(floor)
    return {name: min(values, key=version_key) for name, values in found.items()
            if values and all(values)}  # type: ignore[arg-type]


#: Root folder -> its floors: read once per run (and per pool worker).
_READ: dict[Path, dict[str, str]] = {}


def project_floors(root: Path) -> dict[str, str]:
    """``floors(root)`` for the libraries wscc knows, by their ``Library.name``; cached."""
    if root not in _READ:
        from wscc.libraries import LIBRARIES

        names = {normalize(library.name): library.name for library in LIBRARIES}
        _READ[root] = {names[name]: floor for name, floor in floors(root, names).items()}
    return _READ[root]


def required_version(constant_set, member: str) -> str | None:
    """The first release with both the container and ``member`` (``None``: not recorded)."""
    known = [v for v in (constant_set.since, constant_set.member_since.get(member)) if v]
    return max(known, key=version_key) if known else None


def newer_than_floor(floors: dict, constant_set, member: str, via=None) -> tuple[str, str, str] | None:
    """(library, first release with the constant, what the project allows) when the
    project allows a release older than the one that has ``constant_set.member``; else
    ``None``.  ``via``: the library the code is sent through, when its constants come from
    another one (sanic sends with websockets' ``CloseCode``): a floor declared for it
    alone says nothing of the other's releases, which may lack the constant, so that too
    is "too old" (declaring the other's floor settles it)."""
    from wscc.libraries import OWNER

    owner = OWNER.get(constant_set)
    needed = required_version(constant_set, member)
    if owner is None or needed is None:
        return None
    floor = floors.get(owner.name)
    if floor is None:
        through = floors.get(via.name) if via is not None and via.name != owner.name else None
        if through is None:
            return None
        return owner.name, needed, f"{via.name} {through}, with no {owner.name} floor of its own"
    if version_key(floor) >= version_key(needed):
        return None
    return owner.name, needed, floor
