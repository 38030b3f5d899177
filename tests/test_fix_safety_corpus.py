"""The safety harness: ``wscc-fix`` over real code (the real-world evaluation packages and
this interpreter's site-packages) never breaks a module.

For every file it would rewrite: the result compiles; pyflakes reports nothing new; and
every new expression, evaluated with the real libraries after running the import that
binds it (the module's own top-level import statement), equals the literal it replaced
and is an ``int`` (an ``IntEnum`` member only where the library accepts one).  A module
name reused for a literal (``CODE``) must be bound once at module level to that very int.
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


def _trees() -> list[tuple[str, Path]]:
    from evaluate import PACKAGES, fetch  # benchmarks/realworld: downloads missing archives

    trees = [(f"{name}-{version}", fetch(name, version, kind)) for name, version, kind, _role in PACKAGES]
    return [*trees, ("site-packages", Path(sysconfig.get_paths()["purelib"]))]


def run_harness() -> tuple[Counter, list[str]]:
    counts: Counter = Counter()
    problems: list[str] = []
    settings = Config().settings_for(None)
    for name, tree in _trees():
        counts["trees"] += 1
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
            counts["files rewritten"] += 1
            counts["literals rewritten"] += result.fixed
            problems += [f"{name}: {path}: {problem}" for problem in check_rewrite(path, data, result)]
    return counts, problems


@pytest.mark.network
def test_wscc_fix_never_breaks_real_code(capsys):
    counts, problems = run_harness()
    with capsys.disabled():
        print("\nfix safety harness:", dict(sorted(counts.items())))
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
