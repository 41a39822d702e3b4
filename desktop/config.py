"""Paths and settings. Every setting is declared once, here, with its type, default and meaning.

Paths: the data directory comes from `--data-dir`, else `HUOHUA_DATA_DIR`, else platformdirs. When the data
directory is overridden, the settings file lives inside it too, so a test or a portable install is
self-contained; otherwise it lives in the platform config directory (`HUOHUA_CONFIG_DIR` overrides).

The platform's directories (`platform_dirs`): Linux ~/.local/share/huohua and ~/.config/huohua (XDG variables
move them); Windows %LOCALAPPDATA%\\Huohua for both (local, not roaming: a database must not travel with a
roaming profile); macOS ~/Library/Application Support/Huohua for both. Windows and macOS spell the folder as
their apps do, Huohua (both file systems ignore case, so a folder made as "huohua" is the same one).
"""

from __future__ import annotations

import math
import os
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.errors import ConfigError
from desktop.core.files import write_verified

if TYPE_CHECKING:
    from platformdirs.api import PlatformDirsABC

APP = "huohua"


@dataclass(frozen=True, slots=True)
class Setting:
    key: str
    default: Any
    doc: str
    choices: tuple[Any, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None      # every number has both bounds; text is at most MAX_TEXT characters


MAX_TEXT = 2048     # characters in a text setting (a URL, a file path)

SETTINGS: tuple[Setting, ...] = (
    Setting("rsshub.base_url", "http://127.0.0.1:1200",
            "RSSHub instance that rsshub:/ routes resolve against (the public rsshub.app restricts readers)"),
    Setting("feeds.interval_min", 15, "default minutes between two fetches of one feed", minimum=1,
            maximum=7 * 24 * 60),
    Setting("feeds.concurrency", 8, "feeds fetched at once (network-bound)", minimum=1, maximum=64),
    Setting("feeds.timeout_s", 20.0, "seconds before a feed request is given up", minimum=1, maximum=600),
    Setting("feeds.max_body_mb", 10.0, "largest feed body accepted, after decompression", minimum=0.01,
            maximum=200),
    Setting("feeds.max_redirects", 5, "redirects followed before a feed counts as broken", minimum=0, maximum=30),
    Setting("feeds.parse_processes", -1, "worker processes that parse and tag feeds: -1 one per CPU core,"
            " 0 parse in the fetch threads", minimum=-1, maximum=64),
    Setting("feeds.backoff_max_min", 360, "ceiling of the failure back-off, minutes", minimum=1,
            maximum=7 * 24 * 60),
    Setting("news.mark_read_on_open", True, "mark an article read when it is opened"),
    Setting("news.confirm_mark_all_read", True, "ask before Shift+A marks every listed article read"),
    Setting("news.retention_days", 0, "delete read, unstarred articles older than this; 0 keeps everything",
            minimum=0, maximum=36500),
    Setting("news.themes_file", "", "extra themes TOML that extends or overrides the bundled one"),
    Setting("market.quotes_interval_s", 5, "seconds between watchlist quote refreshes while trading", minimum=3,
            maximum=3600),
    Setting("market.boards_interval_s", 30, "seconds between board refreshes while trading", minimum=10,
            maximum=3600),
    Setting("market.snapshot_interval_min", 5, "minutes between full-market snapshots while trading", minimum=5,
            maximum=24 * 60),
    Setting("market.intraday_keep_days", 5, "trading days of 1-minute bars kept for watched stocks", minimum=1,
            maximum=250),
    Setting("market.request_deadline_s", 15.0, "seconds any market request may take", minimum=1, maximum=600),
    Setting("market.intraday_interval_s", 60, "seconds between 1-minute chart refreshes while trading", minimum=30,
            maximum=3600),
    Setting("market.limitup_interval_s", 60, "seconds between 涨停/炸板/跌停 pool refreshes while trading (3 requests "
            "each)", minimum=30, maximum=3600),
    Setting("market.movers_interval_s", 60, "seconds between 盘口异动 refreshes while trading (11 requests each: "
            "10 types and the boards)", minimum=30, maximum=3600),
    Setting("market.backoff_max_s", 600, "ceiling of the market polling back-off after failures, seconds",
            minimum=30, maximum=24 * 3600),
    Setting("ui.language", "zh_CN", "interface language", choices=("zh_CN", "en")),
    Setting("ui.colors", "red_up", "price colours: red_up (China) or green_up (West)",
            choices=("red_up", "green_up")),
    Setting("ui.theme", "light", "light or dark", choices=("light", "dark")),
    Setting("positions.hide_amounts", False, "隐藏金额: every 持仓 amount shows as **** (Ctrl+Shift+H)"),
)
_BY_KEY = {s.key: s for s in SETTINGS}


def resources_dir() -> Path:
    """Bundled resources: inside a PyInstaller bundle; the repository's resources/ (editable install); or
    the copy installed with the package as desktop/_resources (`pip install .`)."""
    env = os.environ.get("HUOHUA_RESOURCES")
    if env:
        return Path(env)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    here = Path(__file__).resolve().parent
    repo = here.parent / "resources"
    return repo if (repo / "themes.toml").exists() else here / "_resources"


@dataclass(frozen=True, slots=True)
class Paths:
    data_dir: Path
    config_dir: Path

    @property
    def db(self) -> Path:
        return self.data_dir / "huohua.sqlite3"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.toml"

    @property
    def user_themes(self) -> Path:
        return self.config_dir / "themes.toml"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "huohua.log"

    @property
    def image_cache(self) -> Path:
        return self.data_dir / "images"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    def ensure(self) -> Paths:
        for d in (self.data_dir, self.config_dir):
            if not d.is_dir():      # an existing directory is enough, writable or not (read-only is handled)
                d.mkdir(parents=True, exist_ok=True)
        return self


def throwaway(paths: Paths, settings: Settings, directory: Path) -> tuple[Paths, Settings]:
    """A demo's or a replay's paths and settings: its database, log and settings file all in `directory` (deleted
    as the run ends). The settings start as the user's (language, colours, intervals), but whatever the run
    changes is saved to `directory`'s settings.toml, never to the user's: a theme tried in the demo does not
    stay. A user settings file that could not be read is not the run's concern (its copy starts on defaults)."""
    scratch = Paths(directory, directory)
    return scratch, Settings(scratch.settings_file, dict(settings._values))


def platform_dirs(platform: str | None = None):
    """platformdirs' directories object for `platform` (a sys.platform value; default this one's, exactly as
    platformdirs picks it). Its per-platform classes are chosen directly, so tests ask for Windows' or macOS's
    on any system."""
    if platform is None:
        import platformdirs

        return platformdirs.PlatformDirs(app_name(sys.platform), appauthor=False)
    Dirs: type[PlatformDirsABC]
    if platform == "win32":
        from platformdirs.windows import Windows as Dirs
    elif platform == "darwin":
        from platformdirs.macos import MacOS as Dirs
    else:
        from platformdirs.unix import Unix as Dirs
    return Dirs(app_name(platform), appauthor=False)


def app_name(platform: str) -> str:
    """The folder's name: "Huohua" where apps' folders are capitalised (Windows, macOS), else "huohua"."""
    return "Huohua" if platform in ("win32", "darwin") else APP


def resolve_paths(data_dir: str | os.PathLike | None = None, *, platform: str | None = None) -> Paths:
    explicit = data_dir or os.environ.get("HUOHUA_DATA_DIR")
    cfg_env = os.environ.get("HUOHUA_CONFIG_DIR")
    if explicit:
        data = Path(explicit).expanduser()
        cfg = Path(cfg_env).expanduser() if cfg_env else data
    else:
        dirs = platform_dirs(platform)
        data = Path(dirs.user_data_dir)
        cfg = Path(cfg_env).expanduser() if cfg_env else Path(dirs.user_config_dir)
    return Paths(data_dir=data.resolve(), config_dir=cfg.resolve())


class Settings:
    """Typed access to settings.toml; unknown keys and tables are kept (a newer version may have written them).

    The file is read with tomllib and written with tomlkit, which edits the document in place: comments, the
    order of keys and tables this version does not know survive a save. A save writes a temporary file, reads
    it back and only then renames it over the old one (`save`). A file that cannot be read stops a command
    with one line; the window runs on the defaults instead (`unreadable_file`) and says why."""

    def __init__(self, path: Path, values: dict[str, Any] | None = None):
        self.path = path
        self._values: dict[str, Any] = dict(values or {})
        self._listeners: list[Callable[[frozenset[str]], None]] = []
        self.unreadable = ""            # why the file could not be read (these are then the defaults)
        self.kept: Path | None = None   # where a save moved the unreadable file to

    @classmethod
    def load(cls, path: Path) -> Settings:
        if not path.exists():
            return cls(path)
        import tomllib  # only when there is a file: its import is ~15 ms of a cold start

        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"settings file {path} is unreadable: {exc}") from exc
        settings = cls(path)
        for key, value in _flatten(raw).items():
            try:
                settings._values[key] = _check(key, value)
            except ConfigError:
                # A bad value falls back to its default rather than stopping the app; the file keeps it.
                continue
        return settings

    @classmethod
    def unreadable_file(cls, path: Path, problem: str) -> Settings:
        """The defaults, for a window whose settings file cannot be read (`problem`, from load's ConfigError).
        The file is left as it is; the first save moves it aside (settings.toml.unreadable) before writing."""
        settings = cls(path)
        settings.unreadable = problem
        return settings

    def unreadable_message(self, lang: str = "zh_CN") -> str:
        """What the window says about an unreadable settings file: which file, why, that it runs on the
        defaults, and that the file is kept. "" when the file was read."""
        if not self.unreadable:
            return ""
        why = self.unreadable.split(" is unreadable: ", 1)[-1]
        aside = _aside_name(self.path)
        if lang == "en":
            return (f"The settings file {self.path} cannot be read ({why}); running on the defaults. The file is "
                    f"left as it is: fix it and restart, or save settings to start afresh (it is then kept as "
                    f"{aside.name}).")
        return (f"设置文件 {self.path} 无法读取（{why}），本次使用默认设置。该文件保持原样：修改后重启即可；"
                f"若在设置中保存，它会改名为 {aside.name} 保留。")

    def get(self, key: str) -> Any:
        if key not in _BY_KEY:
            raise KeyError(key)
        return self._values.get(key, _BY_KEY[key].default)

    def __getitem__(self, key: str) -> Any:
        return self.get(key)

    def chosen(self, key: str) -> bool:
        """Whether `key` holds a value of its own (set, or read from the file) rather than its default."""
        return key in self._values

    def set(self, key: str, value: Any) -> None:
        self._values[key] = _check(key, value)

    def subscribe(self, fn: Callable[[frozenset[str]], None]) -> None:
        """`fn(changed_keys)` after every `announce`, in subscription order (the window first, then panes)."""
        self._listeners.append(fn)

    def announce(self, keys: Iterable[str]) -> None:
        """Tell every subscriber which settings changed (call after set() and save(); the thread that changed
        them — the GUI's, for the settings dialog)."""
        changed = frozenset(keys)
        if changed:
            for fn in list(self._listeners):
                fn(changed)

    def save(self) -> None:
        """Write the settings so that they read back: the existing document updated in place (its comments and
        unknown tables kept), written to a temporary name, flushed, read back with tomllib and compared value by
        value, then renamed over the file (atomic: a crash never leaves half a settings file). ConfigError when
        what was written would not read back (the old file is untouched); OSError when it cannot be written.
        Over an unreadable file (`unreadable_file`), that file is first moved aside, never overwritten."""
        import tomllib

        import tomlkit
        from tomlkit.exceptions import TOMLKitError

        self.path.parent.mkdir(parents=True, exist_ok=True)
        base = ""
        if not self.unreadable:
            try:
                base = _existing_text(self.path)
                tomlkit.parse(base)
            except (UnicodeDecodeError, TOMLKitError) as exc:     # spoilt on disk since it was read
                self.unreadable, base = f"settings file {self.path} is unreadable: {exc}", ""
        try:
            data = render_toml(base, self._values).encode("utf-8")
        except (UnicodeEncodeError, TOMLKitError, TypeError, ValueError) as exc:
            raise ConfigError(f"settings file {self.path} was not saved: a value cannot be written ({exc}); the "
                              "file is unchanged") from None

        def verify(written: bytes) -> None:
            try:
                back = _flatten(tomllib.loads(written.decode("utf-8")))
            except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                raise ConfigError(f"settings file {self.path} was not saved: what was written does not read back "
                                  f"({exc}); the file is unchanged") from None
            wrong = next((k for k, v in self._values.items() if not _same(back.get(k, _MISSING), v)), None)
            if wrong is not None:
                raise ConfigError(f"settings file {self.path} was not saved: what was written does not read back "
                                  f"(setting {wrong}); the file is unchanged")

        def keep_unreadable() -> None:
            if self.unreadable and self.path.exists():
                kept = _aside_name(self.path)
                os.rename(self.path, kept)
                self.kept = kept
            self.unreadable = ""

        write_verified(self.path, data, verify, keep_unreadable)


