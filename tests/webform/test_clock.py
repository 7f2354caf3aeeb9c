"""Brussels days: a round closes at the end of its closing day, summer or winter."""

from datetime import UTC, date, datetime

from webform import clock


def test_end_of_day_in_winter_is_23h_utc():
    assert clock.end_of_day(date(2027, 1, 31)) == datetime(2027, 1, 31, 23, tzinfo=UTC)


def test_end_of_day_in_summer_is_22h_utc():
    assert clock.end_of_day(date(2027, 6, 30)) == datetime(2027, 6, 30, 22, tzinfo=UTC)


def test_end_of_day_on_the_night_summer_time_starts():
    # 28 March 2027: clocks go from 02:00 to 03:00; the day has 23 hours.
    start = clock.start_of_day(date(2027, 3, 28))
    end = clock.end_of_day(date(2027, 3, 28))

    assert (end - start).total_seconds() == 23 * 3600


def test_last_day_names_the_closing_day():
    closes_at = clock.end_of_day(date(2027, 1, 31))

    assert clock.last_day(closes_at) == "31/01/2027"
    assert clock.format_local(closes_at) == "01/02/2027 om 00:00"
