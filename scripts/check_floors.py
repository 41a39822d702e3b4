"""Install every runtime dependency at its floor (the `>=` version in pyproject.toml) into a fresh virtual
environment, then prove the app works there: imports, `huohua --self-test`, and the tests (issue 21).

    nice -n 19 python3.11 scripts/check_floors.py              # all floors at once, then the whole suite
    python3.11 scripts/check_floors.py -- -x tests/market      # other pytest arguments (these replace `tests`)
    python3.11 scripts/check_floors.py --set akshare==1.18.72 -- tests/market   # one version moved
    python3.11 scripts/check_floors.py --newest numpy          # leave one dependency unpinned (pip's newest)
    python3.11 scripts/check_floors.py --venv /tmp/floor       # keep the environment (reused if it exists)

Floors are checked together, the way a user with old packages meets them: each dependency is pinned to its
floor with a constraints file (`pip install -c`), so pip must find one installable set; the dependencies'
own dependencies (pandas, shiboken6 …) are left to pip. Run it with the oldest Python Huohua supports (3.11):
a floor such as numpy 1.24 has no wheel for 3.12, where pip's choice is newer anyway.

Phases, each timed: the environment (`pip install -e .[test]` under the constraints), the installed versions
against the floors, one import of every dependency, `huohua --self-test` offscreen (resources, akshare's
data, py_mini_racer, exchange_calendars, the market process, the demo replay, the window painted), then pytest
with QT_QPA_PLATFORM=offscreen. The tests in tests/market replay recorded responses (no network), so they
also prove the akshare floor parses the bundled recordings. Exit 0 when every phase passes, 1 otherwise.

Not run by .ci/run: on a 2-core machine it takes about as long as the suite plus a minute or two
(docs/PACKAGING.md, "Dependency floors", has a measured run).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
try:
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name
    from packaging.version import Version
except ImportError:  # pragma: no cover
    from pip._vendor.packaging.requirements import Requirement
    from pip._vendor.packaging.utils import canonicalize_name
    from pip._vendor.packaging.version import Version

# distribution → what to import to prove it loads (its import name, with the modules Huohua uses)
IMPORTS = {
    "pyside6-essentials": "PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets",
    "pyqtgraph": "pyqtgraph",
    "numpy": "numpy",
    "akshare": "akshare, akshare.utils.request, akshare.utils.func, akshare.request",
    "feedparser": "feedparser",
    "requests": "requests",
    "nh3": "nh3",
    "pyahocorasick": "ahocorasick",
    "opencc": "opencc",
    "platformdirs": "platformdirs",
    "defusedxml": "defusedxml.ElementTree",
    "exchange-calendars": "exchange_calendars",
    "pypinyin": "pypinyin",
    "tyme4py": "tyme4py",
    "tzdata": "tzdata",
    "tomlkit": "tomlkit",
}


# tests/market/conftest.py filters pandas.errors.Pandas4Warning (akshare's pandas-3 deprecations), a class pandas
# < 3 does not have, and pytest then stops on every test ("while parsing the following warning configuration").
# With numpy at its floor pip installs pandas 2.x, so until that conftest checks for the class, the test process
# (only pytest, never the app) gets a stand-in from this plugin, which says so. A no-op with pandas 3.
PANDAS4_PLUGIN = """
import pandas.errors as _errors

if not hasattr(_errors, "Pandas4Warning"):
    class Pandas4Warning(FutureWarning):
        \"\"\"Stand-in (scripts/check_floors.py): pandas < 3 has no Pandas4Warning.\"\"\"

    _errors.Pandas4Warning = Pandas4Warning
    print("check_floors: pandas < 3 has no pandas.errors.Pandas4Warning; a stand-in is defined for the filter"
          " in tests/market/conftest.py")
