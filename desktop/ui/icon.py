"""The app's icon (resources/icons, rendered from huohua.svg by scripts/build_icons.py): the window, the task
bar and the tray use it. QIcon.addFile reads nothing until a size is drawn, so this costs no start-up time."""

from __future__ import annotations

from PySide6.QtGui import QIcon

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    from desktop.config import resources_dir

    icon = QIcon()
    folder = resources_dir() / "icons"
    for size in SIZES:
        path = folder / f"huohua-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
    return icon
