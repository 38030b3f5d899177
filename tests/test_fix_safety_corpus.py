"""The safety harness: ``wscc-fix`` over real code (the real-world evaluation packages and
this interpreter's site-packages) never breaks a module.

For every file it would rewrite: the result compiles; pyflakes reports nothing new; and
every new expression, evaluated with the real libraries after running the import that
binds it (the module's own top-level import statement), equals the literal it replaced
and is an ``int`` (an ``IntEnum`` member only where the library accepts one).  A module
name reused for a literal (``CODE``) must be bound once at module level to that very int.
A rewritten module of site-packages is also imported, from a temporary copy under its
real name in a fresh interpreter, whenever its original imports that way: the rewrite
must not make it fail.  (The real-world packages are not installed: only the first checks
apply to them.)
"""

from __future__ import annotations

import ast
import subprocess
import sys
import sysconfig
from collections import Counter
from pathlib import Path

import pytest
from pyflakes import api as pyflakes_api
from pyflakes import reporter as pyflakes_reporter

from wscc.config import Config
from wscc.files import iter_python_files
from wscc.fix import fix_bytes

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks" / "realworld"))

pytestmark = pytest.mark.slow


class _Messages(pyflakes_reporter.Reporter):
    def __init__(self):
        self.found: list[str] = []

    def unexpectedError(self, filename, msg):  # noqa: N802 - pyflakes' API
        self.found.append(f"error: {msg}")

    def syntaxError(self, filename, msg, lineno, offset, text):  # noqa: N802
        self.found.append(f"syntax: {msg}")

    def flake(self, message):
        self.found.append(message.message % message.message_args)


def pyflakes_messages(text: str) -> Counter:
    reporter = _Messages()
    pyflakes_api.check(text, "module.py", reporter)
    return Counter(reporter.found)


def _binding_import(tree: ast.Module, name: str) -> ast.stmt | None:
    """The top-level (or top-level ``try``) import statement binding ``name``."""
    statements = [s for s in tree.body]
    statements += [inner for s in tree.body if isinstance(s, ast.Try) for inner in s.body]
    for statement in statements:
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            for alias in statement.names:
                if (alias.asname or alias.name.partition(".")[0]) == name:
                    return statement
    return None


def _module_int(tree: ast.Module, name: str) -> int | None:
    head, _, member = name.partition(".")
    body = tree.body
    if member:
        classes = [s for s in body if isinstance(s, ast.ClassDef) and s.name == head]
        if len(classes) != 1:
            return None
        body, head = classes[0].body, member
    values = [s.value for s in body if isinstance(s, ast.Assign)
              and any(isinstance(t, ast.Name) and t.id == head for t in s.targets)]
    values += [s.value for s in body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
               and s.target.id == head and s.value is not None]
    if len(values) == 1 and isinstance(values[0], ast.Constant) and type(values[0].value) is int:
        return values[0].value
    return None


def check_rewrite(path: str, data: bytes, result) -> list[str]:
    """What is wrong with one rewrite (nothing, for a safe one)."""
    problems = []
    old_text, new_text = data.decode("utf-8", "replace"), result.new.decode("utf-8", "replace")
    try:
        compile(result.new, path, "exec")
    except SyntaxError as error:
        return [f"does not compile: {error}"]
    new_messages = pyflakes_messages(new_text) - pyflakes_messages(old_text)
    if new_messages:
        problems.append(f"new pyflakes messages: {sorted(new_messages)}")
    tree = ast.parse(result.new)
    for old, expression in result.renamed:
        root = expression.partition(".")[0]
        statement = _binding_import(tree, root)
        if statement is None:
            if _module_int(tree, expression) != old:
                problems.append(f"{expression} is not a module int {old}")
            continue
        problem = _evaluated_elsewhere(ast.unparse(statement), expression, old)
        if problem:
            problems.append(problem)
    return problems


_EVALUATE = """\
import sys
{statement}
value = {expression}
ok = isinstance(value, int) and value == {old} and int(value) == {old}
print("" if ok else f"{expression} == {{value!r}}, not {old}")
"""


def _evaluated_elsewhere(statement: str, expression: str, old: int) -> str:
    """Run the rewrite's import and expression in a fresh interpreter (this process has
    imported submodules a real run of the module would not have)."""
    done = subprocess.run([sys.executable, "-c", _EVALUATE.format(statement=statement, expression=expression, old=old)],
                          capture_output=True, text=True, timeout=120)
    if done.returncode:
        last = (done.stderr.strip().splitlines() or ["failed"])[-1]
        return f"{expression}: {last}"
    return done.stdout.strip()


SITE_PACKAGES = Path(sysconfig.get_paths()["purelib"])


def _realworld_trees() -> list[tuple[str, Path]]:
    from evaluate import PACKAGES, fetch  # benchmarks/realworld: downloads missing archives

    return [(f"{name}-{version}", fetch(name, version, kind)) for name, version, kind, _role in PACKAGES]


#: Imports one module from a copy of its file (``sys.argv[2]``) under its real dotted name
#: (``sys.argv[1]``), after its parent package, with this interpreter's real libraries.
_IMPORT_COPY = """\
import importlib, importlib.util, sys
name, copy, folder, is_package = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
parent = name.rpartition(".")[0]
if parent:
    importlib.import_module(parent)
spec = importlib.util.spec_from_file_location(name, copy, submodule_search_locations=[folder] if is_package else None)
module = importlib.util.module_from_spec(spec)
sys.modules[name] = module
spec.loader.exec_module(module)
"""