_MISSING = object()
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _flatten(raw: dict[str, Any]) -> dict[str, Any]:
    """{"feeds": {"interval_min": 15}} → {"feeds.interval_min": 15}: one level, as settings are named; a table
    nested deeper (a later version's, `[future.section]`) stays one value under "future.section"."""
    flat: dict[str, Any] = {}
    for section, body in raw.items():
        if isinstance(body, dict):
            for k, v in body.items():
                flat[f"{section}.{k}"] = v
        else:
            flat[section] = body
    return flat


def _same(a: Any, b: Any) -> bool:
    """Equal as values, NaN equal to NaN (an unknown key may hold one)."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b                   # True is not 1
    return a == b


def _existing_text(path: Path) -> str:
    """The file as it is now (a save edits it in place); "" when there is none."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


def _aside_name(path: Path) -> Path:
    """Where an unreadable settings file is kept: settings.toml.unreadable, or -2, -3 … (never overwritten)."""
    n = 1
    while True:
        candidate = path.with_name(f"{path.name}.unreadable" + (f"-{n}" if n > 1 else ""))
        if not candidate.exists():
            return candidate
        n += 1


def render_toml(base: str, flat: dict[str, Any]) -> str:
    """`base` (the file's text, "" for none) with every value of `flat` set, through tomlkit: comments and keys
    not in `flat` stay as they are, values that did not change are not rewritten, and every string is escaped
    as TOML requires (control characters, quotes, backslashes)."""
    import tomlkit

    doc = tomlkit.parse(base) if base.strip() else tomlkit.document()
    for key, value in sorted(flat.items()):
        section, dot, name = key.partition(".")
        if not dot:
            if section not in doc or not _same(_plain(doc[section]), value):
                doc[section] = value
            continue
        table = doc.get(section)
        if not isinstance(table, dict):
            table = tomlkit.table()
            doc[section] = table
        if name not in table or not _same(_plain(table[name]), value):
            table[name] = value
    return tomlkit.dumps(doc)


