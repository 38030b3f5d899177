"""Which names a real release of a library has, read from its published source.

Used by the ``network`` tests of the constants' version data (tests/test_fix_versions.py)
and, run as a script, to find the first release with each container and member:

    python tests/release_names.py websockets aiohttp

A release is fetched with ``pip download --no-deps`` (a wheel, else the sdist; see
``_ATTEMPTS``) and read with ``ast``, never imported or built: old releases of compiled
libraries do not build on today's Python, and their source says just as well which names
exist.

* A class container ``pkg.mod.Name`` exists when ``pkg/mod.py`` (or ``pkg/mod/__init__.py``)
  defines or imports ``Name`` at module level, or names it in a lazy-import table (a
  string ``"Name"``, as websockets' ``__init__`` does).
* A member of a class container exists when a ``class Name`` anywhere in the package
  assigns it in its body.
* A module container ``pkg.mod`` exists when its file does; its member exists when the
  file assigns it at module level, or a module it star-imports (``from ._abnf import *``,
  through any chain of them, within a literal ``__all__``) does.
* A member of a Cython ``cpdef enum Name:`` (picows) is read from the ``.pxd``/``.pyx``
  text line by line.

An sdist whose ``setup.py`` no longer runs on today's Python is fetched with the pip of an
older interpreter when one is installed (``_OLDER_PYTHONS``: that pip keeps the archive).
A release that still cannot be downloaded (no files at all, no older interpreter) is never
taken as "absent": the search reports it (``First.unfetched``) instead of a
first release, and such a fact is not recorded.
"""

from __future__ import annotations

import ast
import functools
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

_CACHE = Path(tempfile.gettempdir()) / "wscc-release-sources"


def versions(dist: str) -> list[str]:
    """Every final release of ``dist`` on PyPI, oldest first."""
    out = subprocess.run([sys.executable, "-m", "pip", "index", "versions", dist], capture_output=True, text=True,
                         timeout=300, check=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("Available versions:"))
    found = [v.strip() for v in line.partition(":")[2].split(",")]
    finals = [v for v in found if all(part.isdigit() for part in v.split("."))]
    return sorted(finals, key=lambda v: tuple(int(p) for p in v.split(".")))


#: How a release is fetched, in order: a wheel for this interpreter; a wheel for an older
#: CPython on Linux (old compiled releases have none for today's Python); the sdist
#: (whose metadata step needs a setup.py that still runs; its build requirements may come
#: as wheels, and last this interpreter's own setuptools is tried without isolation).
#: ``{dist}`` is replaced by the distribution's name.
_ATTEMPTS = (
    ("--only-binary", ":all:"),
    ("--only-binary", ":all:", "--python-version", "3.8", "--platform", "manylinux2014_x86_64",
     "--implementation", "cp", "--abi", "cp38"),
    ("--only-binary", ":all:", "--python-version", "3.6", "--platform", "manylinux1_x86_64",
     "--implementation", "cp", "--abi", "cp36m"),
    ("--no-binary", "{dist}"),
    ("--no-binary", "{dist}", "--no-build-isolation"),
)


@functools.lru_cache(maxsize=None)
def source(dist: str, version: str) -> Path:
    """The extracted files of one release (cached across runs in the temp folder)."""
    target = _CACHE / f"{dist}-{version}"
    if not (target / ".done").exists():
        download = Path(f"{target}.download")
        for attempt in _ATTEMPTS:
            shutil.rmtree(download, ignore_errors=True)
            download.mkdir(parents=True)
            options = [option.format(dist=dist) for option in attempt]
            command = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", *options,
                       "-d", str(download), f"{dist}=={version}"]
            try:
                done = subprocess.run(command, capture_output=True, timeout=600)
            except subprocess.TimeoutExpired as expired:
                done = subprocess.CompletedProcess(command, 1, expired.stdout, expired.stderr)
            if done.returncode == 0 and any(download.iterdir()):
                break
        else:
            done = _older_pip(dist, version, download) or done
            if not any(download.iterdir()):
                raise subprocess.CalledProcessError(done.returncode, done.args, done.stdout, done.stderr)
        archive = next(download.iterdir())
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        if archive.name.endswith((".zip", ".whl")):
            with zipfile.ZipFile(archive) as opened:
                opened.extractall(target)
        else:
            with tarfile.open(archive) as opened:
                opened.extractall(target)
        (target / ".done").write_text(archive.name)
    return target


