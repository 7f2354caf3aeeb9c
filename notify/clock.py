"""The one function through which the product reads the clock."""

from datetime import UTC, datetime


def now():
    """Return the current time in UTC; tests set it with time-machine."""
    return datetime.now(UTC)
