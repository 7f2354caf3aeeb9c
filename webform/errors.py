"""Errors users can act on, and the Dutch pages for HTTP errors."""

import logging

from flask import render_template
from flask_wtf.csrf import CSRFError

logger = logging.getLogger(__name__)

HTTP_ERRORS = {
    400: (
        "Ongeldige aanvraag",
        "Uw browser stuurde een aanvraag die we niet begrijpen.",
    ),
    403: (
        "Geen toegang",
        "U hebt geen toegang tot deze pagina. Kwam u hier via een persoonlijke "
        "link uit een e-mail? Open die link dan opnieuw.",
    ),
    404: (
        "Pagina niet gevonden",
        "Deze pagina bestaat niet (meer). Controleer het adres.",
    ),
    405: ("Niet toegestaan", "Deze actie is op deze pagina niet mogelijk."),
    413: (
        "Te groot",
        "Wat u verstuurde is te groot. Maak het kleiner en probeer opnieuw.",
    ),
    429: (
        "Te veel aanvragen",
        "U deed te veel aanvragen na elkaar. Wacht even en probeer opnieuw.",
    ),
    500: (
        "Er ging iets mis",
        "Er ging bij ons iets mis. Wat u eerder bewaarde, is niet verloren. "
        "Probeer het later opnieuw.",
    ),
}


class UserError(Exception):
    """An expected mistake by a user: shown as a friendly page, not logged as a bug."""

    status = 409

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def render_error(status, title, message):
    page = render_template("error.html", title=title, message=message, status=status)
    return page, status


def register(app):
    for status, (title, message) in HTTP_ERRORS.items():
        app.register_error_handler(status, error_page(status, title, message))

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(
            400,
            "Formulier verlopen",
            "Het formulier was verlopen of onvolledig. Ga terug, herlaad de "
            "pagina en verstuur het opnieuw.",
        )

    @app.errorhandler(UserError)
    def user_error(error):
        return render_error(error.status, "Dat kan niet", error.message)


def error_page(status, title, message):
    def handler(error):
        if status == 500:
            logger.error("internal error: %s", error)
        return render_error(status, title, message)

    return handler