#: Older interpreters whose pip keeps a downloaded sdist in the target folder even when
#: the sdist's ``setup.py egg_info`` then fails (today's pip deletes it): the published
#: archive itself, which is all this module reads.
_OLDER_PYTHONS = ("python3.6", "python2.7")


def _older_pythons() -> Iterator[str]:
    """The older interpreters that run (on PATH, or installed by pyenv)."""
    root = os.environ.get("PYENV_ROOT")
    for name in _OLDER_PYTHONS:
        candidates = [shutil.which(name), *(sorted(map(str, Path(root).glob(f"versions/*/bin/{name}"))) if root else [])]
        for python in filter(None, candidates):
            if subprocess.run([python, "-m", "pip", "--version"], capture_output=True).returncode == 0:
                yield python
                break


def _older_pip(dist: str, version: str, download: Path) -> subprocess.CompletedProcess | None:
    for python in _older_pythons():
        shutil.rmtree(download, ignore_errors=True)
        download.mkdir(parents=True)
        command = [python, "-m", "pip", "download", "--no-deps", "-q", "--no-binary", dist, "-d", str(download),
                   f"{dist}=={version}"]
        try:
            done = subprocess.run(command, capture_output=True, timeout=600)
        except subprocess.TimeoutExpired:
            continue
        prefix = re.sub(r"[-_.]+", "_", f"{dist}-{version}".lower())
        archives = [a for a in download.iterdir()
                    if re.sub(r"[-_.]+", "_", a.name.lower()).startswith(prefix) and a.name.endswith((".tar.gz", ".zip"))]
        if len(archives) == 1:
            return done
    shutil.rmtree(download, ignore_errors=True)
    download.mkdir(parents=True)
    return None


def _module_file(root: Path, module: str) -> Path | None:
    parts = module.split(".")
    candidates = [*root.rglob("/".join(parts) + ".py"), *root.rglob("/".join(parts) + "/__init__.py")]
    candidates = [c for c in candidates if not any(p.startswith("test") for p in c.relative_to(root).parts[:-1])]
    return min(candidates, key=lambda c: len(c.parts)) if candidates else None


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_bytes())


