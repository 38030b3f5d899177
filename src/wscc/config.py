"""``[tool.wscc]`` in ``pyproject.toml``: the settings shared by ``wscc`` and ``wscc-fix``.

The flake8 plugin takes the same settings through flake8's own options.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

from wscc.rules import BY_CODE
from wscc.settings import Settings

class ConfigError(Exception):
    """A bad key or value; the message is one line that names it."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    receiver_names: tuple[str, ...] = ()
    allowed_codes: tuple[int, ...] = ()
    exclude: tuple[str, ...] = ()
    #: glob pattern -> rule code prefixes ignored in matching files
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: library name -> "package.module:Container" or "package.module" of the user's own constants
    fallback_constants: dict[str, str] = field(default_factory=dict)
    #: The folder holding the pyproject.toml the settings came from (paths are relative to it).
    root: Path | None = None
    source: str = "defaults"

    def enabled(self, code: str) -> bool:
        """flake8's semantics: the longest matching prefix decides; an explicit selection
        enables an opt-in rule, an explicit ignore beats a shorter selection."""
        chosen = self.select + self.extend_select
        selected = max((len(p) for p in chosen if code.startswith(p)), default=-1)
        ignored = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        if self.select and selected < 0 and not self.extend_select:
            return False
        if selected >= 0:
            return selected >= ignored
        if ignored >= 0:
            return False
        return BY_CODE[code].default_enabled if code in BY_CODE else False

    def settings_for(self, path: str | None = None) -> Settings:
        ignored = self.ignored_for(path)
        return Settings(
            receiver_names=frozenset(self.receiver_names),
            allowed_codes=frozenset(self.allowed_codes),
            enabled=(lambda code: self.enabled(code) and not code.startswith(ignored)) if ignored
            else self.enabled,
        )

    def ignored_for(self, path: str | None) -> tuple[str, ...]:
        if not path or not self.per_file_ignores:
            return ()
        relative = self._relative(path)
        return tuple(
            code
            for pattern, codes in self.per_file_ignores.items()
            if _glob_match(relative, pattern)
            for code in codes
        )

    def is_excluded(self, path: str) -> bool:
        if not self.exclude:
            return False  # called for every file and folder: skip the path arithmetic
        relative = self._relative(path)
        return any(_glob_match(relative, pattern) for pattern in self.exclude)

    def _relative(self, path: str) -> str:
        absolute = os.path.abspath(path)
        if self.root is not None:
            try:
                return Path(absolute).relative_to(self.root).as_posix()
            except ValueError:
                pass
        return Path(path).as_posix()

    def with_options(self, **overrides: Any) -> "Config":
        """Command-line options on top of the file's settings (``None`` = not given)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def _glob_match(relative: str, pattern: str) -> bool:
    """A pattern matches the path, or any of its parent folders, or its file name."""
    pattern = pattern.rstrip("/")
    if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(Path(relative).name, pattern):
        return True
    parts = relative.split("/")
    return any(fnmatch.fnmatch("/".join(parts[:i]), pattern) for i in range(1, len(parts)))


def _string_list(key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"[tool.wscc] {key}: expected a list of strings, got {value!r}")
    return tuple(value)


def check_codes(key: str, codes: Iterable[str]) -> tuple[str, ...]:
    """Rule codes or prefixes of them (``WSC``, ``WSC1``, ``WSC101``)."""
    codes = tuple(code.strip().upper() for code in codes if code.strip())
    for code in codes:
        if not any(rule.startswith(code) for rule in BY_CODE):
            raise ConfigError(f"{key}: unknown rule code {code!r} (codes are {', '.join(sorted(BY_CODE))})")
    return codes


def _codes(key: str, value: Any) -> tuple[str, ...]:
    return check_codes(f"[tool.wscc] {key}", _string_list(key, value))


def _ints(key: str, value: Any) -> tuple[int, ...]:
    if not isinstance(value, list) or not all(type(v) is int for v in value):
        raise ConfigError(f"[tool.wscc] {key}: expected a list of integers, got {value!r}")
    return tuple(value)


def _per_file_ignores(key: str, value: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise ConfigError(f"[tool.wscc] {key}: expected a table of glob = [codes], got {value!r}")
    return {pattern: _codes(f"{key}.{pattern!r}", codes) for pattern, codes in value.items()}


def _fallback_constants(key: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ConfigError(f"[tool.wscc] {key}: expected a table of library = \"module:Container\", got {value!r}")
    from wscc.libraries import BY_NAME  # only for a configuration that names libraries

    for library in value:
        if library not in BY_NAME:
            raise ConfigError(f"[tool.wscc] {key}: unknown library {library!r} (known: {', '.join(sorted(BY_NAME))})")
    return dict(value)


_KEYS = {
    "select": ("select", _codes),
    "ignore": ("ignore", _codes),
    "extend-select": ("extend_select", _codes),
    "receiver-names": ("receiver_names", _string_list),
    "allowed-codes": ("allowed_codes", _ints),
    "exclude": ("exclude", _string_list),
    "per-file-ignores": ("per_file_ignores", _per_file_ignores),
    "fallback-constants": ("fallback_constants", _fallback_constants),
}
KNOWN_KEYS = tuple(_KEYS)


def parse(table: Any, root: Path | None = None, source: str = "pyproject.toml") -> Config:
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: [tool.wscc] must be a table")
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _KEYS:
            raise ConfigError(f"{source}: [tool.wscc] unknown key {key!r} (known: {', '.join(KNOWN_KEYS)})")
        attribute, convert = _KEYS[key]
        try:
            values[attribute] = convert(key, value)
        except ConfigError as error:
            raise ConfigError(f"{source}: {error}") from None
    return Config(root=root, source=source, **values)


def find_pyproject(paths: Iterable[str]) -> Path | None:
    """The nearest ``pyproject.toml`` above the common folder of ``paths`` (as black does)."""
    absolute = [os.path.abspath(p) for p in paths if p != "-"] or [os.getcwd()]
    try:
        start = Path(os.path.commonpath(absolute))
    except ValueError:
        start = Path(os.getcwd())
    if start.is_file() or not start.exists():
        start = start.parent
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
        if (folder / ".git").exists():
            break
    return None


def load(paths: Iterable[str], config_file: str | None = None) -> Config:
    """Settings for a run over ``paths``; raises ``ConfigError`` with a one-line message."""
    pyproject = Path(config_file) if config_file else find_pyproject(paths)
    if pyproject is None:
        return Config()
    try:
        with open(pyproject, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        raise ConfigError(f"{pyproject}: cannot read: {error.strerror or error}") from None
    if b"wscc" not in raw:
        # Nothing of ours in it (most projects): skip importing and running a TOML parser.
        return Config(root=pyproject.parent.resolve())
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ConfigError(f"{pyproject}: invalid TOML: not UTF-8 ({error.reason} at byte {error.start})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{pyproject}: invalid TOML: {error}") from None
    table = data.get("tool", {}).get("wscc")
    if table is None:
        return Config(root=pyproject.parent.resolve())
    return parse(table, root=pyproject.parent.resolve(), source=str(pyproject))
