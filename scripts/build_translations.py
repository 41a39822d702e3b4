"""Build the English UI translation: resources/translations/huohua_en.ts and huohua_en.qm.

    python scripts/build_translations.py            # regenerate the .ts and .qm from the sources + en.toml
    python scripts/build_translations.py --check    # write nothing; fail if a source string has no English
    python scripts/build_translations.py --stub     # print TOML lines for the missing strings, to paste in

This is the only way the translation files are produced; never edit huohua_en.ts or huohua_en.qm by hand.
The human-maintained input is resources/translations/en.toml (its header documents the format).

1. `pyside6-lupdate` extracts every tr()/QCoreApplication.translate() string from every .py under desktop/
   (source language zh_CN, target en) into a scratch .ts.
2. Each message gets its English from en.toml: a `[context.<QtContext>]` entry if there is one, else the
   global entry (`[plural]` for %n messages, the top level otherwise).
3. huohua_en.ts is written sorted by context and source text, without source locations (so it changes only
   when a string or a translation changes), translated messages marked finished.
4. `pyside6-lrelease` compiles it into huohua_en.qm.

Errors (exit status 1, in every mode; the build still writes its outputs): a source string with no English,
an English text whose {0}/%n place markers differ from the Chinese, a mapping entry of the wrong shape.
Warnings (exit status unaffected): mapping entries no longer in the sources (stale), tr() calls lupdate
cannot extract or files under the wrong context, an accelerator (&F) lost in translation, outputs that are
out of date with the sources (in --check mode). Running it twice in a row changes nothing.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "desktop"
OUT_DIR = ROOT / "resources" / "translations"
MAPPING = OUT_DIR / "en.toml"
TS = OUT_DIR / "huohua_en.ts"
QM = OUT_DIR / "huohua_en.qm"
SOURCE_LANGUAGE, TARGET_LANGUAGE = "zh_CN", "en"

PLACE_MARKER = re.compile(r"\{[^{}]*\}|%n|%L?\d+")
ACCELERATOR = re.compile(r"&[^&\s]")


# -- the messages in the sources ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str = ""              # the disambiguation argument of tr()
    numerus: bool = False          # tr("… %n …", "", n)
    extracomment: str = ""
    locations: tuple[tuple[str, int], ...] = ()

    @property
    def where(self) -> str:
        return ", ".join(f"{path}:{line}" for path, line in self.locations) or "?"


def source_files() -> list[Path]:
    return sorted(p for p in SOURCE_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def _qt_tool(name: str) -> list[str]:
    """pyside6-<name> from PATH, else the same tool through the PySide6 module of this interpreter."""
    exe = shutil.which(f"pyside6-{name}")
    if exe:
        return [exe]
    return [sys.executable, "-c", f"import sys; from PySide6.scripts.pyside_tool import {name}; sys.exit({name}())"]


def _run(cmd: list[str]) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd[:1])} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    for line in done.stderr.splitlines():          # lupdate's own warnings (-silent keeps only those)
        if line.strip():
            print(f"warning: {Path(cmd[0]).name}: {line}", file=sys.stderr)


def extract(files: list[Path]) -> list[Message]:
    """Run lupdate over `files` into a scratch .ts and read its messages back."""
    with tempfile.TemporaryDirectory(prefix="huohua-lupdate-") as tmp:
        tmpdir = Path(tmp)
        listing = tmpdir / "sources.lst"
        listing.write_text("".join(f"{p}\n" for p in files), encoding="utf-8")
        scratch = tmpdir / "scratch.ts"
        _run([*_qt_tool("lupdate"), "-silent", "-no-obsolete", "-locations", "absolute",
              "-source-language", SOURCE_LANGUAGE, "-target-language", TARGET_LANGUAGE,
              f"@{listing}", "-ts", str(scratch)])
        return parse_ts(scratch)


def _rel(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def parse_ts(path: Path) -> list[Message]:
    messages = []
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            locations, filename = [], None
            for loc in m.iter("location"):
                filename = loc.get("filename", filename)
                if filename is not None and loc.get("line"):
                    locations.append((_rel(path.parent / filename), int(loc.get("line"))))
            messages.append(Message(name, m.findtext("source") or "", m.findtext("comment") or "",
                                    m.get("numerus") == "yes", m.findtext("extracomment") or "",
                                    tuple(locations)))
    return sorted(messages, key=lambda m: (m.context, m.source, m.comment))


def read_ts_translations(path: Path) -> dict[tuple[str, str, str], str | tuple[str, ...] | None]:
    """(context, source, comment) → translation as shipped (None when unfinished)."""
    out: dict[tuple[str, str, str], str | tuple[str, ...] | None] = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            t = m.find("translation")
            key = (name, m.findtext("source") or "", m.findtext("comment") or "")
            if t is None or t.get("type") in ("unfinished", "obsolete", "vanished"):
                out[key] = None
            elif m.get("numerus") == "yes":
                out[key] = tuple(f.text or "" for f in t.iter("numerusform"))
            else:
                out[key] = t.text or ""
    return out


# -- the English (en.toml) ----------------------------------------------------------------------------------
Translation = str | tuple[str, str]


@dataclass
class Mapping:
    plain: dict[str, str] = field(default_factory=dict)
    plural: dict[str, tuple[str, str]] = field(default_factory=dict)
    contexts: dict[str, dict[str, Translation]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def _value(where: str, key: str, value, mapping: Mapping, plural: bool | None) -> Translation | None:
    if isinstance(value, str) and plural is not True:
        return value
    if (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)
            and plural is not False):
        return (value[0], value[1])
    shape = {None: "a string or [singular, plural]", True: "[singular, plural]", False: "a string"}[plural]
    mapping.errors.append(f"en.toml {where}: {key!r} must be {shape}, not {value!r}")
    return None


def load_mapping(path: Path) -> Mapping:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raw = {}
    except tomllib.TOMLDecodeError as exc:
        sys.exit(f"{_rel(path)}: {exc}")
    mapping = Mapping()
    for key, value in raw.items():
        if key in ("plural", "context") and not isinstance(value, dict):
            mapping.errors.append(f"en.toml: {key!r} is reserved for the [{key}] table")
        elif key == "plural":
            for k, v in value.items():
                if (t := _value("[plural]", k, v, mapping, True)) is not None:
                    mapping.plural[k] = t
        elif key == "context":
            for ctx, table in value.items():
                if not isinstance(table, dict):
                    mapping.errors.append(f"en.toml: [context] entry {ctx!r} must be a table")
                    continue
                for k, v in table.items():
                    if (t := _value(f"[context.{ctx}]", k, v, mapping, None)) is not None:
                        mapping.contexts.setdefault(ctx, {})[k] = t
        elif (t := _value("top level", key, value, mapping, False)) is not None:
            mapping.plain[key] = t
    return mapping


def lookup(m: Message, mapping: Mapping) -> tuple[Translation | None, str | None]:
    """The English for `m` and where it came from (None, None when missing or empty)."""
    override = mapping.contexts.get(m.context, {}).get(m.source)
    if override is not None:
        where = f"[context.{m.context}]"
        if m.numerus != isinstance(override, tuple):
            mapping.errors.append(f"en.toml {where}: {m.source!r} must be "
                                  f"{'[singular, plural]' if m.numerus else 'a string'} ({m.where})")
            return None, None
        value: Translation | None = override
    else:
        value = (mapping.plural if m.numerus else mapping.plain).get(m.source)
        where = "[plural]" if m.numerus else "top level"
    empty = value is None or (isinstance(value, tuple) and not all(value)) or value == ""
    return (None, None) if empty else (value, where)


def _markers(text: str) -> list[str]:
    return sorted(PLACE_MARKER.findall(text))


def validate(m: Message, value: Translation) -> tuple[list[str], list[str]]:
    errors, warnings = [], []
    forms = value if isinstance(value, tuple) else (value,)
    want = _markers(m.source)
    for form in forms:
        if _markers(form) != want:
            errors.append(f"{m.where} ({m.context}): place markers of {form!r} {_markers(form)} "
                          f"differ from {m.source!r} {want}")
        if ACCELERATOR.search(m.source) and not ACCELERATOR.search(form):
            warnings.append(f"{m.where} ({m.context}): {m.source!r} has an accelerator (&) but {form!r} has none")
    return errors, warnings


def stale_entries(messages: list[Message], mapping: Mapping) -> list[str]:
    plain = {m.source for m in messages if not m.numerus}
    plural = {m.source for m in messages if m.numerus}
    by_context: dict[str, set[str]] = {}
    for m in messages:
        by_context.setdefault(m.context, set()).add(m.source)
    out = [f"top level: {k!r}" for k in sorted(mapping.plain) if k not in plain]
    out += [f"[plural]: {k!r}" for k in sorted(mapping.plural) if k not in plural]
    for ctx in sorted(mapping.contexts):
        out += [f"[context.{ctx}]: {k!r}" for k in sorted(mapping.contexts[ctx]) if k not in by_context.get(ctx, ())]
    return out


# -- tr() calls lupdate gets wrong ----------------------------------------------------------------------------
def lint_sources(files: list[Path]) -> list[str]:
    """tr()/translate() calls whose text lupdate cannot extract, or files under a context the runtime never uses.

    PySide's obj.tr() looks the text up under the Python class names of `obj` (its type and bases); lupdate
    files self.tr() under the enclosing class but `w.tr()` under a context literally named "w".
    """
    out = []
    for path in files:
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        except SyntaxError as exc:
            out.append(f"{_rel(path)}:{exc.lineno}: cannot parse: {exc.msg}")
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute | ast.Name):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
            where = f"{_rel(path)}:{node.lineno}"
            if name == "tr" and isinstance(node.func, ast.Attribute) and node.args:
                receiver = ast.unparse(node.func.value)
                if not _literal(node.args[0]):
                    out.append(f"{where}: {receiver}.tr({ast.unparse(node.args[0])}) — not a string literal, "
                               "lupdate cannot extract it")
                elif receiver != "self" and not (isinstance(node.func.value, ast.Name) and node.func.value.id[:1].isupper()):
                    out.append(f"{where}: {receiver}.tr(…) is filed under context {receiver!r} by lupdate but looked "
                               f"up under the class of {receiver} at run time, so it stays untranslated")
            elif name == "translate" and len(node.args) >= 2:
                if not (_literal(node.args[0]) and _literal(node.args[1])):
                    args = ", ".join(ast.unparse(a) for a in node.args[:2])
                    out.append(f"{where}: translate({args}) — not string literals, lupdate cannot extract it")
    return sorted(out, key=_by_location)


def _by_location(line: str) -> tuple[str, int]:
    path, _, rest = line.partition(":")
    number = rest.partition(":")[0]
    return path, int(number) if number.isdigit() else 0


def _literal(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


# -- writing -------------------------------------------------------------------------------------------------
def render_ts(messages: list[Message], translations: dict[Message, Translation | None]) -> str:
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             f'<TS version="2.1" language="{TARGET_LANGUAGE}" sourcelanguage="{SOURCE_LANGUAGE}">']
    contexts: dict[str, list[Message]] = {}
    for m in messages:
        contexts.setdefault(m.context, []).append(m)
    for ctx in sorted(contexts):
        lines += ["<context>", f"    <name>{escape(ctx)}</name>"]
        for m in sorted(contexts[ctx], key=lambda m: (m.source, m.comment)):
            lines.append('    <message numerus="yes">' if m.numerus else "    <message>")
            lines.append(f"        <source>{escape(m.source)}</source>")
            if m.comment:
                lines.append(f"        <comment>{escape(m.comment)}</comment>")
            if m.extracomment:
                lines.append(f"        <extracomment>{escape(m.extracomment)}</extracomment>")
            value = translations.get(m)
            unfinished = "" if value is not None else ' type="unfinished"'
            if m.numerus:
                forms = value if isinstance(value, tuple) else ("", "")
                lines.append(f"        <translation{unfinished}>")
                lines += [f"            <numerusform>{escape(f)}</numerusform>" for f in forms]
                lines.append("        </translation>")
            else:
                lines.append(f"        <translation{unfinished}>{escape(value or '')}</translation>")
            lines.append("    </message>")
        lines.append("</context>")
    lines.append("</TS>")
    return "\n".join(lines) + "\n"


def compile_qm(ts: Path, qm: Path) -> None:
    _run([*_qt_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)])


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def toml_string(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)     # a JSON string is a valid TOML basic string


# -- main ----------------------------------------------------------------------------------------------------
def build(check: bool, stub: bool, mapping_path: Path, out_dir: Path) -> int:
    files = source_files()
    messages = extract(files)
    mapping = load_mapping(mapping_path)
    translations: dict[Message, Translation | None] = {}
    missing: list[Message] = []
    errors: list[str] = []
    warnings: list[str] = []
    for m in messages:
        value, _where = lookup(m, mapping)
        translations[m] = value
        if value is None:
            missing.append(m)
            continue
        e, w = validate(m, value)
        errors += e
        warnings += w
    errors = mapping.errors + errors

    if stub:
        seen: set[tuple[bool, str]] = set()
        for m in sorted(missing, key=lambda m: (m.numerus, m.context, m.source)):
            if (m.numerus, m.source) in seen:
                continue
            seen.add((m.numerus, m.source))
            if m.numerus:
                print(f'# [plural] {m.context} {m.where}\n{toml_string(m.source)} = ["", ""]')
            else:
                print(f"{toml_string(m.source)} = \"\"   # {m.context} {m.where}")
        return 1 if missing else 0

    text = render_ts(messages, translations)
    ts, qm = out_dir / TS.name, out_dir / QM.name
    if check:
        if not ts.exists() or ts.read_text(encoding="utf-8") != text:
            warnings.append(f"{_rel(ts)} is out of date with the sources or en.toml: run "
                            "python scripts/build_translations.py")
    else:
        changed_ts = _write_if_changed(ts, text.encode("utf-8"))
        with tempfile.TemporaryDirectory(prefix="huohua-lrelease-") as tmp:
            fresh = Path(tmp) / qm.name
            compile_qm(ts, fresh)
            changed_qm = _write_if_changed(qm, fresh.read_bytes())
        done = len(messages) - len(missing)
        print(f"{_rel(ts)}: {len(messages)} messages, {done} translated"
              f"{'' if changed_ts else ' (unchanged)'}; {_rel(qm)}{'' if changed_qm else ' (unchanged)'}")

    for w in stale_entries(messages, mapping):
        print(f"warning: stale en.toml entry, no longer in the sources — {w}", file=sys.stderr)
    for w in lint_sources(files):
        print(f"warning: {w}", file=sys.stderr)
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    for e in errors:
        print(f"error: {e}", file=sys.stderr)
    if missing:
        print(f"error: {len(missing)} source string(s) have no English in {_rel(mapping_path)} "
              "(python scripts/build_translations.py --stub prints lines to fill in):", file=sys.stderr)
        for m in missing:
            print(f"  {m.where} [{m.context}]{' (plural)' if m.numerus else ''}: {m.source}", file=sys.stderr)
    if check and not missing and not errors:
        print(f"{len(messages)} messages, all translated")
    return 1 if missing or errors else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true",
                      help="write nothing; exit 1 listing every source string without English")
    mode.add_argument("--stub", action="store_true", help="print en.toml lines for the missing strings")
    ap.add_argument("--mapping", type=Path, default=MAPPING, help="the English mapping (default: %(default)s)")
    ap.add_argument("--out-dir", type=Path, default=OUT_DIR,
                    help="where huohua_en.ts/.qm go (default: %(default)s)")
    args = ap.parse_args(argv)
    return build(args.check, args.stub, args.mapping, args.out_dir)


if __name__ == "__main__":
    sys.exit(main())
