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


# -- sharing the suite out (CI ran out of time with the whole suite at nine instants) ---------------------------
sys.path.insert(0, str(ROOT / "scripts" / "wallclock_shim"))
import clock_share  # noqa: E402

MANY = '''
import pytest

@pytest.mark.parametrize("n", range(40))
def test_n(n):
    pass
'''


def test_every_test_runs_at_one_instant_of_each_family_and_at_the_instant_that_runs_all():
    ids = [f"tests/x.py::test_{i}[{j}]" for i in range(50) for j in ("a", "b c")]
    assert clock_matrix.share_of(clock_matrix.EVERY_TEST, "s") == ""
    covered = {clock_matrix.EVERY_TEST}
    for members in clock_matrix.FAMILIES.values():
        for nodeid in ids:
            at = [m for m in members if clock_share.keeps(nodeid, clock_matrix.share_of(m, "s"))]
            assert len(at) == 1, (nodeid, at)
        covered.update(members)
        # each instant of a family gets a fair part (100 ids over 4: none empty, none most)
        sizes = [sum(clock_share.keeps(i, clock_matrix.share_of(m, "s")) for i in ids) for m in members]
        assert min(sizes) >= 10 and max(sizes) <= 45, sizes
    assert covered == set(clock_matrix.INSTANTS)


def test_another_seed_shares_the_suite_out_differently():
    ids = [f"t.py::test_{i}" for i in range(200)]
    first = [clock_share.keeps(i, clock_matrix.share_of("sat-1000", "aaa")) for i in ids]
    other = [clock_share.keeps(i, clock_matrix.share_of("sat-1000", "bbb")) for i in ids]
    assert first != other


def test_the_plugin_deselects_the_rest_in_a_real_pytest_run(tmp_path):
    (tmp_path / "test_many.py").write_text(MANY, encoding="utf-8")
    env = {**clock_matrix.shifted_env(0.0, clock_matrix.share_of("trade-1045", "seed")),
           "PYTHONPATH": str(ROOT / "scripts" / "wallclock_shim")}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "clock_share",
                           "test_many.py"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    want = sum(clock_share.keeps(f"test_many.py::test_n[{n}]", clock_matrix.share_of("trade-1045", "seed"))
               for n in range(40))
    assert 0 < want < 40
    assert f"{want} passed, {40 - want} deselected" in done.stdout
