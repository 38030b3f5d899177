"""wscc.project.cache on real files and real processes: round trips, keys, corrupt and
other-version entries, folders that cannot be written, and several processes at once."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from wscc.project.cache import CACHE_DIR, MAGIC, RACY_SECONDS, SummaryCache, key_for_bytes, key_for_stat

VERSION = "0.1.0+summary1"


def entries(root: Path) -> list[Path]:
    """The entry files (not the .gitignore, the tag, or temporary files)."""
    return sorted(p for p in (root / CACHE_DIR).glob("??/*") if not p.name.startswith(".tmp-"))


def entry_file(root: Path, relative: str) -> Path:
    """Where the module docstring says the entry of ``root/relative`` is."""
    digest = hashlib.sha1(relative.encode()).hexdigest()
    return root / CACHE_DIR / digest[:2] / digest[2:]


def module(root: Path, name: str, text: str = "x = 1\n") -> str:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return str(path)


def test_round_trip_and_what_is_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hub = module(tmp_path, "app/hub.py")
    views = module(tmp_path, "app/views.py")
    cache = SummaryCache(tmp_path, VERSION)
    key = key_for_bytes(b"x = 1\n")
    assert cache.get(hub, key) is None
    assert not (tmp_path / CACHE_DIR).exists()  # a read creates nothing
    assert cache.put(hub, key, b"summary of hub") is True
    assert cache.put(views, key, b"") is True
    assert cache.get(hub, key) == b"summary of hub"
    assert cache.get(views, key) == b""
    assert cache.get(hub, key_for_bytes(b"x = 2\n")) is None  # another content
    assert cache.get(module(tmp_path, "app/other.py"), key) is None  # another file
    # a new cache on the same root (the next run) sees it; the same file spelt otherwise too
    monkeypatch.chdir(tmp_path / "app")
    again = SummaryCache(str(tmp_path), VERSION)
    assert again.get("hub.py", key) == again.get("../app/./hub.py", key) == b"summary of hub"
    # one entry per module, replaced in place when its content changes
    assert len(entries(tmp_path)) == 2
    assert again.put("hub.py", key_for_bytes(b"x = 2\n"), b"new summary")
    assert len(entries(tmp_path)) == 2
    assert cache.get(hub, key) is None and cache.get(hub, key_for_bytes(b"x = 2\n")) == b"new summary"
    assert (tmp_path / CACHE_DIR / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (tmp_path / CACHE_DIR / "CACHEDIR.TAG").read_bytes().startswith(
        b"Signature: 8a477f597d28d172789f06886806bc55")
    # the documented format
    entry = entry_file(tmp_path, "app/views.py")
    assert entry.read_bytes() == MAGIC + f'["{VERSION}", "app/views.py", "{key}", 0, 0]\n'.encode()


def test_storing_what_is_stored_writes_nothing(tmp_path: Path) -> None:
    hub = module(tmp_path, "hub.py")
    cache = SummaryCache(tmp_path, VERSION)
    assert cache.put(hub, "k", b"summary")
    (entry,) = entries(tmp_path)
    first = os.stat(entry)
    assert SummaryCache(tmp_path, VERSION).put(hub, "k", b"summary")
    # not replaced (a replacement's temporary file is created while the entry exists,
    # so it cannot have the entry's inode)
    assert os.stat(entry).st_ino == first.st_ino
    for key, payload in (("k", b"summary!"), ("k2", b"summary"), ("k2", b"summary")):
        assert cache.put(hub, key, payload) and cache.get(hub, key) == payload
    assert SummaryCache(tmp_path, "other version").put(hub, "k2", b"summary")
    assert cache.get(hub, "k2") is None


def test_a_payload_with_any_bytes_and_a_path_outside_the_root(tmp_path: Path) -> None:
    payload = bytes(range(256)) * 300 + b"\n\r\x00"
    outside = module(tmp_path, "elsewhere/mod.py")
    cache = SummaryCache(tmp_path / "proj", VERSION)
    (tmp_path / "proj").mkdir()
    assert cache.put(outside, "k", payload) and cache.get(outside, "k") == payload
    assert str(tmp_path / "elsewhere" / "mod.py") in next(iter(entries(tmp_path / "proj"))).read_bytes().decode(
        "ascii", "replace")


def test_git_ignores_the_cache(tmp_path: Path) -> None:
    git = shutil.which("git")
    assert git, "git is needed to check the cache's .gitignore"
    subprocess.run([git, "init", "-q", str(tmp_path)], check=True, timeout=60)
    hub = module(tmp_path, "hub.py")
    assert SummaryCache(tmp_path, VERSION).put(hub, "k", b"summary")
    status = subprocess.run([git, "status", "--porcelain", "--untracked-files=all"], cwd=tmp_path,
                            capture_output=True, text=True, check=True, timeout=60).stdout
    assert status == "?? hub.py\n"


def test_keys(tmp_path: Path) -> None:
    assert key_for_bytes(b"a") == key_for_bytes(b"a") != key_for_bytes(b"b")
    assert key_for_bytes(b"").startswith("sha1:")
    path = module(tmp_path, "mod.py", "x = 1\n")
    # just written: no stat key yet (a second write in the same clock tick could go unseen)
    assert key_for_stat(path) is None
    past = time.time() - 10 * RACY_SECONDS
    os.utime(path, (past, past))
    first = key_for_stat(path)
    assert first is not None and first == key_for_stat(path) == key_for_stat(os.stat(path))
    assert key_for_stat(path, now=past + RACY_SECONDS / 2) is None
    # a rewrite of the same size, dated back to the very same mtime, still changes the key
    # (ctime; an editor's save-by-rename also changes the inode)
    time.sleep(0.01)
    with open(path, "w") as handle:
        handle.write("x = 2\n")
    os.utime(path, (past, past))
    second = key_for_stat(path)
    assert second is not None and second != first
    os.replace(module(tmp_path, "new.py", "x = 3\n"), path)
    os.utime(path, (past, past))
    assert key_for_stat(path) not in (None, first, second)
    assert key_for_stat(tmp_path / "missing.py") is None
    assert key_for_stat(tmp_path) is None  # a folder
    assert key_for_stat(str(tmp_path / "mod.py\x00")) is None


@pytest.mark.parametrize("damage", [
    "empty", "truncated", "flipped payload byte", "flipped header byte", "garbage", "no header line",
    "header not a list", "header too short", "header not json", "header not utf-8", "wrong size",
])
def test_a_corrupt_entry_is_a_miss_and_is_replaced(tmp_path: Path, damage: str) -> None:
    hub = module(tmp_path, "hub.py")
    cache = SummaryCache(tmp_path, VERSION)
    payload = b"summary " * 100
    assert cache.put(hub, "k", payload)
    (entry,) = entries(tmp_path)
    data = entry.read_bytes()
    header_end = data.index(b"\n", len(MAGIC)) + 1
    damaged = {
        "empty": b"",
        "truncated": data[:-7],
        "flipped payload byte": data[:-1] + bytes([data[-1] ^ 1]),
        "flipped header byte": data.replace(b'"hub.py"', b'"hub.pz"'),
        "garbage": os.urandom(len(data)),
        "no header line": MAGIC + b'["x"',
        "header not a list": MAGIC + b'{"a": 1}\n' + payload,
        "header too short": MAGIC + f'["{VERSION}", "hub.py", "k", {len(payload)}]\n'.encode() + payload,
        "header not json": MAGIC + b"[1, 2,\n" + payload,
        "header not utf-8": MAGIC + b"[\xff\xfe]\n" + payload,
        "wrong size": data[:header_end] + payload + b"extra",
    }[damage]
    assert damaged != data
    entry.write_bytes(damaged)
    assert SummaryCache(tmp_path, VERSION).get(hub, "k") is None
    rebuilt = SummaryCache(tmp_path, VERSION)
    assert rebuilt.put(hub, "k", payload) and rebuilt.get(hub, "k") == payload
    assert entry.read_bytes() == data


def test_a_valid_entry_is_accepted_only_whole(tmp_path: Path) -> None:
    """The checks above are not vacuous: an entry written by hand in the documented
    format is accepted, and each field in turn makes it a miss."""
    hub = module(tmp_path, "hub.py")
    cache = SummaryCache(tmp_path, VERSION)
    assert cache.put(hub, "k", b"old")
    (entry,) = entries(tmp_path)

    def write(version=VERSION, name="hub.py", key="k", payload=b"summary", size=None, crc=None) -> bytes | None:
        size = len(payload) if size is None else size
        crc = zlib.crc32(payload) if crc is None else crc
        entry.write_bytes(MAGIC + f'["{version}", "{name}", "{key}", {size}, {crc}]\n'.encode() + payload)
        return cache.get(hub, "k")

    assert write() == b"summary"
    assert write(version="0.0.9") is None
    assert write(name="other.py") is None
    assert write(key="k2") is None
    assert write(size=6) is None
    assert write(crc=1) is None


def test_another_version_is_a_miss_and_is_replaced(tmp_path: Path) -> None:
    hub = module(tmp_path, "hub.py")
    old, new = SummaryCache(tmp_path, "0.1.0"), SummaryCache(tmp_path, "0.2.0")
    assert old.put(hub, "k", b"old format")
    assert new.get(hub, "k") is None
    assert new.put(hub, "k", b"new format") and new.get(hub, "k") == b"new format"
    assert old.get(hub, "k") is None
    assert len(entries(tmp_path)) == 1


def test_switched_off_it_touches_nothing(tmp_path: Path) -> None:
    hub = module(tmp_path, "hub.py")
    assert SummaryCache(tmp_path, VERSION).put(hub, "k", b"summary")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    off = SummaryCache(tmp_path, VERSION, enabled=False)
    assert off.get(hub, "k") is None
    assert off.put(hub, "k", b"other") is False
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    assert SummaryCache(tmp_path, VERSION).get(hub, "k") == b"summary"
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    assert SummaryCache(fresh, VERSION, enabled=False).put(hub, "k", b"x") is False
    assert list(fresh.iterdir()) == []


def assert_never_caches(cache: SummaryCache, path: str) -> None:
    for _ in range(3):
        assert cache.put(path, "k", b"summary") is False
        assert cache.get(path, "k") is None


def test_a_file_where_the_cache_folder_should_be(tmp_path: Path) -> None:
    hub = module(tmp_path, "hub.py")
    (tmp_path / CACHE_DIR).write_text("not a folder")
    assert_never_caches(SummaryCache(tmp_path, VERSION), hub)
    assert (tmp_path / CACHE_DIR).read_text() == "not a folder"


def test_a_root_under_a_file_or_missing_is_never_created(tmp_path: Path) -> None:
    hub = module(tmp_path, "hub.py")
    assert_never_caches(SummaryCache(tmp_path / "hub.py" / "below", VERSION), hub)
    assert_never_caches(SummaryCache(tmp_path / "missing", VERSION), hub)
    assert not (tmp_path / "missing").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hub.py"]


def test_a_folder_that_refuses_new_entries(tmp_path: Path) -> None:
    """A shard folder that cannot be made (a file in its place): no exception, no
    half-written files, and the cache stops trying for the rest of the run."""
    hub = module(tmp_path, "hub.py")
    cache = SummaryCache(tmp_path, VERSION)
    assert cache.put(hub, "k", b"summary")
    (entry,) = entries(tmp_path)
    shutil.rmtree(entry.parent)
    entry.parent.write_text("in the way")
    assert cache.put(hub, "k", b"summary") is False
    assert SummaryCache(tmp_path, VERSION).put(hub, "k", b"summary") is False
    assert cache.get(hub, "k") is None
    assert not list((tmp_path / CACHE_DIR).glob("**/.tmp-*"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is Linux's")
def test_a_folder_where_nothing_can_be_created(tmp_path: Path) -> None:
    """/proc refuses new folders even to root (the tests may run as root, whom chmod does
    not stop)."""
    with pytest.raises(OSError):
        os.mkdir(os.path.join("/proc", CACHE_DIR))
    assert_never_caches(SummaryCache("/proc", VERSION), module(tmp_path, "hub.py"))


# -- several processes -----------------------------------------------------------------

CONTEXT = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
PATHS = [f"app/mod{i}.py" for i in range(4)]


def payload_for(path: str, key: str) -> bytes:
    """A large payload that says which (path, key) it belongs to, everywhere in it."""
    return (f"{path}|{key}|".encode() * 20000)[:300_000]


def whole_entry(data: bytes) -> str | None:
    """The key of ``data`` if it is one whole entry in the documented format."""
    if not data.startswith(MAGIC) or b"\n" not in data[len(MAGIC):]:
        return None
    header, _, payload = data[len(MAGIC):].partition(b"\n")
    version, _, key, size, crc = json.loads(header)
    return key if version == VERSION and len(payload) == size and zlib.crc32(payload) == crc else None


def same_entry_worker(root: str, rounds: int, start, errors) -> None:
    """Every process rewrites the same entries, in turn with two versions of each module:
    once a put returned, the entry file is always one whole entry (read in one go, as
    ``get`` does), never a part, and a get is a miss or the right payload."""
    try:
        cache = SummaryCache(root, VERSION)
        start.wait(30)
        for round_ in range(rounds):
            for path in PATHS:
                key = f"k{round_ % 2}"
                wrote = cache.put(os.path.join(root, path), key, payload_for(path, key))
                with open(entry_file(Path(root), path), "rb") as handle:
                    on_disk = whole_entry(handle.read())
                got = cache.get(os.path.join(root, path), key)
                if not wrote or on_disk not in ("k0", "k1") or got not in (None, payload_for(path, key)):
                    errors.put(f"{path}: put {wrote}, on disk {on_disk}, get {None if got is None else len(got)}")
                    return
    except BaseException as error:  # reported to the test, which fails
        errors.put(f"{type(error).__name__}: {error}")


def mixed_key_worker(root: str, rounds: int, start, errors, me: int) -> None:
    """Processes write different versions of the same modules: a get is a miss or the
    payload of exactly the key asked for."""
    try:
        cache = SummaryCache(root, VERSION)
        start.wait(30)
        for round_ in range(rounds):
            for path in PATHS:
                cache.put(os.path.join(root, path), f"key{me}", payload_for(path, f"key{me}"))
                for other in range(3):
                    got = cache.get(os.path.join(root, path), f"key{other}")
                    if got is not None and got != payload_for(path, f"key{other}"):
                        errors.put(f"{path}: key{other} read another payload")
                        return
    except BaseException as error:
        errors.put(f"{type(error).__name__}: {error}")


def run_processes(target, args_of: list[tuple]) -> list[str]:
    start, errors = CONTEXT.Event(), CONTEXT.Queue()
    processes = [CONTEXT.Process(target=target, args=(*args[:2], start, errors, *args[2:])) for args in args_of]
    for process in processes:
        process.start()
    start.set()
    for process in processes:
        process.join(60)
    found = []
    while not errors.empty():
        found.append(errors.get(timeout=5))
    assert [p.exitcode for p in processes] == [0] * len(processes), found
    return found


def test_processes_writing_the_same_entries_at_once(tmp_path: Path) -> None:
    # the folder, the shards and the .gitignore are created by the racing processes too
    assert run_processes(same_entry_worker, [(str(tmp_path), 30)] * 3) == []
    cache = SummaryCache(tmp_path, VERSION)
    assert all(cache.get(tmp_path / path, "k1") == payload_for(path, "k1") for path in PATHS)
    assert len(entries(tmp_path)) == len(PATHS)
    assert not list((tmp_path / CACHE_DIR).glob("**/.tmp-*"))
    assert (tmp_path / CACHE_DIR / ".gitignore").read_text().splitlines()[-1] == "*"


def test_processes_writing_different_versions_at_once(tmp_path: Path) -> None:
    assert run_processes(mixed_key_worker, [(str(tmp_path), 10, me) for me in range(3)]) == []
    cache = SummaryCache(tmp_path, VERSION)
    for path in PATHS:
        hits = [key for key in ("key0", "key1", "key2") if cache.get(tmp_path / path, key) is not None]
        assert len(hits) == 1 and cache.get(tmp_path / path, hits[0]) == payload_for(path, hits[0])
    assert not list((tmp_path / CACHE_DIR).glob("**/.tmp-*"))


# --------------------------------------------------------------------------- the manifest


def _aged(*paths: Path, seconds: float = 60.0) -> None:
    """Date files back, past RACY_SECONDS, as files not edited in the last moments are."""
    past = time.time() - seconds
    for path in paths:
        os.utime(path, (past, past))


def _project_with_a_hub(root: Path) -> dict[str, Path]:
    (root / "pyproject.toml").write_text("[project]\nname = 'demo'\nversion = '0'\n")
    (root / "app").mkdir()
    files = {
        "init": root / "app" / "__init__.py",
        "hub": root / "app" / "hub.py",
        "views": root / "app" / "views.py",
        "plain": root / "app" / "plain.py",
    }
    files["init"].write_text("")
    files["hub"].write_text("from fastapi import WebSocket\n\n\nasync def drop(ws: WebSocket, code: int):\n"
                            "    await ws.close(code=code)\n")
    files["views"].write_text("from app.hub import drop\n\n\nasync def view(ws):\n    await drop(ws, 1006)\n")
    files["plain"].write_text("import json\n\nVALUE = json.dumps(1)\n")
    _aged(*files.values())
    return files


WALKS: list[str] = []
#: The folders each ``_run`` listed (``os.scandir``), in order.
LISTED: list[str] = []


def _count_listings(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on (until ``monkeypatch.undo``), each folder listed goes to ``LISTED``."""
    scandir = os.scandir

    def listing(folder="."):
        LISTED.append(os.path.relpath(os.fspath(folder), root))
        return scandir(folder)

    LISTED.clear()
    monkeypatch.setattr(os, "scandir", listing)


