"""The settings shared by every front end: ``[tool.wscc]`` in ``pyproject.toml``.

``wscc``, ``wscc-fix`` and the flake8 plugin all read ``[tool.wscc]`` from the nearest
``pyproject.toml`` above the paths they are given.  One rule decides between it and
flake8's options: a ``wscc-receiver-names`` / ``wscc-allowed-codes`` value given to flake8
(its command line or the ``[flake8]`` section of ``setup.cfg``, ``tox.ini`` or ``.flake8``,
found as flake8 finds it) replaces the ``[tool.wscc]`` value; ``wscc`` and ``wscc-fix``
read that ``[flake8]`` section too, so all three see the same settings.  Which codes
flake8 reports stays flake8's business (its ``--select``, ``--ignore``,
``--per-file-ignores``, ``--exclude``); ``[tool.wscc]``'s own ``select``/``ignore``/
``per-file-ignores``/``exclude`` apply to ``wscc`` and ``wscc-fix``.
"""

from __future__ import annotations

import fnmatch
import os
import re
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
    #: Codes ignored on top of ``ignore`` (``--ignore`` replaces ``ignore`` only), as in flake8.
    extend_ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    receiver_names: tuple[str, ...] = ()
    allowed_codes: tuple[int, ...] = ()
    exclude: tuple[str, ...] = ()
    #: Patterns excluded on top of ``exclude`` (``--exclude`` replaces ``exclude`` only).
    extend_exclude: tuple[str, ...] = ()
    #: Exclude files named explicitly too (pre-commit passes every staged file by name).
    force_exclude: bool = False
    #: glob pattern -> rule code prefixes ignored in matching files
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: library name -> "package.module:Container" or "package.module" of the user's own constants
    fallback_constants: dict[str, str] = field(default_factory=dict)
    #: library name -> the lowest version the project allows; replaces the floors read
    #: from the project's requirements (``wscc.floors``)
    library_versions: dict[str, str] = field(default_factory=dict)
    #: Follow close codes across the project's modules (``follow-imports``).
    follow_imports: bool = True
    #: Keep the project's module summaries in ``<project root>/.wscc_cache/`` (``cache``;
    #: ``--no-cache`` turns it off for one run).
    cache: bool = True
    #: The project's root folder for following across modules (``project-root``, relative
    #: to ``root``); found from the paths when not set.
    project_root: str | None = None
    #: The folder holding the pyproject.toml the settings came from (paths are relative to it).
    root: Path | None = None
    source: str = "defaults"

    def enabled(self, code: str) -> bool:
        """flake8's semantics: the longest matching prefix decides; an explicit selection
        enables an opt-in rule, an explicit ignore beats a shorter selection."""
        chosen = self.select + self.extend_select
        selected = max((len(p) for p in chosen if code.startswith(p)), default=-1)
        ignored = max((len(p) for p in self.ignore + self.extend_ignore if code.startswith(p)), default=-1)
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
            fallback=self._fallback_for(path),
            path=path,
            floors=self.floors(),
        )

    def floors(self) -> dict[str, str]:
        """Library name -> the lowest version the project allows: its declared floors
        (read once per root folder), ``library-versions`` on top."""
        from wscc.floors import project_floors

        return {**project_floors(self.root or Path(os.getcwd())), **self.library_versions}

    def _fallback_for(self, path: str | None):
        """The user's constants lookup for one file (read once per run), if configured."""
        if not self.fallback_constants:
            return None
        from wscc.fallback import for_config  # only runs that configure it pay for it

        return for_config(self).for_path(path)

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
        if not self.exclude and not self.extend_exclude:
            return False  # called for every file and folder: skip the path arithmetic
        relative = self._relative(path)
        return any(_glob_match(relative, pattern) for pattern in (*self.exclude, *self.extend_exclude))

    def exclusion_key(self) -> str:
        """What ``is_excluded`` depends on, as text (a remembered walk is valid only for it)."""
        return repr((self.exclude, self.extend_exclude, str(self.root)))

    def is_excluded_explicit(self, path: str) -> bool:
        """For a path named on the command line: excluded only with ``force-exclude``."""
        return self.force_exclude and self.is_excluded(path)

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
            raise ConfigError(f"{key}: unknown rule code {code!r}; run wscc --list-rules to list them")
    return codes


