"""wscc's knowledge of each library, checked against the real, installed library.

Every constant name and value in ``wscc.libraries``, every call shape's code and reason
parameter (``inspect.signature``), and every import path the codemod will write.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
# A declared test dependency: autobahn.twisted, checked below, cannot load without it.
import twisted.python  # noqa: F401

from wscc.libraries import LIBRARIES
from wscc.spec import CodeParameter, ConstantSet

# autobahn's twisted flavour cannot be imported once its asyncio flavour has been (txaio
# picks one framework per process), so those names are checked in a fresh interpreter.
_FRESH_INTERPRETER_MARKERS = (".twisted.",)


def _resolve(dotted: str):
    """The object a dotted name means: the longest importable module prefix, then attributes."""
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:split]))
        except ModuleNotFoundError:
            continue
        for attr in parts[split:]:
            obj = getattr(obj, attr)
        return obj
    raise ModuleNotFoundError(dotted)


def _resolve_signature_target(target: str):
    module_name, _, path = target.partition(":")
    obj = importlib.import_module(module_name)
    for attr in path.split("."):
        obj = getattr(obj, attr)
    return obj


def _members_in_fresh_interpreter(dotted: str, names: list[str]) -> dict:
    script = (
        "import importlib, json, sys\n"
        "module, _, attr = sys.argv[1].rpartition('.')\n"
        "obj = getattr(importlib.import_module(module), attr)\n"
        "print(json.dumps({n: getattr(obj, n, None) for n in sys.argv[2:]}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, dotted, *names],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


# --------------------------------------------------------------------------- constants

def _constant_facts():
    for library in LIBRARIES:
        for constant_set in library.constants:
            for name in (constant_set.container, *constant_set.aliases):
                for member, value in constant_set.members.items():
                    yield pytest.param(constant_set, name, member, value,
                                       id=f"{library.name}:{name}.{member}={value}")


@pytest.mark.parametrize(("constant_set", "container", "member", "value"), list(_constant_facts()))
def test_constant_exists_with_value(constant_set: ConstantSet, container: str, member: str, value: int):
    if any(marker in container for marker in _FRESH_INTERPRETER_MARKERS):
        actual = _members_in_fresh_interpreter(container, [member])[member]
    else:
        actual = getattr(_resolve(container), member, None)
    assert actual is not None, f"{container}.{member} does not exist"
    assert type(actual) is not bool and actual == value, f"{container}.{member} is {actual!r}, not {value}"
    if constant_set.int_enum:
        assert isinstance(actual, enum.IntEnum), f"{container}.{member} is not an IntEnum member"
    else:
        # Declared plain: the detector treats it as an int that autobahn/daphne accept.
        assert type(actual) is int, f"{container}.{member} is a {type(actual).__name__}, not a plain int"


def _constant_sets():
    for library in LIBRARIES:
        for constant_set in library.constants:
            yield pytest.param(constant_set, id=f"{library.name}:{constant_set.container}")


@pytest.mark.parametrize("constant_set", list(_constant_sets()))
def test_constant_set_import_path_is_writable(constant_set: ConstantSet):
    """The import the codemod writes for this set must work as written."""
    container = constant_set.container
    if constant_set.style in ("module", "member"):
        # ``import <container>`` / ``from <container> import MEMBER``: a real module.
        module = importlib.import_module(container)
        assert inspect.ismodule(module)
        assert module.__name__ == container, f"{container} is an attribute, not a module"
        if constant_set.style == "member":
            for member in constant_set.members:
                assert hasattr(module, member)
    else:
        # ``from <module> import <Container>``.
        module_name, _, attr = container.rpartition(".")
        module = importlib.import_module(module_name)
        assert hasattr(module, attr), f"from {module_name} import {attr} fails"
        if constant_set.style == "self":
            assert inspect.isclass(getattr(module, attr))


def test_fastapi_status_is_not_claimed_as_a_module():
    """``import fastapi.status`` fails; only ``from fastapi import status`` works."""
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("fastapi.status")
    for library in LIBRARIES:
        for constant_set in library.constants:
            if constant_set.style in ("module", "member"):
                assert constant_set.container != "fastapi.status"


# --------------------------------------------------------------------------- call shapes

def _parameter_facts():
    for library in LIBRARIES:
        for shape in (*library.method_sends, *library.call_sends):
            for target in shape.signatures:
                parameter = shape.code
                yield pytest.param(target, parameter.keyword, parameter.position,
                                   id=f"{library.name}:{target}:code={parameter.keyword}@{parameter.position}")
                if parameter.reason_keyword is not None or parameter.reason_position is not None:
                    yield pytest.param(
                        target, parameter.reason_keyword, parameter.reason_position,
                        id=f"{library.name}:{target}:reason={parameter.reason_keyword}@{parameter.reason_position}")


def _call_parameters(target: str) -> list[inspect.Parameter]:
    obj = _resolve_signature_target(target)
    parameters = list(inspect.signature(obj).parameters.values())
    # A function looked up on its class still lists ``self``; a class's signature does not.
    if not inspect.isclass(obj) and parameters and parameters[0].name in ("self", "cls"):
        parameters = parameters[1:]
    return parameters


@pytest.mark.parametrize(("target", "keyword", "position"), list(_parameter_facts()))
def test_call_shape_parameter(target: str, keyword: str | None, position: int | None):
    if keyword is None:
        _check_positional_only(target, position)
        return
    parameters = _call_parameters(target)
    by_name = {p.name: p for p in parameters}
    positional = [p for p in parameters
                  if p.kind in (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    if position is None:
        if keyword in by_name:
            assert by_name[keyword].kind is inspect.Parameter.KEYWORD_ONLY, (
                f"{target}: {keyword} is {by_name[keyword].kind.description}, declared keyword-only")
        else:
            assert any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters), (
                f"{target} has no parameter {keyword} and no **kwargs")
    else:
        assert keyword in by_name, f"{target} has no parameter {keyword}"
        assert position < len(positional) and positional[position].name == keyword, (
            f"{target}: positional parameters are {[p.name for p in positional]}, "
            f"declared {keyword} at {position}")


def _check_positional_only(target: str, position: int) -> None:
    """A parameter without a keyword: an exception class whose positional arguments are
    its ``args`` in order (websockify's ``CClose(code, reason)``, read back as
    ``exc.args[0]``/``exc.args[1]``), which takes no keyword arguments."""
    obj = _resolve_signature_target(target)
    assert inspect.isclass(obj) and issubclass(obj, BaseException), f"{target} is not an exception class"
    values = [object() for _ in range(position + 1)]
    assert obj(*values).args[position] is values[position]
    with pytest.raises(TypeError):
        obj(code=1000)


#: Libraries that do not install on CPython: their call shapes have no signature to check.
#: pyodide's ``js.WebSocket`` is the browser's own object (WebIDL ``close(optional
#: [Clamp] unsigned short code, optional USVString reason)``), and PyScript's
#: ``pyscript.WebSocket.close(self, **kw)`` ships inside the PyScript runtime (the PyPI
#: ``pyscript`` is a CLI): both were read, not run under CPython.
NOT_INSTALLABLE = {"pyodide"}


def test_every_call_shape_names_a_real_signature():
    """A shape without ``signatures`` would escape the checks above."""
    unchecked = [
        f"{library.name}:{getattr(shape, 'method', None) or shape.callables}"
        for library in LIBRARIES
        for shape in (*library.method_sends, *library.call_sends)
        if not shape.signatures and library.name not in NOT_INSTALLABLE
    ]
    assert unchecked == []


def test_libraries_that_do_not_install_stay_uninstallable():
    """The exemption above holds only while the library really is not importable here."""
    for root in ("js", "pyscript"):
        with pytest.raises(ImportError):
            importlib.import_module(root)


def test_code_parameter_is_not_declared_twice():
    for library in LIBRARIES:
        for shape in (*library.method_sends, *library.call_sends):
            code: CodeParameter = shape.code
            assert code.keyword is None or code.keyword != code.reason_keyword
            assert code.position is None or code.position != code.reason_position


# --------------------------------------------------------------------------- name patterns

def _name_patterns():
    seen = set()
    for library in LIBRARIES:
        if library.name in NOT_INSTALLABLE:
            continue
        patterns = []
        for kind in library.kinds:
            patterns += [*kind.classes, *kind.factories, *kind.unpacked_factories, *kind.proxies]
            for route in kind.routes:
                patterns += [p for p in (route.decorator, route.registration, *route.decorator_owner)
                             if p and not p.startswith(".")]
        for shape in library.call_sends:
            patterns += shape.callables
        for pattern in patterns:
            if (library.name, pattern) not in seen:
                seen.add((library.name, pattern))
                yield pytest.param(pattern, id=f"{library.name}:{pattern}")


def _defined_in_package(package: str, name: str) -> bool:
    """Does some source file of ``package`` define ``name`` (class, function or assignment)?"""
    root = importlib.import_module(package)
    directories = list(getattr(root, "__path__", []))
    definition = re.compile(rf"^\s*(?:async\s+def|def|class|cpdef\s+\w+|cdef\s+class)\s+{re.escape(name)}\b"
                            rf"|^\s*{re.escape(name)}\s*[:=]", re.MULTILINE)
    for directory in directories:
        for path in Path(directory).rglob("*"):
            if path.suffix in (".py", ".pyi", ".pyx", ".pxd") and definition.search(
                    path.read_text(encoding="utf-8", errors="replace")):
                return True
    return False


@pytest.mark.parametrize("pattern", list(_name_patterns()))
def test_name_pattern_names_something_real(pattern: str):
    """Every class, factory, decorator and callable pattern names a real object: found
    from the package's top level, or defined in one of its source files."""
    package, colon, name = pattern.partition(":")
    if not colon:  # an exact qualified name
        module_name, _, attr = pattern.rpartition(".")
        assert hasattr(importlib.import_module(module_name), attr), f"{pattern} does not exist"
        return
    obj = importlib.import_module(package)
    try:
        for attr in name.split("."):
            obj = getattr(obj, attr)
        return
    except AttributeError:
        pass
    assert _defined_in_package(package, name.split(".")[0]), f"nothing in {package} defines {name}"