def _run(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str, target: str = ".") -> tuple[int, list[str], list[str]]:
    """``wscc`` in-process on the project, and which files the project build read (and,
    in ``WALKS``, each walk of the whole project it made)."""
    from wscc import cli
    from wscc.project import build, layout

    read: list[str] = []
    real, walk = build.read_bytes, layout.Layout.iter_modules

    def counting(path: str) -> tuple[bytes, os.stat_result]:
        read.append(os.path.relpath(path, root))
        return real(path)

    def walking(self, *args, **kwargs):
        WALKS.append(str(self.root))
        return walk(self, *args, **kwargs)

    monkeypatch.setattr(build, "read_bytes", counting)
    monkeypatch.setattr(layout.Layout, "iter_modules", walking)
    _count_listings(root, monkeypatch)
    monkeypatch.chdir(root)
    lines: list[str] = []
    monkeypatch.setattr(sys, "stdout", type("Out", (), {"write": lambda self, text: lines.append(text)})())
    code = cli.main([*args, "--format", "json", target])
    monkeypatch.undo()
    findings = [(os.path.normpath(item["path"]), item["line"], item["code"]) for item in json.loads("".join(lines))["findings"]]
    return code, sorted(read), findings


def test_an_unchanged_project_is_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _project_with_a_hub(tmp_path)
    first = _run(tmp_path, monkeypatch)
    assert first[0] == 1 and first[2] == [("app/views.py", 5, "WSC101")]
    assert first[1] == ["app/__init__.py", "app/hub.py", "app/plain.py", "app/views.py"]
    assert (tmp_path / CACHE_DIR / "manifest").is_file()
    second = _run(tmp_path, monkeypatch)
    # The same finding; the build read the caller of the wrapper (its summary depends on
    # other modules', so it is made again), not the hub (cached).  A run on a few files
    # follows their imports: plain.py's were not recorded (it mentions no module that
    # offers anything), so it is read once for them.
    assert second[0] == 1 and second[2] == first[2] and second[1] == ["app/plain.py", "app/views.py"]
    third = _run(tmp_path, monkeypatch)
    assert third[2] == first[2] and third[1] == ["app/views.py"]


