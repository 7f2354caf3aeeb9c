"""A registration round with two invited providers, as the webform tests need."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.browser import links_in

BRUSSELS = ZoneInfo("Europe/Brussels")
OCCUPATIONS = "webform/data/knelpuntberoepen-2026.csv"
PROVIDERS_CSV = """registration_number,name,email
DV.O200001,Lasschool Peeters bv,info@peeters.example
DV.O200002,Opleidingen Janssens,opleiding@janssens.example
"""
PEETERS = "info@peeters.example"
JANSSENS = "opleiding@janssens.example"


def brussels(*args):
    return datetime(*args, tzinfo=BRUSSELS)


def invitation_link(smtp, address):
    mails = smtp.to(address)
    assert [m["Subject"] for m in mails] == [
        "Uitnodiging: registreer uw diensten voor de kmo-portefeuille (2027)"
    ]
    return links_in(mails[0])[0]


@pytest.fixture
def invitations(cli, smtp, tmp_path, time_machine):
    """Open the 2027 round (4 to 31 January) and return each provider's link.

    The links are read from the invitation mails; afterwards the clock stands
    still on 12 January 2027 at 14.00 in Brussels, while the round is open.
    """
    providers = tmp_path / "providers.csv"
    providers.write_text(PROVIDERS_CSV, encoding="utf-8")
    time_machine.move_to(brussels(2026, 12, 15, 10), tick=False)
    cli("import-occupations", OCCUPATIONS)
    cli("import-providers", providers)
    cli(
        "round",
        "create",
        "--year",
        2027,
        "--opens",
        "2027-01-04",
        "--closes",
        "2027-01-31",
    )

    time_machine.move_to(brussels(2027, 1, 4, 8), tick=False)
    cli("jobs", "run-due")
    links = {address: invitation_link(smtp, address) for address in (PEETERS, JANSSENS)}
    smtp.clear()

    time_machine.move_to(brussels(2027, 1, 12, 14), tick=False)
    return links


@pytest.fixture
def peeters(invitations, new_browser):
    """Peeters' browser, past the landing page of its invitation link."""
    browser = new_browser()
    browser.open_link(invitations[PEETERS])
    return browser


@pytest.fixture
def janssens(invitations, new_browser):
    """Janssens' browser, past the landing page of its invitation link."""
    browser = new_browser()
    browser.open_link(invitations[JANSSENS])
    return browser