def module_name(path: Path, root: Path) -> tuple[str, bool] | None:
    """(dotted name, is a package) of a file under a site-packages folder; ``None`` for
    a file that is not importable by a dotted name (``foo-1.0.data``, ``__main__.py``)."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts.pop()
    if not parts or parts[-1] == "__main__" or not all(part.isidentifier() for part in parts):
        return None
    return ".".join(parts), is_package


def _imports(name: str, is_package: bool, folder: Path, text: bytes, scratch: Path) -> str | None:
    """``None`` when the module imports from a copy holding ``text``, else the last line
    of the error."""
    copy = scratch / "copies" / f"{name}.py"  # not on the fresh interpreter's sys.path
    copy.parent.mkdir(exist_ok=True)
    copy.write_bytes(text)
    try:
        done = subprocess.run([sys.executable, "-c", _IMPORT_COPY, name, str(copy), str(folder), "1" if is_package else "0"],
                              capture_output=True, text=True, timeout=120, cwd=scratch)
    except subprocess.TimeoutExpired:
        return "timed out"
    if done.returncode == 0:
        return None
    return (done.stderr.strip().splitlines() or ["failed"])[-1]


def import_check(path: str, root: Path, data: bytes, new: bytes, scratch: Path) -> tuple[str, str | None]:
    """(what happened, the problem if any) for importing a rewritten site-packages module
    from a temporary copy in a fresh interpreter, against the original imported the same
    way: the rewrite must not make an importable module fail."""
    named = module_name(Path(path), root)
    if named is None:
        return "import not tried: no dotted name", None
    name, is_package = named
    if _imports(name, is_package, Path(path).parent, data, scratch) is not None:
        return "import not tried: the original does not import either", None
    error = _imports(name, is_package, Path(path).parent, new, scratch)
    return ("imported", None) if error is None else ("import fails after the rewrite", f"import {name}: {error}")


def run_harness(trees: list[tuple[str, Path]], scratch: Path | None = None) -> tuple[Counter, list[str]]:
    """``wscc-fix`` over each tree, every rewrite checked; with ``scratch``, a rewritten
    module of ``SITE_PACKAGES`` is also imported (``import_check``)."""
    counts: Counter = Counter()
    problems: list[str] = []
    settings = Config().settings_for(None)
    for name, tree in trees:
        counts["trees"] += 1
        packages: set[str] = set()
        for path in iter_python_files([str(tree)], lambda p: False, lambda p: False):
            if not isinstance(path, str):
                continue
            try:
                data = Path(path).read_bytes()
            except OSError:
                continue
            result = fix_bytes(data, path, settings)
            for reason, count in result.skipped.items():
                counts[f"skipped: {reason}"] += count
            if not result.changed:
                continue
            packages.add(Path(path).relative_to(tree).parts[0] if tree == SITE_PACKAGES else name)
            counts["files rewritten"] += 1
            counts["literals rewritten"] += result.fixed
            found = check_rewrite(path, data, result)
            if scratch is not None and tree == SITE_PACKAGES and not found:
                outcome, problem = import_check(path, tree, data, result.new, scratch)
                counts[outcome] += 1
                found += [problem] if problem else []
            problems += [f"{name}: {path}: {problem}" for problem in found]
        counts["packages rewritten"] += len(packages)
    return counts, problems


def test_wscc_fix_never_breaks_installed_code(capsys, tmp_path: Path):
    """This interpreter's site-packages, offline: each rewritten module also imports from a
    copy, with the real libraries, whenever its original does."""
    counts, problems = run_harness([("site-packages", SITE_PACKAGES)], scratch=tmp_path)
    with capsys.disabled():
        print("\nfix safety harness (site-packages):", dict(sorted(counts.items())))
    assert counts["literals rewritten"] > 0 and counts["imported"] > 0
    assert problems == []


@pytest.mark.network
def test_wscc_fix_never_breaks_real_code(capsys):
    counts, problems = run_harness(_realworld_trees())
    with capsys.disabled():
        print("\nfix safety harness (real-world packages):", dict(sorted(counts.items())))
    assert counts["literals rewritten"] > 0
    assert problems == []


def test_the_checks_catch_a_broken_rewrite():
    """The harness's checks fail on the rewrites issue 13 reports (shiny's unimported
    submodule, a name that is not the int)."""

    class Result:
        def __init__(self, new: str, renamed):
            self.new, self.renamed = new.encode(), renamed

    # shiny's layout with a submodule no installed version imports from its package:
    # ``import email`` loads no ``email.charset`` (recent starlettes do import
    # ``starlette.status`` from ``starlette.websockets``, so that case depends on the version).
    shiny = check_rewrite("m.py", b"import email\nx = 3\n",
                          Result("import email\nx = email.charset.SHORTEST\n", [(3, "email.charset.SHORTEST")]))
    assert shiny and "AttributeError" in shiny[0]
    decoy = check_rewrite("m.py", b"MS = 1000\nx = 1000\n", Result("MS = 1000.0\nx = MS\n", [(1000, "MS")]))
    assert decoy == ["MS is not a module int 1000"]
