"""The constants' version data (``ConstantSet.since``/``member_since``) against the real
releases on PyPI: each recorded release has the name, the release before it does not.

Each release's sdist is downloaded and read with ``ast`` (tests/release_names.py says
how a name is found), never built: old compiled releases do not build on today's Python.
A member counts only with the value wscc lists for it (where the source assigns a literal).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from wscc.libraries import LIBRARIES
from wscc.floors import required_version

sys.path.insert(0, str(Path(__file__).parent))
import release_names  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.network]

#: (library, constant set, container, member or None for the container, recorded first release).
FACTS = [
    (library, constant_set, constant_set.container, None, constant_set.since)
    for library in LIBRARIES for constant_set in library.constants if constant_set.since
] + [
    (library, constant_set, constant_set.container, member, since)
    for library in LIBRARIES for constant_set in library.constants
    for member, since in constant_set.member_since.items()
] + [
    (library, constant_set, alias, None, since)
    for library in LIBRARIES for constant_set in library.constants
    for alias, since in constant_set.alias_since.items()
]


def _present(library, constant_set, container, member, version: str) -> bool:
    root = release_names.source(library.name, version)
    is_module = release_names.container_is_module(constant_set)
    if member is None:
        return release_names.has_container(root, container, is_module)
    # With the value wscc lists: a name that meant another code before counts as absent.
    return release_names.has_member(root, container, is_module, member, constant_set.members[member])


@pytest.fixture(scope="module", autouse=True)
def _releases_fetched_at_once():
    """Fetch every release the facts name (each recorded first release and the one before
    it) four at a time before the tests read them one by one: each fetch is mostly waiting
    for PyPI and pip's own start-up, and a clean machine has none cached.  A release that
    cannot be fetched is left to the test that needs it, which then fails."""
    from concurrent.futures import ThreadPoolExecutor

    def ignoring_failure(function, *args):
        try:
            return function(*args)
        except Exception:  # noqa: BLE001 - the test that needs it reports it
            return None

    names = sorted({library.name for library, *_ in FACTS})
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda name: ignoring_failure(release_names.versions, name), names))
        wanted = {(library.name, since) for library, _cs, _container, _member, since in FACTS}
        wanted |= {(name, previous) for name, since in list(wanted)
                   if (previous := ignoring_failure(release_names.previous_release, name, since))}
        list(pool.map(lambda pair: ignoring_failure(release_names.source, *pair), sorted(wanted)))


def test_there_are_version_facts():
    assert len(FACTS) >= 5


@pytest.mark.parametrize(("library", "constant_set", "container", "member", "since"), FACTS,
                         ids=[f"{f[2]}.{f[3] or ''}@{f[4]}" for f in FACTS])
def test_a_recorded_first_release_is_the_first(library, constant_set, container, member, since):
    """The release before must be read too: one that cannot be downloaded fails the test
    (``release_names.source`` raises), never counts as not having the name."""
    assert _present(library, constant_set, container, member, since)
    previous = release_names.previous_release(library.name, since)
    if previous is not None:
        assert not _present(library, constant_set, container, member, previous), previous


@pytest.mark.parametrize("constant_set", [cs for library in LIBRARIES for cs in library.constants if cs.since],
                         ids=lambda cs: cs.container)
def test_every_member_not_listed_as_later_is_in_the_first_release(constant_set):
    library = next(lib for lib in LIBRARIES if constant_set in lib.constants)
    root = release_names.source(library.name, constant_set.since)
    is_module = release_names.container_is_module(constant_set)
    missing = [m for m, value in constant_set.members.items() if m not in constant_set.member_since
               and not release_names.has_member(root, constant_set.container, is_module, m, value)]
    assert missing == []


def test_the_fastapi_websocket_rpc_layout_at_websockets_10_3(tmp_path: Path):
    """``websockets>=10.3`` and ``import websockets`` inside ``try/except ImportError``:
    nothing is rewritten, the module still imports with the real 10.3, and the import the
    old fixer added there does not exist in 10.3."""
    root = release_names.source("websockets", "10.3")
    src = next(root.glob("*/src"), root)  # an sdist's src/ folder, or the wheel's root
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "rpc"\ndependencies = ["websockets>=10.3"]\n')
    module = tmp_path / "rpc.py"
    module.write_text(
        "try:\n    import websockets\nexcept ImportError:\n    websockets = None\n\n\n"
        "async def stop(ws: websockets.WebSocketClientProtocol):\n    await ws.close(code=1008)\n")
    before = module.read_text()
    fixed = subprocess.run([sys.executable, "-m", "wscc.fix", "rpc.py"], cwd=tmp_path, capture_output=True,
                           text=True, timeout=120)
    assert module.read_text() == before, fixed.stderr
    env_path = f"{src}{':' + str(tmp_path)}"
    check = ("import websockets, rpc\nassert websockets.__version__ == '10.3', websockets.__version__\n"
             "assert rpc.websockets is websockets\n"
             "try:\n    from websockets.frames import CloseCode\nexcept ImportError:\n    pass\n"
             "else:\n    raise AssertionError('CloseCode exists in 10.3')\n")
    done = subprocess.run([sys.executable, "-c", f"import sys; sys.path[:0] = {env_path.split(':')!r}\n" + check],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert required_version(next(cs for lib in LIBRARIES if lib.name == "websockets" for cs in lib.constants),
                            "POLICY_VIOLATION") == "12.0"
