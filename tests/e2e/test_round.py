"""A whole registration round through HTTP, following only links from mail."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests import samples
from tests.browser import body_of, links_in
from tests.samples import (
    BRAM,
    CELIK,
    CELIK_MAIL,
    CNC,
    DHONDT_MAIL,
    ENERGIE,
    HEFTRUCK,
    KAREL,
    LASSEN,
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

CELIK_TRAINING = (CELIK_MAIL, CELIK)
CELIK_ADVICE = (CELIK_MAIL, samples.CELIK_ADVICE)
DHONDT = (DHONDT_MAIL, samples.DHONDT)
REVIEWERS = [BRAM, SOFIE]
CHAMBER = [KAREL, LOTTE]


def brussels(*args):
    return datetime(*args, tzinfo=BRUSSELS)


def occupation_value(page, name):
    option = page.soup.find("option", string=name)
    return option["value"]


def the_mail(smtp, address, subject_start):
    found = [m for m in smtp.to(address) if m["Subject"].startswith(subject_start)]
    assert len(found) == 1, [m["Subject"] for m in smtp.to(address)]
    return found[0]


def invitation_link(smtp, address, registration_number):
    for message in smtp.to(address):
        if message["Subject"].startswith("Uitnodiging") and (
            registration_number in body_of(message)
        ):
            return links_in(message)[0]
    raise AssertionError(f"no invitation for {registration_number}")


def add_service(browser, fields, button="Bewaren en indienen"):
    form = browser.get("/dienstverlener/diensten/nieuw")
    if fields["criterion"] == "shortage_occupation":
        occupation = (
            "Manueel lasser" if "Lassen" in fields["name"] else "Heftruckchauffeur"
        )
        fields = {**fields, "occupation_id": occupation_value(form, occupation)}
    page = browser.submit(button, fields)
    assert page.status == 200
    return page


def sent_mails(smtp):
    return sorted((m.envelope_recipients[0], m["Subject"]) for m in smtp.messages)


@pytest.fixture
def round_ready(cli, tmp_path):
    staff = [
        ("reviewer", "Beoordelaar 1", BRAM),
        ("reviewer", "Beoordelaar 2", SOFIE),
        ("chamber", "Kamerlid 1", KAREL),
        ("chamber", "Kamerlid 2", LOTTE),
        ("minister", "Kabinet", MINISTER),
    ]
    with time_machine.travel(brussels(2026, 12, 15, 10), tick=False):
        cli("import-occupations", OCCUPATIONS)
        import_providers(cli, tmp_path, PROVIDER_ROWS)
        create_round(cli, 2027, "2027-01-04", "2027-01-31")
        for role, name, address in staff:
            cli("staff", "add", "--role", role, "--name", name, "--email", address)


def test_whole_round(round_ready, cli, smtp, new_browser):
    # Before the round opens nobody is invited.
    with time_machine.travel(brussels(2027, 1, 3, 12), tick=False):
        cli("jobs", "run-due")
    assert smtp.messages == []

    # The round opens: one invitation per provider, even on a shared address.
    with time_machine.travel(brussels(2027, 1, 4, 8), tick=False):
        cli("jobs", "run-due")
    assert sent_mails(smtp) == [
        (
            "info@celik.example",
            "Uitnodiging: registreer uw diensten voor de kmo-portefeuille (2027)",
        ),
        (
            "info@celik.example",
            "Uitnodiging: registreer uw diensten voor de kmo-portefeuille (2027)",
        ),
        (
            "opleiding@dhondt.example",
            "Uitnodiging: registreer uw diensten voor de kmo-portefeuille (2027)",
        ),
    ]
    invitation = body_of(smtp.to(DHONDT[0])[0])
    assert "Beste Opleidingen D'Hondt & Zonen," in invitation
    assert "tot en met 31/01/2027 om 23.59 uur" in invitation
    links = {
        number: invitation_link(smtp, address, number)
        for address, number in (CELIK_TRAINING, CELIK_ADVICE, DHONDT)
    }
    assert len(set(links.values())) == 3
    smtp.clear()

    with time_machine.travel(brussels(2027, 1, 12, 14), tick=True):
        # Çelik training saves a draft, comes back later and submits it.
        celik = new_browser()
        celik.open_link(links["DV.O100001"])
        page = add_service(celik, dict(LASSEN), button="Bewaren als concept")
        assert "‘Lassen TIG voor beginners’ is bewaard als concept." in page.text
        assert "concept" in page.text

        celik_again = new_browser()
        overview = celik_again.open_link(links["DV.O100001"])
        assert "Lassen TIG voor beginners" in overview.text
        edit_url = overview.soup.find("a", string="Lassen TIG voor beginners")["href"]
        form = celik_again.get(edit_url)
        assert form.value_of("name") == "Lassen TIG voor beginners"
        page = celik_again.submit("Bewaren en indienen")
        assert "is ingediend" in page.text

        # A second training as a draft, submitted with "all ready drafts".
        add_service(celik_again, dict(CNC), button="Bewaren als concept")
        page = celik_again.submit("volledige concepten indienen")
        assert "1 dienst ingediend" in page.text

        # Çelik's advice registration is a provider of its own.
        advice = new_browser()
        page = advice.open_link(links["DV.A100002"])
        assert "Lassen TIG" not in page.text
        page = add_service(advice, dict(ENERGIE))
        assert "is ingediend" in page.text

        dhondt = new_browser()
        dhondt.open_link(links["DV.O100003"])
        add_service(dhondt, dict(VCA), button="Bewaren als concept")
        add_service(dhondt, dict(HEFTRUCK), button="Bewaren als concept")
        page = dhondt.submit("volledige concepten indienen")
        assert "2 diensten ingediend" in page.text
        cli("jobs", "run-due")

    # Each submit is confirmed; submitted services go to the reviewers in turn.
    assert sent_mails(smtp) == [
        (
            "bram@vlaio.example",
            "Te beoordelen: 3 diensten voor de kmo-portefeuille (2027)",
        ),
        (
            "info@celik.example",
            "Bevestiging: 1 dienst ingediend voor de kmo-portefeuille (2027)",
        ),
        (
            "info@celik.example",
            "Bevestiging: 1 dienst ingediend voor de kmo-portefeuille (2027)",
        ),
        (
            "info@celik.example",
            "Bevestiging: 1 dienst ingediend voor de kmo-portefeuille (2027)",
        ),
        (
            "opleiding@dhondt.example",
            "Bevestiging: 2 diensten ingediend voor de kmo-portefeuille (2027)",
        ),
        (
            "sofie@vlaio.example",
            "Te beoordelen: 2 diensten voor de kmo-portefeuille (2027)",
        ),
    ]
    dhondt_confirmation = body_of(smtp.to(DHONDT[0])[0])
    assert (
        "- Attest VCA-basis (opleiding, voorwaarde: Wettelijk verplicht attest)"
        in dhondt_confirmation
    )
    assert (
        "- Heftruck veilig besturen (opleiding, voorwaarde: Knelpuntberoep)"
        in dhondt_confirmation
    )
    assert "Op 12/01/2027 om 14:00 diende u" in dhondt_confirmation
    assignments = {address: smtp.to(address)[0] for address in REVIEWERS}
    for address, services in (
        ("bram@vlaio.example", (LASSEN, ENERGIE, HEFTRUCK)),
        ("sofie@vlaio.example", (CNC, VCA)),
    ):
        body = body_of(assignments[address])
        assert all(f"- {service['name']} (" in body for service in services)
        assert len(links_in(assignments[address])) == len(services) + 1
    smtp.clear()

    verdicts = {
        LASSEN["name"]: ("eligible", "Leidt op tot manueel lasser."),
        CNC["name"]: ("eligible", "STEM-opleiding op onderwijskiezer."),
        ENERGIE["name"]: ("eligible", "Prognose is onderbouwd."),
        VCA["name"]: (
            "ineligible",
            "VCA is geen attest dat de wet voor een beroep vereist.",
        ),
        HEFTRUCK["name"]: ("eligible", "Heftruckchauffeur is een knelpuntberoep."),
    }
    with time_machine.travel(brussels(2027, 2, 3, 10), tick=True):
        for address in REVIEWERS:
            reviewer = new_browser()
            message = assignments[address]
            service_links = links_in(message)[:-1]
            for url in service_links:
                page = reviewer.open_link(url)
                name = page.soup.find("h1").get_text().removeprefix("Beoordelen: ")
                verdict, motivation = verdicts[name]
                page = reviewer.submit("Beoordeling bewaren", {"verdict": verdict})
                assert page.error_for("motivation") == "Vul een motivering in.", (
                    page.text[:1500]
                )
                page = reviewer.submit(
                    "Beoordeling bewaren",
                    {"verdict": verdict, "motivation": motivation},
                )
                assert f"Uw beoordeling van ‘{name}’ is bewaard." in page.text
        output = cli("list", "freeze")
        assert "Lijst vastgelegd met 5 diensten." in output
        cli("jobs", "run-due")
    assert sent_mails(smtp) == [
        (
            "karel@kamer.example",
            "Adviesvraag: voorgestelde lijst beroepsspecifieke competenties (2027)",
        ),
        (
            "lotte@kamer.example",
            "Adviesvraag: voorgestelde lijst beroepsspecifieke competenties (2027)",
        ),
    ]

    with time_machine.travel(brussels(2027, 2, 10, 10), tick=True):
        karel = new_browser()
        page = karel.open_link(links_in(smtp.to(CHAMBER[0])[0])[0])
        assert "Attest VCA-basis" in page.text
        page = karel.submit("Advies bewaren", {"remarks-0-remark": "Goede keuze."})
        assert page.error_for("overall") == "Vul uw algemeen advies in."
        assert page.value_of("remarks-0-remark") == "Goede keuze."
        page = karel.submit(
            "Advies bewaren", {"overall": "Positief advies over de lijst."}
        )
        assert "Uw advies is bewaard." in page.text
        lotte = new_browser()
        lotte.open_link(links_in(smtp.to(CHAMBER[1])[0])[0])
        lotte.submit("Advies bewaren", {"overall": "Akkoord."})
        smtp.clear()

        cli("list", "submit")
        cli("jobs", "run-due")
    assert sent_mails(smtp) == [
        (MINISTER, "Ter goedkeuring: lijst beroepsspecifieke competenties (2027)"),
    ]
    assert "4 diensten komen volgens de beoordeling in aanmerking, 1 niet" in body_of(
        smtp.messages[0]
    )

    with time_machine.travel(brussels(2027, 3, 1, 11), tick=True):
        office = new_browser()
        page = office.open_link(links_in(smtp.messages[0])[0])
        smtp.clear()
        reason_field = None
        for section in page.soup.find_all("section"):
            heading = section.find("h3")
            if heading and heading.get_text() == CNC["name"]:
                reason_field = section.find("textarea")["name"]
        page = office.submit(
            "Lijst goedkeuren",
            {reason_field: "Overlapt met het reguliere onderwijsaanbod."},
        )
        assert "De lijst is goedgekeurd." in page.text
        outcome = {
            row.find_all("td")[0].get_text(): row.find_all("td")[2].get_text()
            for row in page.soup.find("tbody").find_all("tr")
        }
        assert outcome[CNC["name"]] == "geweigerd"
        assert outcome[LASSEN["name"]] == "goedgekeurd"
        cli("jobs", "run-due")

    assert sent_mails(smtp) == [
        (
            "info@celik.example",
            "Beslissing over uw diensten voor de kmo-portefeuille (2027)",
        ),
        (
            "info@celik.example",
            "Beslissing over uw diensten voor de kmo-portefeuille (2027)",
        ),
        (
            "opleiding@dhondt.example",
            "Beslissing over uw diensten voor de kmo-portefeuille (2027)",
        ),
    ]
    letters = {
        number: body_of(m)
        for m in smtp.messages
        for number in ("DV.O100001", "DV.A100002", "DV.O100003")
        if f"registratienummer {number}" in body_of(m)
    }
    assert "- Lassen TIG voor beginners: GOEDGEKEURD" in letters["DV.O100001"]
    assert "http://localhost/lijst" in letters["DV.O100001"]
    assert (
        "- CNC-programmeren: GEWEIGERD\n"
        "  Reden: Overlapt met het reguliere onderwijsaanbod." in letters["DV.O100001"]
    )
    assert "- Advies energietransitie in de bouw: GOEDGEKEURD" in letters["DV.A100002"]
    assert "CNC" not in letters["DV.A100002"]
    assert (
        "- Attest VCA-basis: GEWEIGERD\n"
        "  Reden: VCA is geen attest dat de wet voor een beroep vereist."
        in letters["DV.O100003"]
    )
    assert "- Heftruck veilig besturen: GOEDGEKEURD" in letters["DV.O100003"]
    for letter in letters.values():
        assert "Raad van State" in letter
        assert "binnen 60 dagen na de kennisgeving" in letter

    public = new_browser()
    page = public.get("/lijst")
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        for row in page.soup.find("tbody").find_all("tr")
    ]
    assert rows == [
        [
            "Advies energietransitie in de bouw",
            "Çelik Advies bv (DV.A100002)",
            "advies",
            "Toekomstig tekort",
            "",
        ],
        [
            "Heftruck veilig besturen",
            "Opleidingen D'Hondt & Zonen (DV.O100003)",
            "opleiding",
            "Knelpuntberoep",
            "Heftruckchauffeur",
        ],
        [
            "Lassen TIG voor beginners",
            "Çelik Lasopleidingen bv (DV.O100001)",
            "opleiding",
            "Knelpuntberoep",
            "Manueel lasser",
        ],
    ]
    found = public.get("/lijst?zoek=d'hondt")
    assert "1 dienst voor ‘d'hondt’" in found.text
    assert "Heftruck veilig besturen" in found.text
    assert (
        "Er staan voor ‘100%’ geen diensten op de lijst."
        in public.get("/lijst?zoek=100%25").text
    )

    download = public.client.get("/lijst.csv")
    assert download.headers["Content-Type"] == "text/csv; charset=utf-8"
    reader = csv.reader(
        io.StringIO(download.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"
    )
    assert list(reader) == [
        [
            "dienst",
            "dienstverlener",
            "registratienummer",
            "soort",
            "voorwaarde",
            "knelpuntberoep",
        ],
        [
            "Advies energietransitie in de bouw",
            "Çelik Advies bv",
            "DV.A100002",
            "advies",
            "Toekomstig tekort",
            "",
        ],
        [
            "Heftruck veilig besturen",
            "Opleidingen D'Hondt & Zonen",
            "DV.O100003",
            "opleiding",
            "Knelpuntberoep",
            "Heftruckchauffeur",
        ],
        [
            "Lassen TIG voor beginners",
            "Çelik Lasopleidingen bv",
            "DV.O100001",
            "opleiding",
            "Knelpuntberoep",
            "Manueel lasser",
        ],
    ]
