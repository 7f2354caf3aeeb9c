"""Who opens which staff page: each actor reaches only their own work."""

from tests.review.conftest import (
    LASSEN,
    opened,
    post_with_own_token,
    resubmit,
    service_path,
    table_rows,
)
from tests.samples import (
    BRAM,
    CELIK,
    CNC,
    ENERGIE,
    KAREL,
    LOTTE,
    SOFIE,
    VCA,
)

# Service 1 is Bram's "Lassen TIG voor beginners", the first one submitted.
REVIEWER_PAGES = ["/beoordelen/", "/beoordelen/diensten/1"]
CHAMBER_PAGE = "/kwaliteitskamer/"
MINISTER_PAGE = "/kabinet/"
VERDICT = {"verdict": "ineligible", "motivation": "Niet mijn dienst."}
ADVICE = {"overall": "Niet mijn advies."}
APPROVAL = {"exclusions-0-item_id": "1", "exclusions-0-reason": "Niet mijn lijst."}
# What a POST to each page that takes one would change.
CHANGES = {
    "/beoordelen/diensten/1": VERDICT,
    CHAMBER_PAGE: ADVICE,
    MINISTER_PAGE: APPROVAL,
}


def assert_forbidden(browser, link, pages):
    """Neither reading (GET) nor changing (POST) gets through.

    The POST carries a valid CSRF token of the browser's session, read from the
    landing page of the holder's own link (a GET, which changes nothing).
    """
    browser.get(link)
    for page in pages:
        if page in CHANGES:
            answer = post_with_own_token(browser, page, CHANGES[page])
            assert (page, answer.status) == (page, 403)
        assert (page, browser.get(page).status) == (page, 403)
        assert browser.page.text.startswith("Geen toegang")
        browser.get(link)


# Reviewers ---------------------------------------------------------------


DUE = "26/01/2027"  # assigned on Tuesday 12 January: ten working days later
REVIEW = "in beoordeling"


def test_reviewer_sees_their_services_and_records_a_verdict_once(
    assignments, new_browser
):
    bram = opened(new_browser, assignments[BRAM].overview)
    assert table_rows(bram.page) == [
        [LASSEN["name"], "Çelik Lasopleidingen bv", "Knelpuntberoep", DUE, REVIEW],
        [ENERGIE["name"], "Çelik Advies bv", "Toekomstig tekort", DUE, REVIEW],
    ]

    form = bram.get(service_path(assignments[BRAM].services[LASSEN["name"]]))
    assert form.soup.find("h1").get_text() == f"Beoordelen: {LASSEN['name']}"
    page = bram.submit(
        "Beoordeling bewaren",
        {"verdict": "eligible", "motivation": "Leidt op tot manueel lasser."},
    )
    assert "Uw beoordeling van ‘Lassen TIG voor beginners’ is bewaard." in page.text
    assert table_rows(page)[0][4] == "komt in aanmerking"

    # The same form, sent again from another tab, does not overwrite the verdict.
    page = resubmit(bram, form, "Beoordeling bewaren", VERDICT)
    assert page.status == 200
    assert "U beoordeelde deze dienst al; uw beoordeling staat hieronder." in page.text
    assert "Leidt op tot manueel lasser." in page.text
    assert table_rows(bram.get("/beoordelen/"))[0][4] == "komt in aanmerking"


def test_reviewer_cannot_open_or_assess_another_reviewers_service(
    assignments, new_browser
):
    sofies_service = service_path(assignments[SOFIE].services[CNC["name"]])
    bram = opened(new_browser, assignments[BRAM].services[LASSEN["name"]])

    assert bram.get(sofies_service).status == 404
    bram.get(service_path(assignments[BRAM].services[LASSEN["name"]]))
    page = post_with_own_token(bram, sofies_service, VERDICT)

    assert page.status == 404
    assert page.text.startswith("Pagina niet gevonden")
    sofie = opened(new_browser, assignments[SOFIE].overview)
    assert [row[4] for row in table_rows(sofie.page)] == [
        "in beoordeling",
        "in beoordeling",
    ]
    page = sofie.get(sofies_service)
    assert page.form(button="Beoordeling bewaren") is not None


# Chamber members and the minister's office -------------------------------


def test_chamber_member_gives_advice_and_sees_only_their_own(advice_links, new_browser):
    karel = opened(new_browser, advice_links[KAREL])
    names = [h2.get_text() for h2 in karel.page.soup.select("section h2")]
    assert names == [LASSEN["name"], CNC["name"], ENERGIE["name"], VCA["name"]]
    page = karel.submit("Advies bewaren", {"overall": "Positief advies."})
    assert "Uw advies is bewaard." in page.text

    lotte = opened(new_browser, advice_links[LOTTE])
    assert lotte.page.value_of("overall") == ""
    lotte.submit("Advies bewaren", {"overall": "Akkoord."})

    assert karel.get(CHAMBER_PAGE).value_of("overall") == "Positief advies."
    assert lotte.get(CHAMBER_PAGE).value_of("overall") == "Akkoord."


def test_minister_office_reads_the_list_and_approves(approval_link, new_browser):
    office = opened(new_browser, approval_link)
    sections = office.page.soup.select("section.evidence")
    can_exclude = [s.h3.get_text() for s in sections if s.textarea]
    assert can_exclude == [LASSEN["name"], CNC["name"], ENERGIE["name"]]
    assert [s.h3.get_text() for s in sections if not s.textarea] == [VCA["name"]]

    page = office.submit("Lijst goedkeuren")

    assert "De lijst is goedgekeurd." in page.text


# Links that do not open other actors' pages -------------------------------


def test_each_link_opens_only_its_holders_pages(
    invitations, assignments, advice_links, approval_link, new_browser
):
    links = [
        (invitations[CELIK], [*REVIEWER_PAGES, CHAMBER_PAGE, MINISTER_PAGE]),
        (assignments[BRAM].overview, [CHAMBER_PAGE, MINISTER_PAGE]),
        (advice_links[KAREL], [*REVIEWER_PAGES, MINISTER_PAGE]),
        (approval_link, [*REVIEWER_PAGES, CHAMBER_PAGE]),
    ]
    for link, other_pages in links:
        assert_forbidden(opened(new_browser, link), link, other_pages)

    office = opened(new_browser, approval_link)
    assert office.page.form(button="Lijst goedkeuren") is not None
    karel = opened(new_browser, advice_links[KAREL])
    assert "Positief advies." in karel.page.text
    sofie = opened(new_browser, assignments[SOFIE].overview)
    assert [row[4] for row in table_rows(sofie.page)] == [
        "komt in aanmerking",
        "komt niet in aanmerking",
    ]


def test_without_an_opened_link_no_staff_page_opens(assignments, new_browser):
    stranger = new_browser()
    for page in [*REVIEWER_PAGES, CHAMBER_PAGE, MINISTER_PAGE]:
        assert (page, stranger.get(page).status) == (page, 403)

    # A mail scanner fetches a link (GET) but does not continue: not let in.
    scanner = new_browser()
    link = assignments[BRAM].overview
    assert scanner.get(link).status == 200
    assert_forbidden(scanner, link, [*REVIEWER_PAGES, CHAMBER_PAGE, MINISTER_PAGE])
