"""scripts/clock_matrix.py reads pytest's own output: which tests to rerun, and why each failed (CI keeps only
what the run prints). Its first CI run failed because a parameter id with a space ('[the process]') was cut at
the space, so the rerun found no test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import clock_matrix  # noqa: E402

FAILING = '''
import pytest

@pytest.mark.parametrize("who", ["the process", "its group"])
def test_quit(who):
    err = ["Traceback (most recent call last):", '  File "spawn.py", line 132, in _main', "FileNotFoundError: sem"]
    assert err == [], "\\n".join(err)

def test_boom():
    raise ValueError("boom")
'''


def _pytest_output(tmp_path: Path) -> str:
    (tmp_path / "test_failing.py").write_text(FAILING, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rfE", "-p", "no:cacheprovider",
                           "-p", "no:randomly", str(tmp_path / "test_failing.py")],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    return done.stdout


def test_failed_ids_keep_parameter_ids_with_spaces(tmp_path):
    out = _pytest_output(tmp_path)
    ids = clock_matrix.failed_ids([ln for ln in out.splitlines() if ln.startswith(("FAILED", "ERROR"))])
    assert [i.split("::", 1)[1] for i in ids] == ["test_quit[the process]", "test_quit[its group]", "test_boom"]
    # and each id runs again as given (what the rerun does)
    again = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", ids[0]],
                           cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert "1 failed" in again.stdout


def test_failure_tails_say_why_each_failed(tmp_path):
    tails = "\n".join(clock_matrix.failure_tails(_pytest_output(tmp_path)))
    assert "test_quit[the process]" in tails and "in _main" in tails and "FileNotFoundError: sem" in tails
    assert "ValueError: boom" in tails


def test_failure_tails_of_a_passing_run_are_empty():
    assert clock_matrix.failure_tails("...\n3 passed in 0.1s\n") == []
