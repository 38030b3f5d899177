"""The plugin works with flake8 6 as well as the flake8 7 of the test environment.

A throwaway virtualenv gets flake8 6.1 from PyPI and wscc without its dependencies
(the plugin never imports libcst)."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: pip downloads flake8 6 (and the build backend for this checkout) from PyPI.
pytestmark = [pytest.mark.slow, pytest.mark.network]


@pytest.fixture(scope="module")
def flake8_6(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("flake8-6")
    venv.create(home, with_pip=True)
    python = home / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "flake8>=6,<7"], capture_output=True, text=True, timeout=300,
    )
    if install.returncode != 0:
        # The only skip: no route to PyPI.  pip's last line says why, e.g. no network.
        last = (install.stderr.strip().splitlines() or ["no output"])[-1]
        pytest.skip(f"network: pip cannot install flake8 6 from PyPI: {last}")
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    return python


def _flake8(python: str, *args: str) -> list[str]:
    result = subprocess.run([python, "-m", "flake8", "--format", "%(row)d:%(col)d:%(code)s", *args],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout.splitlines()


def test_flake8_6_reports_what_flake8_7_reports(flake8_6: Path) -> None:
    version = subprocess.run([str(flake8_6), "-m", "flake8", "--version"], capture_output=True, text=True).stdout
    assert version.startswith("6.") and "wscc" in version
    for args in (["--select", "WSC"], ["--extend-select", "WSC109,WSC110"],
                 ["--select", "WSC", "--wscc-allowed-codes", "1009,1011", "--wscc-receiver-names", "sock"]):
        target = str(ROOT / "examples")
        assert _flake8(str(flake8_6), *args, target) == _flake8(sys.executable, *args, target)
