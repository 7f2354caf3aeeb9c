"""Start-up configuration: defaults in development, nothing guessed in production."""

import pytest

from webform import create_app

PRODUCTION_KEYS = ("SECRET_KEY", "DATABASE_URL", "MAIL_SERVER", "APP_ENV")


@pytest.fixture
def clean_environment(monkeypatch):
    for key in PRODUCTION_KEYS:
        monkeypatch.delenv(key, raising=False)
    return monkeypatch


def test_production_without_settings_stops_with_their_names(clean_environment):
    with pytest.raises(SystemExit) as refused:
        create_app()

    message = str(refused.value)
    assert message.startswith("Configuratiefout: APP_ENV=production needs")
    assert "SECRET_KEY, DATABASE_URL, MAIL_SERVER" in message
    assert "APP_ENV=development" in message


def test_production_reads_the_environment(clean_environment):
    clean_environment.setenv("SECRET_KEY", "s3cret")
    clean_environment.setenv("DATABASE_URL", "postgresql://db.example/webform")
    clean_environment.setenv("MAIL_SERVER", "smtp.example")

    app = create_app()

    assert app.config["SQLALCHEMY_DATABASE_URI"] == (
        "postgresql+psycopg://db.example/webform"
    )
    assert app.config["MAIL_SERVER"] == "smtp.example"
    assert "dev.mailbox" not in app.view_functions


def test_development_has_defaults_and_the_mail_page(clean_environment):
    clean_environment.setenv("APP_ENV", "development")

    app = create_app()

    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert app.config["MAIL_PORT"] == 8025
    assert "dev.mailbox" in app.view_functions
