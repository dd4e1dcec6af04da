"""Document dates as users and corpora give them: a day, a month or only a year.

A policy page often shows only ``2021`` or ``2023年7月``; a year still resolves 今年/去年
and a work report's time frame, so a partial date is accepted and its precision kept.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from .errors import Errors

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class DocDate:
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def isoformat(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"


def parse_date(value: object) -> DocDate:
    """``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or a :class:`datetime.date`; else ValueError (E015).

    >>> parse_date("2021").precision, parse_date("2023-07").month, parse_date("2024-03-05").day
    ('year', 7, 5)
    >>> import datetime; parse_date(datetime.date(2024, 3, 5)).isoformat()
    '2024-03-05'
    >>> parse_date("2023-13")
    Traceback (most recent call last):
    ...
    ValueError: E015 date '2023-13' is not YYYY, YYYY-MM or YYYY-MM-DD.
    """
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return DocDate(value.year, value.month, value.day)
    m = _DATE.match(value) if isinstance(value, str) else None
    if m is None:
        raise ValueError(Errors.E015.format(date=value))
    y, mo, d = (int(g) if g else None for g in m.groups())
    try:
        _dt.date(y, mo or 1, d or 1)
    except ValueError:
        raise ValueError(Errors.E015.format(date=value)) from None
    if y < 1000:
        raise ValueError(Errors.E015.format(date=value))
    return DocDate(y, mo, d)


def check_date(value: object) -> str:
    """The normalised string of a valid date (see :func:`parse_date`)."""
    return parse_date(value).isoformat()


__all__ = ["DocDate", "parse_date", "check_date"]
