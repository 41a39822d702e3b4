"""Squarified treemap layout (Bruls, Huizing and van Wijk, 2000), and a grouped one with a header strip per
group (finviz's market map). Qt-free; rectangles are (x, y, w, h) floats.

Why our own: the `squarify` package (the baseline in bench/heatmap.py) recomputes each candidate row's worst
aspect ratio from scratch, which is quadratic in a row's length; here a row grows with O(1) work per tile (the
sizes come sorted, so the row's largest tile is its first and its smallest the one just added), so 5,550 tiles
lay out in a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence

Rect = tuple[float, float, float, float]


def squarify(sizes: Sequence[float], x: float, y: float, w: float, h: float) -> list[Rect]:
    """Rectangles filling (x, y, w, h) with areas proportional to `sizes` (sorted descending, > 0), in order."""
    n = len(sizes)
    total = float(sum(sizes))
    if n == 0 or total <= 0 or w <= 0 or h <= 0:
        return [(x, y, 0.0, 0.0)] * n
    scale = w * h / total
    areas = [s * scale for s in sizes]
    out: list[Rect] = [(0.0, 0.0, 0.0, 0.0)] * n
    i = 0
    while i < n:
        short = w if w < h else h
        s2 = short * short
        first = areas[i]
        row = first
        worst = max(s2 / first, first / s2) if first > 0 else float("inf")
        j = i + 1
        while j < n:
            a = areas[j]
            grown = row + a
            g2 = grown * grown
            # worst ratio of the grown row: its largest tile (`first`) or its smallest (`a`)
            candidate = max(s2 * first / g2, g2 / (s2 * a)) if a > 0 else float("inf")
            if candidate > worst:
                break
            worst, row = candidate, grown
            j += 1
        if j == n:               # the last row takes what is left exactly (no sliver from rounding)
            row = w * h
            scale_row = row / sum(areas[i:j]) if sum(areas[i:j]) > 0 else 1.0
        else:
            scale_row = 1.0
        if w >= h:               # a column along the left edge
            cw = row / h if h > 0 else 0.0
            yy = y
            for k in range(i, j):
                hh = areas[k] * scale_row / cw if cw > 0 else 0.0
                out[k] = (x, yy, cw, hh)
                yy += hh
            x += cw
            w -= cw
        else:                    # a row along the top edge
            rh = row / w if w > 0 else 0.0
            xx = x
            for k in range(i, j):
                ww = areas[k] * scale_row / rh if rh > 0 else 0.0
                out[k] = (xx, y, ww, rh)
                xx += ww
            y += rh
            h -= rh
        if w < 0:
            w = 0.0
        if h < 0:
            h = 0.0
        i = j
    return out


def has_header(w: float, h: float, header: float = 16.0, gap: float = 1.0) -> bool:
    """Whether a group's box (w × h, gaps included) is big enough for its name strip: the layout reserves the
    strip and the painter writes the name by this one rule."""
    return h - 2 * gap > 3 * header and w - 2 * gap > 4 * header


def grouped(groups: Sequence[Sequence[float]], x: float, y: float, w: float, h: float,
            header: float = 16.0, gap: float = 1.0) -> tuple[list[Rect], list[list[Rect]]]:
    """Groups of sizes (each sorted descending; the groups by their totals, descending) → (each group's rectangle,
    each group's tiles). A group tall and wide enough gets a `header` strip for its name; `gap` separates groups."""
    totals = [float(sum(g)) for g in groups]
    boxes = squarify(totals, x, y, w, h)
    tiles: list[list[Rect]] = []
    for (gx, gy, gw, gh), sizes in zip(boxes, groups, strict=True):
        ix, iy, iw, ih = gx + gap, gy + gap, max(0.0, gw - 2 * gap), max(0.0, gh - 2 * gap)
        if has_header(gw, gh, header, gap):
            iy, ih = iy + header, ih - header
        tiles.append(squarify(sizes, ix, iy, iw, ih))
    return boxes, tiles
