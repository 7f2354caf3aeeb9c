"""The provider's webform through HTTP, as a provider with an invitation uses it."""

import pytest
from sqlalchemy import select

from tests.webform.conftest import JANSSENS, PEETERS, brussels
from webform import clock
from webform.extensions import db
from webform.links import hash_token
from webform.models import Link

OVERVIEW = "/dienstverlener/"
NEW = "/dienstverlener/diensten/nieuw"
FIELDS = (
    "name",
    "description",
    "target_group",
    "criterion",
    "occupation_id",
    "stem_reference",
    "prognosis_source",
    "prognosis_year",
    "justification",
    "certificate",
    "legal_basis",
)
EVIDENCE = {
    "shortage_occupation": ("occupation_id",),
    "stem": ("stem_reference",),
    "future_shortage": ("prognosis_source", "prognosis_year", "justification"),
    "legal_certificate": ("certificate", "legal_basis"),
}
CRITERION_OF = {field: key for key, fields in EVIDENCE.items() for field in fields}
LIMITS = {
    "name": 200,
    "description": 2000,
    "target_group": 1000,
    "stem_reference": 2000,
    "prognosis_source": 500,
    "justification": 4000,
    "certificate": 500,
    "legal_basis": 2000,
}
CLOSED = (
    "De registratieronde is gesloten. U kunt geen diensten meer toevoegen, "
    "wijzigen of indienen."
)

NOT_SAVED = (
    "De registratieronde is gesloten: wat u hieronder typte, is niet bewaard. "
    "U kunt het nog kopiëren."
)

MISSING = {
    "name": ("name", "", "Vul de naam van de dienst in."),
    "description": ("description", "", "Vul een korte omschrijving in."),
    "target_group": ("target_group", "", "Vul de doelgroep in."),
    "target_group blank": ("target_group", " \r\n ", "Vul de doelgroep in."),
    "criterion": ("criterion", None, "Kies de voorwaarde waaraan de dienst voldoet."),
    "occupation_id": ("occupation_id", "0", "Kies het knelpuntberoep uit de lijst."),
    "stem_reference": (
        "stem_reference",
        "",
        "Vul de gepubliceerde STEM-opleiding in (naam of link) of geef een "
        "verantwoording.",
    ),
    "prognosis_source": ("prognosis_source", "", "Vul de bron van de prognose in."),
    "prognosis_year": ("prognosis_year", "", "Vul het jaar van de prognose in."),
    "justification": (
        "justification",
        "",
        "Leg uit hoe de dienst het tekort beantwoordt.",
    ),
    "certificate": ("certificate", "", "Vul het attest of certificaat in."),
    "legal_basis": ("legal_basis", "", "Vul de wettelijke basis in."),
}
TOO_LONG = {
    field: (field, "a" * (limit + 1), f"Gebruik hoogstens {limit} tekens.")
    for field, limit in LIMITS.items()
}
WRONG_VALUE = {
    "year not a number": (
        "prognosis_year",
        "twintig",
        "Vul een jaar in tussen 2000 en 2100.",
    ),
    "year too early": (
        "prognosis_year",
        "1999",
        "Vul een jaar in tussen 2000 en 2100.",
    ),
    "year too late": ("prognosis_year", "2101", "Vul een jaar in tussen 2000 en 2100."),
    "unknown criterion": ("criterion", "cursus", "Kies een van de voorwaarden."),
    "unknown occupation": ("occupation_id", "999999", "Kies een beroep uit de lijst."),
}


def occupation_value(page, name):
    return page.soup.find("option", string=name)["value"]


def typed_service(page, criterion, name="Lassen TIG voor beginners"):
    """Everything a provider types on the form, with evidence for every criterion."""
    return {
        "name": name,
        "description": "Basistechnieken van het TIG-lassen op staal en inox.",
        "target_group": "Werknemers in de metaalsector zonder lasopleiding.",
        "criterion": criterion,
        "occupation_id": occupation_value(page, "Manueel lasser"),
        "stem_reference": "https://www.onderwijskiezer.be/lassen-tig",
        "prognosis_source": "VLAMT-prognose metaal",
        "prognosis_year": "2025",
        "justification": "De prognose voorspelt een tekort aan lassers.",
        "certificate": "Lasattest EN ISO 9606-1",
        "legal_basis": "Codex over het welzijn op het werk, boek IX",
    }


