"""The proposed list: freezing, chamber advice, approval and decision letters."""

from tests.review.conftest import (
    APPROVING,
    LASSEN,
    REVIEWING,
    VERDICTS,
    give_verdicts,
    mails,
    opened,
    resubmit,
    the_link,
)
from tests.samples import (
    BRAM,
    CELIK,
    CELIK_ADVICE,
    CELIK_MAIL,
    CNC,
    DHONDT,
    DHONDT_MAIL,
    ENERGIE,
    KAREL,
    LOTTE,
    MINISTER,
    SOFIE,
    VCA,
)

DECISION = "Beslissing over uw diensten"
ADVICE_REQUEST = "Adviesvraag"
APPROVAL_REQUEST = "Ter goedkeuring"


def decision_letters(smtp):
    """{registration number: letter} of every decision mail received."""
    letters = {}
    for message in smtp.messages:
        if message["Subject"].startswith(DECISION):
            body = message.get_body(preferencelist=("plain",)).get_content()
            number = body.split("registratienummer ")[1].split(" ")[0]
            assert number not in letters, f"a second letter for {number}"
            letters[number] = body.replace("\r\n", "\n")
    return letters


def remark_field(page, service_name):
    """The name of the remark field in the section of a service."""
    for section in page.soup.select("section.evidence"):
        if section.h2.get_text() == service_name:
            return section.textarea["name"]
    raise AssertionError(f"no remark field for {service_name}")


# Freezing ----------------------------------------------------------------


def test_freeze_and_submit_are_refused_while_the_round_is_open(
    assignments, refused, cli, smtp
):
    assert refused("list", "freeze") == (
        "Geweigerd: De ronde is nog open tot en met 31/01/2027. "
        "Leg de lijst vast na de sluiting.\n"
    )
    assert refused("list", "submit") == (
        "Geweigerd: Er is nog geen vastgelegde lijst om in te dienen.\n"
    )
    cli("jobs", "run-due")
    assert mails(smtp, ADVICE_REQUEST) == []
    assert mails(smtp, APPROVAL_REQUEST) == []


def test_freeze_is_refused_while_a_submitted_service_has_no_verdict(
    assignments, refused, cli, smtp, new_browser, time_machine
):
    time_machine.move_to(REVIEWING, tick=False)
    assert refused("list", "freeze") == (
        "Geweigerd: 4 ingediende diensten hebben nog geen beoordeling. "
        "Leg de lijst vast als elke ingediende dienst beoordeeld is.\n"
    )

    give_verdicts(new_browser, assignments[BRAM], VERDICTS)
    give_verdicts(new_browser, assignments[SOFIE], {CNC["name"]: VERDICTS[CNC["name"]]})
    assert refused("list", "freeze") == (
        "Geweigerd: 1 ingediende dienst heeft nog geen beoordeling. "
        "Leg de lijst vast als elke ingediende dienst beoordeeld is.\n"
    )
    cli("jobs", "run-due")
    assert mails(smtp, ADVICE_REQUEST) == []

    give_verdicts(new_browser, assignments[SOFIE], {VCA["name"]: VERDICTS[VCA["name"]]})
    assert refused("list", "submit") == (
        "Geweigerd: Er is nog geen vastgelegde lijst om in te dienen.\n"
    )
    assert cli("list", "freeze") == "Lijst vastgelegd met 4 diensten.\n"
    assert refused("list", "freeze") == (
        "Geweigerd: De voorgestelde lijst van deze ronde is al vastgelegd.\n"
    )
    cli("jobs", "run-due")
    assert mails(smtp, ADVICE_REQUEST) == [(KAREL, ""), (LOTTE, "")]


# Chamber advice ----------------------------------------------------------


