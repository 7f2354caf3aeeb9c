"""The one place the product reads the clock, and Brussels time helpers."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from notify.clock import now

__all__ = [
    "now",
    "end_of_day",
    "start_of_day",
    "as_utc",
    "local",
    "format_local",
    "last_day",
    "last_day_date",
]

BRUSSELS = ZoneInfo("Europe/Brussels")


def end_of_day(day: date):
    """Return the UTC instant at which a Brussels calendar day ends."""
    next_midnight = datetime.combine(day + timedelta(days=1), time(), BRUSSELS)
    return next_midnight.astimezone(UTC)


def start_of_day(day: date):
    """Return the UTC instant at which a Brussels calendar day starts."""
    return datetime.combine(day, time(), BRUSSELS).astimezone(UTC)


def as_utc(moment: datetime):
    """Return an aware UTC datetime; SQLite hands back naive ones."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def local(moment: datetime):
    """Return the moment as Brussels wall-clock time."""
    return as_utc(moment).astimezone(BRUSSELS)


def format_local(moment: datetime | None, with_time=True):
    """Format a moment for Dutch screens and mails, in Brussels time."""
    if moment is None:
        return ""
    shown = local(moment)
    if with_time:
        return shown.strftime("%d/%m/%Y om %H:%M")
    return shown.strftime("%d/%m/%Y")


def last_day_date(moment: datetime):
    """The last Brussels day before an end-of-day deadline."""
    return (local(moment) - timedelta(microseconds=1)).date()


def last_day(moment: datetime):
    """Format the last Brussels day before an end-of-day deadline: 31/01/2027."""
    return last_day_date(moment).strftime("%d/%m/%Y")
