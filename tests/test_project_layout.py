"""wscc.project.layout on real trees, checked against the real import system: the project
root, import roots, module names, the files names resolve to, and what imports bind."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from wscc.project import layout as layout_module
from wscc.project.layout import Layout, find_root, import_base, resolve_import


def make(root: Path, files: dict[str, str] | list[str]) -> Path:
    """Create ``files`` (relative path -> text, or a list of paths left empty) under root."""
    items = files.items() if isinstance(files, dict) else ((name, "") for name in files)
    for name, text in items:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return root


def python_finds(roots: list[Path], names: list[str], cwd: Path) -> dict[str, dict]:
    """What the real import system says about each name with ``roots`` as ``sys.path``:
    its origin file (None for a namespace package), whether it is a package, or None."""
    script = textwrap.dedent("""
        import importlib.util, json, sys
        roots, names = json.loads(sys.argv[1]), json.loads(sys.argv[2])
        sys.path[:] = roots
        out = {}
        for name in names:
            try:
                spec = importlib.util.find_spec(name)
            except (ImportError, AttributeError, ValueError):
                spec = None
            if spec is None:
                out[name] = None
            else:
                origin = spec.origin if spec.origin not in (None, "namespace") else None
                out[name] = {"origin": origin, "package": spec.submodule_search_locations is not None}
        print(json.dumps(out))
    """)
    done = subprocess.run([sys.executable, "-S", "-c", script, json.dumps([str(r) for r in roots]), json.dumps(names)],
                          capture_output=True, text=True, cwd=cwd, timeout=60, env={"PATH": os.environ["PATH"]})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def agree_with_python(layout: Layout, names: list[str], tmp_path: Path) -> None:
    found = python_finds(list(layout.roots), names, tmp_path)
    for name in names:
        file = layout.file_of(name)
        python = found[name]
        assert (str(file) if file else None) == (python["origin"] if python else None), name
        assert layout.is_package(name) == bool(python and python["package"]), name


# -- find_root -------------------------------------------------------------------------


@pytest.mark.parametrize("marker", ["pyproject.toml", "setup.cfg", "setup.py", ".git/", ".git"])
def test_root_is_the_nearest_folder_with_a_marker(tmp_path: Path, marker: str) -> None:
    project = tmp_path / "outer" / "project"
    make(tmp_path, ["outer/pyproject.toml", "outer/project/app/sub/mod.py"])
    if marker.endswith("/"):
        (project / marker).mkdir()
    else:
        (project / marker).write_text("gitdir: elsewhere\n" if marker == ".git" else "")
    assert find_root([str(project / "app" / "sub" / "mod.py")]) == project.resolve()
    assert find_root([project / "app" / "sub"]) == project.resolve()
    # without it, the outer project's marker is the nearest
    (project / marker).rmdir() if marker.endswith("/") else (project / marker).unlink()
    assert find_root([str(project / "app" / "sub" / "mod.py")]) == (tmp_path / "outer").resolve()


def test_root_of_several_paths_and_of_missing_ones(tmp_path: Path) -> None:
    make(tmp_path, ["p/setup.py", "p/a/x.py", "p/b/sub/y.py", "p/a/inner/setup.cfg", "p/a/inner/z.py"])
    p = tmp_path / "p"
    assert find_root([str(p / "a" / "x.py"), str(p / "b" / "sub" / "y.py")]) == p.resolve()
    assert find_root([str(p / "a" / "inner" / "z.py")]) == (p / "a" / "inner").resolve()
    # the common folder of an inner project and an outer file is the outer one
    assert find_root([str(p / "a" / "inner" / "z.py"), str(p / "b")]) == p.resolve()
    # a path that does not exist yet is placed by its nearest existing folder
    assert find_root([str(p / "b" / "new" / "new.py")]) == p.resolve()


def test_relative_paths_stdin_and_no_paths_mean_the_current_folder(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    make(tmp_path, ["proj/pyproject.toml", "proj/app/mod.py"])
    monkeypatch.chdir(tmp_path / "proj" / "app")
    expected = (tmp_path / "proj").resolve()
    assert find_root(["mod.py"]) == find_root(["-"]) == find_root([]) == expected


def test_without_any_marker_the_root_is_above_the_topmost_package(tmp_path: Path) -> None:
    # tmp_path is under /tmp: no marker above it (checked, or the test proves nothing)
    assert not any((folder / m).exists() for folder in (tmp_path, *tmp_path.parents)
                   for m in layout_module.ROOT_MARKERS)
    make(tmp_path, ["bare/pkg/__init__.py", "bare/pkg/sub/__init__.py", "bare/pkg/sub/mod.py", "bare/loose/a.py"])
    bare = tmp_path / "bare"
    assert find_root([str(bare / "pkg" / "sub" / "mod.py")]) == bare.resolve()
    assert find_root([str(bare / "loose" / "a.py")]) == (bare / "loose").resolve()


def test_a_configured_root_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make(tmp_path, ["repo/pyproject.toml", "repo/services/api/setup.py", "repo/services/api/main.py"])
    repo = tmp_path / "repo"
    main = str(repo / "services" / "api" / "main.py")
    assert find_root([main]) == (repo / "services" / "api").resolve()
    assert find_root([main], configured=repo) == repo.resolve()
    assert find_root([main], configured=str(repo / "services")) == (repo / "services").resolve()
    monkeypatch.chdir(repo)
    assert find_root([main], configured="services") == (repo / "services").resolve()
    with pytest.raises(ValueError, match="not a folder"):
        find_root([main], configured=repo / "nowhere")
    with pytest.raises(ValueError, match="not a folder"):
        find_root([main], configured=main)


# -- layouts ---------------------------------------------------------------------------

FLAT = ["pyproject.toml", "app/__init__.py", "app/hub.py", "app/views/__init__.py", "app/views/chat.py",
        "tools/__init__.py", "tools/run.py", "manage.py", "conftest.py", "tests/test_hub.py",
        "scripts/run-server.py", "my-dir/mod.py", "app/class.py"]


def test_flat_layout_with_several_top_level_packages_and_modules(tmp_path: Path) -> None:
    make(tmp_path, FLAT)
    layout = Layout(tmp_path)
    assert layout.roots == (tmp_path,)
    assert layout.module_name(tmp_path / "app" / "hub.py") == "app.hub"
    assert layout.module_name(str(tmp_path / "app" / "views" / "__init__.py")) == "app.views"
    assert layout.module_name(tmp_path / "app" / "__init__.py") == "app"
    assert layout.module_name(tmp_path / "tools" / "run.py") == "tools.run"
    assert layout.module_name(tmp_path / "manage.py") == "manage"
    assert layout.module_name(tmp_path / "tests" / "test_hub.py") == "tests.test_hub"  # namespace package
    # not importable: a non-identifier file or folder name, a keyword
    assert layout.module_name(tmp_path / "scripts" / "run-server.py") is None
    assert layout.module_name(tmp_path / "my-dir" / "mod.py") is None
    assert layout.module_name(tmp_path / "app" / "class.py") is None
    assert layout.file_of("app.views.chat") == tmp_path / "app" / "views" / "chat.py"
    assert layout.file_of("app") == tmp_path / "app" / "__init__.py"
    assert layout.file_of("tests") is None and layout.is_package("tests")  # a namespace package has no file
    assert layout.is_package("app.views") and not layout.is_package("app.hub")
    for missing in ("app.nothing", "app.hub.drop", "websockets", "app..hub", "", "app.views.chat.x"):
        assert layout.file_of(missing) is None and not layout.is_package(missing), missing
    agree_with_python(layout, ["app", "app.hub", "app.views", "app.views.chat", "tools", "tools.run", "manage",
                               "conftest", "tests", "tests.test_hub", "app.nothing", "json_not_here"], tmp_path)


def test_src_layout_with_tests_beside_it(tmp_path: Path) -> None:
    make(tmp_path, ["pyproject.toml", "src/app/__init__.py", "src/app/hub.py", "src/other.py",
                    "tests/__init__.py", "tests/test_app.py", "conftest.py"])
    layout = Layout(tmp_path)
    assert layout.roots == (tmp_path / "src", tmp_path)
    assert layout.module_name(tmp_path / "src" / "app" / "hub.py") == "app.hub"
    assert layout.module_name(tmp_path / "src" / "other.py") == "other"
    assert layout.module_name(tmp_path / "tests" / "test_app.py") == "tests.test_app"
    assert layout.module_name(tmp_path / "conftest.py") == "conftest"
    assert layout.file_of("app.hub") == tmp_path / "src" / "app" / "hub.py"
    # Python also reaches the file as src.app.hub (``src`` a namespace package of the root);
    # file_of answers as Python does, module_name gives the name in the src root
    assert layout.file_of("src.app.hub") == tmp_path / "src" / "app" / "hub.py"
    assert layout.is_package("src")
    agree_with_python(layout, ["app", "app.hub", "other", "tests", "tests.test_app", "conftest", "src",
                               "src.app.hub"], tmp_path)


def test_a_src_folder_that_is_a_package_is_not_a_src_layout(tmp_path: Path) -> None:
    make(tmp_path, ["setup.py", "src/__init__.py", "src/app/__init__.py", "src/app/hub.py"])
    layout = Layout(tmp_path)
    assert layout.roots == (tmp_path,)
    assert layout.module_name(tmp_path / "src" / "app" / "hub.py") == "src.app.hub"
    assert layout.file_of("app.hub") is None


def test_namespace_packages_merge_across_roots(tmp_path: Path) -> None:
    make(tmp_path, ["pyproject.toml", "src/acme/chat/__init__.py", "src/acme/chat/hub.py",
                    "acme/billing/__init__.py", "acme/billing/ws.py", "src/acme/loose.py"])
    layout = Layout(tmp_path)
    assert layout.is_package("acme") and layout.file_of("acme") is None
    assert layout.module_name(tmp_path / "src" / "acme" / "chat" / "hub.py") == "acme.chat.hub"
    assert layout.module_name(tmp_path / "acme" / "billing" / "ws.py") == "acme.billing.ws"
    assert layout.file_of("acme.billing.ws") == tmp_path / "acme" / "billing" / "ws.py"
    assert layout.file_of("acme.loose") == tmp_path / "src" / "acme" / "loose.py"
    names = sorted(name for name, _ in layout.iter_modules())
    assert names == ["acme.billing", "acme.billing.ws", "acme.chat", "acme.chat.hub", "acme.loose"]
    agree_with_python(layout, ["acme", "acme.chat", "acme.chat.hub", "acme.billing", "acme.billing.ws",
                               "acme.loose", "acme.nothing"], tmp_path)


def test_precedence_and_shadowing_as_the_import_system_does_it(tmp_path: Path) -> None:
    make(tmp_path, [
        "pyproject.toml",
        # a regular package beats a module of the same name; a module beats a namespace folder
        "pkg/__init__.py", "pkg.py", "mod.py", "mod/inner.py",
        # an earlier root's regular package hides a later root's folder of the same name
        "src/app/__init__.py", "app/__init__.py", "app/extra.py",
        # an earlier root's module hides a later root's package
        "src/tool.py", "tool/__init__.py",
    ])
    layout = Layout(tmp_path)
    assert layout.file_of("pkg") == tmp_path / "pkg" / "__init__.py"
    assert layout.module_name(tmp_path / "pkg.py") is None
    assert layout.file_of("mod") == tmp_path / "mod.py" and not layout.is_package("mod")
    assert layout.file_of("mod.inner") is None and layout.module_name(tmp_path / "mod" / "inner.py") is None
    assert layout.file_of("app") == tmp_path / "src" / "app" / "__init__.py"
    assert layout.file_of("app.extra") is None and layout.module_name(tmp_path / "app" / "extra.py") is None
    assert layout.file_of("tool") == tmp_path / "src" / "tool.py"
    agree_with_python(layout, ["pkg", "mod", "mod.inner", "app", "app.extra", "tool"], tmp_path)


def test_every_module_name_round_trips(tmp_path: Path) -> None:
    make(tmp_path, FLAT + ["src/lib/__init__.py", "src/lib/a.py", "src/ns/b.py", "pkg/__init__.py", "pkg.py",
                           # in a package: a module shadowed by a subpackage, one beside a
                           # namespace folder of its name (the module wins), a name that is no identifier
                           "src/lib/sub.py", "src/lib/sub/__init__.py", "src/lib/part.py", "src/lib/part/x.py",
                           "src/lib/not-a-name.py", "src/lib/class.py"])
    layout = Layout(tmp_path)
    everything = sorted(str(p) for p in tmp_path.rglob("*.py"))
    named = {path: layout.module_name(path) for path in everything}
    for path, name in named.items():
        if name is not None:
            assert layout.file_of(name) == Path(path)
    # The walk names each file from its folder's package (fresh caches): the same names.
    assert sorted(Layout(tmp_path).iter_modules(), key=lambda item: item[1]) == sorted(
        ((n, p) for p, n in named.items() if n), key=lambda item: item[1])
    assert named[str(tmp_path / "pkg.py")] is None and named[str(tmp_path / "src" / "ns" / "b.py")] == "ns.b"
    assert named[str(tmp_path / "src" / "lib" / "sub.py")] is None
    assert named[str(tmp_path / "src" / "lib" / "part.py")] == "lib.part"
    assert named[str(tmp_path / "src" / "lib" / "not-a-name.py")] is None
    assert named[str(tmp_path / "src" / "lib" / "class.py")] is None


def test_files_outside_the_roots_have_no_name(tmp_path: Path) -> None:
    make(tmp_path, ["proj/pyproject.toml", "proj/app/mod.py", "elsewhere/app/mod.py", "proj/app/data.txt"])
    layout = Layout(tmp_path / "proj")
    assert layout.module_name(tmp_path / "proj" / "app" / "mod.py") == "app.mod"
    assert layout.module_name(tmp_path / "elsewhere" / "app" / "mod.py") is None
    assert layout.module_name(tmp_path / "proj" / "app" / "data.txt") is None
    assert layout.module_name(tmp_path / "proj" / "app") is None
    assert layout.module_name(tmp_path / "proj" / "app" / "missing.py") is None


def test_a_relative_path_and_a_symlinked_path_name_the_same_module(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    make(tmp_path, ["proj/pyproject.toml", "proj/app/__init__.py", "proj/app/hub.py"])
    (tmp_path / "link").symlink_to(tmp_path / "proj" / "app")
    layout = Layout(tmp_path / "proj")
    monkeypatch.chdir(tmp_path / "proj")
    assert layout.module_name("app/hub.py") == "app.hub"
    assert layout.module_name(tmp_path / "link" / "hub.py") == "app.hub"


def test_a_root_that_is_a_package_keeps_the_package_name(tmp_path: Path) -> None:
    make(tmp_path, ["mypkg/__init__.py", "mypkg/setup.py", "mypkg/core.py", "sibling.py"])
    layout = Layout(tmp_path / "mypkg")
    assert layout.roots == (tmp_path,)
    assert layout.module_name(tmp_path / "mypkg" / "core.py") == "mypkg.core"
    assert layout.file_of("mypkg.core") == tmp_path / "mypkg" / "core.py"
    # the folder above is searched, as Python would, but is not the project
    assert layout.file_of("sibling") is None and layout.module_name(tmp_path / "sibling.py") is None
    assert [name for name, _ in layout.iter_modules()] == ["mypkg", "mypkg.core", "mypkg.setup"]


def test_configured_import_roots_for_a_monorepo(tmp_path: Path) -> None:
    make(tmp_path, ["pyproject.toml", "libs/chat/src/chat/__init__.py", "libs/chat/src/chat/hub.py",
                    "services/api/api/__init__.py", "services/api/api/views.py"])
    default = Layout(tmp_path)
    assert default.file_of("chat.hub") is None  # never a guess
    assert default.module_name(tmp_path / "services" / "api" / "api" / "views.py") == "services.api.api.views"
    layout = Layout(tmp_path, roots=["libs/chat/src", tmp_path / "services" / "api"])
    assert layout.roots == (tmp_path / "libs" / "chat" / "src", tmp_path / "services" / "api")
    assert layout.file_of("chat.hub") == tmp_path / "libs" / "chat" / "src" / "chat" / "hub.py"
    assert layout.module_name(tmp_path / "services" / "api" / "api" / "views.py") == "api.views"
    agree_with_python(layout, ["chat", "chat.hub", "api", "api.views", "libs"], tmp_path)


def test_iter_modules_skips_the_usual_folders_and_excluded_paths(tmp_path: Path) -> None:
    skipped = [".git/hooks/x.py", ".venv/lib/x.py", "venv/x.py", "build/lib/app/x.py", "dist/x.py",
               "app/__pycache__/x.py", "node_modules/x.py", ".tox/py/x.py", "lib/site-packages/x.py",
               "env/pyvenv.cfg", "env/lib/x.py", "app.egg-info/x.py"]
    make(tmp_path, ["pyproject.toml", "app/__init__.py", "app/hub.py", "app/legacy/__init__.py",
                    "app/legacy/old.py", "other.py", *skipped])
    layout = Layout(tmp_path)
    assert list(layout.iter_modules()) == [
        ("other", str(tmp_path / "other.py")), ("app", str(tmp_path / "app" / "__init__.py")),
        ("app.hub", str(tmp_path / "app" / "hub.py")), ("app.legacy", str(tmp_path / "app" / "legacy" / "__init__.py")),
        ("app.legacy.old", str(tmp_path / "app" / "legacy" / "old.py"))]
    seen: list[str] = []

    def excluded(path: str) -> bool:
        seen.append(path)
        return path.endswith(os.sep + "legacy") or path.endswith("other.py")

    assert [name for name, _ in layout.iter_modules(excluded)] == ["app", "app.hub"]
    assert str(tmp_path / "app" / "legacy") in seen and all(os.path.isabs(p) for p in seen)


def test_nothing_is_imported_and_each_folder_is_listed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    boom = f"open({str(tmp_path / 'imported')!r}, 'w').close()\nraise SystemExit('imported')\n"
    make(tmp_path, {"pyproject.toml": "", "app/__init__.py": boom, "app/hub.py": boom, "app/sub/__init__.py": boom,
                    "app/sub/mod.py": boom, "top.py": boom})
    paths = list(tmp_path.rglob("*.py"))
    listed: list[str] = []
    real_scandir = os.scandir

    def counting_scandir(path):
        listed.append(os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(layout_module.os, "scandir", counting_scandir)
    layout = Layout(tmp_path)
    names = [layout.module_name(p) for p in paths]
    assert sorted(names) == ["app", "app.hub", "app.sub", "app.sub.mod", "top"]
    first = len(listed)
    assert first == len(set(listed))  # each folder listed at most once
    for name in names:
        layout.file_of(name), layout.is_package(name)
    assert [layout.module_name(p) for p in paths] == names and len(listed) == first
    assert not (tmp_path / "imported").exists()


# -- imports ---------------------------------------------------------------------------


def binds(source: str, module: str | None, is_package: bool = False) -> list[tuple[str, str]]:
    node = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(node, (ast.Import, ast.ImportFrom))
    return resolve_import(module, is_package, node)


def test_absolute_imports() -> None:
    assert binds("import a.b.c", "m") == [("a", "a")]
    assert binds("import a.b as c", "m") == [("c", "a.b")]
    assert binds("import a, b.c as d, e.f", "m") == [("a", "a"), ("d", "b.c"), ("e", "e")]
    assert binds("from a.b import c as d, e", "m") == [("d", "a.b.c"), ("e", "a.b.e")]
    assert binds("from a.b import *", "m") == []
    assert binds("from os import path", None) == [("path", "os.path")]


@pytest.mark.parametrize("source, module, is_package, expected", [
    ("from . import x", "pkg.sub.mod", False, [("x", "pkg.sub.x")]),
    ("from . import x", "pkg.sub", True, [("x", "pkg.sub.x")]),
    ("from .hub import drop as d", "pkg.sub", True, [("d", "pkg.sub.hub.drop")]),
    ("from .. import x", "pkg.sub.mod", False, [("x", "pkg.x")]),
    ("from .. import x", "pkg.sub", True, [("x", "pkg.x")]),
    ("from ..a.b import c as d", "pkg.sub.mod", False, [("d", "pkg.a.b.c")]),
    ("from ... import x", "pkg.sub.deep.mod", False, [("x", "pkg.x")]),
    ("from ...a import x", "pkg.sub.deep", True, [("x", "pkg.a.x")]),
    # beyond the top-level package, or no package at all: nothing
    ("from ... import x", "pkg.sub.mod", False, []),
    ("from .. import x", "pkg", True, []),
    ("from .. import x", "pkg.mod", False, []),
    ("from . import x", "top", False, []),
    ("from . import x", None, False, []),
])
def test_relative_imports(source: str, module: str, is_package: bool, expected: list) -> None:
    assert binds(source, module, is_package) == expected


def test_import_base() -> None:
    node = ast.parse("from ..a import *").body[0]
    assert isinstance(node, ast.ImportFrom)
    assert import_base("pkg.sub.mod", False, node) == "pkg.a"
    assert import_base("pkg.mod", False, node) is None
    assert import_base("x", False, ast.parse("from websockets.sync import client").body[0]) == "websockets.sync"


RELATIVE_TREE = {
    "pyproject.toml": "",
    "pkg/__init__.py": "from .hub import drop\nfrom . import hub as hub_module\n",
    "pkg/hub.py": "def drop(ws, code=1000):\n    return code\n",
    "pkg/a/__init__.py": "",
    "pkg/a/b/__init__.py": "",
    "pkg/a/b/c.py": "VALUE = 1\n",
    "pkg/sub/__init__.py": "from .. import hub\nfrom ..a.b import c as d\n",
    "pkg/sub/deep/__init__.py": "",
    "pkg/sub/deep/mod.py": textwrap.dedent("""\
        from ... import drop
        from ... import hub
        from ...a.b import c as d
        from ..deep import mod as me
        from . import other
        import pkg.a.b.c as c_module
        import pkg.a.b
        from pkg import hub as hub2, drop as drop2
        """),
    "pkg/sub/deep/other.py": "",
    "pkg/bad.py": "from ... import x\n",
}


def test_what_imports_bind_matches_python(tmp_path: Path) -> None:
    """Run every import statement in the tree with the real interpreter and compare what
    each local name is (a module's ``__name__``, or a function's module and name) with
    ``resolve_import``'s target, and where ``Layout.file_of`` places it."""
    make(tmp_path, RELATIVE_TREE)
    layout = Layout(tmp_path)
    script = textwrap.dedent("""
        import importlib, json, sys, types
        sys.path.insert(0, sys.argv[1])
        out = {}
        for name in json.loads(sys.argv[2]):
            module = importlib.import_module(name)
            out[name] = {}
            for local, value in vars(module).items():
                if isinstance(value, types.ModuleType):
                    out[name][local] = value.__name__
                elif callable(value):
                    out[name][local] = value.__module__ + "." + value.__qualname__
        try:
            importlib.import_module("pkg.bad")
        except ImportError as error:
            out["pkg.bad"] = str(error)
        print(json.dumps(out))
    """)
    modules = ["pkg", "pkg.sub", "pkg.sub.deep.mod"]
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path), json.dumps(modules)],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    python = json.loads(done.stdout)
    assert python["pkg.bad"] == "attempted relative import beyond top-level package"
    assert layout.resolve_import("pkg.bad", False, ast.parse(RELATIVE_TREE["pkg/bad.py"]).body[0]) == []
    checked = 0
    for module in modules:
        path = layout.file_of(module)
        assert path is not None
        tree = ast.parse(path.read_text())
        for node in tree.body:
            assert isinstance(node, (ast.Import, ast.ImportFrom))
            for local, target in layout.resolve_import(module, layout.is_package(module), node):
                actual = python[module][local]
                if layout.file_of(target) is not None:
                    # a module: pkg.hub, pkg.a.b.c, ...
                    assert actual == target, (module, local)
                    assert layout.module_name(layout.file_of(target)) == actual
                else:
                    # a name defined in a module: pkg.drop is pkg.hub.drop, re-exported
                    # through pkg/__init__.py (what the lead's summaries follow)
                    defining, _, name = target.rpartition(".")
                    assert layout.file_of(defining) is not None and actual.endswith("." + name), (module, local)
                checked += 1
    assert checked == 13
    # ``from pkg import hub`` is the submodule; ``from pkg import drop`` a name in __init__
    assert layout.file_of("pkg.hub") == tmp_path / "pkg" / "hub.py"
    assert layout.file_of("pkg.drop") is None and python["pkg"]["drop"] == "pkg.hub.drop"


