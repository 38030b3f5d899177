"""Which files ``wscc`` and ``wscc-fix`` see: ``wscc.files.iter_python_files``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from wscc.files import PathProblem, iter_python_files, read_bytes


def touch(path: Path, text: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def walk(*paths, is_excluded=lambda path: False) -> list[str]:
    return [str(item) if isinstance(item, PathProblem) else item for item in iter_python_files(paths, is_excluded)]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ["b.py", "a.py", "notes.txt", "pkg/z.py", "pkg/sub/y.py", "pkg/m.py", "c/x.py"]:
        touch(tmp_path / "project" / name)
    return tmp_path / "project"


def test_files_come_sorted_each_folder_before_its_subfolders(tree):
    assert walk("project") == [
        "project/a.py", "project/b.py", "project/c/x.py",
        "project/pkg/m.py", "project/pkg/z.py", "project/pkg/sub/y.py",
    ]


def test_a_file_reached_twice_is_checked_once(tree):
    assert walk("project/", "project/a.py", "./project/pkg")[:2] == ["project/a.py", "project/b.py"]
    assert len(walk("project/", "project/a.py", "./project/pkg")) == 6
    os.symlink("a.py", tree / "alias.py")
    assert "project/alias.py" not in walk("project")


def test_tool_folders_and_virtualenvs_are_skipped(tree):
    for folder in [".git", "__pycache__", "node_modules", "build", "thing.egg-info", "site-packages"]:
        touch(tree / folder / "hidden.py")
    touch(tree / "env" / "pyvenv.cfg")
    touch(tree / "env" / "lib" / "mod.py")
    found = walk("project")
    assert not any("hidden.py" in path or "mod.py" in path for path in found), found
    # A virtualenv named on the command line is what the user asked for.
    assert walk("project/env") == ["project/env/lib/mod.py"]


def test_symlinked_folders_are_not_entered_and_broken_links_are_reported_later(tree):
    os.symlink(tree / "pkg", tree / "linked")
    os.symlink(tree / "pkg", tree / "linked_folder.py")
    os.symlink(tree / "missing.py", tree / "broken.py")
    found = walk("project")
    assert not any(path.startswith(("project/linked/", "project/linked_folder")) for path in found)
    assert "project/broken.py" in found  # reading it gives the one-line error


def test_exclusions_apply_to_folders_and_files(tree):
    found = walk("project", is_excluded=lambda path: path.endswith(("pkg", "b.py")))
    assert found == ["project/a.py", "project/c/x.py"]


def test_missing_paths_are_problems(tree):
    assert walk("nowhere", "project/c") == ["nowhere: no such file or directory", "project/c/x.py"]


@pytest.mark.parametrize("size", [0, 1, 4096, 65536, 65537, 300_000])
def test_read_bytes_reads_every_byte_and_the_metadata_before_them(tmp_path: Path, size: int) -> None:
    path = tmp_path / "module.py"
    data = os.urandom(size)
    path.write_bytes(data)
    read, info = read_bytes(str(path))
    assert read == data
    assert (info.st_size, info.st_ino) == (size, path.stat().st_ino)


def test_read_bytes_reads_a_file_whose_size_says_nothing() -> None:
    # /proc files report size 0: the read goes on to the end, as open().read() would.
    with open("/proc/self/status", "rb") as handle:
        expected = handle.read().split(b"\n")[0]
    assert read_bytes("/proc/self/status")[0].split(b"\n")[0] == expected


def test_read_bytes_on_a_folder_raises_the_error_open_would(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        read_bytes(str(tmp_path))
    with pytest.raises(FileNotFoundError):
        read_bytes(str(tmp_path / "missing.py"))
