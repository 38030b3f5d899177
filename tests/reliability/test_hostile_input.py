"""Hostile input for every front end: the flake8 plugin (real flake8), ``wscc`` and
``wscc-fix``.  A file that cannot be read or parsed is one line naming it (exit 2 for the
commands), never a traceback; nothing is written; every other file is still processed."""

from __future__ import annotations

import ast
import os
import sys
from pathlib import Path

import pytest

from wscc.detector import detect, detect_source
from wscc.files import SourceError, decode, iter_python_files, read_source

from .helpers import (
    HANDLER_TEMPLATES,
    PERMISSION_BITS_PREFIX,
    assert_no_traceback,
    lines_naming,
    run_fix,
    run_flake8,
    run_wscc,
    unintended_edits,
    write,
)

GOOD = HANDLER_TEMPLATES["websockets"].format(code=1008)
GOOD_LINE = 5  # where ``close(1008)`` is in GOOD
FIXED_NAME = "CloseCode.POLICY_VIOLATION"

#: Files that cannot be analysed.  Each mentions a WebSocket library, so no cheap text
#: gate can excuse skipping it.
BAD_INPUTS: dict[str, bytes] = {
    "syntax_error": b"import websockets\n\ndef broken(:\n    pass\n",
    "python2": b"import websocket\nprint 'closing'\nexec 'x = 1'\n",
    # PEP 695 (Python 3.12): not valid for an older interpreter.
    "newer_syntax": b"import websockets\n\ntype Alias = int\n\n\ndef first[T](items: list[T]) -> T:\n    return items[0]\n",
    "undecodable": b"import websockets\nreason = '\xff\xfe\xfa'\n",
    "unknown_cookie": b"# -*- coding: klingon -*-\nimport websockets\n",
    "wrong_cookie": b"# coding: ascii\nimport websockets\nreason = '\xc3\xa9'\n",
    "nul_bytes": b"import websockets\nx = 1\x00\n",
    "binary": bytes(range(256)) * 8 + b"websocket",
    "nested_parentheses": b"import websockets\nx = " + b"(" * 3000 + b"1" + b")" * 3000 + b"\n",
    "huge_expression": b"import websockets\nx = " + b" + ".join([b"1"] * 20_000) + b"\n",
}
if sys.version_info >= (3, 12):  # pragma: no cover - the suite's interpreter decides
    del BAD_INPUTS["newer_syntax"]

#: Files that are fine and have nothing to report.
CLEAN_INPUTS: dict[str, bytes] = {
    "empty": b"",
    "comments_only": b"# websocket.close(1006) is what we never do\n# another comment\n",
    "bom_only": b"\xef\xbb\xbf",
    "whitespace_and_form_feeds": b"\n\n\x0c\n   \n\t\n",
    "crlf_comments": b"# websocket\r\n# more\r\n",
}

FRONT_ENDS = ["flake8", "wscc", "wscc-fix"]


def _run(front_end: str, args, cwd, stdin=None, **options):
    if front_end == "wscc":
        return run_wscc(args, cwd, stdin, **options)
    if front_end == "wscc-fix":
        return run_fix(args, cwd, stdin, **options)
    return run_flake8(args, cwd, stdin, **options)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _assert_good_file_processed(front_end: str, result, folder: Path) -> None:
    """The well-formed neighbour was still checked (or rewritten)."""
    if front_end == "wscc-fix":
        fixed = (folder / "good.py").read_bytes()
        assert fixed != GOOD.encode(), result.output
        assert FIXED_NAME.encode() in fixed
        ast.parse(fixed)
    else:
        assert any("good.py" in line and "WSC201" in line for line in result.stdout.splitlines()), result.output


# ----------------------------------------------------------------------------- in-process layer


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_decode_and_parse_fail_only_with_one_line_errors(name):
    """The shared reading layer raises SourceError (or the parser a SyntaxError/
    RecursionError/ValueError the front ends translate) and nothing else."""
    data = BAD_INPUTS[name]
    try:
        text, _ = decode(data, f"{name}.py")
    except SourceError as error:
        assert "\n" not in str(error) and f"{name}.py" in str(error)
        return
    with pytest.raises((SyntaxError, RecursionError, ValueError, MemoryError)):
        detect_source(text, filename=f"{name}.py")