def _module_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update(alias.asname or alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names.add(node.value)  # lazy-import tables and ``__all__``
    return names


def _top_level_assigned(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for statement in tree.body:
        targets = statement.targets if isinstance(statement, ast.Assign) else \
            [statement.target] if isinstance(statement, ast.AnnAssign) else []
        names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def _module_level_names(path: Path, seen: frozenset = frozenset()) -> set[str]:
    """Names a module file assigns at top level, and those its relative star imports
    bring in, through any number of them (``from ._core import *`` whose ``_core`` does
    ``from ._abnf import *``), each limited by a literal ``__all__``."""
    tree = _tree(path)
    names = _top_level_assigned(tree)
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module \
                and any(a.name == "*" for a in node.names):
            star = path.parent / (node.module.replace(".", "/") + ".py")
            if star.exists() and star not in seen:
                exported = _module_level_names(star, seen | {path})
                public = _literal_all(_tree(star))
                names |= exported & public if public is not None else {n for n in exported if not n.startswith("_")}
    return names


def _literal_all(tree: ast.Module) -> set[str] | None:
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in statement.targets):
            if isinstance(statement.value, (ast.List, ast.Tuple)):
                return {e.value for e in statement.value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
    return None


def has_container(root: Path, container: str, is_module: bool) -> bool:
    if is_module:
        return _module_file(root, container) is not None
    module, _, name = container.rpartition(".")
    path = _module_file(root, module)
    return path is not None and name in _module_names(_tree(path))


def has_member(root: Path, container: str, is_module: bool, member: str) -> bool:
    if is_module:
        path = _module_file(root, container)
        if path is None:
            return False
        return member in _module_level_names(path)
    name = container.rpartition(".")[2]
    for path in root.rglob("*.py"):
        try:
            tree = _tree(path)
        except (SyntaxError, ValueError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name == name and member in _top_level_assigned(
                    ast.Module(body=node.body, type_ignores=[])):
                return True
    for path in [*root.rglob("*.pxd"), *root.rglob("*.pyx")]:
        if member in _cython_members(path.read_text(encoding="utf-8", errors="replace"), name):
            return True
    return False


def _cython_members(text: str, name: str) -> set[str]:
    """The members a Cython ``cpdef enum Name:`` (or ``class Name(...):``) block assigns,
    read line by line (Cython is not Python: ``ast`` cannot read it)."""
    members: set[str] = set()
    inside = False
    for line in text.splitlines():
        if re.match(rf"(cp?def\s+enum|class)\s+{re.escape(name)}\b.*:\s*$", line):
            inside = True
            continue
        if inside:
            if line.strip() and not line[0].isspace():
                inside = False
                continue
            assigned = re.match(r"\s+([A-Za-z_]\w*)\s*=", line)
            if assigned:
                members.add(assigned.group(1))
    return members


def container_is_module(constant_set) -> bool:
    return constant_set.style in ("module", "member") or constant_set.container.rpartition(".")[2].islower()


@dataclass(frozen=True)
class First:
    """What the search found: ``version`` is the first fetched release with the name;
    ``unfetched`` lists the releases between it and the last fetched release without
    the name that could not be downloaded, so any of them may be the real first one.
    Only an empty ``unfetched`` is a verified fact; ``version`` ``None``: never present."""

    version: str | None
    unfetched: tuple[str, ...] = ()

    def __str__(self) -> str:
        if not self.unfetched:
            return str(self.version)
        return f"UNVERIFIED: {self.version} or one of {', '.join(self.unfetched)} (not downloadable or not readable)"


def first_release(dist: str, present) -> First:
    """The first release for which ``present(root)`` holds (assumed to hold from then on).
    A release that cannot be downloaded is neither present nor absent: it is left out of
    the search and, when it lies at the boundary found, reported in ``First.unfetched``."""
    found = versions(dist)
    candidates = list(found)
    unfetched: set[str] = set()
    known: dict[str, bool] = {}
    low, high = 0, len(candidates)
    while low < high:
        middle = (low + high) // 2
        version = candidates[middle]
        try:
            known[version] = present(source(dist, version))
        except (subprocess.CalledProcessError, SyntaxError):  # not downloadable; Python 2 source
            unfetched.add(version)
            del candidates[middle]
            high -= 1
            continue
        if known[version]:
            high = middle
        else:
            low = middle + 1
    first = candidates[low] if low < len(candidates) else None
    absent = [v for v, ok in known.items() if not ok]
    last_absent = max(absent, key=found.index) if absent else None
    start = found.index(last_absent) + 1 if last_absent else 0
    end = found.index(first) if first else len(found)
    return First(first, tuple(v for v in found[start:end] if v in unfetched))


def previous_release(dist: str, version: str) -> str | None:
    found = versions(dist)
    index = found.index(version)
    return found[index - 1] if index else None


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from wscc.libraries import BY_NAME

    for dist in sys.argv[1:]:
        for constant_set in BY_NAME[dist].constants:
            is_module = container_is_module(constant_set)
            for container in (constant_set.container, *constant_set.aliases):
                since = first_release(dist, lambda root: has_container(root, container, is_module))
                print(dist, container, "since", since, flush=True)
            container = constant_set.container
            for member in constant_set.members:
                first = first_release(dist, lambda root: has_member(root, container, is_module, member))
                print("   ", member, first, flush=True)
