"""The planning as a time axis: positions computed at build time, drawn as SVG by site/planning.html.

Part of the render stage. Dates map linearly onto the axis; month ticks thin out when months are
narrow; milestones that would overlap are stacked in lanes above the axis; a period (a milestone with
an end date) is also drawn as a bar along the axis. Every number is rounded
to one decimal so the SVG is the same on every machine.
"""
from __future__ import annotations

import datetime

from generator.core.text import dutch_date
from generator.model.types import Milestone
from generator.render.contexts import Timeline, TimelineMarker, TimelineTick

WIDTH = 960.0
SIDE = 56.0  # room left and right of the axis for the first and last tick label
RADIUS = 13.0  # marker circle radius
GAP = 4.0  # space between two markers side by side
LANE = 2 * RADIUS + 6  # vertical distance between stacked markers
STEM = 18.0  # from the axis to the lowest marker's edge
TOP = 6.0
LABELS = 30.0  # room for the tick labels below the axis
MIN_TICK_SPACING = 64.0
TICK_STEPS = (1, 2, 3, 6, 12)  # months between ticks
MONTHS_SHORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def _months_from(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The first day of every month that lies within [start, end]."""
    month = datetime.date(start.year, start.month, 1)
    if month < start:
        month = _next_month(month)
    months = []
    while month <= end:
        months.append(month)
        month = _next_month(month)
    return months


def _next_month(day: datetime.date) -> datetime.date:
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def build_timeline(planning: tuple[Milestone, ...]) -> Timeline:
    """Positions of the milestones (at least one) on a time axis, in date order."""
    ordered = sorted(enumerate(planning), key=lambda pair: (pair[1].date, pair[0]))
    first = ordered[0][1].date
    last = max(max(m.date for m in planning), max((m.end for m in planning if m.end), default=first))
    start, end = first, last
    if start == end:  # one date: centre it on an axis of a month
        start, end = first - datetime.timedelta(days=15), last + datetime.timedelta(days=15)
    span = (end - start).days
    axis_start, axis_end = SIDE, WIDTH - SIDE

    def x_of(day: datetime.date) -> float:
        return round(axis_start + (axis_end - axis_start) * (day - start).days / span, 1)

    lanes_end: list[float] = []  # right edge of the last marker in each lane
    placed = []
    for number, (_, milestone) in enumerate(ordered, start=1):
        x = x_of(milestone.date)
        lane = next((i for i, right in enumerate(lanes_end) if x - RADIUS >= right + GAP), len(lanes_end))
        if lane == len(lanes_end):
            lanes_end.append(x + RADIUS)
        lanes_end[lane] = x + RADIUS
        placed.append((number, milestone, x, lane))
    axis_y = TOP + 2 * RADIUS + (len(lanes_end) - 1) * LANE + STEM
    markers = tuple(TimelineMarker(number, milestone, x, round(axis_y - STEM - RADIUS - lane * LANE, 1),
                                   x_of(milestone.end) if milestone.end else None)
                    for number, milestone, x, lane in placed)

    px_per_month = (axis_end - axis_start) * 30.44 / span
    step = next((s for s in TICK_STEPS if s * px_per_month >= MIN_TICK_SPACING), TICK_STEPS[-1])
    ticks = tuple(TimelineTick(x_of(month), f"{MONTHS_SHORT[month.month - 1]} {month.year}")
                  for month in _months_from(start, end) if (month.month - 1) % step == 0)

    count = len(planning)
    noun = "mijlpaal" if count == 1 else "mijlpalen"
    period = (f"op {dutch_date(first)}" if first == last
              else f"van {dutch_date(first)} tot en met {dutch_date(last)}")
    description = (f"Tijdlijn met {count} {noun} {period}. Elke mijlpaal staat als genummerde stip op de "
                   "tijdas; de tabel onder de tijdlijn noemt dezelfde mijlpalen met hun nummer en datum.")
    return Timeline(width=WIDTH, height=round(axis_y + LABELS, 1), axis_y=round(axis_y, 1),
                    axis_start=axis_start, axis_end=axis_end, radius=RADIUS, ticks=ticks, markers=markers,
                    description=description)
