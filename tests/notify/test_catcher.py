"""The development mail catcher: mail in over SMTP, read and clicked on a page."""

import smtplib
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from notify.catcher import MaildirHandler
from tests.conftest import free_port
from webform import create_app


def test_caught_mail_is_listed_and_its_link_clickable(tmp_path):
    directory = tmp_path / "mailcatcher"
    catcher = Controller(
        MaildirHandler(str(directory)), hostname="127.0.0.1", port=free_port()
    )
    catcher.start()
    message = EmailMessage()
    message["From"] = "VLAIO <kmo-portefeuille@vlaio.example>"
    message["To"] = "Çelik Lasopleidingen <info@celik.example>"
    message["Subject"] = "Uitnodiging: registreer uw diensten"
    message.set_content("Open uw formulier:\nhttp://127.0.0.1:5000/link/abc123\n")
    try:
        with smtplib.SMTP("127.0.0.1", catcher.port) as connection:
            connection.send_message(message)
    finally:
        catcher.stop()
    app = create_app(
        {
            "APP_ENV": "development",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'dev.sqlite'}",
            "MAIL_CATCHER_DIR": str(directory),
        }
    )
    client = app.test_client()

    listing = client.get("/dev/mail").get_data(as_text=True)
    href = listing.split('href="/dev/mail/', 1)[1].split('"', 1)[0]
    shown = client.get(f"/dev/mail/{href}").get_data(as_text=True)

    assert "Uitnodiging: registreer uw diensten" in listing
    assert "Çelik Lasopleidingen &lt;info@celik.example&gt;" in listing
    assert '<a href="http://127.0.0.1:5000/link/abc123"' in shown


def test_mail_page_absent_outside_development(app):
    assert app.test_client().get("/dev/mail").status_code == 404