def _plain(item: Any) -> Any:
    unwrap = getattr(item, "unwrap", None)
    return unwrap() if unwrap is not None else item


def _check(key: str, value: Any) -> Any:
    spec = _BY_KEY.get(key)
    if spec is None:
        return value
    want = type(spec.default)
    if want is float and isinstance(value, int) and not isinstance(value, bool):
        try:
            value = float(value)
        except OverflowError:
            raise ConfigError(f"setting {key} must be at most {spec.maximum:g}") from None
    if not isinstance(value, want) or (want is int and isinstance(value, bool)):
        raise ConfigError(f"setting {key} must be {want.__name__}, got {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ConfigError(f"setting {key} must be a finite number, got {value!r}")
    if spec.choices and value not in spec.choices:
        raise ConfigError(f"setting {key} must be one of {', '.join(map(str, spec.choices))}")
    if spec.minimum is not None and value < spec.minimum:
        raise ConfigError(f"setting {key} must be at least {spec.minimum:g}")
    if spec.maximum is not None and value > spec.maximum:
        raise ConfigError(f"setting {key} must be at most {spec.maximum:g}")
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise ConfigError(f"setting {key} must be at most {MAX_TEXT} characters long")
        if _CONTROL.search(value) or _SURROGATE.search(value):
            raise ConfigError(f"setting {key} must be plain text, without control characters")
    return value