@pytest.mark.parametrize("name", sorted(CLEAN_INPUTS))
def test_clean_inputs_decode_and_detect_nothing(name):
    text, _ = decode(CLEAN_INPUTS[name])
    assert detect(ast.parse(text)) == []


def test_read_source_on_a_folder_and_a_missing_file_is_one_line(tmp_path):
    for path in (tmp_path, tmp_path / "missing.py"):
        with pytest.raises(SourceError) as raised:
            read_source(str(path))
        assert "\n" not in str(raised.value) and str(path) in str(raised.value)


@pytest.mark.parametrize("terms", [400, 1000, 2500])
def test_parseable_deep_expression_does_not_exhaust_the_detector(terms):
    """Python parses these long sums; the detector must analyse them, not raise."""
    source = GOOD + "\nTABLE = " + " + ".join(["1"] * terms) + "\n"
    ast.parse(source)  # the premise: valid Python for this interpreter
    assert [f.code for f in detect_source(source)] == ["WSC201"]


@pytest.mark.parametrize("code", ["2**63 + 1", "99999999999999999999999", "-9223372036854775809"])
def test_literal_beyond_64_bits_is_judged(code):
    source = GOOD.replace("1008", code)
    assert [f.code for f in detect_source(source)] == ["WSC103"]


@pytest.mark.parametrize("front_end", FRONT_ENDS)
def test_huge_literal_code_never_crashes_a_front_end(front_end, tmp_path):
    write(tmp_path / "good.py", GOOD)
    write(tmp_path / "huge_literal.py", GOOD.replace("1008", "99999999999999999999999"))
    result = _run(front_end, ["."], tmp_path)
    assert_no_traceback(result)
    _assert_good_file_processed(front_end, result, tmp_path)
    if front_end != "wscc-fix":
        assert any("huge_literal.py" in line and "WSC103" in line for line in result.stdout.splitlines())


# ----------------------------------------------------------------------------- bad files


#: All bad inputs go into one folder: one run per front end covers them all.
BATCHED_BAD = sorted(set(BAD_INPUTS) - {"huge_expression"})


@pytest.mark.parametrize("front_end", FRONT_ENDS)
def test_bad_files_are_one_line_each_and_neighbours_are_still_processed(front_end, tmp_path):
    write(tmp_path / "good.py", GOOD)
    for name in BATCHED_BAD:
        write(tmp_path / f"{name}.py", BAD_INPUTS[name])
    result = _run(front_end, ["."], tmp_path)
    assert_no_traceback(result)
    for name in BATCHED_BAD:
        assert (tmp_path / f"{name}.py").read_bytes() == BAD_INPUTS[name], f"{name}.py was written"
        named = lines_naming(result, f"{name}.py")
        if front_end == "flake8":
            # flake8 decides how it reads files (it falls back to latin-1 for bad bytes);
            # the plugin must only never crash and never report twice.
            assert len(named) <= 1, (name, result.output)
        else:
            assert len(named) == 1, (name, result.output)
    assert result.returncode == (1 if front_end == "flake8" else 2), result.output
    _assert_good_file_processed(front_end, result, tmp_path)


@pytest.mark.parametrize("front_end", [
    pytest.param("flake8", marks=pytest.mark.skip(
        reason="flake8 7 itself raises RecursionError from its own ast.parse (not the plugin)")),
    "wscc",
    "wscc-fix",
])
def test_expression_too_large_for_the_parser(front_end, tmp_path):
    write(tmp_path / "good.py", GOOD)
    huge = write(tmp_path / "huge_expression.py", BAD_INPUTS["huge_expression"])
    result = _run(front_end, ["."], tmp_path)
    assert_no_traceback(result)
    assert len(lines_naming(result, "huge_expression.py")) == 1, result.output
    assert huge.read_bytes() == BAD_INPUTS["huge_expression"]
    assert result.returncode == 2
    _assert_good_file_processed(front_end, result, tmp_path)


