"""The heatmap's saved choices (split out of panes/heatmap_pane.py): its view, area, colour scale, theme, the
只看持仓 toggle and the 涨停 colour mode, kept in the window state under `heatmap/*` so a restart shows the map
as it was left. Values that are no longer valid (a renamed view, a scale dropped) fall back to the defaults.
"""

from __future__ import annotations

LIMIT_KEY = "heatmap/limits"


def save(pane, state) -> None:
    state.setValue("heatmap/view", pane.view_key)
    state.setValue("heatmap/size", pane.size_by)
    state.setValue("heatmap/scale", str(pane.clamp))
    state.setValue("heatmap/theme", pane.theme)
    pane.holdings.save(state)
    limits = getattr(pane, "limits", None)      # built after the first paint: until then, what was restored
    state.setValue(LIMIT_KEY, "1" if (limits.on if limits is not None else pane.start_limits) else "0")


def restore(pane, state, views: dict, sizes: dict, scales: tuple) -> None:
    view, size, scale = state.value("heatmap/view"), state.value("heatmap/size"), state.value("heatmap/scale")
    if view in views:
        pane.view_key = view
    if size in sizes:
        pane.size_by = size
    if scale and float(scale) in scales:
        pane.clamp = float(scale)
    pane.theme = state.value("heatmap/theme") or ""
    pane.holdings.restore(state)
    pane.start_limits = state.value(LIMIT_KEY) == "1"
