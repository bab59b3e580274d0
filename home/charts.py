"""Server-rendered SVG charts (no script): a bar chart of a release and a line chart of one
indicator across releases. Each has a <title> and a <desc> listing every value, and the page
also shows the same figures as an HTML table."""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH = 720
BAR_HEIGHT = 28
LABEL_WIDTH = 250
COLOUR = "#8f1d1d"


def _fmt(value: Decimal) -> str:
    value = Decimal(value).normalize()
    return f"{value:,f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:,f}"


def bar_chart(points: list[tuple[str, Decimal]], unit: str, title: str, ident: str = "bar") -> dict:
    """One unit per chart: bars of 人 and of % on one axis would compare what cannot be compared."""
    if not points:
        return {}
    top = max(max(v for _, v in points), Decimal(1))
    height = len(points) * (BAR_HEIGHT + 10) + 20
    plot = WIDTH - LABEL_WIDTH - 90
    parts = []
    for i, (label, value) in enumerate(points):
        y = 10 + i * (BAR_HEIGHT + 10)
        length = max(0, float(value / top) * plot)
        shown = label if len(label) <= 16 else label[:15] + "…"
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT * 0.7:.0f}" text-anchor="end" class="chart__label">{escape(shown)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" fill="{COLOUR}"></rect>'
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + BAR_HEIGHT * 0.7:.0f}" class="chart__value">{_fmt(value)}{escape(unit)}</text>'
        )
    description = "；".join(f"{label}：{_fmt(value)}{unit}" for label, value in points)
    return _svg(ident, title, description, height, "".join(parts), css_kind="bar")


def line_chart(points: list[tuple[str, Decimal]], unit: str, title: str) -> dict:
    """A trend needs at least two points; one point is no comparison, and draws nothing."""
    if len(points) < 2:
        return {}
    height, left, right, top_pad, bottom = 300, 70, 70, 30, 60
    top = max(max(v for _, v in points), Decimal(1))
    plot_w, plot_h = WIDTH - left - right, height - top_pad - bottom
    step = plot_w / max(len(points) - 1, 1)
    coords = [
        (
            left + i * step if len(points) > 1 else left + plot_w / 2,
            top_pad + plot_h - float(v / top) * plot_h,
        )
        for i, (_, v) in enumerate(points)
    ]
    parts = [
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{WIDTH - right}" y2="{top_pad + plot_h}" stroke="#4a4a4a"></line>',
        f'<text x="{left - 8}" y="{top_pad + 5}" text-anchor="end" class="chart__value">{_fmt(top)}</text>',
        f'<text x="{left - 8}" y="{top_pad + plot_h}" text-anchor="end" class="chart__value">0</text>',
    ]
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{COLOUR}" stroke-width="3"></polyline>')
    for (x, y), (label, value) in zip(coords, points, strict=True):
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{COLOUR}"></circle>'
            f'<text x="{x:.1f}" y="{y - 10:.1f}" text-anchor="middle" class="chart__value">{_fmt(value)}</text>'
            f'<text x="{x:.1f}" y="{top_pad + plot_h + 22}" text-anchor="middle" class="chart__label">{escape(label)}</text>'
        )
    description = "；".join(f"{label}：{_fmt(value)}{unit}" for label, value in points)
    return _svg("line", title, description, height, "".join(parts))


def _svg(kind: str, title: str, description: str, height: int, body: str, css_kind: str = "") -> dict:
    ident = f"chart-{kind}"
    svg = (
        f'<svg class="chart chart--{css_kind or kind}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(description)}</desc>'
        f"{body}</svg>"
    )
    return {"svg": mark_safe(svg), "title": title, "description": description}
