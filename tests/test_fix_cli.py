"""The ``wscc-fix`` command line: exit codes, --diff/--check/stdin, writes, -j, configuration."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from wscc.config import load
from wscc.fix import cli

CASES = Path(__file__).parent / "fix_cases"
FIXABLE = (CASES / "fastapi_merge_from.before.py").read_text()
FIXED = (CASES / "fastapi_merge_from.after.py").read_text()
CLEAN = "import os\nprint(os.sep)\n"


def wscc_fix(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    script = shutil.which("wscc-fix")
    command = [script] if script else [sys.executable, "-m", "wscc.fix.cli"]
    return subprocess.run([*command, *args], cwd=cwd, input=stdin, capture_output=True, timeout=120)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'demo'\n")
    (tmp_path / "app.py").write_text(FIXABLE)
    (tmp_path / "clean.py").write_text(CLEAN)
    return tmp_path


def test_end_to_end_rewrite_then_nothing_left(project: Path):
    done = wscc_fix(".", cwd=project)
    assert done.returncode == 1, done.stderr
    assert (project / "app.py").read_text() == FIXED
    stderr = done.stderr.decode().splitlines()
    assert stderr[0] == f"Rewrote .{os.sep}app.py"
    assert stderr[-1].startswith("wscc-fix: rewrote 1 file (2 close codes named)")
    again = wscc_fix(".", cwd=project)
    assert again.returncode == 0 and (project / "app.py").read_text() == FIXED


def test_exit_zero_even_if_changed(project: Path):
    assert cli.main([str(project), "--exit-zero-even-if-changed"]) == 0
    assert (project / "app.py").read_text() == FIXED


def test_diff_and_check_write_nothing(project: Path, capsys):
    before = (project / "app.py").stat().st_mtime_ns
    assert cli.main([str(project), "--diff"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"--- {project / 'app.py'}\n+++ {project / 'app.py'}\n")
    assert "\n-    await websocket.close(1011)\n" in out
    assert "\n+    await websocket.close(status.WS_1011_INTERNAL_ERROR)\n" in out
    assert cli.main([str(project), "--check"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "would rewrite 1 file" in captured.err
    assert (project / "app.py").read_text() == FIXABLE
    assert (project / "app.py").stat().st_mtime_ns == before
    (project / "app.py").write_text(FIXED)
    assert cli.main([str(project), "--check"]) == 0


def test_stdin_to_stdout(tmp_path: Path):
    done = wscc_fix("-", cwd=tmp_path, stdin=FIXABLE.encode())
    assert done.returncode == 1 and done.stdout.decode() == FIXED
    unchanged = wscc_fix("-", cwd=tmp_path, stdin=CLEAN.encode())
    assert unchanged.returncode == 0 and unchanged.stdout.decode() == CLEAN
    diff = wscc_fix("--diff", "-", cwd=tmp_path, stdin=FIXABLE.encode())
    assert diff.returncode == 1 and diff.stdout.decode().startswith("--- stdin\n+++ stdin\n")


def test_problems_exit_2_one_line_each_and_other_files_still_fixed(project: Path):
    (project / "broken.py").write_text("import fastapi\ndef f(:\n")
    (project / "binary.py").write_bytes(b"import fastapi\n\x00\x01")
    done = wscc_fix(".", "missing.py", cwd=project)
    assert done.returncode == 2
    assert (project / "app.py").read_text() == FIXED
    problems = [line for line in done.stderr.decode().splitlines() if line.startswith("wscc-fix: ") and "rewrote" not in line]
    assert len(problems) == 3, problems
    assert any("broken.py" in p and "cannot parse" in p for p in problems)
    assert any("binary.py" in p for p in problems)
    assert any("missing.py" in p for p in problems)
    assert "Traceback" not in done.stderr.decode()


def test_bad_configuration_is_one_line_and_exit_2(project: Path):
    (project / "pyproject.toml").write_text("[tool.wscc]\nnot-a-key = 1\n")
    done = wscc_fix(".", cwd=project)
    assert done.returncode == 2
    assert len(done.stderr.decode().strip().splitlines()) == 1 and "not-a-key" in done.stderr.decode()
    assert (project / "app.py").read_text() == FIXABLE


def test_configuration_is_honoured(project: Path):
    (project / "pyproject.toml").write_text(
        "[tool.wscc]\nexclude = ['skipped']\nallowed-codes = [1011]\nper-file-ignores = {'other.py' = ['WSC201']}\n"
    )
    (project / "skipped").mkdir()
    (project / "skipped" / "app.py").write_text(FIXABLE)
    (project / "other.py").write_text(FIXABLE)
    assert cli.main([str(project)]) == 1
    assert (project / "skipped" / "app.py").read_text() == FIXABLE
    assert (project / "other.py").read_text() == FIXABLE
    app = (project / "app.py").read_text()
    assert "status.WS_1008_POLICY_VIOLATION" in app and "close(1011)" in app


def test_writes_keep_the_mode_and_leave_unchanged_files_alone(project: Path):
    os.chmod(project / "app.py", 0o640)
    os.chmod(project / "clean.py", 0o600)
    clean_before = (project / "clean.py").stat().st_mtime_ns
    assert cli.main([str(project)]) == 1
    assert stat.S_IMODE((project / "app.py").stat().st_mode) == 0o640
    assert (project / "clean.py").stat().st_mtime_ns == clean_before
    # No temporary file is left behind (the project's summary cache is kept, as ruff's is).
    assert sorted(p.name for p in project.iterdir()) == [".wscc_cache", "app.py", "clean.py", "pyproject.toml"]


def test_a_symlink_is_written_through(project: Path):
    (project / "real").mkdir()
    (project / "app.py").rename(project / "real" / "app.py")
    (project / "link.py").symlink_to(project / "real" / "app.py")
    assert cli.main([str(project / "link.py")]) == 1
    assert (project / "link.py").is_symlink()
    assert (project / "real" / "app.py").read_text() == FIXED


def test_summary_counts_what_was_left(tmp_path: Path, capsys):
    (tmp_path / "mixed.py").write_text(
        "from fastapi import WebSocket\n"
        "async def f(websocket: WebSocket):\n"
        "    await websocket.close(1005)\n"
        "    await websocket.close(4001)\n"
        "    await websocket.close(1000)  # noqa: WSC201\n"
        "    await websocket.close(1001)\n"
    )
    assert cli.main([str(tmp_path)]) == 1
    summary = capsys.readouterr().err.strip().splitlines()[-1]
    assert summary == ("wscc-fix: rewrote 1 file (1 close code named); 2 left as they are: "
                       "1 error rules (fix by hand), 1 no named constant for the code; 1 under # noqa")


def test_parallel_runs_give_the_same_results(tmp_path: Path):
    sources = sorted(CASES.glob("*.before.py"))
    for copy in range(2):
        for source in sources:
            folder = tmp_path / f"set{copy}"
            folder.mkdir(exist_ok=True)
            shutil.copy(source, folder / source.name)
    count = len(sources) * 2
    assert count >= cli.PARALLEL_THRESHOLD  # the pool is really used
    serial = wscc_fix("--diff", "-j", "1", ".", cwd=tmp_path)
    parallel = wscc_fix("--diff", "-j", "2", ".", cwd=tmp_path)
    assert serial.returncode == parallel.returncode == 1
    assert serial.stdout == parallel.stdout and serial.stderr == parallel.stderr
    unchanged = sum(source.read_bytes() == source.with_name(source.name.replace(".before", ".after")).read_bytes()
                    for source in sources)
    assert serial.stdout.count(b"+++ ") == count - 2 * unchanged


def test_gating_in_the_pool_gives_the_same_results(tmp_path: Path, monkeypatch):
    for index, source in enumerate(sorted(CASES.glob("*.before.py"))):
        shutil.copy(source, tmp_path / f"{index:02d}_{source.name}")
        (tmp_path / f"{index:02d}_plain.py").write_text(CLEAN)
    (tmp_path / "50_binary.py").write_bytes(b"import fastapi\n\x00")
    config = load([str(tmp_path)])

    def summary(results):
        return [(r.path, r.new, r.problem, r.fixed, dict(r.skipped)) for r in results]

    serial, serial_problems = cli.run([str(tmp_path)], config, jobs=1)
    serial = list(serial)
    monkeypatch.setattr(cli, "PARALLEL_GATE_THRESHOLD", 10)
    pooled, pooled_problems = cli.run([str(tmp_path)], config, jobs=2)
    pooled = list(pooled)
    assert summary(pooled) == summary(serial) and pooled_problems == serial_problems
    assert [r.path for r in serial] == sorted(r.path for r in serial)
    assert sum(r.changed for r in serial) >= 30 and any(r.problem for r in serial)


def test_a_tree_with_nothing_to_fix_loads_neither_the_detector_nor_libcst(project: Path):
    (project / "clean.py").write_text(CLEAN)
    (project / "mentions.py").write_text("# a websocket, in a comment only\nx = 1000\n")
    (project / "imports.py").write_text("import websockets\nx = 1000\n")
    script = (
        "import sys\n"
        "from wscc.fix.cli import main\n"
        "code = main(['--check', 'clean.py', 'mentions.py'])\n"
        "assert code == 0 and 'wscc.detector' not in sys.modules and 'libcst' not in sys.modules\n"
        "code = main(['--check', 'imports.py'])\n"
        "assert code == 0 and 'wscc.detector' in sys.modules and 'libcst' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


TORNADO_HANDLER = """\
import tornado.websocket


