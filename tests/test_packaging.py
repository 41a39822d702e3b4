"""The PyInstaller spec and the frozen entry point, checked without running PyInstaller (well under 1 s)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "huohua.spec"
ENTRY = PACKAGING / "huohua_entry.py"


def _spec_tree() -> ast.Module:
    return ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))


def _assigned_list(tree: ast.Module, name: str) -> list[str]:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return list(ast.literal_eval(node.value))
    raise AssertionError(f"{name} is not assigned a literal list or tuple")


def test_spec_parses_as_python():
    tree = _spec_tree()
    called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert {"Analysis", "PYZ", "EXE", "COLLECT"} <= called


def test_every_resource_the_spec_names_exists():
    tree = _spec_tree()
    required = _assigned_list(tree, "REQUIRED_RESOURCES")
    assert required, "the spec must name the resources the app reads"
    named = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
             and n.value.startswith("resources/")}
    for rel in sorted(set(required) | named):
        if any(ch in rel for ch in "*?["):   # a glob (files the spec leaves out), not a path
            continue
        assert (ROOT / rel).exists(), f"{SPEC.name} references {rel}, which does not exist"


def test_the_self_test_checks_the_same_resources_as_the_spec():
    spec = [p.removeprefix("resources/") for p in _assigned_list(_spec_tree(), "REQUIRED_RESOURCES")]
    selftest = ROOT / "desktop" / "selftest.py"
    checked = _assigned_list(ast.parse(selftest.read_text(encoding="utf-8")), "REQUIRED_RESOURCES")
    assert sorted(checked) == sorted(spec)


def test_every_translation_source_has_its_compiled_catalogue():
    # The spec bundles resources/translations/*.qm and refuses to build when a .ts has none.
    for ts in (ROOT / "resources" / "translations").glob("*.ts"):
        assert ts.with_suffix(".qm").is_file(), f"run python scripts/build_translations.py ({ts.name})"


def test_spec_entry_script_exists():
    text = SPEC.read_text(encoding="utf-8")
    assert '"huohua_entry.py"' in text and ENTRY.is_file()


def test_spec_builds_a_gui_and_a_console_executable():
    tree = _spec_tree()
    exes = {}
    for n in ast.walk(tree):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "EXE":
            kw = {k.arg: k.value for k in n.keywords if k.arg}
            exes[ast.literal_eval(kw["name"])] = ast.literal_eval(kw["console"])
    assert exes == {"huohua": False, "huohua-cli": True}


def test_entry_calls_freeze_support_before_importing_desktop():
    tree = ast.parse(ENTRY.read_text(encoding="utf-8"), filename=str(ENTRY))
    # No module-level import of the app: it would run again in every spawned worker before freeze_support.
    for node in tree.body:
        if isinstance(node, ast.Import):
            assert not any(a.name.split(".")[0] == "desktop" for a in node.names)
        if isinstance(node, ast.ImportFrom):
            assert (node.module or "").split(".")[0] != "desktop"
    main_block = [n for n in tree.body if isinstance(n, ast.If) and "__main__" in ast.unparse(n.test)]
    assert len(main_block) == 1, "the entry script needs one `if __name__ == '__main__':` block"
    first = main_block[0].body[0]
    assert isinstance(first, ast.Expr) and ast.unparse(first.value) == "multiprocessing.freeze_support()", \
        "multiprocessing.freeze_support() must be the first statement of the __main__ block"
    body = "\n".join(ast.unparse(s) for s in main_block[0].body)
    assert body.index("TQDM_DISABLE") < body.index("_run()"), "TQDM_DISABLE must be set before the app starts"


def test_nothing_in_the_entry_runs_before_freeze_support():
    """Issue 21: in a frozen worker (Windows and macOS spawn; so does Linux here) everything above the __main__
    block runs again before freeze_support takes over. So the module level only imports three standard modules
    (none of which starts anything) and defines functions: no call, no assignment, no other import."""
    tree = ast.parse(ENTRY.read_text(encoding="utf-8"), filename=str(ENTRY))
    for node in tree.body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            continue                                                   # the docstring
        if isinstance(node, ast.Import):
            assert {a.name for a in node.names} <= {"multiprocessing", "os", "sys"}, ast.unparse(node)
            continue
        if isinstance(node, ast.FunctionDef):
            assert not node.decorator_list and not any(isinstance(d, ast.Call) for d in ast.walk(node.args)), \
                f"{node.name}: a decorator or a default argument would run at import"
            continue
        if isinstance(node, ast.If) and "__main__" in ast.unparse(node.test):
            continue
        raise AssertionError(f"runs before freeze_support in every worker: {ast.unparse(node)[:80]}")


def test_the_bundle_holds_every_pane_built_after_the_first_paint():
    """gui_panes imports the deferred panes by name (importlib): PyInstaller's analysis cannot see those imports,
    so the spec names them as hidden imports, read from the same table."""
    import re

    from desktop.gui_panes import PANES

    deferred = sorted(make.split(":")[0] for _key, make, _area in PANES if isinstance(make, str))
    source = SPEC.read_text(encoding="utf-8")
    assert "hiddenimports=[\"tzdata\", *DEFERRED_PANES]" in source
    found = sorted(set(re.findall(r'"(desktop\.ui\.panes\.\w+):\w+"',
                                  (SPEC.parents[1] / "desktop" / "gui_panes.py").read_text(encoding="utf-8"))))
    assert deferred and found == deferred
