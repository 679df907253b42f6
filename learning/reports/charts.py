"""A small line chart of coverage over time, drawn as SVG by a template.

Hand-drawn because it is one polyline and a few labels: a chart library would add JavaScript
(the CSP forbids inline script) for less control over the accessible markup. The page always
shows the same numbers in a table next to the chart.
"""

from dataclasses import dataclass

WIDTH, HEIGHT = 600, 240
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 16, 36


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    value: int


def line_chart(series):
    """Plot [(label, percent 0-100 or None)] on a 0-100 axis. Pure; returns template data."""
    known = [(label, value) for label, value in series if value is not None]
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = inner_w / max(len(known) - 1, 1)
    points = [
        Point(
            round(LEFT + i * step, 1), round(TOP + inner_h * (100 - value) / 100, 1), label, value
        )
        for i, (label, value) in enumerate(known)
    ]
    grid = [
        {"y": round(TOP + inner_h * (100 - v) / 100, 1), "value": v} for v in (0, 25, 50, 75, 100)
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "axis_x": LEFT - 6,
        "right": WIDTH - RIGHT,
        "bottom": HEIGHT - BOTTOM,
        "label_y": HEIGHT - BOTTOM + 20,
        "points": points,
        "grid": grid,
        "polyline": " ".join(f"{p.x},{p.y}" for p in points),
    }