@pytest.mark.parametrize("front_end", [
    pytest.param("flake8", marks=pytest.mark.skip(
        reason="pyflakes (always loaded by flake8) fails on this file before the WSC plugin runs")),
    "wscc",
    "wscc-fix",
])
def test_deep_but_valid_expression_never_aborts_a_run(front_end, tmp_path):
    """Valid Python (a 1000-term sum) that the detector cannot walk today: at worst one
    line naming the file; the run goes on."""
    write(tmp_path / "good.py", GOOD)
    deep = write(tmp_path / "deep.py", "import websockets\nTABLE = " + " + ".join(["1"] * 1000) + "\n")
    before = deep.read_bytes()
    result = _run(front_end, ["."], tmp_path)
    assert_no_traceback(result)
    assert len(lines_naming(result, "deep.py")) <= 1, result.output
    assert deep.read_bytes() == before
    _assert_good_file_processed(front_end, result, tmp_path)


@pytest.mark.parametrize("front_end", FRONT_ENDS)
def test_syntax_error_is_reported_only_where_a_send_could_be(front_end, tmp_path):
    """By design (the performance issue's text gate): ``wscc`` and ``wscc-fix`` parse only
    files that mention a WebSocket library, so a syntax error in any other file is left to
    the linters that parse everything (flake8's E999, ruff, Python itself).  flake8 reports
    both, through its own E999."""
    write(tmp_path / "good.py", GOOD)
    write(tmp_path / "broken.py", "import websockets\n\ndef broken(:\n    pass\n")
    write(tmp_path / "unrelated.py", "def broken(:\n    pass\n")
    result = _run(front_end, ["."], tmp_path)
    assert_no_traceback(result)
    assert len(lines_naming(result, "broken.py")) == 1, result.output
    assert len(lines_naming(result, "unrelated.py")) == (1 if front_end == "flake8" else 0), result.output
    assert result.returncode == (1 if front_end == "flake8" else 2), result.output


@pytest.mark.parametrize("front_end", FRONT_ENDS)
def test_clean_files_are_silent_and_untouched(front_end, tmp_path):
    for name, data in CLEAN_INPUTS.items():
        write(tmp_path / f"{name}.py", data)
    result = _run(front_end, ["."], tmp_path)
    assert_no_traceback(result)
    assert result.returncode == 0, result.output
    for name, data in CLEAN_INPUTS.items():
        assert lines_naming(result, f"{name}.py") == []
        assert (tmp_path / f"{name}.py").read_bytes() == data


@pytest.mark.parametrize("front_end", ["wscc", "wscc-fix"])
@pytest.mark.parametrize("name", ["syntax_error", "undecodable", "nul_bytes"])
def test_bad_input_on_stdin_is_one_line_exit_2(front_end, name, tmp_path):
    result = _run(front_end, ["-"], tmp_path, stdin=BAD_INPUTS[name])
    assert_no_traceback(result)
    assert result.returncode == 2, result.output
    assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1, result.stderr
    if front_end == "wscc-fix":
        # Nothing rewritten, and the input echoed unchanged: an editor or pre-commit
        # filter that pipes a file through wscc-fix must not blank it.
        assert result.raw_stdout == BAD_INPUTS[name]


# ----------------------------------------------------------------------------- layout is kept

GOOD_LINES = GOOD.splitlines(keepends=True)

