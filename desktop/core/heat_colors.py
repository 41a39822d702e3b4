"""The heatmap's diverging colour scale: neutral grey at 0 %, full up/down colour at ±clamp (3 %, 5 % or 10 %),
in `STEPS` steps a side so a repaint draws one batch of rectangles per colour. Qt-free ("#rrggbb" strings).

Why deep colours at the ends and a grey middle (finviz's and the terminals' heatmaps): a tile's colour is read
at a glance; the grey says "flat", not "no data" — missing or stale data has its own pale hatch in the widget.
"""

from __future__ import annotations

STEPS = 12                   # colour steps per side: finer than the eye separates at tile sizes
CLAMPS = (3.0, 5.0, 10.0)
NEUTRAL = {"light": "#8c929b", "dark": "#4a4f57"}
DEEP = {"light": {"red": "#c8161d", "green": "#0e8a4a"}, "dark": {"red": "#d42a31", "green": "#16a05a"}}


def _rgb(hex_: str) -> tuple[int, int, int]:
    h = hex_.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def _mix(a: str, b: str, t: float) -> str:
    ra, ga, ba = _rgb(a)
    rb, gb, bb = _rgb(b)
    return f"#{round(ra + (rb - ra) * t):02x}{round(ga + (gb - ga) * t):02x}{round(ba + (bb - ba) * t):02x}"


def step_of(pct: float | None, clamp: float) -> int:
    """-STEPS … STEPS (0: flat); the scale saturates at ±clamp."""
    if pct is None or clamp <= 0:
        return 0
    t = max(-1.0, min(1.0, pct / clamp))
    return int(round(t * STEPS))


def palette(red_up: bool = True, theme: str = "light") -> dict[int, str]:
    """Step → colour for every step -STEPS … STEPS under the red-up (or green-up) convention."""
    deep = DEEP.get(theme, DEEP["light"])
    up, down = (deep["red"], deep["green"]) if red_up else (deep["green"], deep["red"])
    neutral = NEUTRAL.get(theme, NEUTRAL["light"])
    out = {0: neutral}
    for s in range(1, STEPS + 1):
        out[s] = _mix(neutral, up, s / STEPS)
        out[-s] = _mix(neutral, down, s / STEPS)
    return out


def text_color(background: str) -> str:
    """White on a dark tile, near-black on a light one (contrast ≥ 4.5:1 either way on this scale)."""
    r, g, b = _rgb(background)
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#111111" if lum > 150 else "#ffffff"
