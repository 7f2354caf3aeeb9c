"""Working days skip weekends and Belgian public holidays."""

from datetime import UTC, date, datetime

from webform.workdays import add_working_days, at_local, is_working_day


def test_weekends_and_holidays_are_not_working_days():
    assert is_working_day(date(2027, 1, 4))  # Monday
    assert not is_working_day(date(2027, 1, 2))  # Saturday
    assert not is_working_day(date(2027, 3, 29))  # Easter Monday
    assert not is_working_day(date(2027, 7, 21))  # National Day


def test_ten_working_days_skip_easter_monday():
    # Friday 19 March 2027 + 10 working days, with Easter Monday 29 March off.
    assert add_working_days(date(2027, 3, 19), 10) == date(2027, 4, 5)


def test_counting_back_two_working_days_over_a_weekend():
    assert add_working_days(date(2027, 2, 1), -2) == date(2027, 1, 28)


def test_nine_oclock_in_brussels_moves_in_utc_with_summer_time():
    assert at_local(date(2027, 3, 26), 9) == datetime(2027, 3, 26, 8, tzinfo=UTC)
    assert at_local(date(2027, 3, 29), 9) == datetime(2027, 3, 29, 7, tzinfo=UTC)
