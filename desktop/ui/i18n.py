"""Interface language. Source strings are Chinese (the default UI); English comes from resources/translations
(huohua_en.qm, built by scripts/build_translations.py from huohua_en.ts)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.config import resources_dir

_installed: list[QTranslator] = []
_language = "zh_CN"


def current() -> str:
    """The interface language installed last ("zh_CN" until one is)."""
    return _language


def chinese_numbers() -> bool:
    """Whether the interface counts in 万/亿 (Chinese) or in M/B: the `chinese` core/numbers' texts take."""
    return QLocale().language() == QLocale.Language.Chinese


def install(app: QCoreApplication, language: str) -> bool:
    """Install the translator for `language` ("zh_CN" needs none). Returns whether one was loaded."""
    global _language
    _language = language
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China) if language == "zh_CN" else QLocale(QLocale.Language.English))
    qt = QTranslator(app)   # Qt's own strings (OK/Cancel in standard dialogs) in the same language
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    if language == "zh_CN":
        return True
    t = QTranslator(app)
    if t.load(str(resources_dir() / "translations" / f"huohua_{language}.qm")):
        app.installTranslator(t)
        _installed.append(t)
        return True
    return False


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks `text` for lupdate under `context` and returns it unchanged, as PySide6's own does; typed (PySide6's
    stub says it returns object, so every label made with it would type as object)."""
    return text
