"""Server-rendered SVG charts: no JavaScript, no request to anyone, readable on a phone.

Each chart is an <svg role="img"> with a <title> and a <desc> saying what it shows in words; the
page puts the same numbers in a table beside it (templates/tools/_check_in_table.html).
Everything written into the SVG is escaped.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils.html import escape

# Small enough a box that its text stays legible when a phone scales it to its width.
WIDTH, HEIGHT = 480, 300
LEFT, RIGHT, TOP, BOTTOM = 34, 14, 14, 44
FONT = 17
MOST_DOTS = 60
LOW, HIGH = 1, 10
COLOURS = ["#8a3b2e", "#1a5fb4"]  # the site's accent, and a blue that stays apart from it for colour-blind eyes


@dataclass
class Series:
    """One person's check-ins, oldest first: (when, need, connected)."""

    label: str
    points: list[tuple[datetime, int, int]] = field(default_factory=list)


def _x(when: datetime, start: datetime, end: datetime) -> float:
    span = (end - start).total_seconds()
    share = 0.5 if span <= 0 else (when - start).total_seconds() / span
    return round(LEFT + share * (WIDTH - LEFT - RIGHT), 1)


def _y(value: float) -> float:
    return round(TOP + (HIGH - value) / (HIGH - LOW) * (HEIGHT - TOP - BOTTOM), 1)


def _points(pairs) -> str:
    return " ".join(f"{x},{y}" for x, y in pairs)


def _week_ticks(start: datetime, end: datetime, most: int = 4) -> list[datetime]:
    monday = (start - timedelta(days=start.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    if monday < start:
        monday += timedelta(days=7)
    weeks = []
    while monday <= end:
        weeks.append(monday)
        monday += timedelta(days=7)
    step = max(1, -(-len(weeks) // most))
    return weeks[::step]


def describe(series: list[Series]) -> str:
    parts = []
    for s in series:
        if not s.points:
            parts.append(f"{s.label}: no check-ins in this period.")
            continue
        when, need, connected = s.points[-1]
        parts.append(f"{s.label}: {len(s.points)} check-in{'s' if len(s.points) != 1 else ''} from "
                     f"{s.points[0][0]:%-d %b} to {when:%-d %b}; latest need for closeness {need} of 10, "
                     f"feeling connected {connected} of 10.")
    parts.append("The shaded band between each person's two lines is the gap between need and felt connection.")
    return " ".join(parts)


def check_in_chart(series: list[Series], *, start: datetime, end: datetime, chart_id: str = "check-in-chart") -> str:
    """Need for closeness (solid line, round dots) and feeling connected (dashed line, square
    dots) over time, one colour per person, the gap between a person's two lines shaded."""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" preserveAspectRatio="xMidYMid meet">',
        f'<title id="{chart_id}-title">Connection check-ins, {start:%-d %b %Y} to {end:%-d %b %Y}</title>',
        f'<desc id="{chart_id}-desc">{escape(describe(series))}</desc>',
    ]
    # Grid and axes.
    for value in range(LOW, HIGH + 1):
        y = _y(value)
        out.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" '
                   f'stroke="#e4ddd3" stroke-width="{1.5 if value in (1, 5, 10) else 0.5}"/>')
        if value in (1, 5, 10):
            out.append(f'<text x="{LEFT - 8}" y="{y + 5}" text-anchor="end" font-size="{FONT}" fill="#57606a">{value}</text>')
    for week in _week_ticks(start, end):
        x = _x(week, start, end)
        out.append(f'<line class="tick" x1="{x}" x2="{x}" y1="{HEIGHT - BOTTOM}" y2="{HEIGHT - BOTTOM + 6}" stroke="#57606a"/>')
        out.append(f'<text x="{x}" y="{HEIGHT - BOTTOM + 24}" text-anchor="middle" font-size="{FONT}" '
                   f'fill="#57606a">{week:%-d %b}</text>')
    # Each person: the shaded gap first, then the two lines and their dots on top.
    for index, s in enumerate(series):
        if not s.points:
            continue
        colour = COLOURS[index % len(COLOURS)]
        need = [(_x(w, start, end), _y(n)) for w, n, _c in s.points]
        felt = [(_x(w, start, end), _y(c)) for w, _n, c in s.points]
        person = f'data-person="{index}"'
        if len(s.points) > 1:
            out.append(f'<polygon class="gap" {person} points="{_points(need + felt[::-1])}" fill="{colour}" '
                       f'fill-opacity="0.15" stroke="none"/>')
        out.append(f'<polyline class="need" {person} points="{_points(need)}" fill="none" stroke="{colour}" '
                   f'stroke-width="3"/>')
        out.append(f'<polyline class="connected" {person} points="{_points(felt)}" fill="none" stroke="{colour}" '
                   f'stroke-width="3" stroke-dasharray="8 5"/>')
        if len(s.points) > MOST_DOTS:  # a year of daily check-ins: the lines say it, dots would only weigh
            continue
        for x, y in need:
            out.append(f'<circle class="need-dot" {person} cx="{x}" cy="{y}" r="5" fill="{colour}"/>')
        for x, y in felt:
            out.append(f'<rect class="connected-dot" {person} x="{x - 4.5}" y="{y - 4.5}" width="9" height="9" '
                       f'fill="#fff" stroke="{colour}" stroke-width="2.5"/>')
    out.append("</svg>")
    return "".join(out)


def histogram(counts: list[tuple[str, int | None]], *, title: str, chart_id: str) -> str:
    """Bars for (label, count) pairs; a count of None is a suppressed cell (fewer people than
    the desk may see), drawn as a hatched stub and said so in the description."""
    width, height, left, bottom, top = 400, 200, 8, 28, 12
    shown = [c for _label, c in counts if c is not None]
    peak = max(shown, default=0) or 1
    slot = (width - 2 * left) / max(1, len(counts))
    said = ", ".join(f"{label}: {'fewer than the threshold' if c is None else c}" for label, c in counts)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart histogram" viewBox="0 0 {width} {height}" '
           f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
           f'<title id="{chart_id}-title">{escape(title)}</title>',
           f'<desc id="{chart_id}-desc">{escape(said)}</desc>']
    for i, (label, count) in enumerate(counts):
        x = round(left + i * slot + 2, 1)
        bar_height = 0 if count is None else round((height - top - bottom) * count / peak, 1)
        y = height - bottom - bar_height
        if count is None:
            out.append(f'<rect class="suppressed" x="{x}" y="{height - bottom - 6}" width="{round(slot - 4, 1)}" '
                       f'height="6" fill="#e4ddd3"/>')
        else:
            out.append(f'<rect class="bar" data-label="{escape(label)}" data-count="{count}" x="{x}" y="{y}" '
                       f'width="{round(slot - 4, 1)}" height="{bar_height}" fill="#8a3b2e"/>')
        out.append(f'<text x="{round(x + slot / 2 - 2, 1)}" y="{height - 8}" text-anchor="middle" font-size="13" '
                   f'fill="#57606a">{escape(label)}</text>')
    out.append("</svg>")
    return "".join(out)
