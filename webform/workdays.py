"""Working days: Monday to Friday, except Belgian public holidays."""

from datetime import date, datetime, time, timedelta
from functools import cache

import holidays

from webform.clock import BRUSSELS, as_utc


@cache
def public_holidays(year):
    return holidays.country_holidays("BE", years=year)


def is_working_day(day: date):
    return day.weekday() < 5 and day not in public_holidays(day.year)


def add_working_days(day: date, count: int):
    """The working day `count` working days after `day` (before, if negative)."""
    step = timedelta(days=1 if count >= 0 else -1)
    remaining = abs(count)
    while remaining:
        day += step
        remaining -= is_working_day(day)
    return day


def next_working_day(day: date):
    """`day` itself when it is a working day, else the first one after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def at_local(day: date, hour: int):
    """The UTC instant of a Brussels wall-clock hour on a day, summer or winter."""
    return as_utc(datetime.combine(day, time(hour), BRUSSELS))
