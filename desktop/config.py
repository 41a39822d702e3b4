"""Paths and settings. Every setting is declared once, here, with its type, default and meaning.

Paths: the data directory comes from `--data-dir`, else `HUOHUA_DATA_DIR`, else platformdirs. When the data
directory is overridden, the settings file lives inside it too, so a test or a portable install is
self-contained; otherwise it lives in the platform config directory (`HUOHUA_CONFIG_DIR` overrides).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.errors import ConfigError

APP = "huohua"


@dataclass(frozen=True, slots=True)
class Setting:
    key: str
    default: Any
    doc: str
    choices: tuple[Any, ...] | None = None
    minimum: float | None = None


SETTINGS: tuple[Setting, ...] = (
    Setting("rsshub.base_url", "http://127.0.0.1:1200",
            "RSSHub instance that rsshub:/ routes resolve against (the public rsshub.app restricts readers)"),
    Setting("feeds.interval_min", 15, "default minutes between two fetches of one feed", minimum=1),
    Setting("feeds.concurrency", 8, "feeds fetched at once (network-bound)", minimum=1),
    Setting("feeds.timeout_s", 20.0, "seconds before a feed request is given up", minimum=1),
    Setting("feeds.max_body_mb", 10.0, "largest feed body accepted, after decompression", minimum=0.01),
    Setting("feeds.max_redirects", 5, "redirects followed before a feed counts as broken", minimum=0),
    Setting("feeds.parse_processes", -1, "worker processes that parse and tag feeds: -1 one per CPU core,"
            " 0 parse in the fetch threads", minimum=-1),
    Setting("feeds.backoff_max_min", 360, "ceiling of the failure back-off, minutes", minimum=1),
    Setting("news.mark_read_on_open", True, "mark an article read when it is opened"),
    Setting("news.confirm_mark_all_read", True, "ask before Shift+A marks every listed article read"),
    Setting("news.retention_days", 0, "delete read, unstarred articles older than this; 0 keeps everything",
            minimum=0),
    Setting("news.themes_file", "", "extra themes TOML that extends or overrides the bundled one"),
    Setting("market.quotes_interval_s", 5, "seconds between watchlist quote refreshes while trading", minimum=3),
    Setting("market.boards_interval_s", 30, "seconds between board refreshes while trading", minimum=10),
    Setting("market.snapshot_interval_min", 5, "minutes between full-market snapshots while trading", minimum=5),
    Setting("market.intraday_keep_days", 5, "trading days of 1-minute bars kept for watched stocks", minimum=1),
    Setting("market.request_deadline_s", 15.0, "seconds any market request may take", minimum=1),
    Setting("market.intraday_interval_s", 60, "seconds between 1-minute chart refreshes while trading", minimum=30),
    Setting("market.backoff_max_s", 600, "ceiling of the market polling back-off after failures, seconds",
            minimum=30),
    Setting("ui.language", "zh_CN", "interface language", choices=("zh_CN", "en")),
    Setting("ui.colors", "red_up", "price colours: red_up (China) or green_up (West)",
            choices=("red_up", "green_up")),
    Setting("ui.theme", "light", "light or dark", choices=("light", "dark")),
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


def resolve_paths(data_dir: str | os.PathLike | None = None) -> Paths:
    explicit = data_dir or os.environ.get("HUOHUA_DATA_DIR")
    cfg_env = os.environ.get("HUOHUA_CONFIG_DIR")
    if explicit:
        data = Path(explicit).expanduser()
        cfg = Path(cfg_env).expanduser() if cfg_env else data
    else:
        import platformdirs

        data = Path(platformdirs.user_data_dir(APP, appauthor=False))
        cfg = Path(cfg_env).expanduser() if cfg_env else Path(platformdirs.user_config_dir(APP, appauthor=False))
    return Paths(data_dir=data.resolve(), config_dir=cfg.resolve())


class Settings:
    """Typed access to settings.toml; unknown keys are kept (a newer version may have written them)."""

    def __init__(self, path: Path, values: dict[str, Any] | None = None):
        self.path = path
        self._values: dict[str, Any] = dict(values or {})
        self._listeners: list[Callable[[frozenset[str]], None]] = []

    @classmethod
    def load(cls, path: Path) -> Settings:
        if not path.exists():
            return cls(path)
        import tomllib  # only when there is a file: its import is ~15 ms of a cold start

        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"settings file {path} is unreadable: {exc}") from exc
        flat: dict[str, Any] = {}
        for section, body in raw.items():
            if isinstance(body, dict):
                for k, v in body.items():
                    flat[f"{section}.{k}"] = v
            else:
                flat[section] = body
        settings = cls(path)
        for key, value in flat.items():
            try:
                settings._values[key] = _check(key, value)
            except ConfigError:
                # A bad value falls back to its default rather than stopping the app; the file keeps it.
                continue
        return settings

    def get(self, key: str) -> Any:
        if key not in _BY_KEY:
            raise KeyError(key)
        return self._values.get(key, _BY_KEY[key].default)

    def __getitem__(self, key: str) -> Any:
        return self.get(key)

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
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(dump_toml(self._values), encoding="utf-8")
        os.replace(tmp, self.path)  # atomic: a crash never leaves half a settings file



def _check(key: str, value: Any) -> Any:
    spec = _BY_KEY.get(key)
    if spec is None:
        return value
    want = type(spec.default)
    if want is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, want) or (want is int and isinstance(value, bool)):
        raise ConfigError(f"setting {key} must be {want.__name__}, got {value!r}")
    if spec.choices and value not in spec.choices:
        raise ConfigError(f"setting {key} must be one of {', '.join(map(str, spec.choices))}")
    if spec.minimum is not None and value < spec.minimum:
        raise ConfigError(f"setting {key} must be at least {spec.minimum}")
    return value


def dump_toml(flat: dict[str, Any]) -> str:
    """Write dotted keys as [section] tables. Values are str, bool, int, float or lists of those."""
    sections: dict[str, dict[str, Any]] = {}
    top: dict[str, Any] = {}
    for key, value in sorted(flat.items()):
        if "." in key:
            sec, name = key.split(".", 1)
            sections.setdefault(sec, {})[name] = value
        else:
            top[key] = value
    lines = [f"{k} = {_toml_value(v)}" for k, v in top.items()]
    for sec, body in sections.items():
        lines.append(f"\n[{sec}]")
        lines.extend(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in body.items())
    return "\n".join(lines).lstrip("\n") + "\n"


def _toml_key(key: str) -> str:
    return key if key.replace("_", "").replace("-", "").isalnum() and key.isascii() else _toml_value(key)


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        escaped = v.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
        return f'"{escaped}"'
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    raise ConfigError(f"cannot store {type(v).__name__} in settings")