def only_evidence_for(typed, criterion):
    """Leave the evidence of the other criteria empty."""
    emptied = {
        field: "0" if field == "occupation_id" else ""
        for field in CRITERION_OF
        if field not in EVIDENCE[criterion]
    }
    return {**typed, **emptied}


def add_service(browser, typed, button):
    browser.get(NEW)
    fields = {name: value for name, value in typed.items() if value is not None}
    return browser.submit(button, fields)


def errors_on(page):
    return {field: page.error_for(field) for field in FIELDS if page.error_for(field)}


def not_shown_back(page, typed, skip):
    """The typed values the refused form does not show again, as {field: shown}."""
    return {
        field: page.value_of(field)
        for field in FIELDS
        if field != skip and page.value_of(field) != typed.get(field)
    }


def rows(page):
    """The overview's table as the provider reads it: service, criterion, status."""
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all("td")[:3]]
        for row in page.soup.select("tbody tr")
    ]


def service_url(page, name):
    return page.soup.find("a", string=name)["href"]


@pytest.mark.parametrize(
    "mistakes",
    [MISSING, TOO_LONG, WRONG_VALUE],
    ids=["missing", "too_long", "wrong_value"],
)
def test_submit_with_a_mistake_shows_it_beside_the_field(peeters, mistakes):
    form = peeters.get(NEW)
    seen = {}
    for case, (field, value, _) in mistakes.items():
        typed = typed_service(form, CRITERION_OF.get(field, "stem"))
        typed[field] = value

        page = add_service(peeters, typed, "Bewaren en indienen")

        seen[case] = (
            errors_on(page),
            not_shown_back(page, typed, skip=field),
            rows(peeters.get(OVERVIEW)),
        )
    assert seen == {
        case: ({field: message}, {}, [])
        for case, (field, _, message) in mistakes.items()
    }


def test_draft_needs_a_name_and_nothing_else(peeters):
    form = peeters.get(NEW)
    typed = {**typed_service(form, "stem"), "name": ""}

    refused = add_service(peeters, typed, "Bewaren als concept")

    assert errors_on(refused) == {"name": "Vul de naam van de dienst in."}
    assert not_shown_back(refused, typed, skip="name") == {}
    assert "U hebt nog geen diensten toegevoegd." in peeters.get(OVERVIEW).text

    page = add_service(peeters, {"name": "Lassen TIG"}, "Bewaren als concept")

    assert "‘Lassen TIG’ is bewaard als concept." in page.text
    assert rows(page) == [["Lassen TIG", "–", "concept (nog onvolledig)"]]


def test_complete_service_is_submitted_for_each_criterion(peeters):
    form = peeters.get(NEW)
    for criterion in EVIDENCE:
        name = f"Lassen volgens {criterion}"
        typed = only_evidence_for(typed_service(form, criterion, name), criterion)

        page = add_service(peeters, typed, "Bewaren en indienen")

        assert f"‘{name}’ is ingediend." in page.text, errors_on(page)
    assert rows(page) == [
        ["Lassen volgens shortage_occupation", "Knelpuntberoep", "ingediend"],
        ["Lassen volgens stem", "STEM-opleiding", "ingediend"],
        ["Lassen volgens future_shortage", "Toekomstig tekort", "ingediend"],
        ["Lassen volgens legal_certificate", "Wettelijk verplicht attest", "ingediend"],
    ]


def test_texts_at_their_limit_are_accepted(peeters):
    form = peeters.get(NEW)
    at_limit = {field: "é" * limit for field, limit in LIMITS.items()}
    typed = {**typed_service(form, "future_shortage"), **at_limit}
    typed["prognosis_year"] = "2100"

    page = add_service(peeters, typed, "Bewaren en indienen")

    assert f"‘{'é' * 200}’ is ingediend." in page.text, errors_on(page)
    details = peeters.get(service_url(page, "é" * 200))
    assert "é" * 4000 in details.text


def add_draft(browser):
    """Add a draft with only a name and return the address of its page."""
    page = add_service(
        browser, {"name": "Heftruck veilig besturen"}, "Bewaren als concept"
    )
    return service_url(page, "Heftruck veilig besturen")


