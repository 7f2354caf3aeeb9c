"""A double click or a back button never makes a second service or mail."""

from tests.webform.conftest import PEETERS

SERVICE = {
    "name": "Lassen TIG voor beginners",
    "description": "Basistechnieken van het TIG-lassen.",
    "target_group": "Werknemers in de metaalsector.",
    "criterion": "stem",
    "stem_reference": "https://www.onderwijskiezer.be/lassen",
}
ALREADY = "Dit formulier was al bewaard; er is geen tweede dienst gemaakt."


def service_names(page):
    return [row.find("a").get_text() for row in page.soup.find("tbody").find_all("tr")]


def test_submitting_the_same_new_form_twice_makes_one_service(peeters, cli, smtp):
    form = peeters.get("/dienstverlener/diensten/nieuw")

    first = peeters.submit("Bewaren en indienen", SERVICE)
    peeters.page = form
    second = peeters.submit("Bewaren en indienen", SERVICE)
    cli("jobs", "run-due")

    assert "is ingediend" in first.text
    assert ALREADY in second.text
    assert service_names(second) == ["Lassen TIG voor beginners"]
    confirmations = [
        m for m in smtp.to(PEETERS) if m["Subject"].startswith("Bevestiging")
    ]
    assert len(confirmations) == 1


def test_submitting_all_drafts_twice_submits_once(peeters):
    peeters.get("/dienstverlener/diensten/nieuw")
    overview = peeters.submit("Bewaren als concept", SERVICE)

    peeters.submit("volledige concepten indienen")
    peeters.page = overview
    again = peeters.submit("volledige concepten indienen")

    assert again.status == 200
    assert "Er waren geen volledige concepten meer om in te dienen." in again.text
