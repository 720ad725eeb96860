"""Bar charts as SVG text, for PDFs (WeasyPrint draws SVG; no browser or script is involved).

Pure: categories and series in, an SVG string out, every text escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

PALETTE = ("#b22222", "#1f6feb", "#2da44e", "#bf8700", "#8250df")


def bar_chart(categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], *, width: int = 640,
              height: int = 260) -> str:
    """Grouped vertical bars, a legend, and each bar's value written above it."""
    left, right, top, bottom = 40, 10, 30, 60
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max([v for _name, values in series for v in values] + [1])
    group = plot_w / max(len(categories), 1)
    bar = group * 0.8 / max(len(series), 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-size="10" font-family="Noto Sans SC, sans-serif">',
             f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#888"/>']
    for s, (name, values) in enumerate(series):
        colour = PALETTE[s % len(PALETTE)]
        parts.append(f'<rect x="{left + s * 110}" y="6" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{left + s * 110 + 14}" y="15">{escape(str(name))}</text>')
        for c, value in enumerate(values):
            h = plot_h * value / peak
            x = left + c * group + group * 0.1 + s * bar
            parts.append(f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{colour}"/>')
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{top + plot_h - h - 2:.1f}" text-anchor="middle" '
                         f'font-size="8">{escape(_number(value))}</text>')
    for c, name in enumerate(categories):
        x = left + c * group + group / 2
        label = str(name) if len(str(name)) <= 12 else str(name)[:11] + "…"
        parts.append(f'<text x="{x:.1f}" y="{top + plot_h + 14}" text-anchor="end" '
                     f'transform="rotate(-30 {x:.1f} {top + plot_h + 14})">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 100 else f"{value:,.1f}"
