"""The `mail` commands: list by state, show, retry, count per day."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from notify.outbox import enqueue
from webform.extensions import db

pytestmark = pytest.mark.usefixtures("test_mail_template")


class RefuseOne:
    """Refuses the address weg@example.be for good, takes the rest."""

    def __init__(self, inbox):
        self.inbox = inbox

    async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802 (aiosmtpd's hook name)
        if address == "weg@example.be":
            return "550 5.1.1 Onbekende ontvanger"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        return await self.inbox.handle_DATA(server, session, envelope)


def queue(app, key, to):
    with app.app_context():
        enqueue(db.session, key=key, to=to, to_name="Test", template="test_mail")
        db.session.commit()


def test_failed_mail_is_listed_with_the_answer_and_can_be_retried(app, smtp, cli):
    smtp.stop()
    smtp.start(handler=RefuseOne(smtp))
    queue(app, "t:weg", "weg@example.be")
    queue(app, "t:er", "er@example.be")
    with time_machine.travel(
        datetime(2027, 1, 4, 9, tzinfo=ZoneInfo("Europe/Brussels"))
    ):
        cli("jobs", "run-due")

        failed = cli("mail", "list", "--state", "failed")
        sent = cli("mail", "list", "--state", "sent")
        shown = cli("mail", "show", 1)
        stats = cli("mail", "stats")
        retried = cli("mail", "retry")
        pending = cli("mail", "list", "--state", "pending")

    assert "weg@example.be" in failed
    assert "[550 5.1.1 Onbekende ontvanger]" in failed
    assert "er@example.be" not in failed
    assert "er@example.be" in sent
    assert "Antwoord van de server: 550 5.1.1 Onbekende ontvanger" in shown
    assert "Onderwerp: Proef – één bericht met accenten én ‘aanhalingstekens’" in shown
    assert stats.strip() == "04/01/2027  1"
    assert retried.strip() == "1 bericht staat opnieuw in de wachtrij."
    assert "weg@example.be" in pending