#: (bytes, expected line of the finding).  Each keeps the close call on a known line.
LAYOUTS: dict[str, tuple[bytes, int]] = {
    "lf": (GOOD.encode(), GOOD_LINE),
    "crlf": (GOOD.replace("\n", "\r\n").encode(), GOOD_LINE),
    "cr_only": (GOOD.replace("\n", "\r").encode(), GOOD_LINE),
    "mixed": (b"".join(
        line.encode().replace(b"\n", b"\r\n" if i % 2 else b"\n") for i, line in enumerate(GOOD_LINES)
    ), GOOD_LINE),
    "bom": (b"\xef\xbb\xbf" + GOOD.encode(), GOOD_LINE),
    "bom_crlf": (b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode(), GOOD_LINE),
    "latin1_cookie": (
        ("# -*- coding: latin-1 -*-\n# caf\xe9 cr\xe8me\n" + GOOD.replace("close(1008)", "close(1008)  # d\xe9j\xe0 vu")
         ).encode("latin-1"),
        GOOD_LINE + 2,
    ),
    "tabs": (GOOD.replace("    ", "\t").encode(), GOOD_LINE),
    "form_feeds": (GOOD.replace("\n\n\n", "\n\x0c\n\n").encode(), GOOD_LINE),
    "no_final_newline": (GOOD.rstrip("\n").encode(), GOOD_LINE),
    "trailing_whitespace_and_comment": (
        GOOD.replace("close(1008)\n", "close(1008)  # policy   \n").replace("import websockets\n", "import websockets   \n").encode(),
        GOOD_LINE,
    ),
    "existing_frames_import": (
        ("from websockets.frames import Frame\n" + GOOD).encode(), GOOD_LINE + 1,
    ),
}


@pytest.mark.parametrize("front_end", ["flake8", "wscc"])
def test_finding_is_reported_on_the_right_line_in_every_layout(front_end, tmp_path):
    for layout, (data, _) in LAYOUTS.items():
        write(tmp_path / f"{layout}.py", data)
    result = _run(front_end, ["."], tmp_path)
    assert_no_traceback(result)
    assert result.returncode == 1, result.output
    for layout, (_, line) in LAYOUTS.items():
        reported = [entry for entry in result.stdout.splitlines() if f"/{layout}.py:" in entry]
        assert len(reported) == 1 and f"/{layout}.py:{line}:" in reported[0], (layout, result.output)
        assert "WSC201" in reported[0]


def _encoding_of(data: bytes) -> str:
    return "latin-1" if b"latin-1" in data.split(b"\n", 2)[0] else "utf-8-sig"


def _assert_fixed_layout(data: bytes, after: bytes) -> None:
    assert b"1008" not in after and FIXED_NAME.split(".")[-1].encode() in after
    assert unintended_edits(data, after) == []
    assert after.startswith(b"\xef\xbb\xbf") == data.startswith(b"\xef\xbb\xbf")
    assert after.endswith((b"\n", b"\r")) == data.endswith((b"\n", b"\r"))
    ast.parse(after.decode(_encoding_of(data)))


def test_fix_changes_only_the_literal_and_the_import_in_every_layout(tmp_path):
    layouts = {name: value for name, value in LAYOUTS.items() if name != "cr_only"}  # own test below
    for layout, (data, _) in layouts.items():
        write(tmp_path / f"{layout}.py", data)
    first = run_fix(["."], tmp_path)
    assert_no_traceback(first)
    assert first.returncode == 1, first.output
    fixed = {}
    for layout, (data, _) in layouts.items():
        fixed[layout] = (tmp_path / f"{layout}.py").read_bytes()
        try:
            _assert_fixed_layout(data, fixed[layout])
        except AssertionError as error:
            raise AssertionError(f"{layout}: {error}") from None
    # Idempotent: the second run changes nothing.
    second = run_fix(["."], tmp_path)
    assert second.returncode == 0, second.output
    assert {layout: (tmp_path / f"{layout}.py").read_bytes() for layout in layouts} == fixed


def test_fix_keeps_a_cr_only_file(tmp_path):
    data, _ = LAYOUTS["cr_only"]
    path = write(tmp_path / "module.py", data)
    result = run_fix(["module.py"], tmp_path)
    assert_no_traceback(result)
    _assert_fixed_layout(data, path.read_bytes())


@pytest.mark.parametrize("layout", [
    "crlf", "cr_only", "bom", "latin1_cookie", "no_final_newline",
])
def test_fix_on_stdin_keeps_the_bytes_too(layout, tmp_path):
    data, _ = LAYOUTS[layout]
    result = run_fix(["-"], tmp_path, stdin=data)
    assert_no_traceback(result)
    assert result.returncode == 1, result.output  # 1: it rewrote the 1008
    raw = result.raw_stdout
    assert b"1008" not in raw
    assert unintended_edits(data, raw) == []