def test_a_tree_is_read_again_only_when_a_new_module_offers_something(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A whole-tree run records no imports for a module that mentions no module offering
    anything (``Screen``), and does not read it again while no other module comes to offer
    something.  One that does (``app/beacon.py`` below, new) makes the next run screen
    them all again: an unchanged module may import it."""
    from wscc.project.build import DEMAND_LIMIT

    _project_with_a_hub(tmp_path)
    (tmp_path / "app" / "sub").mkdir()
    for number in range(DEMAND_LIMIT):  # a tree, not a few files: the whole project is indexed
        (tmp_path / "app" / "sub" / f"plain_{number}.py").write_text("import json\n")
    waiting = tmp_path / "app" / "sub" / "waiting.py"
    waiting.write_text("from app import beacon\n\n\nasync def f(ws):\n    await beacon.shut(ws, 1006)\n")
    _aged(*tmp_path.rglob("*"), tmp_path)
    first = _run(tmp_path, monkeypatch)
    assert len(first[1]) == DEMAND_LIMIT + 5 and first[2] == [("app/views.py", 5, "WSC101")]
    assert _run(tmp_path, monkeypatch)[1] == ["app/views.py"]  # the caller, summarized again
    (tmp_path / "app" / "beacon.py").write_text("from fastapi import WebSocket\n\n\n"
                                                "async def shut(ws: WebSocket, code: int):\n"
                                                "    await ws.close(code=code)\n")
    _aged(tmp_path / "app" / "beacon.py", tmp_path / "app")
    code, read, findings = _run(tmp_path, monkeypatch)
    assert ("app/sub/waiting.py", 5, "WSC101") in findings
    assert "app/sub/plain_0.py" in read and "app/sub/waiting.py" in read
    assert _run(tmp_path, monkeypatch)[1] == ["app/sub/waiting.py", "app/views.py"]


def test_a_changed_file_is_read_again_and_its_findings_follow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _project_with_a_hub(tmp_path)
    _run(tmp_path, monkeypatch)
    files["plain"].write_text("from app.hub import drop\n\n\nasync def other(ws):\n    await drop(ws, 4000)\n"
                              "    await drop(ws, 1005)\n")
    _aged(files["plain"], seconds=30)
    code, read, findings = _run(tmp_path, monkeypatch)
    assert read == ["app/plain.py", "app/views.py"]
    assert ("app/plain.py", 6, "WSC101") in findings and ("app/views.py", 5, "WSC101") in findings


def test_a_file_written_moments_ago_is_never_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _project_with_a_hub(tmp_path)
    files["plain"].write_text("import json\n")  # now: within RACY_SECONDS
    _run(tmp_path, monkeypatch)
    assert _run(tmp_path, monkeypatch)[1] == ["app/plain.py", "app/views.py"]


@pytest.mark.parametrize("damage", ["truncate", "garbage", "other-version", "flip-a-byte"])
def test_a_damaged_manifest_is_rebuilt_silently(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    _project_with_a_hub(tmp_path)
    first = _run(tmp_path, monkeypatch)
    manifest = tmp_path / CACHE_DIR / "manifest"
    data = manifest.read_bytes()
    damaged = {
        "truncate": data[: len(data) // 2],
        "garbage": b"\x00\xff not a manifest",
        "other-version": data.replace(b"wscc ", b"wscc 0.0.0-other ", 1),
        "flip-a-byte": data[:-3] + bytes([data[-3] ^ 1]) + data[-2:],
    }[damage]
    manifest.write_bytes(damaged)
    again = _run(tmp_path, monkeypatch)
    assert again[2] == first[2] and again[1] == first[1]  # everything read again, same findings
    # The rebuilt manifest is trusted: the hub is not read again (plain.py is, once, for
    # the imports a whole-tree build does not record: test_an_unchanged_project_is_not_read_again).
    assert _run(tmp_path, monkeypatch)[1] == ["app/plain.py", "app/views.py"]


def test_a_module_that_changes_its_name_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same file, unchanged, is another module when the layout changes (its summary,
    its relative imports, what imports it): it is read again."""
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'demo'\nversion = '0'\n")
    app = tmp_path / "src" / "app"
    app.mkdir(parents=True)
    (tmp_path / "src" / "__init__.py").write_text("")  # ``src`` is a package: modules ``src.app.*``
    (app / "__init__.py").write_text("")
    (app / "hub.py").write_text("from fastapi import WebSocket\n\n\nasync def drop(ws: WebSocket, code: int):\n"
                                "    await ws.close(code=code)\n")
    (app / "views.py").write_text("from app.hub import drop\n\n\nasync def view(ws):\n    await drop(ws, 1006)\n")
    _aged(*tmp_path.rglob("*.py"))
    assert _run(tmp_path, monkeypatch)[2] == []  # ``app.hub`` is no module of this layout
    (tmp_path / "src" / "__init__.py").unlink()  # a src layout: the same files are ``app.*`` now
    code, read, findings = _run(tmp_path, monkeypatch)
    assert read == ["src/app/__init__.py", "src/app/hub.py", "src/app/views.py"]
    assert findings == [("src/app/views.py", 5, "WSC101")]


def test_no_cache_means_no_manifest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _project_with_a_hub(tmp_path)
    _run(tmp_path, monkeypatch, "--no-cache")
    assert not (tmp_path / CACHE_DIR).exists()
    assert len(_run(tmp_path, monkeypatch, "--no-cache")[1]) == 4


def test_one_file_reads_what_it_imports_not_the_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``wscc app/views.py`` (pre-commit after an edit): once a run has walked the whole
    project (the first one does), the index holds what the file's imports reach, to a
    fixed point (a wrapper of a wrapper in a third module), and what the manifest knows
    can send; it never reads the modules nothing imports.  The findings are those of a
    run on the whole tree."""
    files = _project_with_a_hub(tmp_path)
    files["views"].write_text("from app.relay import relay\n\n\nasync def view(ws):\n    await relay(ws, 1006)\n")
    (tmp_path / "app" / "relay.py").write_text("from app import hub\n\n\nasync def relay(ws, code):\n"
                                               "    await hub.drop(ws, code)\n")
    for number in range(20):
        (tmp_path / "app" / f"unrelated_{number}.py").write_text("import json\n")
    _aged(*tmp_path.rglob("*.py"))
    WALKS.clear()
    code, read, findings = _run(tmp_path, monkeypatch, target="app/views.py")
    assert findings == [("app/views.py", 5, "WSC101")]
    assert len(read) == 25 and len(WALKS) == 1  # no manifest yet: the whole project, once
    code, read, again = _run(tmp_path, monkeypatch, target="app/views.py")
    assert again == findings and len(WALKS) == 1  # no walk
    assert read == ["app/relay.py", "app/views.py"]  # the callers, summarized again; the hub is cached
    files["hub"].write_text(files["hub"].read_text() + "\n")  # an edit to the hub alone
    _aged(files["hub"], seconds=30)
    code, read, again = _run(tmp_path, monkeypatch, target="app/views.py")
    assert again == findings and read == ["app/hub.py", "app/relay.py", "app/views.py"]
    assert _run(tmp_path, monkeypatch)[2] == findings  # the whole tree: the same finding


def test_a_manifest_missing_a_module_is_no_ground_for_an_index_on_demand(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A module written moments before the walk is not recorded, so the manifest does not
    know whether it sends (an implementation of an interface nothing imports, say): the
    next run on one file walks the project again."""
    files = _project_with_a_hub(tmp_path)
    (tmp_path / "app" / "fresh.py").write_text("import json\n")  # racy: never recorded
    WALKS.clear()
    _run(tmp_path, monkeypatch)
    _run(tmp_path, monkeypatch, target=str(files["views"].relative_to(tmp_path)))
    assert len(WALKS) == 2
    _aged(tmp_path / "app" / "fresh.py")
    _run(tmp_path, monkeypatch)  # now recorded: complete
    _run(tmp_path, monkeypatch, target=str(files["views"].relative_to(tmp_path)))
    assert len(WALKS) == 3


def test_a_tree_of_many_files_is_indexed_even_if_none_imports_another(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Past ``DEMAND_LIMIT`` files, whether any of them uses the project is not asked file
    by file (that read every file twice): the build reads them once and the manifest
    spares the next run."""
    from wscc.project.build import DEMAND_LIMIT

    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'demo'\nversion = '0'\n")
    for number in range(DEMAND_LIMIT + 1):
        (tmp_path / f"plain_{number}.py").write_text("import json\n")
    _aged(*tmp_path.glob("*.py"))
    assert len(_run(tmp_path, monkeypatch)[1]) == DEMAND_LIMIT + 1
    assert (tmp_path / CACHE_DIR / "manifest").is_file()
    assert _run(tmp_path, monkeypatch)[1] == []


def test_an_unchanged_tree_is_not_listed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``wscc .`` on a project whose folders have not changed since the last run: no
    folder is listed (a ``stat`` each tells); a file added, a folder added, a file
    removed or another exclusion each make the next run walk again, with what changed."""
    from wscc.project.build import DEMAND_LIMIT

    files = _project_with_a_hub(tmp_path)
    (tmp_path / "app" / "sub").mkdir()
    (tmp_path / "app" / "sub" / "__init__.py").write_text("")
    for number in range(DEMAND_LIMIT):  # a tree, not a few files: nothing is asked file by file
        (tmp_path / "app" / "sub" / f"plain_{number}.py").write_text("import json\n")
    _aged(*tmp_path.rglob("*"), tmp_path)
    first = _run(tmp_path, monkeypatch)
    assert "app" in LISTED
    _aged(tmp_path)  # the first run made .wscc_cache/ in it
    _run(tmp_path, monkeypatch)
    assert (tmp_path / CACHE_DIR / "tree").is_file()
    second = _run(tmp_path, monkeypatch)
    # Only the packages an import of the hub is resolved in are listed, not the tree.
    assert set(LISTED) <= {".", "app"} and second[2] == first[2] == [("app/views.py", 5, "WSC101")]

    (tmp_path / "app" / "late.py").write_text("from app.hub import drop\n\n\nasync def f(ws):\n"
                                              "    await drop(ws, 1005)\n")
    _aged(tmp_path / "app" / "late.py", tmp_path / "app")
    assert ("app/late.py", 5, "WSC101") in _run(tmp_path, monkeypatch)[2]  # a file added
    assert "app/sub" in LISTED and _run(tmp_path, monkeypatch)[2] and "app/sub" not in LISTED

    (tmp_path / "app" / "new").mkdir()
    (tmp_path / "app" / "new" / "more.py").write_text("from app.hub import drop\n\n\nasync def g(ws):\n"
                                                      "    await drop(ws, 1015)\n")
    _aged(tmp_path / "app" / "new" / "more.py", tmp_path / "app" / "new", tmp_path / "app")
    assert ("app/new/more.py", 5, "WSC101") in _run(tmp_path, monkeypatch)[2]  # a folder added

    files["views"].unlink()
    _aged(tmp_path / "app")
    assert ("app/views.py", 5, "WSC101") not in _run(tmp_path, monkeypatch)[2]  # a file removed

    (tmp_path / "pyproject.toml").write_text(
        (tmp_path / "pyproject.toml").read_text() + "\n[tool.wscc]\nextend-exclude = ['app/new']\n")
    found = _run(tmp_path, monkeypatch)[2]
    assert "app/sub" in LISTED and ("app/new/more.py", 5, "WSC101") not in found  # other exclusions: walked again


def _remembered_tree(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hub project with a folder of more plain modules than ``DEMAND_LIMIT`` (a tree,
    not a few files), run twice so that its walk is remembered (the first run makes
    ``.wscc_cache/`` in the root, which changes the root's time)."""
    from wscc.project.build import DEMAND_LIMIT

    _project_with_a_hub(root)
    (root / "app" / "sub").mkdir()
    for number in range(DEMAND_LIMIT):
        (root / "app" / "sub" / f"plain_{number}.py").write_text("import json\n")
    _aged(*root.rglob("*"), root)
    _run(root, monkeypatch)
    _aged(root)
    _run(root, monkeypatch)


def test_a_damaged_or_racy_tree_snapshot_means_a_walk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _remembered_tree(tmp_path, monkeypatch)
    tree = tmp_path / CACHE_DIR / "tree"
    tree.write_bytes(tree.read_bytes()[:-5])
    assert _run(tmp_path, monkeypatch)[2] == [("app/views.py", 5, "WSC101")] and "app/sub" in LISTED
    assert _run(tmp_path, monkeypatch)[2] == [("app/views.py", 5, "WSC101")]
    assert "app/sub" not in LISTED  # rewritten whole
    (tmp_path / "app" / "sub" / "fresh.py").write_text("import json\n")  # app/sub changed moments ago
    _run(tmp_path, monkeypatch)
    _run(tmp_path, monkeypatch)
    assert "app/sub" in LISTED  # nothing remembered of a tree that was still changing


def test_wscc_fix_takes_the_same_remembered_walk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wscc.fix import cli as fix_cli

    _remembered_tree(tmp_path, monkeypatch)
    listed: list[str] = []
    scandir = os.scandir
    monkeypatch.setattr(os, "scandir", lambda folder=".": listed.append(os.fspath(folder)) or scandir(folder))
    monkeypatch.chdir(tmp_path)
    assert fix_cli.main(["--check", "."]) == 0  # nothing to name: the hub has no default, 1006 is an error
    assert not any(folder.endswith("sub") for folder in listed)


def _plugin_run(root: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int, str]]:
    """The flake8 plugin in-process on every module of the project, as one flake8 worker
    process sees them (one class state, one index); which folders it listed go to LISTED."""
    import ast

    from wscc.flake8_plugin import Plugin as plugin

    modules = [path for path in sorted(root.rglob("*.py")) if CACHE_DIR not in path.parts]
    _count_listings(root, monkeypatch)
    monkeypatch.chdir(root)
    monkeypatch.setattr(plugin, "follow_imports", True)
    monkeypatch.setattr(plugin, "project_root", None)
    monkeypatch.setattr(plugin, "cache", True)
    monkeypatch.setattr(plugin, "roots", None)  # a new flake8 process
    monkeypatch.setattr(plugin, "projects", {})
    found = []
    for path in modules:
        name = str(path.relative_to(root))
        lines = path.read_text().splitlines(keepends=True)
        for line, _col, text, _type in plugin(ast.parse("".join(lines)), lines, name).run():
            found.append((name, line, text.split()[0]))
    monkeypatch.undo()
    return found


def test_the_flake8_plugin_remembers_its_walk_of_the_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """flake8 hands the plugin one file at a time, so the index build walks the project
    itself: that walk is remembered (``.wscc_cache/tree-index``) and, while no folder has
    changed, not made again; a file added is found."""
    from wscc.project.build import DEMAND_LIMIT

    _project_with_a_hub(tmp_path)
    (tmp_path / "app" / "sub").mkdir()
    for number in range(DEMAND_LIMIT):
        (tmp_path / "app" / "sub" / f"plain_{number}.py").write_text("import json\n")
    _aged(*tmp_path.rglob("*"), tmp_path)
    first = _plugin_run(tmp_path, monkeypatch)
    assert first == [("app/views.py", 5, "WSC101")] and "app/sub" in LISTED
    assert (tmp_path / CACHE_DIR / "tree-index").is_file()
    _aged(tmp_path)  # the first run made .wscc_cache/ in it
    _plugin_run(tmp_path, monkeypatch)  # records the walk with the root dated back
    assert _plugin_run(tmp_path, monkeypatch) == first and "app/sub" not in LISTED

    (tmp_path / "app" / "sub" / "late.py").write_text("from app.hub import drop\n\n\nasync def f(ws):\n"
                                                      "    await drop(ws, 1005)\n")
    _aged(tmp_path / "app" / "sub" / "late.py", tmp_path / "app" / "sub")
    assert ("app/sub/late.py", 5, "WSC101") in _plugin_run(tmp_path, monkeypatch) and "app/sub" in LISTED


def test_content_keys_are_sha1_digests_whichever_module_computes_them() -> None:
    """Keys written by one Python (CPython's ``_sha1``) are read by another (``hashlib``):
    the same digest, so a cache survives a change of interpreter build."""
    import hashlib

    for data in (b"", b"x = 1\n", "h\u00e9llo".encode() * 1000):
        assert key_for_bytes(data) == "sha1:" + hashlib.sha1(data).hexdigest()