def test_the_layout_reuses_the_walk_of_its_root(tmp_path: Path) -> None:
    """A front end that walked the project's root (with the same exclusions) spares the
    layout its own walk; the modules are the same, hidden folders still left out."""
    from wscc.files import Listings, iter_python_files

    (tmp_path / "pkg" / "sub").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    for name in ("pkg/__init__.py", "pkg/a.py", "pkg/sub/__init__.py", "pkg/sub/b.py", ".hidden/c.py", "top.py"):
        (tmp_path / name).write_text("")

    def excluded(path: str) -> bool:
        return path.endswith("a.py")

    fresh = list(Layout(tmp_path).iter_modules(excluded))
    listings = Listings()
    walked = [path for path in iter_python_files([str(tmp_path)], excluded, listings=listings)]
    assert any(".hidden" in path for path in walked)  # the front end checks hidden folders
    layout = Layout(tmp_path, listings=listings)
    assert listings.walk_of(str(tmp_path), excluded) is not None
    reused = list(layout.iter_modules(excluded))
    assert reused == fresh == [("top", str(tmp_path / "top.py")),  # a folder's files first, as os.walk
                               ("pkg", str(tmp_path / "pkg" / "__init__.py")),
                               ("pkg.sub", str(tmp_path / "pkg" / "sub" / "__init__.py")),
                               ("pkg.sub.b", str(tmp_path / "pkg" / "sub" / "b.py"))]