def _codes(key: str, value: Any) -> tuple[str, ...]:
    return check_codes(f"[tool.wscc] {key}", _string_list(key, value))


def _ints(key: str, value: Any) -> tuple[int, ...]:
    if not isinstance(value, list) or not all(type(v) is int for v in value):
        raise ConfigError(f"[tool.wscc] {key}: expected a list of integers, got {value!r}")
    return tuple(value)


def _bool(key: str, value: Any) -> bool:
    if type(value) is not bool:
        raise ConfigError(f"[tool.wscc] {key}: expected true or false, got {value!r}")
    return value


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


def _library_versions(key: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) and re.fullmatch(r"\d+(\.\d+)*", v)
                                              for v in value.values()):
        raise ConfigError(f"[tool.wscc] {key}: expected a table of library = \"version\" (like \"10.3\"), got {value!r}")
    from wscc.libraries import BY_NAME

    for library in value:
        if library not in BY_NAME:
            raise ConfigError(f"[tool.wscc] {key}: unknown library {library!r} (known: {', '.join(sorted(BY_NAME))})")
    return dict(value)


def _project_root(key: str, value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{key}: expected a folder (a string), got {value!r}")
    return value


_KEYS = {
    "select": ("select", _codes),
    "ignore": ("ignore", _codes),
    "extend-ignore": ("extend_ignore", _codes),
    "extend-select": ("extend_select", _codes),
    "receiver-names": ("receiver_names", _string_list),
    "allowed-codes": ("allowed_codes", _ints),
    "exclude": ("exclude", _string_list),
    "extend-exclude": ("extend_exclude", _string_list),
    "force-exclude": ("force_exclude", _bool),
    "per-file-ignores": ("per_file_ignores", _per_file_ignores),
    "fallback-constants": ("fallback_constants", _fallback_constants),
    "library-versions": ("library_versions", _library_versions),
    "follow-imports": ("follow_imports", _bool),
    "cache": ("cache", _bool),
    "project-root": ("project_root", _project_root),
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
    if "project_root" in values and root is not None:
        values["project_root"] = str((root / values["project_root"]).resolve())
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


def load(paths: Iterable[str], config_file: str | None = None, flake8_section: bool = True) -> Config:
    """Settings for a run over ``paths``; raises ``ConfigError`` with a one-line message.

    With ``flake8_section``, the ``wscc-*`` keys of flake8's configuration replace the
    ``[tool.wscc]`` values (the flake8 plugin gets those from flake8 itself)."""
    config = _load_pyproject(paths, config_file)
    if flake8_section:
        overrides = flake8_options(os.getcwd())
        if overrides:
            config = replace(config, **overrides)
    return config


#: The wscc options flake8 takes, and the Config field each sets.
FLAKE8_OPTIONS = {"wscc-receiver-names": "receiver_names", "wscc-allowed-codes": "allowed_codes"}


def flake8_list(value: str) -> list[str]:
    """flake8's comma-separated list: split on commas and white space."""
    return [item for item in re.split(r"[,\s]", value) if item]


def flake8_ints(option: str, values: Iterable[str], source: str = "flake8") -> tuple[int, ...]:
    values = list(values)
    try:
        return tuple(int(value) for value in values)
    except ValueError:
        raise ConfigError(f"{source}: {option}: expected integers, got {', '.join(values)!r}") from None


def find_flake8_config(start: str) -> Path | None:
    """The file flake8 would read: the first ``setup.cfg``, ``tox.ini`` or ``.flake8``
    with a ``[flake8]`` section, from ``start`` upwards (below the home folder)."""
    home = os.path.expanduser("~")
    path = os.path.abspath(start)
    while True:
        for name in ("setup.cfg", "tox.ini", ".flake8"):
            candidate = os.path.join(path, name)
            try:
                with open(candidate, "rb") as handle:
                    raw = handle.read()
            except OSError:
                continue
            if _FLAKE8_SECTION.search(raw):
                return Path(candidate)
        parent = os.path.dirname(path)
        if parent == path or parent == home:
            return None
        path = parent


_FLAKE8_SECTION = re.compile(rb"^\s*\[flake8(?::local-plugins)?\]", re.MULTILINE)


def flake8_options(start: str) -> dict[str, Any]:
    """The ``wscc-*`` values of the ``[flake8]`` section flake8 would read, as Config fields."""
    found = find_flake8_config(start)
    if found is None:
        return {}
    try:
        raw = found.read_bytes()
    except OSError:
        return {}
    if b"wscc" not in raw:
        return {}  # the common case: no configparser needed
    import configparser

    parser = configparser.RawConfigParser()
    try:
        parser.read_string(raw.decode("utf-8"), source=str(found))
    except (UnicodeDecodeError, configparser.Error):
        return {}  # flake8 ignores such a file too
    if not parser.has_section("flake8"):
        return {}
    values: dict[str, Any] = {}
    for option, attribute in FLAKE8_OPTIONS.items():
        for spelling in (option, option.replace("-", "_")):
            if parser.has_option("flake8", spelling):
                items = flake8_list(parser.get("flake8", spelling))
                values[attribute] = (flake8_ints(option, items, f"{found}: [flake8]")
                                     if attribute == "allowed_codes" else tuple(items))
    return values


def _load_pyproject(paths: Iterable[str], config_file: str | None = None) -> Config:
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


# -- The command-line options ``wscc`` and ``wscc-fix`` share ------------------------------

def add_options(parser: Any, prog: str) -> None:
    """Selection, exclusion, stdin and configuration options (argparse)."""
    from wscc.rules import DEFAULT_DISABLED

    parser.add_argument("--select", metavar="CODES", help="only these rule codes or prefixes (comma-separated)")
    parser.add_argument("--ignore", metavar="CODES", help="skip these rule codes or prefixes")
    parser.add_argument("--extend-ignore", metavar="CODES", help="skip these on top of --ignore and [tool.wscc] ignore")
    parser.add_argument("--extend-select", metavar="CODES",
                        help="add these to the selection (e.g. the opt-in " + ",".join(DEFAULT_DISABLED) + ")")
    parser.add_argument("--exclude", metavar="PATTERNS",
                        help="glob patterns of files and folders to skip (comma-separated; replaces [tool.wscc] exclude)")
    parser.add_argument("--extend-exclude", metavar="PATTERNS", help="patterns to skip on top of --exclude")
    parser.add_argument("--force-exclude", action="store_true", default=None,
                        help="exclude files named on the command line too (for pre-commit)")
    parser.add_argument("--stdin-filename", metavar="PATH",
                        help="the name of the code read from stdin (reads stdin when no path is given; default name: stdin)")
    parser.add_argument("--config", metavar="PYPROJECT", help="read [tool.wscc] from this file instead of searching")
    parser.add_argument("--no-cache", action="store_true",
                        help="neither read nor write the project's summaries in .wscc_cache/")


#: What a run reading stdin calls it without ``--stdin-filename`` (as flake8 does).
STDIN_NAME = "stdin"


def command_line_paths(args: Any) -> list[str]:
    """The paths of a run: ``-`` when only ``--stdin-filename`` is given, else ``.``."""
    if args.paths:
        return list(args.paths)
    return ["-"] if args.stdin_filename else ["."]


def _patterns(value: str | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(item.strip() for item in value.split(",") if item.strip())


def from_command_line(args: Any, paths: list[str]) -> Config:
    """``[tool.wscc]`` (found from the paths, or from ``--stdin-filename`` for stdin) with
    the command-line options on top; ``ConfigError`` names a bad option or key."""
    search = [args.stdin_filename if path == "-" and args.stdin_filename else path for path in paths]
    overrides: dict[str, Any] = {
        name: check_codes(f"--{name.replace('_', '-')}", value.split(",")) if value is not None else None
        for name in ("select", "ignore", "extend_select")
        for value in [getattr(args, name)]
    }
    overrides["exclude"] = _patterns(args.exclude)
    extend = _patterns(args.extend_exclude)
    extend_ignore = check_codes("--extend-ignore", args.extend_ignore.split(",")) if args.extend_ignore else ()
    config = load(search, args.config).with_options(**overrides, force_exclude=args.force_exclude,
                                                    cache=False if args.no_cache else None)
    config = replace(config, extend_ignore=config.extend_ignore + tuple(extend_ignore))
    return replace(config, extend_exclude=config.extend_exclude + extend) if extend else config
