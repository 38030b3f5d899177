"""Both hooks of .pre-commit-hooks.yaml, run by the real ``pre-commit try-repo``.

pre-commit builds the hook environment from this checkout (pip install .), so this
is also the test that the package installs cleanly on its own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

HANDLER = """\
from fastapi import FastAPI, WebSocket

app = FastAPI()


@app.websocket("/ws")
async def endpoint(websocket: WebSocket):
    await websocket.close(code=1008)
"""

BROKEN = """\
from fastapi import WebSocket


async def endpoint(websocket: WebSocket):
    await websocket.close(code=1006)
"""

# pre-commit pip-installs this checkout and its dependencies into a fresh environment.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.network,
    pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git, which is not on PATH"),
]


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def scratch_repo(path: Path, files: dict[str, str]) -> Path:
    path.mkdir()
    git("init", "-q", cwd=path)
    git("config", "user.email", "dev@example.invalid", cwd=path)
    git("config", "user.name", "dev", cwd=path)
    for name, text in files.items():
        (path / name).write_text(text)
    git("add", ".", cwd=path)
    git("commit", "-qm", "initial", cwd=path)
    return path


def try_repo(hook: str, repo: Path, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--all-files", "--verbose"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=600,
    )


def test_lint_hook_fails_on_findings_and_names_them(tmp_path: Path, pre_commit_home: Path) -> None:
    repo = scratch_repo(tmp_path / "repo", {"app.py": HANDLER, "broken.py": BROKEN, "other.py": "import os\n"})
    result = try_repo("wscc", repo, pre_commit_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "broken.py:5:32: WSC101" in result.stdout
    assert "app.py:8:32: WSC201" in result.stdout
    assert (repo / "app.py").read_text() == HANDLER  # the lint hook never writes


def test_fix_hook_rewrites_and_fails_the_commit_once(tmp_path: Path, pre_commit_home: Path) -> None:
    repo = scratch_repo(tmp_path / "repo", {"app.py": HANDLER, "broken.py": BROKEN})
    first = try_repo("wscc-fix", repo, pre_commit_home)
    assert first.returncode == 1, first.stdout + first.stderr
    fixed = (repo / "app.py").read_text()
    assert "await websocket.close(code=status.WS_1008_POLICY_VIOLATION)" in fixed
    assert "from fastapi import FastAPI, WebSocket, status" in fixed
    assert (repo / "broken.py").read_text() == BROKEN  # errors are never rewritten
    git("add", ".", cwd=repo)
    second = try_repo("wscc-fix", repo, pre_commit_home)
    assert second.returncode == 0, second.stdout + second.stderr


def test_hooks_honour_tool_wscc_and_its_exclude(tmp_path: Path, pre_commit_home: Path) -> None:
    # pre-commit names every file: the hooks' --force-exclude keeps [tool.wscc] exclude in force.
    pyproject = '[tool.wscc]\nexclude = ["legacy.py"]\nreceiver-names = ["sock"]\nallowed-codes = [1008]\n'
    with_sock = BROKEN.replace("websocket: WebSocket):", "websocket: WebSocket, sock):") + "    await sock.close(4001)\n"
    repo = scratch_repo(tmp_path / "repo", {
        "pyproject.toml": pyproject, "app.py": HANDLER, "broken.py": with_sock, "legacy.py": BROKEN,
    })
    lint = try_repo("wscc", repo, pre_commit_home)
    assert lint.returncode == 1, lint.stdout + lint.stderr
    assert "broken.py:5:32: WSC101" in lint.stdout
    assert "broken.py:6:22: WSC203" in lint.stdout  # sock is a WebSocket by [tool.wscc]
    assert "app.py" not in lint.stdout  # 1008 is an allowed literal
    assert "legacy.py" not in lint.stdout
    fix = try_repo("wscc-fix", repo, pre_commit_home)
    assert fix.returncode == 0, fix.stdout + fix.stderr  # 1008 allowed, nothing else fixable
    assert (repo / "app.py").read_text() == HANDLER


def test_a_configuration_pointing_at_a_local_clone_and_a_commit_hash(tmp_path: Path, pre_commit_home: Path) -> None:
    """The README's set-up: `repo:` a clone of wscc, `rev:` a full commit hash of it."""
    clone = tmp_path / "wscc"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, capture_output=True)
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=clone, check=True, capture_output=True,
                         text=True).stdout.strip()
    assert len(rev) == 40
    config = f"repos:\n  - repo: {clone}\n    rev: {rev}\n    hooks:\n      - id: wscc-fix\n      - id: wscc\n"
    repo = scratch_repo(tmp_path / "repo", {".pre-commit-config.yaml": config, "app.py": HANDLER, "broken.py": BROKEN})
    env = {**os.environ, "PRE_COMMIT_HOME": str(pre_commit_home), "PRE_COMMIT_COLOR": "never"}
    result = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=repo, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "status.WS_1008_POLICY_VIOLATION" in (repo / "app.py").read_text()  # wscc-fix ran
    assert "broken.py:5:32: WSC101" in result.stdout  # wscc ran
