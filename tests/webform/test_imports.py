"""Importing providers: every address can be mailed, every name fits a header."""

import pytest

from webform.extensions import db
from webform.models import Provider

BAD_ADDRESSES = {
    "geen-apenstaart.example": "‘geen-apenstaart.example’ is geen geldig e-mailadres.",
    "jörg@bücher.example": (
        "‘jörg@bücher.example’: gebruik een e-mailadres zonder accenten of "
        "speciale tekens vóór de @."
    ),
}


@pytest.mark.parametrize("address", BAD_ADDRESSES)
def test_an_address_that_cannot_be_mailed_is_refused_with_its_line(
    app, tmp_path, address
):
    providers = tmp_path / "providers.csv"
    providers.write_text(
        "registration_number,name,email\n"
        "DV.O100001,Goed bv,info@goed.example\n"
        f"DV.O100002,Fout bv,{address}\n",
        encoding="utf-8",
    )

    result = app.test_cli_runner().invoke(args=["import-providers", str(providers)])

    assert result.exit_code == 1
    assert result.output == (
        f"Geweigerd: {providers}, lijn 3: {BAD_ADDRESSES[address]}\n"
    )
    listed = app.test_cli_runner().invoke(args=["mail", "list"])
    assert listed.output == "Geen berichten.\n"


def test_accented_domain_and_multiline_name_are_made_mailable(app, cli, tmp_path):
    providers = tmp_path / "providers.csv"
    providers.write_text(
        "registration_number,name,email\n"
        'DV.O100001,"Bücher &\n  Co bv",info@bücher.example\n',
        encoding="utf-8",
    )

    cli("import-providers", providers)

    with app.app_context():
        provider = db.session.scalars(db.select(Provider)).one()
        assert (provider.name, provider.email) == (
            "Bücher & Co bv",
            "info@xn--bcher-kva.example",
        )