# ----------------------------------------------------------------------------- sizes

#: The big-input runs below take seconds each (tens of thousands of lines or files).
big = pytest.mark.slow


def _long_module(lines: int) -> str:
    filler = "".join(f"value_{i} = {i} * 2  # filler line\n" for i in range(lines - len(GOOD.splitlines())))
    return GOOD + filler


def _calls_to_detect(source: str) -> int:
    """Python and C function calls made by one ``detect_source``: a measure of its work
    that, unlike a stopwatch, does not depend on how busy the machine is."""
    calls = 0

    def count(_frame, event, _arg):
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        findings = detect_source(source)
    finally:
        sys.setprofile(None)
    assert [f.code for f in findings] == ["WSC201"]
    return calls


def test_detector_work_grows_linearly_with_module_size():
    small, large = _long_module(1_000), _long_module(10_000)
    assert len(large.splitlines()) == 10_000
    small_calls, large_calls = _calls_to_detect(small), _calls_to_detect(large)
    # 10x the lines: about 10x the calls today; quadratic work would be about 100x.
    assert large_calls < small_calls * 12, (small_calls, large_calls)


#: wscc always gets 50k lines.  flake8 (its own pycodestyle pass) and wscc-fix (libcst) need
#: 10-20 s for that on a busy CI machine, so they get 10k unless WSCC_LONG=1.
LONG = bool(os.environ.get("WSCC_LONG"))
BIG_LINES = {"wscc": 50_000, "flake8": 50_000 if LONG else 10_000, "wscc-fix": 50_000 if LONG else 10_000}


@big
@pytest.mark.parametrize("front_end", FRONT_ENDS)
def test_fifty_thousand_line_module(front_end, tmp_path):
    path = write(tmp_path / "big.py", _long_module(BIG_LINES[front_end]))
    result = _run(front_end, ["big.py"], tmp_path)
    assert_no_traceback(result)
    assert result.returncode == 1, result.output[-2000:]
    if front_end == "wscc-fix":
        assert FIXED_NAME.encode() in path.read_bytes()
    else:
        assert f"big.py:{GOOD_LINE}:" in result.stdout


def _peak_rss_mib(argv, cwd) -> float:
    """Peak resident memory of a command, measured in a fresh parent so that no earlier
    child of the test process counts."""
    import json
    import subprocess

    probe = (
        "import json, resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True)\n"
        "print(json.dumps([done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))\n"
    )
    output = subprocess.run([sys.executable, "-c", probe, *argv], cwd=cwd, capture_output=True,
                            text=True, timeout=120, check=True).stdout
    returncode, kib = json.loads(output)
    assert returncode == 1
    return kib / 1024


@big
@pytest.mark.skipif(sys.platform == "win32", reason="resource is POSIX only")
@pytest.mark.parametrize(("front_end", "lines", "limit_mib"), [("wscc", 50_000, 400), ("wscc-fix", 10_000, 400)])
def test_memory_stays_bounded(front_end, lines, limit_mib, tmp_path):
    module = "wscc.cli" if front_end == "wscc" else "wscc.fix.cli"
    write(tmp_path / "big.py", _long_module(lines))
    argv = [sys.executable, "-c", f"import sys; from {module} import main; sys.exit(main())", "big.py"]
    assert _peak_rss_mib(argv, tmp_path) < limit_mib


def _tree_of_small_files(root: Path, count: int, with_finding_every: int) -> int:
    """``count`` tiny modules in nested folders; every ``with_finding_every``-th sends 1008."""
    findings = 0
    for index in range(count):
        folder = root / f"pkg{index // 500}" / f"sub{index // 50 % 10}"
        folder.mkdir(parents=True, exist_ok=True)
        if index % with_finding_every == 0:
            (folder / f"m{index}.py").write_text(GOOD)
            findings += 1
        else:
            (folder / f"m{index}.py").write_text(f"VALUE = {index}\n")
    return findings


