"""Check that every runtime dependency (and everything it pulls in) installs from binary wheels on the
platforms Huohua is built for: Windows x86-64, macOS on Apple Silicon, and Linux x86-64 (issue 21).

    python3 scripts/check_wheels.py                       # all platforms, Python 3.11 and 3.12
    python3 scripts/check_wheels.py --platform win_amd64 --python 3.12
    python3 scripts/check_wheels.py --dest ~/.cache/huohua-wheels   # keep the downloads for the next run
    python3 scripts/check_wheels.py --strict              # a known sdist-only package is a failure too

What it runs, for each platform and Python version:

    pip download --only-binary=:all: --platform TAG … --python-version V --implementation cp -d DIR DEPS

DEPS are pyproject.toml's [project].dependencies, each pinned to the newest release it allows (found first
with `pip download --no-deps`, which, like a user's `pip install`, may pick an sdist): otherwise pip, told
that a wheel is missing somewhere below akshare, backtracks through two hundred akshare releases and ends on
"conflicting dependencies" without naming the package. The transitive dependencies are resolved by pip as
usual (no --no-deps), and the downloads are shared per platform by both Python versions.

Environment markers. `pip download --platform` evaluates markers such as `platform_system != "Linux"` for the
machine it runs on, not for the target: run plainly on Linux it would check akshare's Linux-only
py-mini-racer and akracer for Windows and skip mini-racer, the V8 binding Windows and macOS really get. So pip
runs here with its marker environment set to the target's (sys_platform, platform_system, os_name,
platform_machine, python_version), and afterwards every downloaded wheel's Requires-Dist is evaluated for the
target and checked against what was downloaded: a requirement left out is a failure, so a pip that ignored
the marker patch cannot pass silently.

A package that ships only an sdist is reported. Those in SDIST_ONLY are known, pure Python, and replaced by
the py3-none-any wheel that pip builds from the sdist with no compiler on any OS: the script builds it here,
checks the tag, and resolves on with it (--strict makes them failures). Any other sdist-only package fails.

The three platforms are checked at once (--jobs), each in its own download folder.

One line per platform and version: OK (with the count of wheels and, on macOS, the newest macOS tag among the
wheels pip picked for a macOS 14 machine), or the packages that have no wheel, and what needs each. Exit 1 when one is missing, 2 when the
index cannot be reached or the command is wrong.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import zipfile
from concurrent.futures import ThreadPoolExecutor
from email.parser import Parser
from pathlib import Path

try:                                   # the same `packaging` pip uses, so no extra install is needed
    from packaging.markers import Marker, default_environment
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name, parse_sdist_filename, parse_wheel_filename
except ImportError:                    # pragma: no cover - a venv without packaging still has pip's copy
    from pip._vendor.packaging.markers import Marker, default_environment
    from pip._vendor.packaging.requirements import Requirement
    from pip._vendor.packaging.utils import canonicalize_name, parse_sdist_filename, parse_wheel_filename

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
PYTHONS = ["3.11", "3.12"]


def _manylinux(glibc_minor_max: int) -> list[str]:
    """pip expands no manylinux_2_X tag to older ones: every tag a glibc-2.X x86-64 machine takes."""
    tags = [f"manylinux_2_{m}_x86_64" for m in range(glibc_minor_max, 4, -1)]
    return tags + ["manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64"]


def _macos_arm64(major_max: int) -> list[str]:
    """Every tag an Apple Silicon Mac on macOS `major_max` takes (pip expands these too; listed for any pip)."""
    tags = []
    for major in range(major_max, 10, -1):
        tags += [f"macosx_{major}_0_arm64", f"macosx_{major}_0_universal2"]
    return tags + [f"macosx_10_{minor}_universal2" for minor in range(16, 8, -1)]


# name → (pip --platform tags, the marker environment of such a machine)
PLATFORMS: dict[str, tuple[list[str], dict[str, str]]] = {
    "win_amd64": (["win_amd64"],
                  {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt",
                   "platform_machine": "AMD64"}),
    # macos-latest (GitHub's arm64 runner) runs macOS 14 or newer; a wheel that needs a newer macOS than 14
    # is reported as missing, and the line says the newest macOS the chosen wheels need.
    "macosx_arm64": (_macos_arm64(14),
                     {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix",
                      "platform_machine": "arm64"}),
    # ubuntu-22.04 (glibc 2.35), the oldest Linux the bundle is built on
    "manylinux_x86_64": (_manylinux(35),
                         {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
                          "platform_machine": "x86_64"}),
}

# Known packages with no wheel at all, and what replaces the wheel. Each is checked, not trusted: the wheel
# pip builds from the sdist must be tagged py3-none-any (or py2.py3-none-any).
SDIST_ONLY = {
    "tyme4py": "Huohua's own dependency (lunar dates and solar terms, desktop/core/holiday_rules.py); every release is "
               "an sdist only, of pure Python: pip builds a py3-none-any wheel from it with setuptools and no compiler "
               "on every OS (built and checked here)",
    "jsonpath": "akshare's dependency; one pure-Python module (jsonpath.py) published as an sdist only: pip builds "
                "a py3-none-any wheel from it with setuptools and no compiler on every OS (built and checked here)",
}

# pip runs through this: its marker environment becomes the target's, then pip's own main().
PIP_WITH_TARGET_MARKERS = r"""
import json, sys
target = json.loads(sys.argv[1])
from pip._vendor.packaging import markers
_host = markers.default_environment
def _target_environment():
    env = _host()
    env.update(target)
    return env
