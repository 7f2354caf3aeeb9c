"""A registration round told as the people in it act: the administrator sets
it up with CLI commands, providers submit through their invitation links,
reviewers assess through their assignment links, the chamber advises and the
minister's office approves through theirs. Each fixture is one step of the
story and leaves the clock at the moment it happened.

The story: Çelik offers two trainings (DV.O100001) and an advice service
(DV.A100002) from one mail address; D'Hondt (DV.O100003) offers one training.
Bram and Sofie review, Karel and Lotte sit on the chamber.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest

from tests import samples
from tests.browser import body_of, links_in
from tests.samples import (
    BRAM,
    CELIK,
    CELIK_ADVICE,
    CNC,
    DHONDT,
    ENERGIE,
    KAREL,
    LOTTE,
    MINISTER,
    OCCUPATIONS,
    PROVIDER_ROWS,
    SOFIE,
    VCA,
    create_round,
    import_providers,
)

BRUSSELS = ZoneInfo("Europe/Brussels")

LASSEN = {**samples.LASSEN, "occupation": "Manueel lasser"}


VERDICTS = {
    LASSEN["name"]: ("eligible", "Leidt op tot manueel lasser."),
    CNC["name"]: ("eligible", "STEM-opleiding op onderwijskiezer."),
    ENERGIE["name"]: ("eligible", "Prognose is onderbouwd."),
    VCA["name"]: ("ineligible", "VCA is geen attest dat de wet vereist."),
}


def brussels(*args):
    return datetime(*args, tzinfo=BRUSSELS)


SETTING_UP = brussels(2026, 12, 15, 10)
OPENING = brussels(2027, 1, 4, 8)
SUBMITTING = brussels(2027, 1, 12, 14)
REVIEWING = brussels(2027, 2, 3, 10)
ADVISING = brussels(2027, 2, 10, 10)
APPROVING = brussels(2027, 3, 1, 11)


@dataclass
class Assignment:
    """The links in one reviewer's assignment mail."""

    overview: str
    services: dict  # service name -> link


# What people do ----------------------------------------------------------


def opened(new_browser, link):
    """A new browser of the link's holder, past the landing page."""
    browser = new_browser()
    browser.open_link(link)
    return browser


def submit_services(new_browser, link, *services):
    """A provider adds each service through its link and submits it."""
    browser = opened(new_browser, link)
    for fields in services:
        form = browser.get("/dienstverlener/diensten/nieuw")
        typed = {k: v for k, v in fields.items() if k != "occupation"}
        if "occupation" in fields:
            option = form.soup.find("option", string=fields["occupation"])
            typed["occupation_id"] = option["value"]
        page = browser.submit("Bewaren en indienen", typed)
        assert f"‘{fields['name']}’ is ingediend." in page.text, page.text
    return browser


def give_verdicts(new_browser, assignment, verdicts):
    """A reviewer assesses the named services of an assignment."""
    for name, (verdict, motivation) in verdicts.items():
        if name not in assignment.services:
            continue
        reviewer = opened(new_browser, assignment.services[name])
        fields = {"verdict": verdict, "motivation": motivation}
        page = reviewer.submit("Beoordeling bewaren", fields)
        assert f"Uw beoordeling van ‘{name}’ is bewaard." in page.text, page.text


def give_advice(new_browser, link, overall):
    member = opened(new_browser, link)
    page = member.submit("Advies bewaren", {"overall": overall})
    assert "Uw advies is bewaard." in page.text, page.text
    return member


def post_with_own_token(browser, url, fields):
    """Post to `url` with the CSRF token of the page the browser shows.

    This is what a person does who copies a form to another address: the
    request is genuine, only the object is not theirs.
    """
    token = browser.page.soup.find("input", attrs={"name": "csrf_token"})
    return browser.post(url, [("csrf_token", token["value"]), *fields.items()])


def resubmit(browser, stale_page, button, fields=None):
    """Press a button on a page that has gone stale (another tab, a back button)."""
    browser.page = stale_page
    return browser.submit(button, fields)


# What people read --------------------------------------------------------


def service_path(link):
    """The page a personal link leads to: `/beoordelen/diensten/2`."""
    return parse_qs(urlsplit(link).query)["naar"][0]