@pytest.fixture(scope="module")
def ten_thousand_files(tmp_path_factory):
    """Shared by the read-only checks; wscc-fix gets its own copy of the tree."""
    root = tmp_path_factory.mktemp("tree")
    return root, _tree_of_small_files(root, 10_000, 1000)


@big
def test_ten_thousand_files_are_all_found(ten_thousand_files):
    root, created = ten_thousand_files
    found = [item for item in iter_python_files([str(root)]) if isinstance(item, str)]
    assert len(found) == 10_000 and created == 10


@big
@pytest.mark.parametrize("front_end", ["wscc", "wscc-fix"])
def test_ten_thousand_files(front_end, ten_thousand_files, tmp_path):
    if front_end == "wscc":
        root, expected = ten_thousand_files
    else:
        root, expected = tmp_path, _tree_of_small_files(tmp_path, 10_000, 1000)
    result = _run(front_end, ["-j", "2", "."], root)
    assert_no_traceback(result)
    assert result.returncode == 1, result.output[-2000:]
    if front_end == "wscc":
        assert result.stdout.count("WSC201") == expected
    else:
        rewritten = [p for p in root.rglob("*.py") if FIXED_NAME.encode() in p.read_bytes()]
        assert len(rewritten) == expected


# ----------------------------------------------------------------------------- file system

needs_permission_bits = pytest.mark.skipif(
    PERMISSION_BITS_PREFIX is None, reason="running as root without setpriv: permission bits do not bind")


@needs_permission_bits
@pytest.mark.parametrize("front_end", FRONT_ENDS)
def test_unreadable_file(front_end, tmp_path):
    write(tmp_path / "good.py", GOOD)
    secret = write(tmp_path / "secret.py", GOOD)
    secret.chmod(0)
    try:
        result = _run(front_end, ["."], tmp_path, bind_permissions=True)
    finally:
        secret.chmod(0o644)
    assert_no_traceback(result)
    assert len(lines_naming(result, "secret.py")) == 1, result.output
    if front_end != "flake8":
        assert result.returncode == 2
    _assert_good_file_processed(front_end, result, tmp_path)


@needs_permission_bits
@pytest.mark.parametrize("what", ["file", "folder"])
def test_fix_cannot_write_read_only(what, tmp_path):
    """A 0o444 file in a writable folder: os.replace of a temporary file would succeed
    whatever the target's mode, so wscc-fix checks the mode and leaves the file alone."""
    folder = tmp_path / "locked"
    target = write(folder / "module.py", GOOD)
    write(tmp_path / "good.py", GOOD)
    locked = target if what == "file" else folder
    locked.chmod(0o444 if what == "file" else 0o555)
    try:
        result = run_fix(["."], tmp_path, bind_permissions=True)
    finally:
        locked.chmod(0o755)
    assert_no_traceback(result)
    assert result.returncode == 2, result.output
    # "Rewrote PATH" is printed only after a successful write: one problem line, nothing else.
    problems = lines_naming(result, "module.py")
    assert len(problems) == 1, result.output
    assert target.read_bytes() == GOOD.encode()
    assert sorted(p.name for p in folder.iterdir()) == ["module.py"], "temporary file left behind"
    _assert_good_file_processed("wscc-fix", result, tmp_path)


def _chattr(flag: str, path: Path) -> bool:
    import shutil
    import subprocess

    if not shutil.which("chattr"):
        return False
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


@pytest.mark.parametrize("what", ["file", "folder"])
def test_fix_cannot_write_immutable(what, tmp_path):
    """The same as the read-only test, in a form that binds root too (``chattr +i``)."""
    folder = tmp_path / "locked"
    target = write(folder / "module.py", GOOD)
    write(tmp_path / "good.py", GOOD)
    locked = target if what == "file" else folder
    if not _chattr("+i", locked):
        pytest.skip("chattr +i is not available on this file system")
    try:
        result = run_fix(["."], tmp_path)
    finally:
        _chattr("-i", locked)
    assert_no_traceback(result)
    assert result.returncode == 2, result.output
    # "Rewrote PATH" is printed only after a successful write: one problem line, nothing else.
    problems = lines_naming(result, "module.py")
    assert len(problems) == 1, result.output
    assert target.read_bytes() == GOOD.encode()
    assert sorted(p.name for p in folder.iterdir()) == ["module.py"], "temporary file left behind"
    _assert_good_file_processed("wscc-fix", result, tmp_path)


