"""A test that starts a process ends it, pass or fail (issue 30): the `spawn` fixture ends what it started, and a
session that leaves a child of pytest running fails. Both shown failing, in a pytest run of their own."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.procs import ROOT, child_env

TESTS = Path(__file__).resolve().parent


def _inner_pytest(tmp_path: Path, body: str) -> subprocess.CompletedProcess:
    (tmp_path / "test_inner.py").write_text(textwrap.dedent(body), encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "tests.conftest", "-p", "no:cacheprovider",
                           "--rootdir", str(tmp_path), str(tmp_path / "test_inner.py")],
                          cwd=tmp_path, env=child_env(), capture_output=True, text=True, timeout=120)


def test_a_child_left_running_fails_the_session_and_is_ended(tmp_path):
    pid_file = tmp_path / "pid"
    out = _inner_pytest(tmp_path, f"""
        import subprocess
        def test_leaks():
            p = subprocess.Popen(["sleep", "300"])
            open({str(pid_file)!r}, "w").write(str(p.pid))
    """)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "1 passed" in out.stdout and "children of pytest left running" in out.stdout
    pid = int(pid_file.read_text())
    assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split(")")[1][:3]


def test_spawn_ends_its_process_when_the_test_fails(tmp_path):
    pid_file = tmp_path / "pid"
    out = _inner_pytest(tmp_path, f"""
        def test_fails(spawn):
            p = spawn(["sleep", "300"])
            open({str(pid_file)!r}, "w").write(str(p.pid))
            assert False, "deliberate"
    """)
    assert out.returncode == 1 and "1 failed" in out.stdout, out.stdout
    assert "children of pytest left running" not in out.stdout        # spawn ended it at teardown
    assert not Path(f"/proc/{int(pid_file.read_text())}").exists()


def test_no_test_starts_a_process_that_outlives_it():
    """subprocess.Popen only through `spawn` (or tests/procs.py): run() and check_output() wait by themselves."""
    offenders = []
    for path in sorted(TESTS.rglob("*.py")):
        if path.name in {"procs.py", "conftest.py"} or path == Path(__file__):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and ast.unparse(node.func) in {"subprocess.Popen", "Popen"}:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == [], "start it with the spawn fixture: " + ", ".join(offenders)
