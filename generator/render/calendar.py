"""The planning as an iCalendar file (RFC 5545) for bidders: one all-day event per milestone.

Deterministic: no clock, no random ids. DTSTAMP is the date of the tender package.
"""
from __future__ import annotations

import datetime

from generator import __version__
from generator.model.types import Project


def _escape(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, ';', ',' and line ends escaped, so no value can end a line
    (validation refuses a lone carriage return already; this holds whatever reaches here)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets are folded: continuation lines start with a space."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return [out[0]] + [" " + part for part in out[1:]]


def planning_ics(project: Project, stamp: datetime.date) -> bytes:
    tender = project.tender
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//Bestek//Bestek {__version__}//NL", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{_escape(tender.title)}"]
    for milestone in tender.planning:
        end = milestone.date + datetime.timedelta(days=1)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{milestone.id}@{tender.reference.lower()}.bestek",
            f"DTSTAMP:{stamp.strftime('%Y%m%d')}T000000Z",
            f"DTSTART;VALUE=DATE:{milestone.date.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{end.strftime('%Y%m%d')}",
            f"SUMMARY:{_escape(milestone.title)}",
            *([f"CATEGORIES:{_escape(milestone.kind_label)}"] if milestone.kind_label else []),
            f"DESCRIPTION:{_escape(f'{tender.title} ({project.organisation.name}), kenmerk {tender.reference}')}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(folded for line in lines for folded in _fold(line)) + "\r\n").encode("utf-8")