@pytest.mark.parametrize("front_end", FRONT_ENDS)
def test_missing_path_is_one_line_and_others_processed(front_end, tmp_path):
    write(tmp_path / "good.py", GOOD)
    result = _run(front_end, ["does_not_exist.py", "gone/", "good.py"], tmp_path)
    assert_no_traceback(result)
    assert len(lines_naming(result, "does_not_exist.py")) == 1, result.output
    assert len(lines_naming(result, "gone")) == 1, result.output
    if front_end != "flake8":
        assert result.returncode == 2, result.output
    _assert_good_file_processed(front_end, result, tmp_path)


@pytest.mark.parametrize("front_end", FRONT_ENDS)
def test_vanished_file_behind_a_dangling_link(front_end, tmp_path):
    """A file listed while walking that is gone when it is read (the race, made permanent)."""
    write(tmp_path / "good.py", GOOD)
    (tmp_path / "vanished.py").symlink_to(tmp_path / "deleted_meanwhile.py")
    result = _run(front_end, ["."], tmp_path)
    assert_no_traceback(result)
    assert len(lines_naming(result, "vanished.py")) <= 1, result.output
    if front_end != "flake8":
        assert len(lines_naming(result, "vanished.py")) == 1, result.output
        assert result.returncode == 2, result.output
    _assert_good_file_processed(front_end, result, tmp_path)


@pytest.mark.parametrize("front_end", FRONT_ENDS)
def test_symlink_loops_terminate(front_end, tmp_path):
    package = tmp_path / "package"
    write(package / "good.py", GOOD)
    (package / "loop").symlink_to(package, target_is_directory=True)
    (package / "up").symlink_to(tmp_path, target_is_directory=True)
    (package / "a.py").symlink_to(package / "b.py")
    (package / "b.py").symlink_to(package / "a.py")
    result = _run(front_end, ["package"], tmp_path)
    assert_no_traceback(result)
    if front_end == "wscc-fix":
        assert (package / "good.py").read_bytes().count(FIXED_NAME.encode()) == 1
    else:
        assert sum("WSC201" in line for line in result.stdout.splitlines()) == 1, result.output
    for name in ("a.py", "b.py"):
        assert len(lines_naming(result, name)) <= 1, result.output


# ----------------------------------------------------------------------------- configuration

BAD_CONFIGS = {
    "unknown key": ('unknown-option = true\n', "unknown-option"),
    "wrong type": ('select = "WSC1"\n', "select"),
    "wrong list item type": ('allowed-codes = ["4001"]\n', "allowed-codes"),
    "unknown rule code": ('ignore = ["WSC999"]\n', "WSC999"),
    "unknown library": ('fallback-constants = { nolib = "x:Y" }\n', "nolib"),
}


@pytest.mark.parametrize("front_end", ["wscc", "wscc-fix"])
@pytest.mark.parametrize("case", sorted(BAD_CONFIGS))
def test_bad_configuration_is_one_line_naming_the_key(front_end, case, tmp_path):
    body, key = BAD_CONFIGS[case]
    write(tmp_path / "pyproject.toml", "[tool.wscc]\n" + body)
    good = write(tmp_path / "good.py", GOOD)
    result = _run(front_end, ["good.py"], tmp_path)
    assert_no_traceback(result)
    assert result.returncode == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and key in lines[0], result.output
    assert good.read_bytes() == GOOD.encode()


