"""The flake8 front end: ``WSC`` checks over the tree flake8 already parsed.

Settings: ``[tool.wscc]`` of the nearest ``pyproject.toml`` above the paths flake8 is
given (as ``wscc`` finds it); ``--wscc-receiver-names`` / ``--wscc-allowed-codes``, when
given to flake8 (command line or its configuration), replace the ``[tool.wscc]`` value.
Which codes are reported is flake8's own ``--select``/``--ignore``/``--per-file-ignores``.
"""

from __future__ import annotations

import ast
import os
import sys
from typing import Any, Iterator

from wscc import __version__
from wscc.gate import might_send
from wscc.settings import Settings
from wscc.rules import BY_CODE, DEFAULT_DISABLED, default_enabled


def _fail(message: str) -> None:
    """A bad setting stops flake8 with one line and exit 2, as it stops ``wscc``."""
    print(f"wscc: {message}", file=sys.stderr)
    raise SystemExit(2)


def _settings(options: Any) -> Settings:
    from wscc.config import ConfigError, flake8_ints, load

    paths = [path for path in (getattr(options, "filenames", None) or ["."]) if isinstance(path, str)]
    try:
        config = load(paths, flake8_section=False)  # flake8 has read its own section
        receiver_names = config.receiver_names
        allowed_codes = config.allowed_codes
        floors = config.floors()  # messages name constants the project's floor has, as ``wscc`` does
        if options.wscc_receiver_names is not None:
            receiver_names = tuple(options.wscc_receiver_names)
        if options.wscc_allowed_codes is not None:
            allowed_codes = flake8_ints("--wscc-allowed-codes", options.wscc_allowed_codes)
    except ConfigError as error:
        _fail(str(error))
    return Settings(
        receiver_names=frozenset(receiver_names),
        allowed_codes=frozenset(allowed_codes),
        enabled=_enabled_from(options),
        floors=floors,
    )


def _project_options(options: Any) -> tuple[bool, str | None, bool]:
    from wscc.config import ConfigError, load

    paths = [path for path in (getattr(options, "filenames", None) or ["."]) if isinstance(path, str)]
    try:
        config = load(paths, flake8_section=False)
    except ConfigError as error:
        _fail(str(error))
    return config.follow_imports, config.project_root, config.cache


def _enabled_from(options: Any):
    """Ask flake8's own decision engine which WSC rules are on, so that the most
    severe *enabled* rule is the one reported for each argument."""
    try:
        from flake8.style_guide import Decision, DecisionEngine

        engine = DecisionEngine(options)
        decisions = {code: engine.decision_for(code) == Decision.Selected for code in BY_CODE}
        return decisions.__getitem__
    except Exception:  # an options object from a flake8 we do not know: use the defaults
        return default_enabled


#: ``Plugin.by_folder``'s "not looked up yet" (``None`` is an answer: no project).
_UNKNOWN = object()


class Plugin:
    name = "wscc"
    version = __version__
    settings = Settings()

    #: The indexed project of each root, built once per flake8 process.
    projects: dict = {}
    #: The project root of each folder, found once per folder (flake8 hands over one file
    #: at a time): a ``wscc.project.build.Roots``, made on the first file.
    roots = None
    #: The project of each folder of the files handed over so far (valid with ``roots``).
    by_folder: dict = {}
    follow_imports = True
    project_root: str | None = None
    cache = True

    def __init__(self, tree: ast.Module, lines: list[str], filename: str = "-") -> None:
        self.tree = tree
        self.lines = lines
        self.filename = filename

    @classmethod
    def add_options(cls, manager: Any) -> None:
        manager.add_option(
            "--wscc-receiver-names",
            default=None,
            parse_from_config=True,
            comma_separated_list=True,
            help="Extra names of variables, parameters or attributes that hold a WebSocket "
            "(replaces [tool.wscc] receiver-names).",
        )
        manager.add_option(
            "--wscc-allowed-codes",
            default=None,
            parse_from_config=True,
            comma_separated_list=True,
            help="Close codes that may be written as literals, no WSC2xx finding "
            "(replaces [tool.wscc] allowed-codes).",
        )
        manager.extend_default_ignore(list(DEFAULT_DISABLED))

    @classmethod
    def parse_options(cls, options: Any) -> None:
        cls.settings = _settings(options)
        cls.follow_imports, cls.project_root, cls.cache = _project_options(options)
        cls.roots = None  # the configured root, and the files, may have changed

    def _project(self):
        """The project this file belongs to, indexed once per process and root (as
        ``wscc`` indexes it), or ``None``."""
        if not self.follow_imports or self.filename in ("-", "stdin"):
            return None
        cls = type(self)
        folder = os.path.dirname(self.filename)
        if cls.roots is not None:
            known = cls.by_folder.get(folder, _UNKNOWN)
            if known is not _UNKNOWN:
                return known  # one look-up per folder, not per file
        from wscc.project.build import Project, Roots
        from wscc.project.layout import find_root

        if cls.roots is None:
            from wscc.files import Listings

            # One look-up per folder (not per file), markers from its listings; with the
            # cache, each listed folder's time too, for the snapshot of the index's walk.
            cls.roots = Roots(Listings(stamp_folders=bool(self.cache)))
            cls.by_folder = {}
        root = find_root([self.filename], self.project_root) if self.project_root else cls.roots.of(self.filename)
        if root not in self.projects:
            settings = self.settings
            project = Project.for_paths([self.filename], lambda _path: settings, root=self.project_root,
                                        cache=self.cache, only_if_used=False, read_ahead=False,
                                        listings=cls.roots.listings)
            cls.projects[root] = project
        cls.by_folder[folder] = self.projects[root]
        return self.projects[root]

    def run(self) -> Iterator[tuple[int, int, str, type]]:
        # Most files cannot contain a send: reject them on their text before walking.
        text = "".join(self.lines)
        gated = might_send(text)
        project = self._project()
        if not gated and not (project is not None and project.might_call(text, self.filename)):
            return
        from wscc.detector import detect  # loaded on the first file that could send

        for finding in detect(self.tree, self.settings, text, project=project, path=self.filename):
            yield finding.line, finding.col, finding.text, type(self)
