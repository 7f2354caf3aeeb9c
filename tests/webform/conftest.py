"""A registration round with two invited providers, as the webform tests need."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.browser import links_in
from tests.samples import OCCUPATIONS, create_round, import_providers

BRUSSELS = ZoneInfo("Europe/Brussels")
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
    time_machine.move_to(brussels(2026, 12, 15, 10), tick=False)
    cli("import-occupations", OCCUPATIONS)
    import_providers(
        cli,
        tmp_path,
        [
            f"DV.O200001,Lasschool Peeters bv,{PEETERS}",
            f"DV.O200002,Opleidingen Janssens,{JANSSENS}",
        ],
    )
    create_round(cli, 2027, "2027-01-04", "2027-01-31")

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
