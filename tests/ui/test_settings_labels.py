"""The settings dialog in both languages: the feed table's headers show their whole text ("nterval (min" in
English), and the light/dark choice is 配色 (Color scheme) — 主题 are the news themes."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox, QFormLayout, QStyle

from desktop.services.reader import ReaderService
from desktop.ui import i18n
from desktop.ui.settings_dialog import SettingsDialog


@pytest.fixture(params=["zh_CN", "en"])
def dialog(request, qapp, qtbot, core, settings, paths):
    i18n.install(qapp, request.param)
    try:
        d = SettingsDialog(settings, ReaderService(core.writer, core.paths.db), paths)
        qtbot.addWidget(d)
        d.show()
        qtbot.waitExposed(d)
        yield d
    finally:
        i18n.install(qapp, "zh_CN")            # the rest of the suite expects the Chinese UI


def test_feed_table_headers_fit_their_text(dialog):
    table = dialog.feeds.table
    header = table.horizontalHeader()
    margin = header.style().pixelMetric(QStyle.PM_HeaderMargin, None, header)
    for col in range(header.count()):
        text = table.horizontalHeaderItem(col).text()
        need = header.fontMetrics().horizontalAdvance(text) + 2 * margin
        assert header.sectionSize(col) >= need, f"{text!r}: {header.sectionSize(col)} px < {need} px"


def test_light_and_dark_is_the_colour_scheme_not_a_theme(dialog):
    combo = dialog.findChild(QComboBox, "uiTheme")
    form = combo.parentWidget().layout()
    assert isinstance(form, QFormLayout)
    label = form.labelForField(combo).text()
    assert label == ("配色" if i18n.current() == "zh_CN" else "Color scheme")
