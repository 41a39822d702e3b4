"""One rule for every figure in 万/亿 (issue 25 item 7): core/numbers formats them, and the same number reads the
same in the watchlist, the heatmap, the chart's volume axis and the CLI, in Chinese and in English."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from desktop.core import numbers
from desktop.core.market import Quote, QuoteRow

PKG = Path(__file__).resolve().parents[2] / "desktop"
VALUES = (0.0, 5_000.0, 12_345.0, 2.5e9, 9.99e10, 1.19187e11, 1.2497e12, 3.3e14)
MAGNITUDES = (1e4, 1e8, 1e12)          # 万, 亿, 万亿
LOT_SIZES = (100, 1e6)                 # 手, 万手: a volume (in shares) divided by these is a figure in 手/万手


def formatting_outside_numbers(paths) -> list[str]:
    """Figures in 万/亿 built outside core/numbers: an f-string with 万 or 亿 around a value, a division by 10⁴,
    10⁸ or 10¹², or a volume divided into 手/万手."""
    out = []
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for n in ast.walk(tree):
            if isinstance(n, ast.JoinedStr) and any(isinstance(v, ast.FormattedValue) for v in n.values) and any(
                    isinstance(v, ast.Constant) and ("万" in v.value or "亿" in v.value) for v in n.values):
                out.append(f"{path.name}:{n.lineno}: {ast.unparse(n)}")
            elif isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div) and isinstance(n.right, ast.Constant):
                left = ast.unparse(n.left)
                if n.right.value in MAGNITUDES or (n.right.value in LOT_SIZES and ("volume" in left or "shares" in left)):
                    out.append(f"{path.name}:{n.lineno}: {ast.unparse(n)}")
    return sorted(out)


def test_every_figure_in_wan_yi_is_formatted_in_core_numbers(tmp_path):
    assert formatting_outside_numbers(p for p in PKG.rglob("*.py") if p != PKG / "core" / "numbers.py") == []
    planted = tmp_path / "planted.py"
    planted.write_text('def cap(v):\n    return f"{v / 1e8:.2f}亿"\n'
                       'def readout(b):\n    return str(b.volume / 1e6)\n', encoding="utf-8")
    assert formatting_outside_numbers([planted]) == ["planted.py:2: f'{v / 100000000.0:.2f}亿'",
                                                     "planted.py:2: v / 100000000.0",
                                                     "planted.py:4: b.volume / 1000000.0"]


def _quote(v: float) -> Quote:
    return Quote(code="300750", name="宁德时代", price=100.0, change_pct=1.0, change=1.0, open=99, high=101, low=98,
                 prev_close=99.0, volume=v, amount=v, turnover_pct=1.0, total_cap=v, time=1, fetched=1)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_same_number_reads_the_same_everywhere(qapp, capsys, language):
    from desktop.cli_common import emit_compact
    from desktop.cli_limitup import _money
    from desktop.ui.models.quote_model import COLUMNS, QuoteModel
    from desktop.ui.style import price_colors
    from desktop.ui.widgets.kline_plot import volume_text
    from desktop.ui.widgets.treemap_view import _cap_text

    chinese = language == "zh_CN"
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China) if chinese else QLocale(QLocale.English))
    try:
        model = QuoteModel(lambda: price_colors("red_up"))
        for v in VALUES:
            model.set_rows(["300750"], [QuoteRow(_quote(v), "test", False, 0)], {})

            def cell(col: str) -> str:
                return model.data(model.index(0, COLUMNS.index(col)))

            text = numbers.amount_text(v, chinese=chinese)
            assert cell("amount") == cell("total_cap") == _cap_text(v) == text, v       # watchlist, heatmap
            assert cell("volume") == numbers.volume_lots_text(v, chinese)
            if chinese:                                                                  # the axis' 万手 / 手
                assert volume_text(v) == ("0" if not v else numbers.wan_lots(v, trim=True) + "万手")
                assert volume_text(v, "minute") == ("0" if not v else numbers.lots(v) + "手")
        # the CLI counts in 万/亿 whatever the interface's language
        for v in VALUES:
            emit_compact([{"code": "300750", "name": "宁德时代", "amount": v}], False)
            assert numbers.amount_text(v) in capsys.readouterr().out.split()
            assert _money(v) == numbers.amount_text(v)
    finally:
        QLocale.setDefault(before)


def test_the_rules_themselves():
    assert [numbers.amount_text(v) for v in VALUES] == ["0", "5000", "1万", "25.00亿", "999.00亿", "1192亿", "1.25万亿",
                                                       "330.00万亿"]
    assert [numbers.amount_text(v, chinese=False) for v in (5_000.0, 2.5e6, 2.5e9)] == ["5000", "2.5M", "2.50B"]
    assert (numbers.amount_yi(1.3455e12), numbers.amount_yi(5.2e7)) == ("13455亿", "0.52亿")
    assert (numbers.wan_lots(2e7), numbers.wan_lots(2e7, trim=True), numbers.lots(123_456)) == ("20.00", "20", "1235")
    assert numbers.volume_lots_text(1e9) == "1000万手" and numbers.volume_lots_text(None) == "—"
