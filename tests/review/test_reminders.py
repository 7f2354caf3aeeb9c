"""Reminders to reviewers and chamber members, on Brussels working days."""

from tests.review.conftest import (
    VERDICTS,
    brussels,
    give_advice,
    give_verdicts,
)
from tests.samples import (
    BRAM,
    KAREL,
    LOTTE,
    SOFIE,
)

REVIEW_REMINDER = "Herinnering: 2 diensten wachten op uw beoordeling (2027)"
ADVICE_REMINDER = (
    "Herinnering: uw advies over de voorgestelde lijst (2027) verwachten we "
    "uiterlijk op 04/04/2027"
)


def reminded(smtp, subject):
    return sorted(
        m.envelope_recipients[0] for m in smtp.messages if m["Subject"] == subject
    )


def run_at(cli, time_machine, *moment):
    time_machine.move_to(brussels(*moment), tick=False)
    cli("jobs", "run-due")


def test_reviewers_are_reminded_on_the_due_day_and_every_two_working_days(
    assignments, cli, smtp, time_machine, new_browser
):
    # Assigned Tuesday 12 January: due ten working days later, Tuesday 26th.
    run_at(cli, time_machine, 2027, 1, 26, 8, 59)
    assert reminded(smtp, REVIEW_REMINDER) == []

    run_at(cli, time_machine, 2027, 1, 26, 9, 0)
    run_at(cli, time_machine, 2027, 1, 26, 17, 0)
    assert reminded(smtp, REVIEW_REMINDER) == [BRAM, SOFIE]
    [to_bram] = smtp.to(BRAM)
    assert (
        "te beoordelen uiterlijk op 26/01/2027"
        in to_bram.get_body(preferencelist=("plain",)).get_content()
    )
    smtp.clear()

    time_machine.move_to(brussels(2027, 1, 27, 10), tick=False)
    give_verdicts(new_browser, assignments[BRAM], VERDICTS)
    run_at(cli, time_machine, 2027, 1, 28, 9, 0)  # two working days later
    run_at(cli, time_machine, 2027, 1, 29, 9, 0)
    assert reminded(smtp, REVIEW_REMINDER) == [SOFIE]
    smtp.clear()

    run_at(cli, time_machine, 2027, 2, 1, 9, 0)  # Monday: Sat and Sun do not count
    assert reminded(smtp, REVIEW_REMINDER) == [SOFIE]


def test_chamber_members_without_advice_are_reminded_once(
    advice_links, cli, smtp, time_machine, new_browser
):
    time_machine.move_to(brussels(2027, 2, 10, 10), tick=False)
    give_advice(new_browser, advice_links[KAREL], "Positief advies.")
    smtp.clear()

    # The advice deadline is Sunday 4 April: two working days before is
    # Thursday 1 April, in summer time.
    run_at(cli, time_machine, 2027, 4, 1, 8, 59)
    assert reminded(smtp, ADVICE_REMINDER) == []
    run_at(cli, time_machine, 2027, 4, 1, 9, 0)
    run_at(cli, time_machine, 2027, 4, 2, 9, 0)

    assert reminded(smtp, ADVICE_REMINDER) == [LOTTE]
