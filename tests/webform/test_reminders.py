"""Provider reminders: 14, 7 and 2 days before the close, at 9.00 in Brussels."""

from tests.browser import body_of, links_in
from tests.samples import create_round, import_providers
from tests.webform.conftest import JANSSENS, PEETERS, brussels

VOORJAAR = "DV.O300001,Voorjaar bv,info@voorjaar.example"
REMINDER = (
    "Herinnering: de registratieronde 2027 van de kmo-portefeuille sluit op 31/01/2027"
)


def reminders(smtp):
    return sorted(
        m.envelope_recipients[0] for m in smtp.messages if m["Subject"] == REMINDER
    )


def run_at(cli, time_machine, *moment):
    time_machine.move_to(brussels(*moment), tick=False)
    cli("jobs", "run-due")


def save_draft(browser, name):
    browser.get("/dienstverlener/diensten/nieuw")
    browser.submit("Bewaren als concept", {"name": name})


def test_reminders_go_to_who_has_not_opened_or_has_drafts(
    cli, smtp, time_machine, invitations, peeters
):
    save_draft(peeters, "Lassen voor gevorderden")

    run_at(cli, time_machine, 2027, 1, 17, 8, 59)
    assert reminders(smtp) == []

    run_at(cli, time_machine, 2027, 1, 17, 9, 0)
    run_at(cli, time_machine, 2027, 1, 17, 15, 0)
    assert reminders(smtp) == sorted([JANSSENS, PEETERS])
    [to_peeters] = [m for m in smtp.messages if PEETERS in m.envelope_recipients]
    assert "- Lassen voor gevorderden" in body_of(to_peeters)
    assert "nog niet geopend" in body_of(smtp.to(JANSSENS)[0])


def test_no_reminder_for_an_opened_link_without_drafts(
    cli, smtp, time_machine, invitations, peeters, janssens
):
    save_draft(peeters, "Lassen voor gevorderden")
    janssens.get("/dienstverlener/")

    run_at(cli, time_machine, 2027, 1, 17, 9, 0)

    assert reminders(smtp) == [PEETERS]


def test_missed_reminders_are_not_sent_twice_after_downtime(
    cli, smtp, time_machine, invitations
):
    run_at(cli, time_machine, 2027, 1, 24, 9, 30)  # down on the 17th: one, not two
    assert reminders(smtp) == sorted([JANSSENS, PEETERS])
    smtp.clear()

    run_at(cli, time_machine, 2027, 1, 30, 10, 0)  # down on the 29th at 9.00
    run_at(cli, time_machine, 2027, 1, 31, 23, 0)
    run_at(cli, time_machine, 2027, 2, 1, 9, 0)  # the round has closed
    assert reminders(smtp) == sorted([JANSSENS, PEETERS])


def test_each_reminder_carries_a_link_of_its_own_that_works(
    cli, smtp, time_machine, invitations, new_browser
):
    run_at(cli, time_machine, 2027, 1, 17, 9, 0)

    [reminder] = smtp.to(JANSSENS)
    [link] = links_in(reminder)
    assert link != invitations[JANSSENS]
    page = new_browser().open_link(link)
    assert "Opleidingen Janssens" in page.text


def test_reminder_keeps_brussels_wall_clock_over_summer_time(
    cli, smtp, time_machine, tmp_path
):
    time_machine.move_to(brussels(2027, 3, 1, 10), tick=False)
    import_providers(cli, tmp_path, [VOORJAAR])
    create_round(cli, 2028, "2027-03-01", "2027-04-09")
    cli("jobs", "run-due")
    smtp.clear()

    run_at(cli, time_machine, 2027, 4, 2, 8, 59)  # summer time since 28 March
    before = len(smtp.messages)
    run_at(cli, time_machine, 2027, 4, 2, 9, 0)

    assert before == 1  # the 14-day reminder of 26 March, sent late
    assert [m["Subject"] for m in smtp.messages[1:]] == [
        "Herinnering: de registratieronde 2028 van de kmo-portefeuille "
        "sluit op 09/04/2027"
    ]


def test_next_years_round_created_early_does_not_stop_reminders(
    cli, smtp, time_machine, invitations
):
    create_round(cli, 2028, "2028-01-03", "2028-01-31")

    run_at(cli, time_machine, 2027, 1, 17, 9, 30)

    assert reminders(smtp) == sorted([JANSSENS, PEETERS])


def test_a_provider_invited_late_gets_no_reminder_with_its_invitation(
    cli, smtp, time_machine, invitations, tmp_path
):
    run_at(cli, time_machine, 2027, 1, 17, 9, 0)
    smtp.clear()
    import_providers(cli, tmp_path, ["DV.O200003,Laatkomer bv,info@laat.example"])

    run_at(cli, time_machine, 2027, 1, 20, 10, 0)
    subjects = [m["Subject"] for m in smtp.to("info@laat.example")]
    run_at(cli, time_machine, 2027, 1, 24, 9, 0)

    assert subjects == [
        "Uitnodiging: registreer uw diensten voor de kmo-portefeuille (2027)"
    ]
    assert "info@laat.example" in reminders(smtp)


def test_reminder_days_are_a_setting_of_the_round(cli, smtp, time_machine, tmp_path):
    time_machine.move_to(brussels(2027, 1, 4, 10), tick=False)
    import_providers(cli, tmp_path, [VOORJAAR])
    create_round(cli, 2027, "2027-01-04", "2027-01-31", "--provider-reminder-days", 3)
    cli("jobs", "run-due")

    run_at(cli, time_machine, 2027, 1, 17, 9, 0)
    run_at(cli, time_machine, 2027, 1, 28, 9, 0)

    assert [m["Subject"] for m in smtp.messages] == [
        "Uitnodiging: registreer uw diensten voor de kmo-portefeuille (2027)",
        REMINDER,
    ]
    assert smtp.messages[1]["Date"]
