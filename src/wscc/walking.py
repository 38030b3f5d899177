"""The walk of a run's paths, shared by ``wscc`` and ``wscc-fix``: the files to check, and
the run's folder listings (which the project layout reuses).

A run on one folder of a project remembers what its walk found (``TreeSnapshot`` in the
project's ``.wscc_cache``): while no folder it listed has changed, the next run takes the
same files with a ``stat`` per folder instead of listing them.
"""

from __future__ import annotations

import os
from typing import Iterator, Sequence

from wscc.files import Listings, PathProblem, iter_python_files


class Walk:
    """``for item in Walk(paths, config)``: each file (as spelled under the given paths),
    ``"-"`` for stdin, or a ``PathProblem``; then ``finished(problems)`` to remember it.
    ``listings`` are the run's folder listings, for ``projects_for``."""

    def __init__(self, paths: Sequence[str], config) -> None:
        self.paths = list(paths)
        self.config = config
        self.snapshot, self.top = _tree_snapshot(self.paths, config)
        # With a snapshot to write, each listed folder's modification time is kept.
        self.listings = Listings(stamp_folders=self.snapshot is not None)
        # No folder changed since the last walk: the same files, and no folder listed.
        self.remembered = (self.snapshot.restore(self.top, self.listings, config.is_excluded)
                           if self.snapshot is not None else None)

    def __iter__(self) -> Iterator[str | PathProblem]:
        config = self.config
        if self.remembered is None:
            return iter_python_files(self.paths, config.is_excluded, config.is_excluded_explicit, self.listings)
        spelled = self.paths[0] if self.paths[0].endswith(os.sep) else self.paths[0] + os.sep
        start = len(self.top) + 1
        return (spelled + file[start:] for file in self.remembered)

    def indexed(self, files: list[str], jobs: int = 1) -> tuple[object | None, list[str]]:
        """(the projects the walked ``files`` belong to, indexed: ``projects_for``; the
        files a checking pass still has to look at: an index build settles those that
        neither send nor call anything, also when nothing offers anything)."""
        if not files:
            return None, files
        projects = projects_for(files, self.config, self.listings, jobs)
        if self.config.follow_imports:
            from wscc.project.build import still_to_check

            files = still_to_check(files)
        return projects, files

    def finished(self, problems: bool) -> None:
        """Remember a walk that was made, and met no problem."""
        if self.snapshot is not None and self.remembered is None and not problems:
            self.snapshot.record_walk(self.top, self.listings, self.config.is_excluded)


def projects_for(paths: Sequence[str], config, listings: Listings | None = None, jobs: int = 1):
    """``wscc.project.build.projects_for``, imported only for a run with files to check."""
    from wscc.project.build import projects_for as build_projects_for

    return build_projects_for(paths, config, listings, jobs)


def _tree_snapshot(paths: list[str], config):
    """(the remembered walks of the project, the folder's absolute path) for a run on one
    folder of a project, with the cache and the index on; ``(None, "")`` otherwise."""
    if len(paths) != 1 or not config.cache or not config.follow_imports or paths[0] == "-" \
            or not os.path.isdir(paths[0]) or config.is_excluded_explicit(paths[0]):
        return None, ""
    from wscc import __version__
    from wscc.project.cache import SummaryCache, TreeSnapshot
    from wscc.project.layout import ROOT_MARKERS, find_root

    top = os.path.abspath(paths[0])
    root = find_root([top], config.project_root)
    if config.project_root is None and not any((root / marker).exists() for marker in ROOT_MARKERS):
        return None, ""  # not a project: no cache folder, as for the index
    from wscc.files import SKIPPED_FOLDERS

    # What a walk finds depends on the exclusions and on the folders every walk skips.
    version = f"wscc {__version__} tree 1; {config.exclusion_key()}; {sorted(SKIPPED_FOLDERS)}"
    return TreeSnapshot(SummaryCache(root, version), version), top