def test_provider_reaches_only_its_own_services(peeters, janssens, new_browser):
    url = add_draft(janssens)
    csrf = peeters.get(NEW).value_of("csrf_token")
    unknown = peeters.get("/dienstverlener/diensten/999999")

    read = peeters.get(url)
    change = peeters.post(
        url,
        [
            ("csrf_token", csrf),
            ("name", "Overgenomen"),
            ("submit", "Bewaren en indienen"),
        ],
    )
    withdraw = peeters.post(f"{url}/intrekken", [("csrf_token", csrf)])

    assert unknown.status == 404
    for page in (read, change, withdraw):
        assert (page.status, page.text) == (404, unknown.text)
    assert "Heftruck" not in peeters.get(OVERVIEW).text
    assert rows(janssens.get(OVERVIEW)) == [
        ["Heftruck veilig besturen", "–", "concept (nog onvolledig)"]
    ]
    assert janssens.get(url).value_of("name") == "Heftruck veilig besturen"

    stranger = new_browser()
    for address in (OVERVIEW, NEW, url):
        page = stranger.get(address)
        assert page.status == 403
        assert "U hebt geen toegang tot deze pagina." in page.text


def first_opened_at(app, link):
    token = link.rsplit("/", 1)[1]
    query = select(Link.first_opened_at).where(Link.token_hash == hash_token(token))
    with app.app_context():
        opened = db.session.scalar(query)
    if opened is None:
        return None
    return clock.as_utc(opened)


def test_link_opens_only_on_continue(app, invitations, new_browser):
    link = invitations[PEETERS]
    browser = new_browser()

    landing = browser.get(link)
    browser.get(link)

    assert landing.status == 200
    assert "Deze link is bestemd voor Lasschool Peeters bv" in landing.text
    assert first_opened_at(app, link) is None
    assert browser.get(OVERVIEW).status == 403

    browser.page = landing  # back to the landing page
    page = browser.submit("Verder gaan")

    assert "Uw diensten voor de registratieronde 2027" in page.text
    assert "Lasschool Peeters bv · registratienummer DV.O200001" in page.text
    assert first_opened_at(app, link) == brussels(2027, 1, 12, 14)
    assert first_opened_at(app, invitations[JANSSENS]) is None

    unknown = browser.get("/link/dit-is-geen-token")

    assert unknown.status == 404
    assert "Deze link is niet (meer) geldig" in unknown.text


def test_closed_round_refuses_adding_and_submitting(peeters, time_machine):
    time_machine.move_to(brussels(2027, 1, 31, 23, 59), tick=False)
    form = peeters.get(NEW)
    draft = typed_service(form, "stem")
    overview = add_service(peeters, draft, "Bewaren als concept")
    assert "‘Lassen TIG voor beginners’ is bewaard als concept." in overview.text
    new_form = peeters.get(NEW)
    edit_form = peeters.get(service_url(overview, "Lassen TIG voor beginners"))

    # Pages still open from before midnight are sent after it.
    time_machine.move_to(brussels(2027, 2, 1, 0, 0), tick=False)
    peeters.page = overview
    ready = peeters.submit("volledige concepten indienen")
    peeters.page = new_form
    typed = typed_service(new_form, "stem", "CNC")
    added = peeters.submit("Bewaren en indienen", typed)
    peeters.page = edit_form
    changed = peeters.submit("Bewaren en indienen", {"name": "Lassen TIG"})

    assert ready.status == 409
    assert CLOSED in ready.text
    for page in (added, changed):
        assert page.status == 409
        assert NOT_SAVED in page.text
    assert not_shown_back(added, typed, skip=None) == {}
    assert changed.value_of("name") == "Lassen TIG"
    page = peeters.get(OVERVIEW)
    assert rows(page) == [["Lassen TIG voor beginners", "STEM-opleiding", "concept"]]
    assert "De registratieronde is gesloten sinds 01/02/2027 om 00:00." in page.text
    assert "Een dienst toevoegen" not in page.text
    shown = peeters.get(service_url(page, "Lassen TIG voor beginners"))
    assert draft["description"] in shown.text
    assert "Bewaren" not in shown.text
    assert CLOSED in peeters.get(NEW).text


def test_withdraw_submitted_service_while_round_is_open(peeters):
    form = peeters.get(NEW)
    add_service(peeters, typed_service(form, "stem"), "Bewaren en indienen")

    page = peeters.submit("Intrekken")

    assert "‘Lassen TIG voor beginners’ is ingetrokken." in page.text
    assert rows(page) == [
        ["Lassen TIG voor beginners", "STEM-opleiding", "ingetrokken"]
    ]
    assert "Intrekken" not in page.text
    details = peeters.get(service_url(page, "Lassen TIG voor beginners"))
    assert "Status: ingetrokken" in details.text