markers.default_environment = _target_environment
from pip._internal.cli.main import main
sys.exit(main(sys.argv[2:]))
"""

NO_MATCH = re.compile(r"Could not find a version that satisfies the requirement (.+?)(?: \(from ([^)]+)\))?"
                      r" \(from versions: ([^)]*)\)")
NO_DIST = re.compile(r"No matching distribution found for (\S+)")
FILE_LINE = re.compile(r"^\s*(?:Saved|File was already downloaded) (.+)$", re.M)
NETWORK = re.compile(r"NewConnectionError|Max retries exceeded|Temporary failure in name resolution|"
                     r"Network is unreachable|ConnectTimeout|ReadTimeout")


def log(msg: str = "") -> None:
    print(msg, flush=True)


def runtime_requirements() -> list[Requirement]:
    data = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    return [Requirement(r) for r in data["project"]["dependencies"]]


def marker_env(platform: str, python: str) -> dict[str, str]:
    env = dict(PLATFORMS[platform][1])
    env.update(python_version=python, python_full_version=f"{python}.0", implementation_name="cpython",
               platform_python_implementation="CPython")
    return env


def pip(args: list[str], env: dict[str, str] | None, verbose: bool) -> subprocess.CompletedProcess:
    cmd = ([sys.executable, "-c", PIP_WITH_TARGET_MARKERS, json.dumps(env)] if env is not None
           else [sys.executable, "-m", "pip"]) + args
    cp = subprocess.run(cmd + ["--disable-pip-version-check", "--progress-bar", "off"],
                        capture_output=True, text=True, check=False)
    if verbose:
        log("$ pip " + " ".join(args))
        log(cp.stdout + cp.stderr)
    return cp


def target_args(platform: str, python: str, dest: Path) -> list[str]:
    args = ["download", "--only-binary=:all:", "--python-version", python, "--implementation", "cp", "-d", str(dest)]
    for tag in PLATFORMS[platform][0]:
        args += ["--platform", tag]
    return args


def pin_newest(reqs: list[Requirement], platform: str, python: str, dest: Path,
               verbose: bool) -> tuple[list[str], str | None]:
    """Each top-level requirement pinned to the release a plain `pip install` picks today (wheel or sdist)."""
    args = ["download", "--no-deps", "--python-version", python, "--implementation", "cp", "-d", str(dest)]
    for tag in PLATFORMS[platform][0]:
        args += ["--platform", tag]
    cp = pip(args + [str(r) for r in reqs], marker_env(platform, python), verbose)
    if cp.returncode != 0:
        return [], (cp.stdout + cp.stderr).strip().splitlines()[-1]
    found: dict[str, str] = {}
    for path in FILE_LINE.findall(cp.stdout):
        name, version = _name_version(Path(path.strip()).name)
        if name:
            found[name] = version
    pins = []
    for r in reqs:
        v = found.get(canonicalize_name(r.name))
        pins.append(f"{r.name}=={v}" if v else str(r))
    return pins, None


def _name_version(filename: str) -> tuple[str, str]:
    try:
        if filename.endswith(".whl"):
            name, version, _, _ = parse_wheel_filename(filename)
        else:
            name, version = parse_sdist_filename(filename)
        return canonicalize_name(name), str(version)
    except Exception:
        return "", ""


_build_lock = threading.Lock()          # platforms run in parallel; each sdist is built once


def build_pure_wheel(req: str, built: Path, verbose: bool) -> tuple[bool, str]:
    """The wheel of a known sdist-only package, built here once; it must be pure Python (…-none-any)."""
    spec = Requirement(req).specifier
    with _build_lock:
        have = [w for w in sorted(built.glob(f"{_dist(req)}-*.whl"))
                if spec.contains(parse_wheel_filename(w.name)[1], prereleases=True)]
        if not have:
            cp = pip(["wheel", "--no-deps", "-w", str(built), req], None, verbose)
            have = sorted(built.glob(f"{_dist(req)}-*.whl"))
            if cp.returncode != 0 or not have:
                return False, f"building its wheel failed: {(cp.stdout + cp.stderr).strip().splitlines()[-1:]}"
    tags = parse_wheel_filename(have[-1].name)[3]
    pure = all(t.abi == "none" and t.platform == "any" for t in tags)
    return pure, have[-1].name


def _dist(req: str) -> str:
    return canonicalize_name(Requirement(req).name).replace("-", "_")


def what_exists(req: str, platform: str, python: str, verbose: bool) -> str:
    """For a requirement with no wheel: is there an sdist (a source build on the user's machine) or nothing?"""
    with tempfile.TemporaryDirectory(prefix="huohua-sdist-") as tmp:
        args = ["download", "--no-deps", "--python-version", python,
                "--implementation", "cp", "-d", tmp]
        for tag in PLATFORMS[platform][0]:
            args += ["--platform", tag]
        cp = pip(args + [req], marker_env(platform, python), verbose)
        got = [f.name for f in Path(tmp).iterdir()]
    if cp.returncode == 0 and got and not any(g.endswith(".whl") for g in got):
        return f"only an sdist ({got[0]}): it would be built from source on the user's machine"
    return "no release for this platform at all"


def closure_gaps(files: list[Path], env: dict[str, str]) -> list[str]:
    """Requirements that hold on the target (markers evaluated for it) but that nothing downloaded provides."""
    metas: dict[str, tuple[str, list[str]]] = {}
    for f in files:
        if f.suffix != ".whl":
            continue
        with zipfile.ZipFile(f) as z:
            name = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA") and n.count("/") == 1)
            msg = Parser().parsestr(z.read(name).decode("utf-8", "replace"))
        metas[canonicalize_name(msg["Name"])] = (f.name, msg.get_all("Requires-Dist") or [])
    gaps = []
    for _, (fname, requires) in sorted(metas.items()):
        for line in requires:
            req = Requirement(line)
            if req.marker is not None:
                marker_env_ = {**default_environment(), **env, "extra": ""}
                if not Marker(str(req.marker)).evaluate(marker_env_):
                    continue
            if canonicalize_name(req.name) not in metas:
                gaps.append(f"{req.name} (needed by {fname})")
    return gaps


def newest_macos(files: list[Path]) -> tuple[str, str]:
    best, who = (0, 0), ""
    for f in files:
        if f.suffix != ".whl":
            continue
        for tag in parse_wheel_filename(f.name)[3]:
            m = re.match(r"macosx_(\d+)_(\d+)_", tag.platform)
            if m and (int(m.group(1)), int(m.group(2))) > best:
                best, who = (int(m.group(1)), int(m.group(2))), f.name.split("-")[0]
    return (f"{best[0]}.{best[1]}", who) if who else ("", "")


class Outcome:
    def __init__(self, platform: str, python: str):
        self.platform, self.python = platform, python
        self.missing: list[str] = []       # "name (needed by x)": no wheel, nothing replaces it
        self.replaced: list[str] = []      # names of known sdist-only packages, replaced by their pure-Python wheel
        self.gaps: list[str] = []          # requirements for the target that pip did not download
        self.error = ""                    # the index could not be reached, or pip failed otherwise
        self.files: list[Path] = []

    @property
    def ok(self) -> bool:
        return not (self.missing or self.gaps or self.error)


def check(platform: str, python: str, reqs: list[Requirement], dest: Path, built: Path, strict: bool,
          verbose: bool) -> Outcome:
    out = Outcome(platform, python)
    env = marker_env(platform, python)
    pins, err = pin_newest(reqs, platform, python, dest, verbose)
    if err:
        out.error = "cannot reach the index: " + err if NETWORK.search(err) else err
        return out
    built_here: list[str] = []           # sdist-only requirements replaced by a wheel built in this check
    for _ in range(8):                     # each round may replace one more sdist-only package
        args = target_args(platform, python, dest)
        if not strict and any(built.glob("*.whl")):
            args += ["--find-links", str(built)]
        cp = pip(args + pins, env, verbose)
        text = cp.stdout + "\n" + cp.stderr
        if cp.returncode == 0:
            out.files = [Path(p.strip()) for p in FILE_LINE.findall(cp.stdout)]
            out.gaps = closure_gaps(out.files, env)
            out.replaced = sorted({_name_version(f.name)[0] for f in out.files
                                   if f.suffix == ".whl" and _name_version(f.name)[0] in SDIST_ONLY})
            return out
        if NETWORK.search(text) and not NO_MATCH.search(text):
            out.error = "cannot reach the index (" + NETWORK.search(text).group(0) + ")"
            return out
        misses = NO_MATCH.findall(text)
        if not misses:
            tail = [ln for ln in text.strip().splitlines() if ln.startswith("ERROR")] or text.strip().splitlines()[-3:]
            out.error = " / ".join(tail)
            return out
        progressed = False
        for req, parent, _versions in misses:
            name = canonicalize_name(Requirement(req).name)
            who = f"{req} (needed by {parent or 'huohua'})"
            if name in SDIST_ONLY and strict:
                who += " — sdist only (known, but --strict)"
            elif name in SDIST_ONLY and req in built_here:
                who += " — the wheel built from its sdist was not taken"
            elif name in SDIST_ONLY:
                pure, detail = build_pure_wheel(req, built, verbose)
                if pure:
                    built_here.append(req)
                    progressed = True
                    continue
                who += f" — sdist only, and its wheel is not pure Python: {detail}"
            else:
                who += " — " + what_exists(req, platform, python, verbose)
            out.missing.append(who)
        if not progressed:
            return out
    out.error = "gave up after 8 rounds of sdist-only packages"
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--platform", action="append", choices=sorted(PLATFORMS), help="repeatable; default: all")
    p.add_argument("--python", action="append", help="repeatable; default: " + ", ".join(PYTHONS))
    p.add_argument("--dest", type=Path, help="keep the downloads here (one folder per platform), not in a temp dir")
    p.add_argument("--strict", action="store_true", help="a known sdist-only package (SDIST_ONLY) is a failure too")
    p.add_argument("--jobs", type=int, default=3, help="platforms checked at once (default 3)")
    p.add_argument("-v", "--verbose", action="store_true", help="print pip's output")
    args = p.parse_args(argv)
    platforms = args.platform or list(PLATFORMS)
    pythons = args.python or PYTHONS
    reqs = runtime_requirements()
    log(f"{len(reqs)} runtime dependencies from pyproject.toml; pip {_pip_version()}; "
        f"platforms {', '.join(platforms)}; Python {', '.join(pythons)}")

    start = time.monotonic()
    tmp = None if args.dest else tempfile.mkdtemp(prefix="huohua-wheels-")
    base = args.dest or Path(tmp)
    built = base / "built-from-sdist"
    built.mkdir(parents=True, exist_ok=True)
    outcomes: list[Outcome] = []

    def one_platform(platform: str) -> list[tuple[Outcome, float]]:
        dest = base / platform             # the downloads of both Python versions share it
        dest.mkdir(parents=True, exist_ok=True)
        done = []
        for python in pythons:
            t = time.monotonic()
            done.append((check(platform, python, reqs, dest, built, args.strict, args.verbose), time.monotonic() - t))
        return done

    try:
        # one thread per platform: pip mostly waits on the index, and each platform has its own download folder
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            for done in pool.map(one_platform, platforms):
                for o, seconds in done:
                    outcomes.append(o)
                    log(line(o) + f"  [{seconds:.0f} s]")
        for name in sorted({r for o in outcomes for r in o.replaced}):
            wheel = sorted(built.glob(f"{name.replace('-', '_')}-*.whl"))
            log(f"replaced: {name} has no wheel; {wheel[-1].name if wheel else 'its wheel'}: {SDIST_ONLY[name]}")
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    failed = [o for o in outcomes if not o.ok]
    log(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed  ({time.monotonic() - start:.0f} s)")
    if any(o.error.startswith("cannot reach") for o in failed):
        return 2
    return 1 if failed else 0


def line(o: Outcome) -> str:
    head = f"{o.platform:<17} py{o.python}: "
    if o.error:
        return head + "ERROR " + o.error
    if o.missing or o.gaps:
        parts = []
        if o.missing:
            parts.append("no wheel for " + "; ".join(o.missing))
        if o.gaps:
            parts.append("not downloaded though the target needs it (pip evaluated markers for this machine?): "
                         + "; ".join(o.gaps))
        return head + "MISSING " + " | ".join(parts)
    wheels = [f for f in o.files if f.suffix == ".whl"]
    detail = f"{len(wheels)} wheels"
    mac, who = newest_macos(wheels)
    if mac:
        detail += f", newest macOS tag picked: {mac} ({who})"
    if o.replaced:
        detail += "; " + ", ".join(o.replaced) + ": sdist only, replaced by the pure-Python wheel built from it"
    return head + f"OK ({detail})"


def _pip_version() -> str:
    try:
        from pip import __version__
        return __version__
    except ImportError:
        return "?"


if __name__ == "__main__":
    sys.exit(main())