"""


def log(msg: str = "") -> None:
    print(msg, flush=True)


def floors() -> dict[str, tuple[str, Requirement]]:
    """canonical name → (floor, the requirement) for every runtime dependency with a `>=`. The floor is the
    lowest release the requirement allows (`pip index versions`): `akshare>=1.17` means 1.17.1, as there is no
    1.17 or 1.17.0. Where the index cannot be asked, the `>=` version as written."""
    data = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    out = {}
    for line in data["project"]["dependencies"]:
        req = Requirement(line)
        lows = [s.version for s in req.specifier if s.operator == ">="]
        if lows:
            released = [v for v in index_versions(req.name) if req.specifier.contains(v)]
            out[canonicalize_name(req.name)] = (str(min(released)) if released else lows[0], req)
    return out


def index_versions(name: str) -> list[Version]:
    cp = subprocess.run([sys.executable, "-m", "pip", "index", "versions", "--disable-pip-version-check", name],
                        capture_output=True, text=True, check=False)
    m = re.search(r"^Available versions: (.+)$", cp.stdout, re.M)
    return [Version(v.strip()) for v in m.group(1).split(",")] if m else []


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def run(cmd: list[str], env: dict[str, str] | None = None, show: bool = True) -> subprocess.CompletedProcess:
    shown = " ".join(cmd).replace("\n", "; ")
    log("$ " + (shown if len(shown) <= 240 else shown[:237] + "…"))
    cp = subprocess.run(cmd, cwd=ROOT, env=env, text=True, capture_output=not show, check=False)
    return cp


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    pytest_args = ["tests"]
    if "--" in argv:
        at = argv.index("--")
        argv, pytest_args = argv[:at], argv[at + 1:] or ["tests"]
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--venv", type=Path, help="keep the environment here (reused when it exists)")
    p.add_argument("--set", action="append", default=[], metavar="NAME==VERSION",
                   help="pin a dependency to another version than its floor (repeatable)")
    p.add_argument("--newest", action="append", default=[], metavar="NAME",
                   help="leave a dependency unpinned: pip installs its newest allowed release (repeatable)")
    p.add_argument("--no-tests", action="store_true", help="stop after the self-test")
    args = p.parse_args(argv)

    declared_floors = floors()
    pins = {name: version for name, (version, _) in declared_floors.items()}
    for item in args.set:
        req = Requirement(item)
        pins[canonicalize_name(req.name)] = str(next(iter(req.specifier)).version)
    for name in args.newest:
        pins.pop(canonicalize_name(name), None)
    declared = {name: req for name, (_, req) in declared_floors.items()}
    for name, version in pins.items():
        if name in declared and not declared[name].specifier.contains(version, prereleases=True):
            log(f"note: {name}=={version} is outside pyproject's {declared[name]}")

    phases: list[tuple[str, float, bool]] = []
    t0 = time.monotonic()
    tmp = None
    venv = args.venv
    if venv is None:
        tmp = tempfile.mkdtemp(prefix="huohua-floors-")
        venv = Path(tmp) / "venv"
    try:
        # 1. the environment
        t = time.monotonic()
        py = venv_python(venv)
        ok = True
        if not py.exists():
            ok = run([sys.executable, "-m", "venv", str(venv)]).returncode == 0
        constraints = venv.parent / f"{venv.name}-floors.txt"
        constraints.write_text("".join(f"{n}=={v}\n" for n, v in sorted(pins.items())), encoding="utf-8")
        log(f"floors ({constraints}):\n" + "".join(f"  {n}=={v}\n" for n, v in sorted(pins.items())).rstrip())
        if ok:
            # the pins are named as well as constrained, so a reused environment moves to them; --newest names
            # are upgraded (-U touches only the named requirements: the constraints still hold the pins)
            ok = run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-U", "-c", str(constraints),
                      "-e", f"{ROOT}[test]"] + [f"{n}=={v}" for n, v in sorted(pins.items())]
                     + list(args.newest)).returncode == 0
        phases.append(("install", time.monotonic() - t, ok))
        if not ok:
            return report(phases, t0)

        # 2. what is installed, against the floors
        t = time.monotonic()
        names = sorted(set(pins) | set(IMPORTS))
        code = ("import importlib.metadata as m, json, sys\n"
                "out = {}\n"
                "for n in json.loads(sys.argv[1]):\n"
                "    try: out[n] = m.version(n)\n"
                "    except m.PackageNotFoundError: out[n] = None\n"
                "print(json.dumps(out))")
        cp = run([str(py), "-c", code, json.dumps(names)], show=False)
        installed = json.loads(cp.stdout) if cp.returncode == 0 else {}
        ok = bool(installed)
        log("installed:")
        for n in names:
            want = pins.get(n)
            got = installed.get(n)
            same = want is None or (got is not None and Version(got) == Version(want))
            mark = "ok  " if same else "DIFF"
            ok = ok and same
            log(f"  {mark} {n:<20} {got or 'missing':<12}" + (f" (floor {want})" if want else " (unpinned)"))
        phases.append(("versions", time.monotonic() - t, ok))

        # 3. every dependency imports; 4. the self-test
        env = {k: v for k, v in os.environ.items() if not k.startswith(("HUOHUA_", "QT_"))}
        env.update(QT_QPA_PLATFORM="offscreen", TQDM_DISABLE="1")
        t = time.monotonic()
        stmt = "; ".join(f"import {mods}" for mods in IMPORTS.values())
        ok = run([str(py), "-W", "ignore", "-c", stmt + "; print('every dependency imports')"], env=env).returncode == 0
        phases.append(("imports", time.monotonic() - t, ok))
        t = time.monotonic()
        ok = run([str(py), "-W", "ignore", "-m", "desktop", "--self-test"], env=env).returncode == 0
        phases.append(("self-test", time.monotonic() - t, ok))

        # 5. the tests
        if not args.no_tests:
            t = time.monotonic()
            plugin_dir = venv.parent / f"{venv.name}-pytest-plugins"
            plugin_dir.mkdir(exist_ok=True)
            (plugin_dir / "huohua_floor_pandas4.py").write_text(PANDAS4_PLUGIN, encoding="utf-8")
            test_env = {**env, "PYTHONPATH": os.pathsep.join(filter(None, [str(plugin_dir), env.get("PYTHONPATH")]))}
            ok = run([str(py), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "huohua_floor_pandas4", "-rfE",
                      *pytest_args], env=test_env).returncode == 0
            phases.append(("pytest " + " ".join(pytest_args), time.monotonic() - t, ok))
        return report(phases, t0)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def report(phases: list[tuple[str, float, bool]], t0: float) -> int:
    log("\nfloor check:")
    for name, seconds, ok in phases:
        log(f"  {'PASS' if ok else 'FAIL'}  {name}  ({seconds:.0f} s)")
    failed = sum(1 for _, _, ok in phases if not ok)
    log(f"{len(phases) - failed} passed, {failed} failed  (total {time.monotonic() - t0:.0f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