def _registration_facts():
    for library in LIBRARIES:
        for kind in library.kinds:
            for route in kind.routes:
                for target in route.signatures:
                    yield pytest.param(target, route.handler_keyword, route.handler_argument,
                                       id=f"{library.name}:{target}:handler={route.handler_keyword}@{route.handler_argument}")


@pytest.mark.parametrize(("target", "keyword", "position"), list(_registration_facts()))
def test_registration_takes_the_handler_there(target: str, keyword: str | None, position: int):
    parameters = _call_parameters(target)
    positional = [p for p in parameters
                  if p.kind in (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    assert position < len(positional), f"{target} takes only {len(positional)} positional arguments"
    if keyword is not None:
        assert positional[position].name == keyword, (
            f"{target}: the handler is {positional[position].name!r}, declared {keyword!r}")


def test_every_registration_names_a_real_signature():
    unchecked = [f"{library.name}:{route.registration}" for library in LIBRARIES for kind in library.kinds
                 for route in kind.routes if route.registration and not route.signatures]
    assert unchecked == []


# --------------------------------------------------------------------------- constant sources

def _borrowed_constants():
    for library in LIBRARIES:
        for source in library.constants_from:
            if source != library.name:
                yield pytest.param(library.name, source, id=f"{library.name}<-{source}")


@pytest.mark.parametrize(("library", "dependency"), list(_borrowed_constants()))
def test_borrowed_constants_come_from_a_hard_dependency(library: str, dependency: str):
    """A literal is named with another library's constant only when installing the library
    always installs that one (a requirement without an extra marker)."""
    from importlib.metadata import requires

    from packaging.requirements import Requirement

    hard = {
        Requirement(line).name.lower().replace("_", "-")
        for line in requires(library) or []
        if "extra" not in (str(Requirement(line).marker) if Requirement(line).marker else "")
    }
    assert dependency.lower() in hard, f"{library} does not require {dependency}: {sorted(hard)}"


def test_every_constants_source_is_a_known_library():
    from wscc.libraries import BY_NAME

    for library in LIBRARIES:
        for source in library.constants_from:
            assert source in BY_NAME and BY_NAME[source].constants, (library.name, source)


# --------------------------------------------------------------------------- versions

def _versioned_sets():
    for library in LIBRARIES:
        for constant_set in library.constants:
            if constant_set.since is not None:
                yield pytest.param(library.name, constant_set, id=f"{library.name}:{constant_set.container}")


@pytest.mark.parametrize(("distribution", "constant_set"), list(_versioned_sets()))
def test_recorded_first_releases_are_not_newer_than_the_installed_one(distribution: str, constant_set: ConstantSet):
    """``since``/``member_since`` name real, ordered releases: the installed release (which
    has every member, see above) is not older than any of them."""
    from importlib.metadata import version

    from packaging.version import Version

    installed = Version(version(distribution))
    since = Version(constant_set.since)
    assert since <= installed
    for member, first in constant_set.member_since.items():
        assert member in constant_set.members
        assert since <= Version(first) <= installed, (member, first)
