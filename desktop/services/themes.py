"""News themes as the UI needs them: checking a user's themes file before it is saved as a setting."""

from __future__ import annotations

from pathlib import Path

from desktop.config import resources_dir
from desktop.tagging.themes import load_themes


def check_themes_file(path: Path) -> None:
    """Raise ConfigError (unreadable TOML) or TypeError/ValueError (a bad entry) if `path` cannot extend the
    bundled themes; return quietly if it can."""
    load_themes(resources_dir() / "themes.toml", path)