@pytest.mark.parametrize("front_end", ["wscc", "wscc-fix"])
def test_invalid_toml_is_one_line(front_end, tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.wscc\nselect = [\n")
    write(tmp_path / "good.py", GOOD)
    result = _run(front_end, ["good.py"], tmp_path)
    assert_no_traceback(result)
    assert result.returncode == 2
    assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1, result.output


@pytest.mark.parametrize("option", ["--select=WSC999", "--ignore=E501", "--jobs=0", "--jobs=many"])
def test_wscc_bad_option_is_one_line(option, tmp_path):
    write(tmp_path / "good.py", GOOD)
    result = run_wscc([option, "good.py"], tmp_path)
    assert_no_traceback(result)
    assert result.returncode == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and result.stdout == "", result.output


def test_flake8_bad_option_value_is_one_line(tmp_path):
    write(tmp_path / "good.py", GOOD)
    result = run_flake8(["--wscc-allowed-codes=4001,abc", "good.py"], tmp_path)
    assert_no_traceback(result)
    assert result.returncode != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "--wscc-allowed-codes" in lines[0], result.output


# ----------------------------------------------------------------------------- concurrency


def _mixed_tree(root: Path, count: int = 150) -> None:
    """Files above the commands' parallel threshold, with findings of several rules."""
    for index in range(count):
        library = sorted(HANDLER_TEMPLATES)[index % len(HANDLER_TEMPLATES)]
        code = (1008, 1006, 4001, 1000, 70000)[index % 5]
        write(root / f"part{index % 7}" / f"mod_{index:03}.py", HANDLER_TEMPLATES[library].format(code=code))
    write(root / "broken.py", BAD_INPUTS["syntax_error"])


@pytest.mark.parametrize("front_end", FRONT_ENDS)
def test_jobs_output_is_byte_identical(front_end, tmp_path):
    one, many = tmp_path / "one", tmp_path / "many"
    _mixed_tree(one)
    _mixed_tree(many)
    first = _run(front_end, ["-j", "1", "."], one)
    second = _run(front_end, ["-j", "2", "."], many)
    assert_no_traceback(first)
    assert first.returncode == second.returncode
    if front_end == "flake8":
        # flake8 reports in its own order with -j; the set of lines must match.
        assert sorted(first.stdout.splitlines()) == sorted(second.stdout.splitlines())
    else:
        assert first.stdout == second.stdout
        assert sorted(first.stderr.splitlines()) == sorted(second.stderr.splitlines())
    assert _snapshot(one) == _snapshot(many)


def test_two_concurrent_fix_runs_never_truncate(tmp_path):
    import subprocess

    _mixed_tree(tmp_path, count=300)
    reference = tmp_path.parent / f"{tmp_path.name}_reference"
    reference.mkdir()
    _mixed_tree(reference, count=300)
    run_fix(["-j", "1", "."], reference)
    command = [sys.executable, "-c", "import sys; from wscc.fix.cli import main; sys.exit(main())", "-j", "2", "."]
    processes = [subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                 for _ in range(2)]
    for process in processes:
        _, stderr = process.communicate(timeout=120)
        assert b"Traceback" not in stderr, stderr.decode()
    # Whichever process won each file, the result is the single-run result, never a
    # half-written file, and no temporary file is left.
    assert _snapshot(tmp_path) == _snapshot(reference)


# ----------------------------------------------------------------------------- static only

BOOBY_TRAP = '''\
import pathlib
import websockets

pathlib.Path(__file__).with_name("IMPORTED").write_text("this module was imported")
raise SystemExit("this module must never be imported")


async def handler(websocket: websockets.ServerConnection) -> None:
    await websocket.close(1008)
'''


@pytest.mark.parametrize("front_end", FRONT_ENDS)
def test_analysed_code_is_never_imported(front_end, tmp_path):
    package = tmp_path / "trap"
    write(package / "__init__.py", BOOBY_TRAP)
    write(package / "handlers.py", BOOBY_TRAP)
    write(tmp_path / "conftest.py", BOOBY_TRAP)
    result = _run(front_end, ["."], tmp_path)
    assert_no_traceback(result)
    assert not list(tmp_path.rglob("IMPORTED")), "analysed code was executed"
    assert result.returncode == 1, result.output