class Handler(tornado.websocket.WebSocketHandler):
    def on_message(self, message):
        self.close(1008)
"""

COUNT_READS = """\
import multiprocessing, sys
from wscc import fallback
from wscc.fix.cli import main

original = fallback.FallbackConstants._module_file


def counted(self, module):
    with open("reads.log", "a") as log:
        log.write(module + "\\n")
    return original(self, module)


fallback.FallbackConstants._module_file = counted
code = main(sys.argv[1:])
print(multiprocessing.get_start_method())
sys.exit(code)
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_fallback_constants_module_is_read_once_per_run(tmp_path: Path, jobs: str):
    (tmp_path / "pyproject.toml").write_text('[tool.wscc]\nfallback-constants = { tornado = "myapp.codes:Close" }\n')
    package = tmp_path / "myapp"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "codes.py").write_text("class Close:\n    POLICY = 1008\n")
    for index in range(cli.PARALLEL_THRESHOLD + 4):  # enough for -j 2 to use the pool
        (package / f"handler_{index:02}.py").write_text(TORNADO_HANDLER)
    done = subprocess.run([sys.executable, "-c", COUNT_READS, "-j", jobs, "myapp"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert f"rewrote {cli.PARALLEL_THRESHOLD + 4} files" in done.stderr
    assert "self.close(Close.POLICY)" in (package / "handler_00.py").read_text()
    reads = (tmp_path / "reads.log").read_text().splitlines()
    if jobs == "1" or done.stdout.strip() == "fork":  # forked workers inherit what the parent read
        assert reads == ["myapp.codes"]
    else:
        assert len(reads) <= 1 + int(jobs)
