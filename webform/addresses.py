"""The one rule for mail addresses and names that go into a mail header."""

from email_validator import EmailNotValidError, validate_email

from webform.errors import UserError
from webform.text import one_line


def mail_address(text):
    """Return the address as our mail server can use it, or raise UserError.

    A domain with accents is written in its ASCII (punycode) form; an address
    with accents before the @ needs SMTPUTF8, which a relay may not offer.
    """
    typed = (text or "").strip()
    try:
        checked = validate_email(typed, check_deliverability=False)
    except EmailNotValidError:
        raise UserError(f"‘{typed}’ is geen geldig e-mailadres.") from None
    if checked.ascii_email is None:
        raise UserError(
            f"‘{typed}’: gebruik een e-mailadres zonder accenten of speciale "
            "tekens vóór de @."
        )
    return checked.ascii_email


def display_name(text):
    """A name on one line, with single spaces: it goes into mail headers."""
    return one_line(text or "")