def test_chamber_member_changes_advice_until_the_list_is_submitted(
    advice_links, cli, refused, smtp, new_browser
):
    karel = opened(new_browser, advice_links[KAREL])
    karel.submit(
        "Advies bewaren",
        {
            "overall": "Positief advies.",
            remark_field(karel.page, CNC["name"]): "Overlapt met het onderwijs.",
        },
    )
    page = karel.submit(
        "Advies bewaren",
        {
            "overall": "Positief, op CNC na.",
            remark_field(karel.page, CNC["name"]): "Overlapt deels.",
        },
    )
    assert "Uw advies is bewaard." in page.text
    assert page.value_of("overall") == "Positief, op CNC na."
    assert page.value_of(remark_field(page, CNC["name"])) == "Overlapt deels."
    open_form = karel.get("/kwaliteitskamer/")

    assert refused("list", "submit") == (
        "Geweigerd: Nog geen advies van Lotte Kamerlid; zij hebben tijd tot en met "
        "04/04/2027. Wacht tot dan, of stuur de lijst toch met --without-all-advice.\n"
    )
    cli("list", "submit", "--without-all-advice")
    page = resubmit(karel, open_form, "Advies bewaren", {"overall": "Negatief."})

    assert page.status == 409
    assert "De lijst is al naar de minister gestuurd; advies kan niet meer." in (
        page.text
    )
    page = karel.get("/kwaliteitskamer/")
    assert "naar de minister gestuurd; advies geven kan niet meer." in page.text
    assert page.soup.find("form") is None
    assert "Uw opmerking: Overlapt deels." in page.text
    cli("jobs", "run-due")
    office = opened(new_browser, the_link(smtp, MINISTER, APPROVAL_REQUEST))
    assert "Karel Kamerlid: Positief, op CNC na." in office.page.text
    assert (
        "Opmerking van Karel Kamerlid (kwaliteitskamer): Overlapt deels."
        in office.page.text
    )
    assert "Negatief." not in office.page.text


# Approval and decisions --------------------------------------------------


def test_approving_twice_is_refused_and_mails_each_decision_once(
    approval_link, cli, smtp, new_browser
):
    office = opened(new_browser, approval_link)
    open_form = office.page
    page = office.submit("Lijst goedkeuren")
    assert "De lijst is goedgekeurd." in page.text

    page = resubmit(
        office,
        open_form,
        "Lijst goedkeuren",
        {"exclusions-0-reason": "Toch uitsluiten."},
    )

    assert page.status == 409
    assert (
        "Deze lijst is al goedgekeurd op 01/03/2027 om 11:00. "
        "Wat u nu verstuurde, is niet bewaard." in page.text
    )
    cli("jobs", "run-due")
    cli("jobs", "run-due")
    assert mails(smtp, DECISION) == [
        (CELIK_MAIL, CELIK_ADVICE),
        (CELIK_MAIL, CELIK),
        (DHONDT_MAIL, DHONDT),
    ]
    assert "Toch uitsluiten." not in decision_letters(smtp)[CELIK]


def test_decision_letters_go_only_to_providers_on_the_list(
    invitations, assignments, cli, smtp, new_browser, time_machine
):
    dhondt = opened(new_browser, invitations[DHONDT])
    page = dhondt.submit("Intrekken")
    assert f"‘{VCA['name']}’ is ingetrokken." in page.text

    time_machine.move_to(REVIEWING, tick=False)
    verdicts = {
        LASSEN["name"]: VERDICTS[LASSEN["name"]],
        CNC["name"]: ("ineligible", "Geen STEM-opleiding volgens onderwijskiezer."),
        ENERGIE["name"]: VERDICTS[ENERGIE["name"]],
    }
    for assignment in assignments.values():
        give_verdicts(new_browser, assignment, verdicts)
    assert cli("list", "freeze") == "Lijst vastgelegd met 3 diensten.\n"
    cli("list", "submit", "--without-all-advice")
    cli("jobs", "run-due")
    approval_link = the_link(smtp, MINISTER, APPROVAL_REQUEST)
    smtp.clear()

    time_machine.move_to(APPROVING, tick=False)
    office = opened(new_browser, approval_link)
    office.submit("Lijst goedkeuren")
    cli("jobs", "run-due")

    assert mails(smtp, DECISION) == [(CELIK_MAIL, CELIK_ADVICE), (CELIK_MAIL, CELIK)]
    assert smtp.to(DHONDT_MAIL) == []
    letters = decision_letters(smtp)
    assert f"- {LASSEN['name']}: GOEDGEKEURD\n" in letters[CELIK]
    assert (
        f"- {CNC['name']}: GEWEIGERD\n"
        "  Reden: Geen STEM-opleiding volgens onderwijskiezer.\n" in letters[CELIK]
    )
    assert f"- {ENERGIE['name']}: GOEDGEKEURD\n" in letters[CELIK_ADVICE]
    assert LASSEN["name"] not in letters[CELIK_ADVICE]

    received = len(smtp.messages)
    cli("jobs", "run-due")
    assert len(smtp.messages) == received