def mails(smtp, subject_start):
    """(recipient, registration number or '') of every mail with this subject."""
    found = []
    for message in smtp.messages:
        if message["Subject"].startswith(subject_start):
            number = re.search(r"DV\.[OA]\d+", body_of(message))
            found.append(
                (message.envelope_recipients[0], number.group() if number else "")
            )
    return sorted(found)


def the_link(smtp, address, subject_start):
    found = [m for m in smtp.to(address) if m["Subject"].startswith(subject_start)]
    assert len(found) == 1, [m["Subject"] for m in smtp.to(address)]
    return links_in(found[0])[0]


def assignment_of(smtp, address):
    found = [m for m in smtp.to(address) if m["Subject"].startswith("Te beoordelen")]
    assert len(found) == 1, [m["Subject"] for m in smtp.to(address)]
    body = body_of(found[0])
    services = dict(re.findall(r"^- (.+?) \(.*\n\s+(\S+)$", body, re.MULTILINE))
    return Assignment(overview=links_in(found[0])[-1], services=services)


def table_rows(page):
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        for row in page.soup.find("tbody").find_all("tr")
    ]


# The story ---------------------------------------------------------------


@pytest.fixture
def round_ready(cli, tmp_path, time_machine):
    """The administrator loads the lists, creates round 2027 and adds staff."""
    time_machine.move_to(SETTING_UP, tick=False)
    cli("import-occupations", OCCUPATIONS)
    import_providers(cli, tmp_path, PROVIDER_ROWS)
    create_round(cli, 2027, "2027-01-04", "2027-01-31")
    staff = [
        ("reviewer", "Bram Beoordelaar", BRAM),
        ("reviewer", "Sofie Beoordelaar", SOFIE),
        ("chamber", "Karel Kamerlid", KAREL),
        ("chamber", "Lotte Kamerlid", LOTTE),
        ("minister", "Kabinet", MINISTER),
    ]
    for role, name, address in staff:
        cli("staff", "add", "--role", role, "--name", name, "--email", address)


@pytest.fixture
def invitations(round_ready, cli, smtp, time_machine):
    """The round opens; each provider's invitation link by registration number."""
    time_machine.move_to(OPENING, tick=False)
    cli("jobs", "run-due")
    links = {}
    for message in smtp.messages:
        number = re.search(r"DV\.[OA]\d+", body_of(message)).group()
        links[number] = links_in(message)[0]
    smtp.clear()
    return links


@pytest.fixture
def assignments(invitations, new_browser, cli, smtp, time_machine):
    """The providers submit; the services go to Bram and Sofie in turn."""
    time_machine.move_to(SUBMITTING, tick=False)
    submit_services(new_browser, invitations[CELIK], LASSEN, CNC)
    submit_services(new_browser, invitations[CELIK_ADVICE], ENERGIE)
    submit_services(new_browser, invitations[DHONDT], VCA)
    cli("jobs", "run-due")
    found = {address: assignment_of(smtp, address) for address in (BRAM, SOFIE)}
    smtp.clear()
    return found


@pytest.fixture
def advice_links(assignments, new_browser, cli, smtp, time_machine):
    """The round has closed, every service has a verdict, the list is frozen."""
    time_machine.move_to(REVIEWING, tick=False)
    for assignment in assignments.values():
        give_verdicts(new_browser, assignment, VERDICTS)
    cli("list", "freeze")
    cli("jobs", "run-due")
    links = {
        address: the_link(smtp, address, "Adviesvraag") for address in (KAREL, LOTTE)
    }
    smtp.clear()
    return links


@pytest.fixture
def approval_link(advice_links, new_browser, cli, smtp, time_machine):
    """Both chamber members advise and the list goes to the minister's office."""
    time_machine.move_to(ADVISING, tick=False)
    give_advice(new_browser, advice_links[KAREL], "Positief advies.")
    give_advice(new_browser, advice_links[LOTTE], "Akkoord.")
    cli("list", "submit")
    cli("jobs", "run-due")
    link = the_link(smtp, MINISTER, "Ter goedkeuring")
    smtp.clear()
    time_machine.move_to(APPROVING, tick=False)
    return link
