"""The window's composition root builds and wires, nothing else (issue 25.5): gui_app.py stays under 250 lines and
never sets an attribute of another object or reads one of its private ones (it once set `pane.runner`, read
`window.source_status.states["feeds"].state`, patched `core.refresher().flash` and cleared the news model's cache)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "desktop"
COMPOSITION = ("gui_app.py", "gui_panes.py", "gui_database.py", "gui_alerts.py")


def reaches(source: str) -> list[str]:
    """Attribute writes on anything but `self`, and private attributes read off anything but `self`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                for a in ast.walk(t):
                    if isinstance(a, ast.Attribute) and not (isinstance(a.value, ast.Name) and a.value.id == "self"):
                        found.append(f"line {a.lineno}: sets {ast.unparse(a)}")
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            if not (isinstance(node.value, ast.Name) and node.value.id == "self"):
                found.append(f"line {node.lineno}: reads {ast.unparse(node)}")
    return found


def test_gui_app_is_under_250_lines():
    lines = (ROOT / "gui_app.py").read_text(encoding="utf-8").count("\n")
    assert lines <= 250, f"gui_app.py has {lines} lines: what is not building or wiring belongs elsewhere"


def test_the_composition_never_reaches_inside():
    problems = {name: reaches((ROOT / name).read_text(encoding="utf-8")) for name in COMPOSITION}
    allowed = {"gui_alerts.py": ["sets notifier.amounts_hidden"],       # the notifier's own hook, documented there
               "gui_app.py": ["sets self.window.has_cache"]}              # MainWindow's public property (a setter)
    left = {n: [p for p in ps if not any(a in p for a in allowed.get(n, []))] for n, ps in problems.items()}
    assert not any(left.values()), left


def test_the_check_finds_a_reach():
    src = "def f(self, pane, window):\n    pane.runner = 1\n    return window.source_status._states\n"
    assert reaches(src) == ["line 2: sets pane.runner", "line 3: reads window.source_status._states"]
