"""Odd and hostile input gets a Dutch answer, never a crash or lost text."""

from tests.webform.conftest import PEETERS

NEW = "/dienstverlener/diensten/nieuw"
SERVICE = {
    "name": "Lassen TIG voor beginners",
    "description": "Basistechnieken van het TIG-lassen.",
    "target_group": "Werknemers in de metaalsector.",
    "criterion": "stem",
    "stem_reference": "https://www.onderwijskiezer.be/lassen",
}


def service_names(page):
    return [row.find("a").get_text() for row in page.soup.find("tbody").find_all("tr")]


def test_ids_too_large_for_the_database_are_not_found(peeters):
    for address in (
        "/dienstverlener/diensten/99999999999999999999",
        "/dienstverlener/diensten/2147483648",
    ):
        assert peeters.get(address).status == 404


def test_control_characters_and_line_breaks_leave_a_clean_name(peeters):
    peeters.get(NEW)
    typed = {**SERVICE, "name": "Lassen\x00 TIG\r\nvoor\x07 beginners"}

    page = peeters.submit("Bewaren als concept", typed)

    assert service_names(page) == ["Lassen TIG voor beginners"]


def test_a_name_of_control_characters_only_counts_as_empty(peeters):
    peeters.get(NEW)

    page = peeters.submit("Bewaren als concept", {**SERVICE, "name": "\x00\x01"})

    assert page.error_for("name") == "Vul de naam van de dienst in."
    assert page.value_of("description") == SERVICE["description"]


def test_a_changed_form_sent_again_after_going_back_makes_a_second_service(peeters):
    form = peeters.get(NEW)
    peeters.submit("Bewaren als concept", SERVICE)

    peeters.page = form
    page = peeters.submit("Bewaren als concept", {**SERVICE, "name": "Solderen"})

    assert sorted(service_names(page)) == ["Lassen TIG voor beginners", "Solderen"]


def test_a_stale_form_of_a_submitted_service_keeps_what_was_typed(peeters):
    peeters.get(NEW)
    overview = peeters.submit("Bewaren als concept", SERVICE)
    edit = peeters.get(overview.soup.find("a", string=SERVICE["name"])["href"])
    peeters.submit("Bewaren en indienen")

    peeters.page = edit
    page = peeters.submit("Bewaren als concept", {"description": "Nieuwe tekst."})

    assert page.status == 409
    assert "Deze dienst is al ingediend en wijzigt niet meer." in page.text
    assert page.value_of("description") == "Nieuwe tekst."


def test_opening_the_link_again_keeps_an_open_form_valid(invitations, peeters):
    form = peeters.get(NEW)
    peeters.open_link(invitations[PEETERS])  # the same link, in another tab

    peeters.page = form
    page = peeters.submit("Bewaren als concept", SERVICE)

    assert "‘Lassen TIG voor beginners’ is bewaard als concept." in page.text


def test_a_link_pointing_to_an_odd_page_opens_the_start_page(invitations, new_browser):
    browser = new_browser()
    url = invitations[PEETERS] + "?naar=/dienstverlener/%0D%0ASet-Cookie:%20x=1"

    page = browser.open_link(url)

    assert page.status == 200
    assert page.url == "/dienstverlener/"


def test_odd_searches_on_the_public_list_are_answered(new_browser, app):
    browser = new_browser()
    for search in ("%00", "a%00b", "%0D%0A"):
        page = browser.get(f"/lijst?zoek={search}")
        assert page.status == 200
        assert "Lijst van geregistreerde diensten" in page.text


def test_an_expired_form_comes_back_with_everything_typed(peeters):
    peeters.get(NEW)

    page = peeters.submit(
        "Bewaren en indienen", {**SERVICE, "csrf_token": "verlopen-of-vervalst"}
    )

    assert page.status == 200
    assert "Het formulier was verlopen, zodat niets bewaard is." in page.text
    assert page.value_of("name") == SERVICE["name"]
    assert page.value_of("stem_reference") == SERVICE["stem_reference"]
    assert "CSRF" not in page.text
    page = peeters.submit("Bewaren en indienen")
    assert "‘Lassen TIG voor beginners’ is ingediend." in page.text
